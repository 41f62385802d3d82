"""Idle cost: main-thread task time while the highlight shows and nothing changes.

For each page (login-sized, 2,000 links) and each mode (no overlay, our overlay, Playwright's
``locator.highlight()``), a fresh context opens the page, shows the highlight on the same
role locator, settles, then reads CDP ``Performance.getMetrics`` ``TaskDuration`` before and
after a quiet window. ``timeDomain: threadTicks`` makes TaskDuration the renderer main
thread's CPU time rather than wall time, so other processes on a loaded machine inflate it
less. Reported as % of one core: delta TaskDuration / window length. Modes are interleaved
and repeated; the median repetition is reported. No probe script is injected here.
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


def _one(browser: Browser, url: str, find: Any, mode: str, seconds: float) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page: Page = context.new_page()
    overlay: Overlay | None = None
    try:
        page.goto(url)
        target: Locator = find(page)
        target.wait_for()
        if mode == "ours":
            overlay = Overlay(page)
            overlay.show(target, text="Click here", step=1, total=3, lang="en")
        elif mode == "playwright":
            target.highlight()
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
        page.wait_for_timeout(SETTLE_MS)
        before = _task_seconds(cdp)
        started = time.monotonic()
        page.wait_for_timeout(seconds * 1000)
        after = _task_seconds(cdp)
        elapsed = time.monotonic() - started
        cdp.send("Performance.disable")
        return 100 * (after - before) / elapsed
    finally:
        if overlay is not None:
            overlay.destroy()
        context.close()


def measure(browser: Browser, base: str, settings: Settings) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (path, find) in PAGES.items():
        runs: dict[str, list[float]] = {mode: [] for mode in MODES}
        for _ in range(settings.idle_reps):
            for mode in MODES:
                runs[mode].append(_one(browser, base + path, find, mode, settings.idle_seconds))
        out[name] = {mode: median(values) for mode, values in runs.items()}
        out[name]["runs"] = {mode: [round(v, 2) for v in values] for mode, values in runs.items()}
    return out
