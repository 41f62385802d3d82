"""Idle cost: main-thread task time while the highlight shows and nothing changes.

For each page (login-sized, 2,000 links), a fresh context opens the page; then for each
mode in turn (no overlay, our overlay, Playwright's ``locator.highlight()``, all on the same
role locator) it settles and reads CDP ``Performance.getMetrics`` ``TaskDuration`` before and
after a quiet window. ``timeDomain: threadTicks`` makes TaskDuration the renderer main
thread's CPU time rather than wall time, so other processes on a loaded machine inflate it
less. Reported as % of one core: delta TaskDuration / window length. Repeated
(3 times in a full run); the median repetition is reported. No probe script is injected here.
"""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import Browser, Locator, Page

from guide_runner.overlay import Overlay

from .common import Settings, median

SETTLE_MS = 800
PAGES = {
    "small": ("login.html", lambda page: page.get_by_role("button", name="Sign in")),
    "large": ("links.html", lambda page: page.get_by_role("link", name="Forgot your password?")),
}
MODES = ("none", "ours", "playwright")


def _task_seconds(cdp: Any) -> float:
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return float(next(m["value"] for m in metrics if m["name"] == "TaskDuration"))


def _window(page: Page, cdp: Any, seconds: float) -> float:
    page.wait_for_timeout(SETTLE_MS if seconds >= 2 else 300)
    before = _task_seconds(cdp)
    started = time.monotonic()
    page.wait_for_timeout(seconds * 1000)
    after = _task_seconds(cdp)
    return 100 * (after - before) / (time.monotonic() - started)


def _rep(browser: Browser, url: str, find: Any, seconds: float) -> dict[str, float]:
    """One repetition on one page: no overlay, then ours, then Playwright's, in turn on the
    same loaded page (each mode is taken away before the next: ``destroy()`` and
    ``hide_highlight()``)."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page: Page = context.new_page()
    out: dict[str, float] = {}
    try:
        page.goto(url)
        target: Locator = find(page)
        target.wait_for()
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
        out["none"] = _window(page, cdp, seconds)
        overlay = Overlay(page)
        overlay.show(target, text="Click here", step=1, total=3, lang="en")
        out["ours"] = _window(page, cdp, seconds)
        overlay.destroy()
        target.highlight()
        out["playwright"] = _window(page, cdp, seconds)
        page.hide_highlight()
        cdp.send("Performance.disable")
    finally:
        context.close()
    return out


def measure(browser: Browser, base: str, settings: Settings) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (path, find) in PAGES.items():
        runs: dict[str, list[float]] = {mode: [] for mode in MODES}
        for _ in range(settings.idle_reps):
            got = _rep(browser, base + path, find, settings.idle_seconds)
            for mode in MODES:
                runs[mode].append(got[mode])
        out[name] = {mode: median(values) for mode, values in runs.items()}
        out[name]["runs"] = {mode: [round(v, 2) for v in values] for mode, values in runs.items()}
    return out
