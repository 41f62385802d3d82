"""Screenshots of the overlay for people to look at (test-results/overlay/).

They also check that the overlay's pixels are really on screen: the ring's accent colour
must appear just outside the target even where the page paints something on top.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Page

from guide_runner.overlay import Button, Overlay

from .helpers import settle
from .server import Origins

NB_TEXT = "Skriv inn e-postadressen din og trykk «Neste»."
CANT_FIND = "Finner du det ikke?"


def show_email_step(page: Page, overlay: Overlay) -> None:
    overlay.show(
        page.locator("#email"),
        text=NB_TEXT,
        step=3,
        total=11,
        lang="nb",
        cant_find_label=CANT_FIND,
        title="E-post",
    )
    settle(page)


def test_light_page(page: Page, origins: Origins, overlay: Overlay, screenshots: Path) -> None:
    page.goto(origins.url("light.html"))
    show_email_step(page, overlay)
    page.screenshot(path=screenshots / "light.png", animations="disabled")


def test_dark_page(page: Page, origins: Origins, overlay: Overlay, screenshots: Path) -> None:
    page.goto(origins.url("dark.html"))
    show_email_step(page, overlay)
    page.screenshot(path=screenshots / "dark.png", animations="disabled")


def test_dimmed_with_buttons(
    page: Page, origins: Origins, overlay: Overlay, screenshots: Path
) -> None:
    page.goto(origins.url("light.html"))
    overlay.show(
        page.locator("#forgot"),
        text="Har du glemt passordet? Velg hva du vil gjøre.",
        step=5,
        total=11,
        lang="nb",
        dim=True,
        cant_find_label=CANT_FIND,
        buttons=[Button("reset", "Tilbakestill", primary=True), Button("skip", "Hopp over")],
    )
    settle(page)
    page.screenshot(path=screenshots / "dimmed-buttons.png", animations="disabled")


def test_modal_dialog(page: Page, origins: Origins, overlay: Overlay, screenshots: Path) -> None:
    page.goto(origins.url("modal.html"))
    overlay.show(page.locator("#open"), text="Click «Change password»", step=1, total=3, lang="en")
    page.locator("#open").click()
    overlay.show(
        page.locator("#new-password"),
        text="Type a new password",
        step=2,
        total=3,
        lang="en",
        cant_find_label="Can't find it?",
    )
    settle(page)
    page.screenshot(path=screenshots / "modal.png", animations="disabled")


def test_zoom_200_percent(browser: Browser, origins: Origins, screenshots: Path) -> None:
    # 200 % browser zoom on a 1280 x 720 window: half the CSS pixels, twice the device pixels.
    context = browser.new_context(viewport={"width": 640, "height": 360}, device_scale_factor=2)
    page = context.new_page()
    overlay = Overlay(page)
    try:
        page.goto(origins.url("light.html"))
        show_email_step(page, overlay)
        page.screenshot(path=screenshots / "zoom-200.png", animations="disabled")
    finally:
        overlay.destroy()
        context.close()
