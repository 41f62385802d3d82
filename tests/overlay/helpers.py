"""Small test helpers: waiting for the page to paint, comparing boxes, in-page probes."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Locator, Page

from guide_runner.overlay import Box, Overlay

# Two animation frames: the overlay's scheduled frame has run, whatever order rAFs queued in.
AFTER_TWO_FRAMES = (
    "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
)
API = "window.__guideRunnerOverlay"


def settle(page: Page) -> None:
    page.evaluate(AFTER_TWO_FRAMES)


def assert_close(drawn: Box | None, expected: Any, tolerance: float = 1.0) -> None:
    assert drawn is not None, "nothing is drawn"
    assert expected is not None, "the target has no box"
    for key in ("x", "y", "width", "height"):
        assert abs(drawn[key] - expected[key]) <= tolerance, (key, drawn, expected)  # type: ignore[literal-required]


def assert_tracks(page: Page, overlay: Overlay, target: Locator) -> None:
    """After the page settles, the outline sits exactly on the target."""
    settle(page)
    assert_close(overlay.drawn_box(), target.bounding_box())


def layout(page: Page) -> dict[str, Any]:
    """Where the overlay drew its parts (ring, bubble, arrow) and its layering state."""
    result: dict[str, Any] = page.evaluate(f"() => {API}.debugLayout()")
    return result


def click_centre(page: Page, box: dict[str, float]) -> None:
    """Click like a person: the mouse at the middle of ``box`` (viewport CSS px)."""
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def press_bubble_button(page: Page, button_id: str) -> None:
    """The bubble is in a closed shadow root; find its button by its drawn place."""
    click_centre(page, layout(page)["buttons"][button_id])


def frames_drawn(page: Page) -> int:
    return int(page.evaluate(f"() => {API}.stats().frames"))


def overlaps(a: dict[str, float], b: dict[str, float]) -> bool:
    return (
        a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )
