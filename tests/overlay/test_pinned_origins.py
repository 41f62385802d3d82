"""An overlay limited to some origins installs only in top documents from those origins.

A look-alike page (any other origin) finds no overlay to draw with, even by calling the
in-page API itself; frames below a pinned page keep it, to watch a target there.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Error, Page

from guide_runner.overlay import Overlay

from .server import Origins

HAS_API = "() => typeof window.__guideRunnerOverlay"
# What a look-alike page would do: draw "our" bubble on its own password field.
SPOOF = """() => window.__guideRunnerOverlay.show(document.querySelector('#email'),
  { showId: 7, text: 'Skriv passordet ditt her.', step: 3, total: 9, lang: 'nb' })"""


def test_only_pinned_top_documents_get_the_overlay(page: Page, origins: Origins) -> None:
    overlay = Overlay(page, origins=[origins.main])
    try:
        page.goto(origins.url("light.html"))
        assert page.evaluate(HAS_API) == "object"
        page.goto(f"{origins.other}/light.html")  # same page, another origin
        assert page.evaluate(HAS_API) == "undefined"
        with pytest.raises(Error):
            page.evaluate(SPOOF)
        assert page.locator("guide-runner-overlay").count() == 0
        # Python cannot draw there either, not even by installing it again.
        with pytest.raises(Exception):  # noqa: B017 - timeout or "cannot draw", both fine
            overlay.show(page.locator("#next"), text="Next", lang="en", timeout=300)
        assert page.evaluate(HAS_API) == "undefined"
        assert overlay.drawn_box() is None
    finally:
        overlay.destroy()


def test_a_foreign_frame_below_a_pinned_page_still_watches_its_target(
    page: Page, origins: Origins
) -> None:
    overlay = Overlay(page, origins=[origins.main])
    try:
        page.goto(origins.url(f"frames.html?other={origins.other}"))
        target = page.frame_locator("#cross").locator("#in-frame")
        overlay.show(target, text="Click it", lang="en", scroll=False)
        target.click()
        signal = overlay.wait_for_signal(2000)
        assert signal is not None and signal.kind == "activated"
        assert signal.frame_url.startswith(origins.other)
    finally:
        overlay.destroy()


def test_without_origins_every_document_gets_it(page: Page, origins: Origins) -> None:
    overlay = Overlay(page)
    try:
        page.goto(f"{origins.other}/light.html")
        assert page.evaluate(HAS_API) == "object"
    finally:
        overlay.destroy()
