"""A bubble button pressed (or any overlay signal) is answered at once: it changes nothing in
the page's DOM, so the engine's wait for the next change (wake.js) also listens to the
overlay, and the engine does not wait at all when a signal is already waiting to be read."""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Page

from guide_runner.guide import Guide
from guide_runner.overlay import Overlay
from guide_runner.runner.engine import Engine, Settings
from guide_runner.runner.highlight import OverlayHighlighter
from guide_runner.runner.origins import Pins
from guide_runner.runner.safe_page import SafePage
from guide_runner.runner.tracker import PageTracker
from guide_runner.runner.ui import Bubble, NullHighlighter, Signal


def test_an_overlay_signal_ends_the_wait_for_a_change(page: Page) -> None:
    # A click on a plain element changes no DOM: only the overlay's "activated" signal tells.
    page.set_content("<p><span id=t>Her</span></p>")
    overlay = Overlay(page)
    overlay.show(page.locator("#t"), text="Trykk her", lang="nb", scroll=False)
    safe = SafePage(page)
    token = safe.wait_for_change(None, 0)
    page.evaluate("() => setTimeout(() => document.querySelector('#t').click(), 100)")
    woken = safe.wait_for_change(token, 10_000)  # without the signal: the whole 10 s
    assert woken != token
    signal = overlay.wait_for_signal(2000)
    assert signal is not None and signal.kind == "activated"


def test_a_new_overlay_after_destroy_is_listened_to(page: Page) -> None:
    page.set_content("<p><span id=t>Her</span></p>")
    safe = SafePage(page)
    Overlay(page).destroy()
    token = safe.wait_for_change(None, 0)
    overlay = Overlay(page)
    overlay.show(page.locator("#t"), text="Trykk her", lang="nb", scroll=False)
    token = safe.wait_for_change(None, 0)
    page.evaluate("() => setTimeout(() => document.querySelector('#t').click(), 100)")
    assert safe.wait_for_change(token, 10_000) != token


def test_the_highlighter_knows_a_signal_is_waiting(page: Page) -> None:
    page.set_content("<p><span id=t>Her</span></p>")
    highlighter = OverlayHighlighter(Pins(frozenset()))
    safe = SafePage(page)
    bubble = Bubble(text="Trykk her", step=1, total=1, lang="nb")
    highlighter.show(safe, safe.locator("#t"), bubble)
    assert not highlighter.has_signals()
    page.click("#t")
    for _ in range(100):  # each round trip lets Playwright deliver the binding call
        if highlighter.has_signals():
            break
        page.evaluate("() => 0")
    assert highlighter.has_signals()
    assert [s.kind for s in highlighter.signals()] == ["activated"]
    assert not highlighter.has_signals()


class _CountingTracker(PageTracker):
    ticks = 0

    def tick(self, ms: float) -> None:
        self.ticks += 1


def test_the_engine_does_not_wait_while_a_signal_is_unread(
    mini_ctx: BrowserContext, mini_guide: Guide
) -> None:
    tracker = _CountingTracker(mini_ctx)
    highlighter = NullHighlighter()
    engine = Engine(mini_guide, tracker, highlighter, Settings(lang="nb"))
    highlighter.pending.append(Signal("button", "confirm"))
    engine._wait()
    assert tracker.ticks == 0
    highlighter.signals()
    engine._wait()
    assert tracker.ticks == 1
