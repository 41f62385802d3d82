"""The practice site under Playwright's async API (``install_async``): the same answers,
and the same rule that only pages and API calls wait for the full headers."""

from __future__ import annotations

import asyncio
import threading

import pytest

from guide_runner.browser import discover
from guide_runner.practice import PracticeSite

from .helpers import SIGN_IN


async def _visit(site: PracticeSite) -> str:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        choice = discover(playwright=None)
        browser = await playwright.chromium.launch(headless=True, **choice.launch_kwargs())
        try:
            context = await browser.new_context(**PracticeSite.context_options())
            await site.install_async(context)
            await context.add_cookies(
                [{"name": ".AspNetCore.Culture", "value": "c=sv-SE|uic=sv-SE", "url": SIGN_IN}]
            )
            page = await context.new_page()
            await page.goto(SIGN_IN)
            return await page.locator("#LoginButton").input_value()
        finally:
            await browser.close()


def test_async_install_serves_the_site(monkeypatch: pytest.MonkeyPatch) -> None:
    from playwright.async_api import _generated as generated

    asked: list[str] = []
    real = generated.Request.all_headers

    async def all_headers(self: generated.Request) -> dict[str, str]:
        asked.append(self.resource_type)
        return await real(self)

    monkeypatch.setattr(generated.Request, "all_headers", all_headers)
    site = PracticeSite()
    answer: list[str] = []
    failed: list[BaseException] = []

    def visit() -> None:
        try:
            answer.append(asyncio.run(_visit(site)))
        except BaseException as exc:  # handed to the test's own thread
            failed.append(exc)

    # Its own thread and event loop: the sync API's fixtures hold this thread's loop.
    thread = threading.Thread(target=visit, daemon=True)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the async visit hung"
    if failed:
        raise failed[0]
    assert answer == ["Nästa"]  # the page, in the culture cookie's language
    served = [url for _, url, _ in site.served]
    assert any(url.endswith(".css") for url in served)
    assert any(url.endswith(".js") for url in served)
    assert set(asked) == {"document"}
    assert site.errors == []
