"""Fixtures for the overlay tests: local pages on two origins, and an overlay per page."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from guide_runner.overlay import Overlay

from .server import Origins, serve_pages

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "overlay"


@pytest.fixture(scope="session")
def origins() -> Iterator[Origins]:
    with serve_pages() as served:
        yield served


@pytest.fixture
def overlay(page: Page) -> Iterator[Overlay]:
    created = Overlay(page)
    yield created
    created.destroy()


@pytest.fixture(scope="session")
def screenshots(delete_output_dir: None) -> Path:
    """test-results/overlay/, made after pytest-playwright has emptied test-results/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
