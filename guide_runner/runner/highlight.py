"""The engine's Highlighter drawn with guide_runner.overlay, one Overlay per page.

This is one of the two places that unwrap a SafePage: the overlay needs Playwright's own
page and locator to draw. The overlay only draws; it never clicks or types (the run safety
test records every Playwright call in the runner's process, the overlay's included).

The overlay is installed only in top documents on the guide's pinned origins, so a
look-alike page cannot draw our bubble (and a navigation between the engine's origin check
and its drawing leaves nothing to draw with).

Signals from the page are hints. They count only when they come from a document on one of
the guide's pinned origins, so a look-alike page (or a frame from another origin) cannot
press "I have saved the code", or report the target activated, for the person.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import TypedDict

from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from guide_runner.overlay import Button as OverlayButton
from guide_runner.overlay import ContextInstall, Overlay, OverlayError, PageQuery
from guide_runner.overlay import Signal as OverlaySignal
from guide_runner.runner.origins import Pins
from guide_runner.runner.safe_page import SafeLocator, SafePage, unwrap_locator, unwrap_page
from guide_runner.runner.ui import Bubble, Signal

SHOW_TIMEOUT_MS = 1500


class _BubbleArgs(TypedDict):
    text: str
    step: int | None
    total: int | None
    lang: str
    buttons: list[OverlayButton]
    cant_find_label: str | None


_ANSWERED = frozenset({"activated", "button", "cant_find"})  # signals the engine acts on


class OverlayHighlighter:
    def __init__(self, pins: Pins, context: BrowserContext | None = None):
        """``context``: install the overlay on it now, before its first page opens, so that
        its pages come with it (overlay/context.py) instead of a page's first show waiting
        for two calls to add it."""
        self.pins = pins
        self._installed = ContextInstall(context, origins=pins.origins) if context else None
        self._overlays: dict[int, tuple[Page, Overlay]] = {}
        self._showing: Overlay | None = None
        self._unread = False  # a signal arrived since the last signals()

    def _made_for(self, raw: Page) -> Overlay | None:
        """The overlay already made for ``raw`` (ids of closed pages can be reused)."""
        entry = self._overlays.get(id(raw))
        return entry[1] if entry is not None and entry[0] is raw else None

    def _overlay(self, page: SafePage) -> Overlay | None:
        raw = unwrap_page(page)
        if raw.is_closed():
            return None
        made = self._made_for(raw)
        if made is not None:
            return made
        installed = self._installed
        if installed is not None and not installed.covers(raw):
            installed = None
        try:
            overlay = Overlay(raw, origins=self.pins.origins, installed=installed)
        except (OverlayError, PlaywrightError):
            return None
        overlay.on_signal(lambda signal: self._heard(overlay, signal))
        self._overlays[id(raw)] = (raw, overlay)
        return overlay

    def _heard(self, overlay: Overlay, signal: OverlaySignal) -> None:
        # Only what signals() passes on to the engine: "followed" and "vanished", a page
        # other than the one showing, or a document not pinned (a foreign frame calling the
        # binding) need no hurry, and must not make the engine tick faster.
        if (
            overlay is self._showing
            and signal.kind in _ANSWERED
            and self.pins.allows(signal.frame_url)
        ):
            self._unread = True

    def prepare(self, page: SafePage) -> None:
        # Exposing the overlay's binding on a page that is busy navigating waits for the new
        # document (~250 ms at start-up); on the blank page before the first load it is quick.
        self._overlay(page)

    def _switch(self, overlay: Overlay) -> None:
        if self._showing is not None and self._showing is not overlay:
            self._hide(self._showing)
        self._showing = overlay

    @staticmethod
    def _hide(overlay: Overlay) -> None:
        with contextlib.suppress(OverlayError, PlaywrightError):
            overlay.hide()

    @staticmethod
    def _bubble(bubble: Bubble) -> _BubbleArgs:
        """The overlay's arguments for the engine's bubble (its first button is primary)."""
        return {
            "text": bubble.text,
            "step": bubble.step,
            "total": bubble.total,
            "lang": bubble.lang,
            "buttons": [
                OverlayButton(b.id, b.label, primary=(i == 0)) for i, b in enumerate(bubble.buttons)
            ],
            "cant_find_label": bubble.cant_find_label,
        }

    def show(self, page: SafePage, target: SafeLocator, bubble: Bubble) -> None:
        overlay = self._overlay(page)
        if overlay is None:
            return
        self._switch(overlay)
        try:
            overlay.show(unwrap_locator(target), **self._bubble(bubble), timeout=SHOW_TIMEOUT_MS)
        except Exception as exc:
            # Gone between finding and drawing: the engine finds it again next tick.
            raise PlaywrightError(str(exc)) from None

    def expect(self, page: SafePage, queries: Sequence[PageQuery], bubble: Bubble) -> None:
        overlay = self._overlay(page)
        if overlay is None:
            return
        self._switch(overlay)
        with contextlib.suppress(OverlayError, PlaywrightError):  # navigating: next tick
            overlay.expect(queries, **self._bubble(bubble))

    def _showing_on(self, page: SafePage) -> Overlay | None:
        """The overlay showing, if it is ``page``'s: only it can have anything pending
        (showing on one page hides the others)."""
        made = self._made_for(unwrap_page(page))
        return made if made is not None and made is self._showing else None

    def guessed(self, page: SafePage) -> bool:
        overlay = self._showing_on(page)
        return overlay is not None and overlay.guessed()

    def drop_guess(self, page: SafePage) -> None:
        overlay = self._showing_on(page)
        if overlay is not None:
            with contextlib.suppress(OverlayError, PlaywrightError):
                overlay.drop_guess()

    def withdraw(self) -> None:
        if self._showing is not None:
            with contextlib.suppress(OverlayError, PlaywrightError):
                self._showing.withdraw()

    def message(self, page: SafePage, bubble: Bubble) -> None:
        overlay = self._overlay(page)
        if overlay is None:
            return
        self._switch(overlay)
        try:
            overlay.show_message(
                **self._bubble(bubble),
                # A problem needs attention; a step done elsewhere must not hide the page.
                position="center" if bubble.tone == "problem" else "corner",
            )
        except (OverlayError, PlaywrightError) as exc:
            raise PlaywrightError(str(exc)) from None

    def hide(self) -> None:
        for raw, overlay in list(self._overlays.values()):
            if not raw.is_closed():
                self._hide(overlay)

    def has_signals(self) -> bool:
        return self._unread

    def signals(self) -> list[Signal]:
        self._unread = False
        out: list[Signal] = []
        for key, (raw, overlay) in list(self._overlays.items()):
            if raw.is_closed():
                del self._overlays[key]
                continue
            if overlay is not self._showing:
                continue
            try:
                events = overlay.events()
            except (OverlayError, PlaywrightError):
                continue
            for event in events:
                if event.kind == "followed" or event.kind == "early":
                    continue  # the overlay's own bookkeeping, nothing the person did
                if event.kind != "vanished" and not self.pins.allows(event.frame_url):
                    continue  # a page we do not trust pressed "our" button, or the like
                out.append(Signal(event.kind, event.button_id))
        return out

    def close(self) -> None:
        for raw, overlay in list(self._overlays.values()):
            if not raw.is_closed():
                with contextlib.suppress(OverlayError, PlaywrightError):
                    overlay.destroy()
        self._overlays.clear()
        self._showing = None
