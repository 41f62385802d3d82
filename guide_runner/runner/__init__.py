"""The walk-through runner: guides a person through real pages, one highlighted step at a time.

Modules, one job each: ``engine`` (the step state machine), ``safe_page`` (the look-only
page interface the engine gets), ``origins`` (origin pinning), ``tracker`` (tabs, popups,
closed windows), ``recognize`` (which step a page belongs to), ``keys`` and ``companion``
(the terminal), ``highlight`` (the overlay adapter), ``drift`` (notes when a page changed),
``session`` (opening the browser for ``run``), ``demo`` and ``report`` (the practice demo
and its walkthrough report). docs/runner.md and docs/safety.md describe them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from guide_runner.runner.engine import Engine, Outcome, Settings, StepView
    from guide_runner.runner.origins import ParameterError, Pins
    from guide_runner.runner.safe_page import SafeLocator, SafePage
    from guide_runner.runner.tracker import PageTracker

# Loaded on first use: importing one small module (messages, launch) must not pull in the
# engine, Playwright and the guide models, which start-up wants to load in parallel.
_HOMES = {
    "Engine": "engine",
    "Outcome": "engine",
    "Settings": "engine",
    "StepView": "engine",
    "ParameterError": "origins",
    "Pins": "origins",
    "SafeLocator": "safe_page",
    "SafePage": "safe_page",
    "PageTracker": "tracker",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)


__all__ = [
    "Engine",
    "Outcome",
    "PageTracker",
    "ParameterError",
    "Pins",
    "SafeLocator",
    "SafePage",
    "Settings",
    "StepView",
]
