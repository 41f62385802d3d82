"""Showing, hiding and the bubble's content on a plain page."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error, Page

from guide_runner.overlay import Button, Overlay

from .helpers import assert_tracks, layout, overlaps, settle
from .server import Origins


def test_outline_sits_on_the_target_and_bubble_beside_it(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("light.html"))
    target = page.locator("#email")
    overlay.show(target, text="Type your email address", step=3, total=11, lang="en")
    assert_tracks(page, overlay, target)
    drawn = layout(page)
    assert drawn["popoverOpen"]
    assert not overlaps(drawn["bubble"], drawn["ring"])
    assert drawn["arrow"] is not None


def test_hide_and_show_again(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("light.html"))
    overlay.show(page.locator("#next"), text="Click Next", lang="en")
    overlay.hide()
    assert overlay.drawn_box() is None
    overlay.show(page.locator("#forgot"), text="Click the link", lang="en")
    assert_tracks(page, overlay, page.locator("#forgot"))


def test_message_mode_is_centred_without_outline(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("light.html"))
    overlay.show_message(
        text="Open the code app on your phone",
        step=4,
        total=11,
        lang="en",
        buttons=[Button(id="done", label="Done", primary=True)],
    )
    settle(page)
    assert overlay.drawn_box() is None
    bubble = layout(page)["bubble"]
    viewport = page.viewport_size
    assert viewport is not None
    assert abs(bubble["x"] + bubble["width"] / 2 - viewport["width"] / 2) <= 1
    assert abs(bubble["y"] + bubble["height"] / 2 - viewport["height"] / 2) <= 1


def test_missing_target_raises_and_hides_the_previous_step(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("light.html"))
    overlay.show(page.locator("#next"), text="Click Next", lang="en")
    with pytest.raises(Error):
        overlay.show(page.locator("#no-such-thing"), text="Nowhere", lang="en", timeout=300)
    assert overlay.drawn_box() is None
    assert overlay.current_show_id is None


def test_waits_for_a_target_that_renders_late(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("light.html"))
    page.evaluate(
        """() => setTimeout(() => {
          const b = document.createElement('button'); b.id = 'late'; b.textContent = 'Late';
          document.querySelector('main').append(b);
        }, 200)"""
    )
    overlay.show(page.locator("#late"), text="Appears soon", lang="en")
    assert_tracks(page, overlay, page.locator("#late"))
