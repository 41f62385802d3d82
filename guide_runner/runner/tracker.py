"""Which page the person is looking at: new tabs and popups are followed, closed ones dropped.

The tracker listens to the browser context (a new page, a page closing or crashing, the
browser going away) and hands the engine :class:`SafePage` wrappers only.
"""

from __future__ import annotations

import time

from playwright.sync_api import BrowserContext, Page
from playwright.sync_api import Error as PlaywrightError

from guide_runner.runner.safe_page import SafePage

# The shortest time between two looks when the page keeps changing (animations that
# mutate the DOM, clocks): bounds the runner's work on a busy page.
MIN_TICK_MS = 20


class PageTracker:
    def __init__(self, context: BrowserContext, *, screenshots: bool = False):
        self._change_token: str | None = None
        self._last_tick = 0.0
        self._context = context
        self._screenshots = screenshots
        self._pages: list[tuple[Page, SafePage]] = []
        self._active: SafePage | None = None
        self.crashed = False
        self.context_closed = False
        self.opened = 0  # pages opened after the start (tabs, popups)
        context.on("page", self._on_page)
        context.on("close", self._on_context_close)
        for page in context.pages:
            self._add(page, follow=True)

    # events --------------------------------------------------------------------------------
    def _add(self, page: Page, *, follow: bool) -> SafePage:
        safe = SafePage(page, screenshots=self._screenshots)
        self._pages.append((page, safe))
        page.on("close", lambda p: self._on_close(p))
        page.on("crash", lambda p: self._on_crash(p))
        if follow:
            self._active = safe
        return safe

    def _on_page(self, page: Page) -> None:
        self.opened += 1
        self._add(page, follow=True)  # a new tab or popup is where the person now looks

    def _on_close(self, page: Page) -> None:
        self._pages = [(p, s) for p, s in self._pages if p is not page]
        if self._active is not None and self._active.is_closed():
            self._active = self._pages[-1][1] if self._pages else None

    def _on_crash(self, page: Page) -> None:
        self.crashed = True

    def _on_context_close(self, context: BrowserContext) -> None:
        self.context_closed = True

    # queries -------------------------------------------------------------------------------
    @property
    def gone(self) -> bool:
        """Every window is closed, or the browser went away."""
        return self.context_closed or not self.pages()

    def pages(self) -> list[SafePage]:
        return [s for p, s in self._pages if not p.is_closed()]

    @property
    def active(self) -> SafePage | None:
        if self._active is not None and self._active.is_closed():
            remaining = self.pages()
            self._active = remaining[-1] if remaining else None
        return self._active

    def activate(self, page: SafePage) -> None:
        self._active = page

    def new_page(self) -> SafePage:
        page = self._context.new_page()
        for p, s in self._pages:
            if p is page:
                self._active = s
                return s
        return self._add(page, follow=True)

    def tick(self, ms: float, *, watch: bool = True) -> None:
        """Wait until the active page changes, or at most ``ms``, while Playwright delivers
        events (new pages, signals). Waking on a change lets a step's result be noticed
        at once instead of on the next fixed tick; a page that changes all the time is
        still looked at no more often than every ``MIN_TICK_MS``. Without ``watch`` (a page
        not to be trusted, which could stop its own timers) it waits ``ms`` on Playwright's
        clock instead of in the page."""
        page = self.active
        since = (time.monotonic() - self._last_tick) * 1000
        try:
            if page is not None and since < MIN_TICK_MS:
                page.wait_for_timeout(MIN_TICK_MS - since)
            if page is not None and not watch:
                self._change_token = None
                page.wait_for_timeout(ms)
            elif page is not None:
                self._change_token = page.wait_for_change(self._change_token, ms)
            else:
                time.sleep(ms / 1000)
        except PlaywrightError:
            # The document went away (a navigation: something happened) or the page closed.
            self._change_token = None
            if page is not None and page.is_closed():
                time.sleep(ms / 1000)
        finally:
            self._last_tick = time.monotonic()
