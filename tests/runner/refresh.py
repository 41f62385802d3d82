"""A page with a meta refresh that never takes it away, for tests of how the tag is read."""

from __future__ import annotations

from playwright.sync_api import Page

ELSEWHERE = "https://elsewhere.invalid/"


def set_refresh(page: Page, content: str) -> None:
    """Give the page ``<meta http-equiv="refresh" content=…>``. A refresh to ``ELSEWHERE``
    is answered 204 No Content, which leaves the page where it is, so a test never races
    the browser acting on it."""
    page.route(f"{ELSEWHERE}**", lambda route: route.fulfill(status=204))
    page.set_content(f'<meta http-equiv="refresh" content="{content}"><p>Videre…</p>')
