"""Practice-site fixtures: a fresh PracticeSite on a fresh context per test."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from guide_runner.practice import PracticeSite

# Screenshots for review; $PRACTICE_SHOTS moves them (test-results/ is wiped by every
# pytest-playwright session that starts, including other people's).
SHOTS = Path(
    os.environ.get("PRACTICE_SHOTS")
    or Path(__file__).resolve().parents[2] / "test-results" / "practice"
)

MakePage = Callable[..., tuple[PracticeSite, Page]]


@pytest.fixture
def make_page(browser: Browser) -> Iterator[MakePage]:
    """``make_page(locale="nb-NO", pages_dir=None)`` -> (site, page) on a new context."""
    contexts: list[BrowserContext] = []

    def make(
        locale: str = "nb-NO", pages_dir: Path | None = None, **context_args: object
    ) -> tuple[PracticeSite, Page]:
        site = PracticeSite(pages_dir)
        context = browser.new_context(locale=locale, service_workers="block", **context_args)
        contexts.append(context)
        site.install(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return site, page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def nb(make_page: MakePage) -> tuple[PracticeSite, Page]:
    return make_page("nb-NO")


@pytest.fixture
def sv(make_page: MakePage) -> tuple[PracticeSite, Page]:
    return make_page("sv-SE")


@pytest.fixture(scope="session", autouse=True)
def delete_output_dir() -> None:
    """pytest-playwright wipes test-results/ when each session (each xdist worker) starts,
    which would delete the screenshots the other worker just saved. Keep them."""
