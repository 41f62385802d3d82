"""A page whose Content-Security-Policy forbids inline scripts and styles (and requires
Trusted Types) still gets a working, styled overlay, and reports no violation from it."""

from __future__ import annotations

from playwright.sync_api import Page

from guide_runner.overlay import Button, Overlay

from .helpers import assert_tracks, layout, press_bubble_button
from .pixels import near, pixel
from .server import Origins

ACCENT = (31, 111, 235)
PAPER = (255, 255, 255)


def test_strict_csp_page(page: Page, origins: Origins, overlay: Overlay) -> None:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(origins.url("csp.html"))
    target = page.locator("#email")
    overlay.show(target, text="Type", step=1, total=2, lang="en", buttons=[Button("ok", "OK")])
    assert_tracks(page, overlay, target)
    ring = layout(page)["ring"]
    bubble = layout(page)["bubble"]
    assert near(pixel(page, ring["x"] - 4.5, ring["y"] + ring["height"] / 2), ACCENT)
    assert near(pixel(page, bubble["x"] + bubble["width"] - 6, bubble["y"] + 8), PAPER, 8)
    press_bubble_button(page, "ok")
    signal = overlay.wait_for_signal(2000)
    assert signal is not None and signal.button_id == "ok"
    assert page.evaluate("() => window.cspViolations") == []
    assert errors == []
    # The policy really is in force: an inline style from the page itself is refused.
    page.evaluate(
        """() => { const s = document.createElement('style');
                   s.textContent = 'body { background: red }'; document.head.append(s); }"""
    )
    page.wait_for_function("() => window.cspViolations.length > 0")
