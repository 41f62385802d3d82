"""Origin pinning: the overlay and instructions appear only on the guide's HTTPS origins.

An origin is pinned when it is *exactly* one of the guide's origins after the parameters
are filled in: same scheme (https only), same host, same port. Look-alikes such as
``connect-visma.com``, ``connect.visma.com.evil.example``, punycode hosts or plain
``http://connect.visma.com`` are not pinned, whatever they look like.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Literal
from urllib.parse import urlsplit

from guide_runner.guide.model import Guide
from guide_runner.guide.texts import fill

# Why https_origin refused a value, for callers that say it in the person's own words.
OriginProblem = Literal["not_https", "has_path", "not_address"]


class ParameterError(ValueError):
    """A parameter value the guide cannot use; the message says why, and ``reason`` (set by
    :func:`https_origin`, else None) says it in a word."""

    def __init__(self, message: str, reason: OriginProblem | None = None) -> None:
        super().__init__(message)
        self.reason = reason


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` in lower case, default ports dropped; None without a host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if not parts.scheme or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    host = parts.hostname.lower()
    default = {"https": 443, "http": 80}.get(scheme)
    return f"{scheme}://{host}" + (f":{port}" if port is not None and port != default else "")


# A host name as browsers show it: dot-separated labels of letters, digits and inner dashes.
_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")


def https_origin(value: str) -> str:
    """Validate an ``https-origin`` parameter: ``https://host[:port]`` and nothing else.

    A name with letters such as æ, ø or å is turned into the xn-- form the browser's address
    has, so the pin matches; wildcards and other characters are refused."""
    value = value.strip().rstrip("/")
    not_an_address = ParameterError(
        f"{value!r} is not an address such as https://kommune.visma.no", "not_address"
    )
    try:
        parts = urlsplit(value)
    except ValueError:  # "https://[::1": an unclosed IPv6 bracket
        raise not_an_address from None
    if parts.scheme.lower() != "https":
        raise ParameterError(f"{value!r} must start with https://", "not_https")
    if not parts.hostname or parts.username or parts.password:
        raise not_an_address
    if parts.path or parts.query or parts.fragment:
        raise ParameterError(f"{value!r} must be only the address, without a path", "has_path")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
        port = parts.port
    except (UnicodeError, ValueError):
        raise not_an_address from None
    if not _HOST.fullmatch(host):
        raise not_an_address
    return f"https://{host}" + (f":{port}" if port is not None and port != 443 else "")


class Pins:
    """The exact HTTPS origins a guide may show instructions on."""

    def __init__(self, origins: Iterable[str]):
        pinned: set[str] = set()
        for raw in origins:
            origin = origin_of(raw)
            if origin is None or not origin.startswith("https://"):
                raise ParameterError(f"{raw!r} is not an https origin")
            pinned.add(origin)
        self.origins = frozenset(pinned)

    @classmethod
    def for_guide(cls, guide: Guide, params: Mapping[str, str]) -> Pins:
        return cls(fill(o, params) for o in guide.origins)

    def allows(self, url: str) -> bool:
        return origin_of(url) in self.origins

    def __repr__(self) -> str:
        return f"Pins({sorted(self.origins)})"


def is_web(url: str) -> bool:
    """An http(s) page, as opposed to about:blank, chrome-error:// and the like."""
    return url.startswith(("http://", "https://"))


def shows_content(url: str) -> bool:
    """A page someone made: the web, or a blob:, data: or file: document. Not about:blank,
    which every new tab shows before it loads, nor the browser's own error pages."""
    return is_web(url) or url.startswith(("blob:", "data:", "file:", "filesystem:"))
