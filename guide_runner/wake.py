"""Event-driven waiting: look again when the page changed, not on a fixed poll.

``Waker(page).wait(seconds)`` returns as soon as the page's document changes (a DOM
mutation, an input/change/toggle event, the end of a transition, a new document) or after
``cap`` seconds at most, whichever comes first. A change between two looks is never missed:
the page keeps a change counter and the wait returns at once when it moved since the last
wait. Looking again after a wake is the caller's job (``until``).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from guide_runner.pagejs import load_js

# Shared by the checker and the runner's tick. It only observes: it sends no events and
# changes nothing on the page (see wake.js).
WAKE_JS = load_js(__file__, "wake.js")

CAP = 0.1  # seconds: the longest wait without a look (changes no DOM event reports)


class Waker:
    """Wait for the next change of one page's document."""

    def __init__(self, page: Page, cap: float = CAP):
        self.page = page
        self.cap = cap
        self._token: str | None = None

    def wait(self, seconds: float) -> None:
        """Return when the document changed since the last wait, or after ``min(cap, seconds)``."""
        cap = max(0.001, min(self.cap, seconds))
        started = time.monotonic()
        try:
            self._token = str(self.page.evaluate(WAKE_JS, [self._token, cap * 1000]))
        except PlaywrightError:
            # The document went away (a navigation: something happened) or the page closed.
            self._token = None
            left = cap - (time.monotonic() - started)
            if self.page.is_closed() and left > 0:
                time.sleep(left)


def until(page: Page, ready: Callable[[], bool], timeout: float, cap: float = CAP) -> bool:
    """Look with ``ready()`` now and after each change of the page, for ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    waker = Waker(page, cap)
    while True:
        if ready():
            return True
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        waker.wait(left)


__all__ = ["CAP", "WAKE_JS", "Waker", "until"]
