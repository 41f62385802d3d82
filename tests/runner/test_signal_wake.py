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
    first = Overlay(page)
    first.show(page.locator("#t"), text="Trykk her", lang="nb", scroll=False)
    safe.wait_for_change(None, 0)  # the wait listens to the first overlay
    first.destroy()
    overlay = Overlay(page)
    overlay.show(page.locator("#t"), text="Trykk her", lang="nb", scroll=False)
    token = safe.wait_for_change(None, 0)  # ... and now to the new one
    page.evaluate("() => setTimeout(() => document.querySelector('#t').click(), 100)")
    assert safe.wait_for_change(token, 10_000) != token


PINNED = "https://mini.test/"


def _open_pinned(page: Page) -> None:
    """A page on a pinned origin: the runner's overlay draws only there."""
    page.route(PINNED, lambda route: route.fulfill(body="<p><span id=t>Her</span></p>"))
    page.goto(PINNED)


def test_the_highlighter_knows_a_signal_is_waiting(page: Page) -> None:
    _open_pinned(page)
    highlighter = OverlayHighlighter(Pins([PINNED]))
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


def test_only_signals_the_engine_acts_on_count_as_unread(page: Page) -> None:
    from guide_runner.overlay import Signal as OverlaySignal

    _open_pinned(page)
    highlighter = OverlayHighlighter(Pins([PINNED]))
    safe = SafePage(page)
    highlighter.show(safe, safe.locator("#t"), Bubble(text="Her", step=1, total=1, lang="nb"))
    showing = highlighter._showing
    assert showing is not None
    for kind in ("followed", "vanished"):
        highlighter._heard(showing, OverlaySignal(kind=kind, show_id=1))  # type: ignore[arg-type]
    assert not highlighter.has_signals()
    press = OverlaySignal(kind="button", show_id=1, button_id="confirm", frame_url=PINNED)
    other = Overlay(page.context.new_page())
    highlighter._heard(other, press)
    assert not highlighter.has_signals()  # not the page being shown
    foreign = OverlaySignal(
        kind="button", show_id=1, button_id="confirm", frame_url="https://evil.example/f"
    )
    highlighter._heard(showing, foreign)
    assert not highlighter.has_signals()  # a frame from another origin called the binding
    highlighter._heard(showing, press)
    assert highlighter.has_signals()


class _RecordingTracker(PageTracker):
    def __init__(self, context: BrowserContext) -> None:
        super().__init__(context)
        self.waits: list[float] = []

    def tick(self, ms: float, *, watch: bool = True) -> None:
        self.waits.append(ms)


def test_the_engine_does_not_wait_for_a_change_while_a_signal_is_unread(
    mini_ctx: BrowserContext, mini_guide: Guide
) -> None:
    tracker = _RecordingTracker(mini_ctx)
    highlighter = NullHighlighter()
    settings = Settings(lang="nb")
    engine = Engine(mini_guide, tracker, highlighter, settings)
    highlighter.pending.append(Signal("button", "confirm"))
    engine._wait()
    highlighter.signals()
    engine._wait()
    # No wait for a change (the tracker still keeps ticks apart), then the usual one.
    assert tracker.waits == [0.0, settings.poll_ms]
