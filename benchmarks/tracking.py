"""Tracking: during a smooth scroll and a CSS animation, the largest per-frame distance
between the target's box and the overlay's drawn outline.

Sampled in the page once per frame after layout (probes/probe.js ``startTracking``: a
ResizeObserver on a 1-px element whose width a constructed stylesheet flips every frame, so
the overlay's own observers see no DOM change), reading the target's
``getBoundingClientRect()`` and the overlay's ``drawnBox()`` in the same callback. Distance
= the largest of |dx|, |dy|, |dwidth|, |dheight| in CSS px. The animation moves the target
with ``transform`` (composited), so the figure is the main thread's view of it.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Browser

from guide_runner.overlay import Overlay

from .common import PROBE, Settings


def _scroll(page: Any) -> None:
    for top in (1400, 900, 1300):
        page.evaluate(f"() => window.scrollTo({{ top: {top}, behavior: 'smooth' }})")
        page.wait_for_function(f"() => Math.abs(window.scrollY - {top}) < 1", polling=50)
        page.wait_for_timeout(100)


def _animate(page: Any) -> None:
    page.evaluate("() => document.querySelector('#mover').classList.add('run')")
    page.wait_for_function(
        "() => document.querySelector('#mover').getAnimations().length === 0", polling=50
    )
    page.evaluate("() => document.querySelector('#mover').classList.remove('run')")
    page.wait_for_timeout(100)


def measure(browser: Browser, base: str, settings: Settings) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    page.add_init_script(path=str(PROBE))
    overlay = Overlay(page)
    out: dict[str, Any] = {}
    try:
        page.goto(base + "track.html")
        for name, selector, move in (
            ("scroll", "#target", _scroll),
            ("animation", "#mover", _animate),
        ):
            page.evaluate("() => window.scrollTo(0, 1000)")
            overlay.show(page.locator(selector), text="Here", step=1, total=2, lang="en")
            page.wait_for_timeout(200)
            worst: dict[str, Any] = {"frames": 0, "max": 0.0, "lagging": 0, "missing": 0}
            for _ in range(settings.tracking_runs):
                page.evaluate(f"() => __bench.startTracking({selector!r})")
                move(page)
                got = page.evaluate("() => __bench.stopTracking()")
                worst["frames"] += got["frames"]
                worst["lagging"] += got["lagging"]
                worst["missing"] += got["missing"]
                worst["max"] = max(worst["max"], got["max"])
            worst["max"] = round(worst["max"], 2)
            out[name] = worst
            overlay.hide()
    finally:
        overlay.destroy()
        context.close()
    return out
