"""destroy() puts the page back as it was; installing is idempotent and survives navigation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from guide_runner.overlay import Button, Overlay, OverlayError

from .helpers import API, settle
from .server import Origins

BOOKKEEPING = Path(__file__).parent / "probes" / "bookkeeping.js"


def page_state(page: Page) -> dict[str, Any]:
    state: dict[str, Any] = page.evaluate(
        """() => ({
          html: document.documentElement.outerHTML,
          listeners: window.__probe.listeners(),
          observers: window.__probe.observers(),
          framesPending: window.__probe.framesPending(),
          api: '__guideRunnerOverlay' in window,
        })"""
    )
    return state


def exercise(page: Page, overlay: Overlay) -> None:
    """Show a few kinds of step and make the overlay react to the page."""
    overlay.show(
        page.locator("#email"),
        text="Type",
        lang="en",
        buttons=[Button("ok", "OK")],
        cant_find_label="Can't find it?",
        dim=True,
    )
    page.evaluate("() => window.scrollTo(0, 10)")
    page.set_viewport_size({"width": 900, "height": 600})
    settle(page)
    overlay.show_message(text="Somewhere else", lang="en")
    overlay.show(page.locator("#next"), text="Click", lang="en")
    settle(page)


def test_destroy_leaves_dom_listeners_and_observers_as_before(page: Page, origins: Origins) -> None:
    page.add_init_script(path=BOOKKEEPING)
    page.goto(origins.url("light.html"))
    before = page_state(page)
    overlay = Overlay(page)
    exercise(page, overlay)
    during = page_state(page)
    assert during["observers"] > 0 and during["listeners"] != before["listeners"]
    # No key handlers on the page: only a passive one on the highlighted target itself.
    keys = [entry for entry in during["listeners"] if " key" in entry]
    assert keys == ["button#next keydown capture"]
    overlay.destroy()
    assert page_state(page) == before
    overlay.destroy()  # idempotent
    assert page_state(page) == before


def test_destroy_after_a_modal_dialog_moved_the_host(page: Page, origins: Origins) -> None:
    page.add_init_script(path=BOOKKEEPING)
    page.goto(origins.url("modal.html"))
    page.locator("#open").click()
    before = page_state(page)
    overlay = Overlay(page)
    overlay.show(page.locator("#new-password"), text="Type", lang="en")
    settle(page)
    assert page.evaluate("() => document.querySelector('#dialog guide-runner-overlay') !== null")
    overlay.destroy()
    assert page_state(page) == before


def test_destroyed_overlay_refuses_work_and_a_new_one_can_start(
    page: Page, origins: Origins
) -> None:
    page.goto(origins.url("light.html"))
    first = Overlay(page)
    first.show(page.locator("#next"), text="Click", lang="en")
    first.destroy()
    try:
        first.show(page.locator("#next"), text="Again", lang="en")
    except OverlayError:
        pass
    else:
        raise AssertionError("a destroyed overlay must refuse to show")
    second = Overlay(page)
    second.show(page.locator("#next"), text="Click", lang="en")
    settle(page)
    assert second.drawn_box() is not None
    second.destroy()


def test_one_overlay_per_page(page: Page, overlay: Overlay) -> None:
    try:
        Overlay(page)
    except OverlayError:
        return
    raise AssertionError("a second overlay on the same page must be refused")


def test_installing_twice_is_harmless(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("light.html"))
    from guide_runner.overlay.assets import install_config, install_function

    again = page.evaluate(install_function(), install_config())
    assert again == "already-installed"
    overlay.show(page.locator("#next"), text="Click", lang="en")
    overlay.show(page.locator("#email"), text="Type", lang="en")
    assert page.locator("guide-runner-overlay").count() == 1


def test_survives_navigation(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("light.html"))
    overlay.show(page.locator("#next"), text="Click", lang="en")
    page.goto(origins.url("dark.html"))
    # Installed by the init script before any page script ran; nothing drawn until asked.
    assert page.evaluate(f"() => typeof {API}.show") == "function"
    assert page.locator("guide-runner-overlay").count() == 0
    overlay.show(page.locator("#email"), text="Type", lang="en")
    settle(page)
    assert overlay.drawn_box() is not None
