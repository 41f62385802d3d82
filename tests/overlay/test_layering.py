"""The overlay is drawn above everything: huge z-indexes, modal dialogs, page popovers."""

from __future__ import annotations

from playwright.sync_api import Page

from guide_runner.overlay import Button, Overlay

from .helpers import assert_tracks, layout, press_bubble_button, settle
from .pixels import near, pixel
from .server import Origins

ACCENT = (31, 111, 235)  # the ring's outline colour
PAPER = (255, 255, 255)  # the bubble's background


def ring_pixel(page: Page) -> tuple[int, int, int]:
    """A pixel on the ring's outline: 3 px outside the box, 3 px wide, left edge centre."""
    ring = layout(page)["ring"]
    return pixel(page, ring["x"] - 4.5, ring["y"] + ring["height"] / 2)


def bubble_pixel(page: Page) -> tuple[int, int, int]:
    bubble = layout(page)["bubble"]
    return pixel(page, bubble["x"] + bubble["width"] - 6, bubble["y"] + 8)


def test_above_z_index_2147483647(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("zindex.html"))
    overlay.show(page.locator("#next"), text="Next is under the wall", lang="en")
    settle(page)
    assert layout(page)["popoverOpen"]
    assert near(ring_pixel(page), ACCENT), ring_pixel(page)
    assert near(bubble_pixel(page), PAPER, tolerance=8), bubble_pixel(page)


def test_above_a_modal_dialog_opened_later(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("modal.html"))
    button = page.locator("#open")
    overlay.show(button, text="Open the dialog", lang="en")
    settle(page)
    before = ring_pixel(page)
    button.click()  # through the outline: it takes no clicks
    page.wait_for_function("() => document.querySelector('#dialog').matches(':modal')")
    settle(page)
    drawn = layout(page)
    assert drawn["popoverOpen"]
    assert drawn["hostParent"] == "dialog"  # outside the modal dialog, everything is inert
    assert near(ring_pixel(page), before, tolerance=6), "the backdrop covers the outline"
    assert near(ring_pixel(page), ACCENT)


def test_bubble_buttons_work_inside_a_modal_dialog(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("modal.html"))
    page.locator("#open").click()
    target = page.locator("#new-password")
    show_id = overlay.show(
        target, text="Type a new password", lang="en", buttons=[Button("done", "Done")]
    )
    assert_tracks(page, overlay, target)
    assert near(ring_pixel(page), ACCENT)
    press_bubble_button(page, "done")
    signal = overlay.wait_for_signal(2000)
    assert signal is not None and signal.kind == "button" and signal.button_id == "done"
    assert signal.show_id == show_id


def test_back_on_top_after_the_dialog_closes(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("modal.html"))
    overlay.show(page.locator("#open"), text="Open the dialog", lang="en")
    page.locator("#open").click()
    page.evaluate("() => document.querySelector('#dialog').close()")
    settle(page)
    drawn = layout(page)
    assert drawn["popoverOpen"] and drawn["hostParent"] == "html"
    assert near(ring_pixel(page), ACCENT)


def test_above_a_page_popover_shown_later(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("light.html"))
    overlay.show(page.locator("#next"), text="Click Next", lang="en")
    # A page popover covering the whole viewport, opened after ours.
    page.evaluate(
        """() => {
          const p = document.createElement('div');
          p.popover = 'manual';
          p.id = 'page-popover';
          p.style.cssText = 'inset:0;width:100vw;height:100vh;margin:0;background:rgb(0,160,0)';
          document.body.append(p);
          p.showPopover();
        }"""
    )
    settle(page)
    assert near(ring_pixel(page), ACCENT)
    assert near(bubble_pixel(page), PAPER, tolerance=8)
