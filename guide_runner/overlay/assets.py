"""The overlay's in-page files, read once from the package and shaped for injection."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

GLOBAL_NAME = "__guideRunnerOverlay"
BINDING_NAME = "__guideRunnerSignal"


@cache
def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@cache
def install_function() -> str:
    """One function expression taking the install config: overlay.js given match.js's
    matcher (two real files, each one function expression, joined here)."""
    return f"(config) => ({_read('overlay.js')}\n)(config, ({_read('match.js')}\n)())"


def install_config(
    *, inspectable: bool = False, origins: Sequence[str] | None = None
) -> dict[str, Any]:
    """What overlay.js needs: the stylesheet text, the binding it signals through, and the
    origins whose top documents may draw (None: any)."""
    return {
        "css": _read("overlay.css"),
        "binding": BINDING_NAME,
        "inspectable": inspectable,
        "origins": list(origins) if origins is not None else None,
    }


def init_script(*, inspectable: bool = False, origins: Sequence[str] | None = None) -> str:
    """The install function applied to its config, for add_init_script (which takes no args)."""
    config = json.dumps(install_config(inspectable=inspectable, origins=origins))
    return f"({install_function()}\n)({config});"
