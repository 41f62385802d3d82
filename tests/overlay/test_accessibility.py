"""Accessible: no axe violations caused by the overlay, a named dialog, a polite live region,
forced colours. Contrast is checked by axe's color-contrast rule on the bubble itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from guide_runner.overlay import Button, Overlay

from .helpers import settle
from .server import Origins

AXE = Axe()
COLOURS = (Path(__file__).parent / "probes" / "colours.js").read_text(encoding="utf-8")


def violations(page: Page) -> dict[str, list[str]]:
    """axe's violations as rule id -> the nodes it flagged."""
    result = AXE.run(page)
    return {
        v["id"]: sorted(str(node["target"]) for node in v["nodes"])
        for v in result.response["violations"]
    }


def show_a_rich_step(page: Page, overlay: Overlay, selector: str) -> None:
    overlay.show(
        page.locator(selector),
        text="Skriv inn e-postadressen din.",
        step=3,
        total=11,
        lang="nb",
        title="E-post",
        cant_find_label="Finner du det ikke?",
        buttons=[Button("done", "Ferdig", primary=True), Button("skip", "Hopp over")],
    )
    settle(page)


@pytest.mark.parametrize("inspectable", [False, True], ids=["closed", "open-shadow"])
@pytest.mark.parametrize(
    ("page_name", "selector", "open_dialog"),
    [
        ("light.html", "#email", False),
        ("dark.html", "#email", False),
        ("modal.html", "#new-password", True),
    ],
)
def test_overlay_adds_no_axe_violations(
    page: Page,
    origins: Origins,
    page_name: str,
    selector: str,
    open_dialog: bool,
    inspectable: bool,
) -> None:
    """With an open shadow root axe also inspects the bubble's own markup and contrast."""
    page.goto(origins.url(page_name))
    if open_dialog:
        page.locator("#open").click()
    baseline = violations(page)
    overlay = Overlay(page, inspectable=inspectable)
    try:
        show_a_rich_step(page, overlay, selector)
        assert violations(page) == baseline
    finally:
        overlay.destroy()


def test_bubble_is_a_named_non_modal_dialog_in_the_step_language(
    page: Page, origins: Origins
) -> None:
    page.goto(origins.url("light.html"))
    overlay = Overlay(page, inspectable=True)
    show_a_rich_step(page, overlay, "#email")
    dialog = page.get_by_role("dialog", name="3 / 11 E-post")
    assert dialog.get_attribute("lang") == "nb"
    assert dialog.get_attribute("aria-modal") == "false"
    status = page.get_by_role("status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.text_content() == "3 / 11. E-post. Skriv inn e-postadressen din."
    # Text is text: markup in a step is shown, never parsed.
    overlay.show(page.locator("#next"), text="<b>Neste</b>", lang="nb")
    assert page.locator("guide-runner-overlay .gr-text").text_content() == "<b>Neste</b>"
    assert page.locator("guide-runner-overlay b").count() == 0
    overlay.destroy()


def test_forced_colors(page: Page, origins: Origins, screenshots: Path) -> None:
    page.emulate_media(forced_colors="active")
    page.goto(origins.url("dark.html"))
    overlay = Overlay(page, inspectable=True)
    show_a_rich_step(page, overlay, "#email")
    ring = page.locator("guide-runner-overlay .gr-ring")
    style = ring.evaluate(
        "(el) => { const s = getComputedStyle(el); return [s.outlineStyle, s.outlineWidth]; }"
    )
    assert style == ["solid", "3px"]  # box-shadows vanish in forced colours; outlines stay
    page.screenshot(path=screenshots / "forced-colors.png")
    overlay.destroy()


def _luminance(css_colour: str) -> float:
    red, green, blue = (int(v) / 255 for v in re.findall(r"\d+", css_colour)[:3])

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(fg: str, bg: str) -> float:
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_bubble_text_meets_wcag_aa_contrast(page: Page, origins: Origins) -> None:
    page.goto(origins.url("dark.html"))
    overlay = Overlay(page, inspectable=True)
    show_a_rich_step(page, overlay, "#email")
    pieces = page.locator("guide-runner-overlay").evaluate(COLOURS)
    assert {p["name"].split()[0] for p in pieces} >= {
        "gr-step",
        "gr-title",
        "gr-text",
        "gr-button",
        "gr-cant-find",
    }
    for piece in pieces:
        assert contrast(piece["fg"], piece["bg"]) >= 4.5, piece
    overlay.destroy()
