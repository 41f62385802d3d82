"""The bubble places itself where it fits: inside the viewport, never over the target,
with its arrow pointing at the target; centred when there is no target."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from guide_runner.overlay import Overlay

from .helpers import layout, overlaps, settle
from .server import Origins

TEXT = "A longer instruction so that the bubble has a realistic width and two lines of text."
MARGIN = 8


def assert_well_placed(page: Page) -> dict[str, object]:
    drawn = layout(page)
    bubble, ring = drawn["bubble"], drawn["ring"]
    viewport = page.viewport_size
    assert viewport is not None
    assert bubble["x"] >= MARGIN - 0.5 and bubble["y"] >= MARGIN - 0.5
    assert bubble["x"] + bubble["width"] <= viewport["width"] - MARGIN + 0.5
    assert bubble["y"] + bubble["height"] <= viewport["height"] - MARGIN + 0.5
    assert not overlaps(bubble, ring)
    assert drawn["arrow"] is not None
    return drawn


@pytest.mark.parametrize(
    ("selector", "side"),
    [
        ("#top-left", "right"),
        ("#top-right", "bottom"),
        ("#bottom-left", "right"),
        ("#bottom-right", "top"),
        ("#centre", "right"),
        ("#wide", "top"),
    ],
)
def test_fits_beside_the_target(
    page: Page, origins: Origins, overlay: Overlay, selector: str, side: str
) -> None:
    page.goto(origins.url("placement.html"))
    overlay.show(page.locator(selector), text=TEXT, step=1, total=2, lang="en")
    settle(page)
    assert assert_well_placed(page)["side"] == side


def test_right_to_left_prefers_the_left(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("placement.html"))
    page.evaluate("() => { document.documentElement.dir = 'rtl'; }")
    overlay.show(page.locator("#centre"), text=TEXT, lang="en")
    settle(page)
    assert assert_well_placed(page)["side"] == "left"


def test_flips_when_the_page_changes_under_it(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("placement.html"))
    overlay.show(page.locator("#centre"), text=TEXT, lang="en")
    settle(page)
    page.set_viewport_size({"width": 560, "height": 720})  # no room on either side now
    settle(page)
    assert assert_well_placed(page)["side"] in {"bottom", "top"}


def test_message_stays_centred_on_resize(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("placement.html"))
    overlay.show_message(text=TEXT, lang="en")
    for width, height in ((1280, 720), (600, 500)):
        page.set_viewport_size({"width": width, "height": height})
        settle(page)
        bubble = layout(page)["bubble"]
        assert abs(bubble["x"] + bubble["width"] / 2 - width / 2) <= 1
        assert abs(bubble["y"] + bubble["height"] / 2 - height / 2) <= 1


def test_message_in_the_corner_leaves_the_page_readable(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("placement.html"))
    overlay.show_message(text=TEXT, lang="en", position="corner")
    for width, height in ((1280, 720), (600, 500)):
        page.set_viewport_size({"width": width, "height": height})
        settle(page)
        bubble = layout(page)["bubble"]
        assert abs(bubble["x"] + bubble["width"] - (width - MARGIN)) <= 1
        assert abs(bubble["y"] + bubble["height"] - (height - MARGIN)) <= 1


def test_bubble_leaves_what_describes_the_target_visible(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    # Like the new-password field and its rule list: the rules sit to the right, where the
    # bubble would go first; it must take another side that fits.
    page.goto(origins.url("placement.html"))
    page.evaluate(
        """() => {
            const field = document.createElement("input");
            field.id = "new-password";
            field.setAttribute("aria-describedby", "rules");
            field.style.cssText = "position:fixed; left:200px; top:200px; width:260px";
            const rules = document.createElement("ul");
            rules.id = "rules";
            rules.style.cssText = "position:fixed; left:520px; top:180px; width:300px; margin:0";
            rules.innerHTML = "<li>8 characters</li><li>1 digit</li><li>1 special</li>";
            document.body.append(field, rules);
        }"""
    )
    overlay.show(page.locator("#new-password"), text=TEXT, lang="en")
    settle(page)
    drawn = assert_well_placed(page)
    rules = page.locator("#rules").bounding_box()
    assert rules is not None
    assert drawn["side"] != "right"
    assert not overlaps(drawn["bubble"], rules)
