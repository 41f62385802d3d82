"""Client-side redirects (meta refresh): waited out after opening an address, never raced."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route

from guide_runner.check.walker import SiteUnreachable, Walk, WalkOptions
from guide_runner.guide import Guide
from guide_runner.redirects import PENDING_REFRESH_JS, follow_client_redirects


def _refresh(delay: str, to: str) -> str:
    return f'<!doctype html><meta http-equiv="refresh" content="{delay};url={to}"><title></title>'


PAGES = {
    "https://r.test/hop1": _refresh("0", "/hop2"),
    "https://r.test/hop2": _refresh("0", "/"),
    "https://r.test/later": _refresh("4", "/"),
    "https://r.test/quoted": '<meta http-equiv="Refresh" content="1; URL=\'/\'">',
    "https://r.test/reload": '<meta http-equiv="refresh" content="2">',
    "https://r.test/self": _refresh("2", "/self"),
    "https://r.test/anchor": _refresh("0", "#top"),
    "https://r.test/": "<!doctype html><title>Start</title><h1>Start</h1><button>OK</button>",
}


@pytest.fixture
def site(browser: Browser) -> Iterator[tuple[BrowserContext, list[str]]]:
    context = browser.new_context()
    served: list[str] = []

    def handle(route: Route) -> None:
        url = route.request.url.split("?", 1)[0]
        body = PAGES.get(url)
        if body is None:
            route.abort()
            return
        served.append(url)
        route.fulfill(body=body, content_type="text/html; charset=utf-8")

    context.route("**/*", handle)
    yield context, served
    context.close()


@pytest.fixture
def page(site: tuple[BrowserContext, list[str]]) -> Page:
    return site[0].new_page()


def test_a_chain_of_refreshes_is_followed_to_the_page_that_stays(page: Page) -> None:
    page.goto("https://r.test/hop1", wait_until="commit")
    follow_client_redirects(page, timeout=5)
    assert page.url == "https://r.test/"
    assert page.locator("h1").count() == 1  # the final document, not a redirect page


def test_a_page_without_refresh_returns_as_it_is(page: Page) -> None:
    page.goto("https://r.test/")
    follow_client_redirects(page, timeout=5)
    assert page.url == "https://r.test/"


def test_a_slow_refresh_is_not_waited_for(page: Page) -> None:
    # Longer than MAX_DELAY: a page that reloads itself now and then, not a redirect.
    page.goto("https://r.test/later")
    follow_client_redirects(page, timeout=10)
    assert page.url == "https://r.test/later"


@pytest.mark.parametrize(
    ("address", "delay"),
    [
        ("https://r.test/quoted", 1),
        ("https://r.test/later", 4),
        ("https://r.test/", None),
        ("https://r.test/reload", None),  # reloads itself: not a redirect
        ("https://r.test/self", None),
        ("https://r.test/anchor", None),  # only a fragment: the same document
    ],
)
def test_what_counts_as_a_pending_redirect(page: Page, address: str, delay: float | None) -> None:
    # Each refresh here waits a second or more: the document is still there to look at.
    page.route(address, lambda route: route.fulfill(body=PAGES[address], content_type="text/html"))
    page.goto(address, wait_until="domcontentloaded")
    assert page.evaluate(PENDING_REFRESH_JS) == delay


def test_a_refresh_to_the_same_document_is_not_waited_for(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[object] = []
    monkeypatch.setattr(page, "wait_for_url", lambda *a, **k: waits.append(a))
    page.goto("https://r.test/anchor")
    follow_client_redirects(page, timeout=10)
    assert waits == []


GUIDE = {
    "id": "redirecting",
    "title": {"nb": "Omdirigering", "sv": "Omdirigering", "en": "Redirect"},
    "summary": {"nb": "Prøve.", "sv": "Prov.", "en": "Test."},
    "languages": ["nb", "sv", "en"],
    "default_language": "nb",
    "origins": ["https://r.test"],
    "start": "https://r.test/hop1",
    "steps": [
        {
            "id": "01-ok",
            "do": "click",
            "open": "https://r.test/hop1",
            "page": {"origin": "https://r.test", "path": "/"},
            "say": {"nb": "Trykk «OK».", "sv": "Tryck på ”OK”.", "en": 'Press "OK".'},
            "target": [{"role": "button", "name": "OK", "exact": True}],
            "done_when": [{"disappears": "target"}],
            "end": True,
        }
    ],
}


def test_the_walk_opens_the_first_steps_address_once(
    site: tuple[BrowserContext, list[str]],
) -> None:
    # Opening the start and then step 1's own (equal) address made two navigations race
    # the redirect page's refresh: a refresh cancelled by the second one never came back.
    context, served = site
    walk = Walk(Guide.model_validate(GUIDE), "nb", context, WalkOptions(act=False))
    try:
        results = list(walk)
    finally:
        walk.close()
    assert [r.verdict.value for r in results] == ["ok"]
    assert served.count("https://r.test/hop1") == 1


def test_an_unreachable_start_is_reported_as_such(
    site: tuple[BrowserContext, list[str]],
) -> None:
    # Step 1 opens an address of its own: the start is still opened first, and a start
    # that cannot be opened says the site is unreachable (not a step verdict).
    context, served = site
    guide = Guide.model_validate({**GUIDE, "start": "https://r.test/gone"})
    walk = Walk(guide, "nb", context, WalkOptions(act=False))
    try:
        with pytest.raises(SiteUnreachable):
            list(walk)
    finally:
        walk.close()
    assert "https://r.test/hop1" not in served
