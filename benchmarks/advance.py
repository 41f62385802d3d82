"""Advance latency: the simulated person clicks the target; how long until the next step's
outline is drawn. Once on the same page, once across a navigation.

The runner's engine (guide_runner.runner.engine.Engine) needs a whole guide, pinned https
origins, a page tracker and a key source, and exposes no hook for timing one transition,
so this drives the overlay and the completion checks the way the engine does: drain the
overlay's signals, check the step's ``done_when`` with guide_runner.completion, and when not
done wait for the page's next change or ``POLL_MS`` at most (Settings.poll_ms, 100 ms), as
PageTracker.tick does with guide_runner.wake; when done, arm the page for the next step's
target (``Overlay.expect``, which outlines a target already there at once) and then
``Overlay.show`` its locator, as the engine's first look at a step does.

- same page: step 1 "Edit e-mail" (done_when: activated, the overlay's click signal); the
  click reveals the next step's field "New e-mail address" on the same page;
- navigation: step 1 the link "Two-step verification" (done_when: url ``*/step2.html``);
  step 2 the button "Move to a new phone" on the new page.

The click is made by a page script (``element.click()``) after a random delay, so it falls
at a random moment of the engine's tick, as a person's would. Start = the click (page
clock, kept across the navigation in sessionStorage); end = the next outline drawn
(probes/probe.js). ``detect_ms``/``show_ms`` split the time, using the Python process's
wall clock against the page's (same machine clock); ``show_call_p50`` times the expect and
show calls together.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Browser, Locator, Page

from guide_runner.completion import Signals, url_matches
from guide_runner.overlay import Overlay, PageQuery
from guide_runner.wake import Waker

from .common import PROBE, Settings, percentiles

POLL_MS = 100.0


def _wait_like_engine(page: Page, overlay: Overlay, done: Callable[[Signals], bool]) -> None:
    signals = Signals()
    waker = Waker(page, cap=POLL_MS / 1000)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        for signal in overlay.events():
            if signal.kind == "activated":
                signals.activated = True
        if done(signals):
            return
        waker.wait(POLL_MS / 1000)
    raise TimeoutError("the step never completed")


def _trial(page: Page, overlay: Overlay, base: str, navigation: bool, delay: float) -> Any:
    page.goto(base + "step1.html")
    first: Locator
    if navigation:
        first = page.get_by_role("link", name="Two-step verification")
        overlay.show(first, text="Open two-step verification", step=1, total=2, lang="en")
        page.evaluate(
            "([d, o]) => __bench.later('click', d, o)",
            [delay, {"selector": "#next-page", "armNext": {"kind": "ours", "selector": "#move"}}],
        )
        _wait_like_engine(page, overlay, lambda _s: url_matches(page.url, "*/step2.html"))
        detected = time.time() * 1000
        move = PageQuery.by_role("button", "Move to a new phone")
        overlay.expect([move], text="Move it", step=2, total=2, lang="en")
        overlay.show(
            page.get_by_role("button", name="Move to a new phone"),
            text="Move it",
            step=2,
            total=2,
            lang="en",
        )
    else:
        first = page.get_by_role("button", name="Edit e-mail")
        overlay.show(first, text="Click Edit", step=1, total=2, lang="en")
        page.evaluate(
            "([d, o]) => __bench.later('click', d, o)",
            [delay, {"selector": "#edit", "arm": {"kind": "ours", "selector": "#new-email"}}],
        )
        _wait_like_engine(page, overlay, lambda s: s.activated)
        detected = time.time() * 1000
        # A field found by its label: nothing the page can look for (no call is made).
        overlay.expect([PageQuery.other()], text="Type", step=2, total=2, lang="en")
        overlay.show(
            page.get_by_label("New e-mail address"), text="Type", step=2, total=2, lang="en"
        )
    shown = time.time() * 1000
    result = page.evaluate("() => __bench.result(5000)")
    if not result:
        return None
    return {
        "latency": float(result["latency"]),
        "detect": detected - float(result["startedAt"]),
        "show": float(result["drawnAt"]) - detected,
        "python_show_call": shown - detected,
    }


def measure(browser: Browser, base: str, settings: Settings) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.add_init_script(path=str(PROBE))
    overlay = Overlay(page, inspectable=True)
    rng = random.Random(11)
    out: dict[str, Any] = {}
    try:
        for name, navigation in (("same_page", False), ("navigation", True)):
            _trial(page, overlay, base, navigation, 30)  # warm-up
            got = [
                _trial(page, overlay, base, navigation, rng.uniform(20, 220))
                for _ in range(settings.advance_trials)
            ]
            ok = [g for g in got if g]
            out[name] = {
                **percentiles([g["latency"] for g in ok]),
                "detect_p50": percentiles([g["detect"] for g in ok])["p50"],
                "show_p50": percentiles([g["show"] for g in ok])["p50"],
                "show_call_p50": percentiles([g["python_show_call"] for g in ok])["p50"],
                "trials": settings.advance_trials,
                "failed": len(got) - len(ok),
            }
    finally:
        overlay.destroy()
        context.close()
    out["method"] = (
        f"engine-like loop (wake on change, {POLL_MS:.0f} ms at most) over Overlay + completion"
    )
    return out
