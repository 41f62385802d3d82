"""PyYAML's safe loader, libyaml's C version when PyYAML was built with it (about ten times
faster than the pure-Python one: guides and the practice site's labels load at start-up)."""

from __future__ import annotations

from typing import Any

import yaml

# CSafeLoader is not a subclass of SafeLoader (a C parser with the same constructor).
SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load``, with the fastest safe loader there is.

    libyaml's error messages are terser ("found character that cannot start any token"
    without saying which): a text it rejects is parsed again by the pure-Python loader,
    which raises the same error at the same line, worded better.
    """
    try:
        return yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        if SAFE_LOADER is yaml.SafeLoader:
            raise
        return yaml.load(text, Loader=yaml.SafeLoader)
