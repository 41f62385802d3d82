"""Zero work while nothing changes: no animation frames are requested on a quiet page.

Counting, not timing: the probe counts every requestAnimationFrame in the page; after the
overlay has settled, a fixed quiet period must add none.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from guide_runner.overlay import Overlay

from .helpers import API, settle
from .server import Origins

BOOKKEEPING = Path(__file__).parent / "probes" / "bookkeeping.js"
QUIET_MS = 500


def frames_while_quiet(page: Page) -> int:
    settle(page)
    page.wait_for_function(f"() => !{API}.stats().scheduled")
    before = page.evaluate("() => window.__probe.framesRequested()")
    page.wait_for_timeout(QUIET_MS)
    return int(page.evaluate("() => window.__probe.framesRequested()")) - before


def test_static_page_costs_no_frames(page: Page, origins: Origins) -> None:
    page.add_init_script(path=BOOKKEEPING)
    overlay = Overlay(page)
    page.goto(origins.url("light.html"))
    overlay.show(page.locator("#email"), text="Type", lang="en", dim=True)
    assert frames_while_quiet(page) == 0
    overlay.destroy()


def test_paint_only_and_unrelated_endless_animations_cost_no_frames(
    page: Page, origins: Origins
) -> None:
    page.add_init_script(path=BOOKKEEPING)
    overlay = Overlay(page)
    page.goto(origins.url("motion.html"))
    # An endless opacity pulse on the target itself, and an endless slide elsewhere.
    page.locator("#sliding").evaluate("(el) => el.classList.add('run')")
    overlay.show(page.locator("#pulse"), text="Pulsing", lang="en")
    assert frames_while_quiet(page) == 0
    overlay.destroy()


def test_tracking_per_frame_stops_when_the_animation_ends(page: Page, origins: Origins) -> None:
    page.add_init_script(path=BOOKKEEPING)
    overlay = Overlay(page)
    page.goto(origins.url("motion.html"))
    target = page.locator("#moved")
    overlay.show(target, text="Moves", lang="en")
    target.evaluate("(el) => el.classList.add('shifted')")
    page.wait_for_function("() => document.querySelector('#moved').getAnimations().length === 0")
    assert frames_while_quiet(page) == 0
    overlay.destroy()
