"""Client-side redirects: a document that replaces itself as soon as it has loaded.

A page that redirects with ``<meta http-equiv="refresh" content="0;url=…">`` (the practice
site sends every 3xx that way, see practice/http.py) is on screen only for a moment. Looking
at it is wasted work, and worse, a navigation started while its refresh is pending cancels
the refresh, which can leave the browser on the blank redirect page for good. So after
opening an address, the runner and the checker wait until the document that stays is there.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from guide_runner.pagejs import load_js

PENDING_REFRESH_JS = load_js(__file__, "redirect.js")

MAX_DELAY = 3.0  # seconds: a longer refresh is a page that reloads itself, not a redirect
HOPS = 5  # redirects followed in a row at most


def pending_refresh(page: Page, timeout: float) -> float | None:
    """The delay of the meta refresh the current document will do, or None (no refresh, or
    the document is not parsed within ``timeout`` seconds)."""
    page.wait_for_load_state("domcontentloaded", timeout=timeout * 1000)
    delay = page.evaluate(PENDING_REFRESH_JS)
    return float(delay) if isinstance(delay, (int, float)) else None


def follow_client_redirects(page: Page, timeout: float) -> None:
    """Return once the current document is not about to redirect (or ``timeout`` seconds).

    Each hop waits for the refresh's new address to commit (event-driven, no polling).
    """
    deadline = time.monotonic() + timeout
    for _ in range(HOPS):
        left = deadline - time.monotonic()
        if left <= 0:
            return
        before = page.url
        try:
            delay = pending_refresh(page, left)
        except PlaywrightTimeoutError:
            return  # still loading: whatever comes, the caller's own waits handle it
        except PlaywrightError:
            continue  # the document was replaced while we looked: look at the new one
        left = deadline - time.monotonic()
        if delay is None or delay > MAX_DELAY or delay >= left:
            return  # none, a page that reloads itself, or one we cannot wait for anyway
        try:
            page.wait_for_url(
                _elsewhere_than(before),
                wait_until="commit",
                timeout=max(1.0, (deadline - time.monotonic()) * 1000),
            )
        except PlaywrightError:
            return  # the refresh did not happen in time; nothing more to wait for


def _elsewhere_than(url: str) -> Callable[[str], bool]:
    return lambda now: now != url
