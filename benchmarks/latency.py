"""Highlight latency: the target appears at time T; how long until the outline is drawn.

Ours: ``Overlay.show(locator, in_page=...)`` (the public API; the runner's engine arms the
same in-page matcher with ``Overlay.expect`` while a target is missing), called before T.
Baseline: Playwright's ``locator.wait_for()`` + ``locator.highlight()``, called before T.
Both run in the same browser, interleaved trial by trial, with the same random delays.

Two scenarios:
- insert: the target is added to the DOM at T (ours: the overlay's in-page matcher outlines
  it in the frame it appears and Python's next look confirms it; Playwright polls from the
  driver side);
- reveal: the target is already in the DOM but hidden, and is unhidden at T (our overlay
  has been shown on it and follows it in the page; Playwright waits for visibility).

What "drawn" means is in probes/probe.js: the end of the rendering update of the first
animation frame containing the outline — for ours, the ring in the overlay's shadow root
positioned on the target's box (the overlay runs with ``inspectable=True`` so the probe can
see the ring; nothing else changes); for Playwright, its highlight host element
``x-pw-glass`` inserted (its highlight box lives in a closed shadow root and is positioned
in Playwright's first animation-frame callback after the insertion, which runs before the
probe's own callback in that frame).
"""

from __future__ import annotations

import random
from typing import Any

from playwright.sync_api import Browser, Locator, Page

from guide_runner.overlay import Overlay, PageQuery

from .common import PROBE, Settings, percentiles

TARGET = "#target"
# The insert scenario's target described for the overlay's in-page matcher (match.js).
IN_PAGE = [PageQuery.by_role("button", "Continue")]


def _page(browser: Browser, url: str) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.add_init_script(path=str(PROBE))
    page.goto(url)
    return page


def _locator(page: Page, scenario: str) -> Locator:
    # Role locators do not match hidden elements, so the reveal scenario (our overlay shown on
    # the hidden target) uses a CSS locator on both sides.
    if scenario == "reveal":
        return page.locator(TARGET)
    return page.get_by_role("button", name="Continue")


def _later(page: Page, scenario: str, delay: float, arm: dict[str, Any]) -> None:
    """The probe changes the page (scenario "insert" or "reveal") after ``delay`` ms."""
    page.evaluate("([a, d, o]) => __bench.later(a, d, o)", [scenario, delay, {"arm": arm}])


def _latency(page: Page) -> float | None:
    """The trial's latency once drawn (probes/probe.js), or None when it never was."""
    result = page.evaluate("() => window.__bench.result(5000)")
    return float(result["latency"]) if isinstance(result, dict) else None


def _ours_trial(
    page: Page, overlay: Overlay, scenario: str, delay: float, *, in_page: bool = True
) -> float | None:
    """``in_page=False``: Python's looks alone (the product's path before the early outline)."""
    page.evaluate("() => benchPage.reset()")
    locator = _locator(page, scenario)
    arm = {"kind": "ours", "selector": TARGET}
    if scenario == "reveal":
        page.evaluate("() => benchPage.prepareReveal()")
        overlay.show(locator, text="Continue here", step=2, total=5, lang="en")
    _later(page, scenario, delay, arm)
    if scenario == "insert":
        overlay.show(
            locator,
            text="Continue here",
            step=2,
            total=5,
            lang="en",
            in_page=IN_PAGE if in_page else (),
        )
    latency = _latency(page)
    overlay.hide()
    return latency


# Prototype of the fix recommended for guide_runner/overlay/targets.py place(): instead of
# Playwright's server-side polling (retries after 20, 50, 100, 100, 500 ms), wake up on the
# page's next DOM change and look again. Arm first, then look, then wait: no change is missed.
_ARM_WAKE = """() => { window.__benchWake = new Promise((resolve) => {
  const done = () => { observer.disconnect(); clearTimeout(timer); resolve(); };
  const observer = new MutationObserver(done);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
  const timer = setTimeout(done, 250);
}); }"""


def _wait_event_driven(page: Page, locator: Locator) -> None:
    while True:
        page.evaluate(_ARM_WAKE)
        if locator.count() == 1:
            return
        page.evaluate("() => window.__benchWake")


def _event_wait_trial(page: Page, overlay: Overlay, delay: float) -> float | None:
    page.evaluate("() => benchPage.reset()")
    locator = _locator(page, "insert")
    arm = {"kind": "ours", "selector": TARGET}
    _later(page, "insert", delay, arm)
    _wait_event_driven(page, locator)
    overlay.show(locator, text="Continue here", step=2, total=5, lang="en")
    latency = _latency(page)
    overlay.hide()
    return latency


# The best any look through Python could do: the same wait in the page as Overlay.show, but
# each look is ONE plain call (``frame.evaluate``, a CSS query) instead of a Playwright
# locator query (``evaluate_all``: the query, then the function, two calls in the driver).
# What is left is the round trip itself and the frame grid. Not the product's code path:
# it bounds what a one-round-trip look (e.g. a custom selector engine) could gain.
_LOOK_ONE_CALL = """async ([options, wait]) => {
  const api = window.__guideRunnerOverlay;
  const els = document.querySelectorAll("#target");
  if (els.length === 1) return api.show(els[0], options) ? "shown" : "route";
  if (!wait) return "none";
  return api.waitForChange(wait, 0);
}"""


def _one_call_trial(page: Page, overlay: Overlay, delay: float, show_id: int) -> float | None:
    page.evaluate("() => benchPage.reset()")
    options = {"showId": show_id, "text": "Continue here", "step": 2, "total": 5, "lang": "en"}
    arm = {"kind": "ours", "selector": TARGET}
    _later(page, "insert", delay, arm)
    frame = page.main_frame
    frame.evaluate("() => window.__guideRunnerOverlay.armChanges()")
    wait: float | None = None
    while frame.evaluate(_LOOK_ONE_CALL, [options, wait]) != "shown":
        wait = 250.0  # armed before the first look: no change between looks is missed
    latency = _latency(page)
    overlay.hide()
    return latency


def _playwright_trial(page: Page, scenario: str, delay: float) -> float | None:
    page.evaluate("() => benchPage.reset()")
    if scenario == "reveal":
        page.evaluate("() => benchPage.prepareReveal()")
    locator = _locator(page, scenario)
    arm = {"kind": "playwright"}
    _later(page, scenario, delay, arm)
    locator.wait_for()
    locator.highlight()
    latency = _latency(page)
    page.hide_highlight()
    return latency


def measure(browser: Browser, base: str, settings: Settings) -> dict[str, Any]:
    url = base + "login.html"
    ours_page = _page(browser, url)
    pw_page = _page(browser, url)
    overlay = Overlay(ours_page, inspectable=True)
    rng = random.Random(7)
    out: dict[str, Any] = {}
    try:
        for scenario in ("insert", "reveal"):
            ours: list[float] = []
            theirs: list[float] = []
            failed = {"ours": 0, "playwright": 0}
            # One warm-up trial each (first show builds the UI; first highlight injects).
            _ours_trial(ours_page, overlay, scenario, 20)
            _playwright_trial(pw_page, scenario, 20)
            for _ in range(settings.latency_trials):
                delay = rng.uniform(20, 120)
                a = _ours_trial(ours_page, overlay, scenario, delay)
                b = _playwright_trial(pw_page, scenario, delay)
                if a is None:
                    failed["ours"] += 1
                else:
                    ours.append(a)
                if b is None:
                    failed["playwright"] += 1
                else:
                    theirs.append(b)
            if scenario == "insert":
                # The recommended fix, prototyped here (not the product's code path).
                prototype = [
                    v
                    for v in (
                        _event_wait_trial(ours_page, overlay, rng.uniform(20, 120))
                        for _ in range(settings.latency_trials)
                    )
                    if v is not None
                ]
                out["insert_event_wait_prototype"] = {"ours": percentiles(prototype)}
                # Interleaved trial by trial, so all three see the same machine.
                bound: list[float] = []
                python_look: list[float] = []
                same_run: list[float] = []
                for trial in range(settings.latency_trials):
                    delay = rng.uniform(20, 120)
                    a = _ours_trial(ours_page, overlay, scenario, delay)
                    b = _one_call_trial(ours_page, overlay, delay, 10_000 + trial)
                    c = _ours_trial(ours_page, overlay, scenario, delay, in_page=False)
                    same_run += [a] if a is not None else []
                    bound += [b] if b is not None else []
                    python_look += [c] if c is not None else []
                out["insert_one_call_bound"] = {
                    "one_call": percentiles(bound),
                    "python_look": percentiles(python_look),
                    "ours": percentiles(same_run),
                    "note": "one_call: each look one frame.evaluate with a CSS query (the best "
                    "for any look through Python); python_look: Overlay.show without the "
                    "in-page matcher; ours: Overlay.show(in_page=...); interleaved",
                }
            out[scenario] = {
                "ours": percentiles(ours),
                "playwright": percentiles(theirs),
                "trials": settings.latency_trials,
                "failed": failed,
            }
    finally:
        overlay.destroy()
        ours_page.context.close()
        pw_page.context.close()
    return out
