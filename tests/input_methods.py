"""The Playwright methods a safety test forbids: one list for the runner's and the live
checker's proofs (tests/runner/spy.py, tests/check/test_live_mode.py), which the product's
own guard list (guide_runner.runner.safe_page.INPUT_METHODS) must cover."""

from __future__ import annotations

from playwright.sync_api import _generated as generated

# Acts on a page the way a person would (or dispatches events for it).
ACTING = (
    "click",
    "dblclick",
    "fill",
    "type",
    "press",
    "press_sequentially",
    "check",
    "uncheck",
    "set_checked",
    "select_option",
    "select_text",
    "drag_to",
    "drag_and_drop",
    "set_input_files",
    "dispatch_event",
    "tap",
    "hover",
    "focus",
    "blur",
    "clear",
)
# Reads what a person may have typed.
READING = (
    "input_value",
    "inner_text",
    "text_content",
    "inner_html",
    "all_inner_texts",
    "all_text_contents",
)
HANDLES = ("Locator", "Page", "Frame", "ElementHandle")
DEVICES = {
    "Keyboard": ("down", "up", "press", "type", "insert_text"),
    "Mouse": ("click", "dblclick", "down", "up", "move", "wheel"),
    "Touchscreen": ("tap",),
}


def forbidden(*, reading: bool) -> dict[str, tuple[str, ...]]:
    """Class name in ``playwright.sync_api`` → the listed methods it has. ``reading`` adds
    the methods that read typed values to those that act."""
    names = ACTING + READING if reading else ACTING
    out = {cls: tuple(n for n in names if hasattr(getattr(generated, cls), n)) for cls in HANDLES}
    return {**out, **DEVICES}
