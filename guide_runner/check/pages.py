"""Where the browser is, in the guide's terms: origins, path patterns, addresses to open."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from urllib.parse import urlsplit

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from guide_runner.completion import url_matches
from guide_runner.guide.model import Place
from guide_runner.guide.semantics import origin_of
from guide_runner.guide.texts import fill


def without_query(url: str) -> str:
    """An address without query and fragment: reset links carry their token in the query."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return url.split("?")[0].split("#")[0]
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def place_pattern(place: Place, params: Mapping[str, str]) -> str:
    return fill(place.origin, params).rstrip("/") + place.path


def on_place(url: str, place: Place, params: Mapping[str, str]) -> bool:
    """The address is on the place's origin and its path matches the place's pattern."""
    origin = fill(place.origin, params).rstrip("/").lower()
    if origin_of(url) != origin:
        return False
    return url_matches(urlsplit(url).path or "/", place.path)


def address_of(place: Place, params: Mapping[str, str]) -> str | None:
    """An address that opens the place directly: the path up to its first ``*``."""
    path = place.path.split("*", 1)[0]
    if not path.startswith("/"):
        return None
    return fill(place.origin, params).rstrip("/") + path


def wait_place(page: Page, place: Place, params: Mapping[str, str], timeout: float) -> bool:
    """Wait until the page is on ``place`` (redirects may still be under way).

    Event-driven: Playwright reports each navigation of the page; no polling.
    """
    if on_place(page.url, place, params):
        return True
    with contextlib.suppress(PlaywrightError):  # a timeout, or the page closed
        page.wait_for_url(
            lambda url: on_place(url, place, params), wait_until="commit", timeout=timeout * 1000
        )
    return on_place(page.url, place, params)


def settle(page: Page, timeout: float) -> None:
    """Wait for the current document to be parsed, if it is still loading."""
    with contextlib.suppress(PlaywrightError):
        page.wait_for_load_state("domcontentloaded", timeout=timeout * 1000)
