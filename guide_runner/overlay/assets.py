"""The overlay's in-page files, read once from the package and shaped for injection."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

GLOBAL_NAME = "__guideRunnerOverlay"
BINDING_NAME = "__guideRunnerSignal"

_PINNED_TOP_JS = """((pins) => {
  if (pins === null) return true;
  let origin = null;
  try { origin = window.top.location.origin; } catch (_) { return false; }
  for (let i = 0; i < pins.length; i += 1) if (pins[i] === origin) return true;
  return false;
})"""


@cache
def _pinned_top(pins: tuple[str, ...] | None) -> str:
    return f"{_PINNED_TOP_JS}({json.dumps(list(pins) if pins is not None else None)})"


def pinned_top(origins: Sequence[str] | None) -> str:
    """A JavaScript expression: whether the top document is on one of ``origins`` (None:
    any), read when the call it is in runs. Every call that hands the page a show id checks
    it first: a look-alike reached after the caller's own check of the address could
    otherwise define the overlay's API itself and learn the id. The origins are written into
    the expression (an argument passes through code the page can replace, such as the array
    iterator); ``location`` cannot be redefined by a page, and no prototype method is used.
    """
    return _pinned_top(tuple(origins) if origins is not None else None)


@cache
def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@cache
def install_function() -> str:
    """One function expression taking the install config: overlay.js given match.js's
    matcher (two real files, each one function expression, joined here)."""
    return f"(config) => ({_read('overlay.js')}\n)(config, ({_read('match.js')}\n)())"


def install_config(
    *, inspectable: bool = False, origins: Sequence[str] | None = None, at_start: bool = False
) -> dict[str, Any]:
    """What overlay.js needs: the stylesheet text, the binding it signals through, the
    origins whose top documents may draw (None: any), and whether it runs as the init script
    (before any page script: the timers it takes are the browser's own)."""
    return {
        "css": _read("overlay.css"),
        "binding": BINDING_NAME,
        "inspectable": inspectable,
        "origins": list(origins) if origins is not None else None,
        "atStart": at_start,
    }


def init_script(*, inspectable: bool = False, origins: Sequence[str] | None = None) -> str:
    """The install function applied to its config, for add_init_script (which takes no args)."""
    config = json.dumps(install_config(inspectable=inspectable, origins=origins, at_start=True))
    return f"({install_function()}\n)({config});"
