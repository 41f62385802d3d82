"""Addresses as they may be shown or written down: no query, no fragment, no tokens.

A reset link carries its token in the query (or sometimes the path); the runner never
prints, logs or stores it. Everything that leaves the runner goes through :func:`safe_address`.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from guide_runner.runner.origins import origin_of

# A path segment that looks like a token or code rather than a word: long, or mixing
# letters and digits in a way page names do not.
_TOKENISH = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9_\-=.~%]{12,}$|^[A-Za-z0-9_\-=.~%]{32,}$")
# Six digits or more are a code or an account/reset number, never a page's name
# (``/step/2`` stays); looked for also percent-decoded.
_DIGIT_RUN = re.compile(r"\d{6}")


def _tokenish(segment: str) -> bool:
    return bool(_TOKENISH.match(segment) or _DIGIT_RUN.search(unquote(segment)))


def _scrubbed(path: str) -> str:
    return "/".join("…" if _tokenish(s) else s for s in path.split("/"))


def safe_address(url: str) -> str:
    """``origin + path`` with token-like path segments replaced by ``…``."""
    origin = origin_of(url)
    if origin is None:
        # No host (about:, blob:, file:): the same segments could carry a token.
        return _scrubbed(url.split("?", 1)[0].split("#", 1)[0])
    return origin + _scrubbed(urlsplit(url).path or "/")


def place_address(origin: str, path: str) -> str:
    """A step's place as a person can type it: the pattern without its wildcards."""
    shown = path.split("*", 1)[0] or "/"
    return origin + shown
