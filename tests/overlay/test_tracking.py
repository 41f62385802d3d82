"""The outline stays exactly on its target (within 1 px) whatever the page does."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

from guide_runner.overlay import Overlay

from .helpers import API, assert_close, assert_tracks, frames_drawn
from .server import Origins

# In one animation frame, after the overlay's own frame callback: what it drew and where
# the target really is, sampled together so the page cannot move in between.
SAMPLE_IN_FRAMES = f"""async ({{ selector, count }}) => {{
  const samples = [];
  for (let i = 0; i < count; i += 1) {{
    await new Promise((done) => requestAnimationFrame(done));
    const r = document.querySelector(selector).getBoundingClientRect();
    samples.push([{API}.drawnBox(), {{ x: r.x, y: r.y, width: r.width, height: r.height }}]);
  }}
  return samples;
}}"""


def assert_samples_match(samples: list[Any]) -> None:
    assert samples
    for drawn, real in samples:
        assert_close(drawn, real)


def test_window_scroll(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("scrolling.html"))
    target = page.locator("#far")
    overlay.show(target, text="Scroll down and click", lang="en", scroll=False)
    for y in (400, 900, 1250):
        page.evaluate("(y) => window.scrollTo(0, y)", y)
        assert_tracks(page, overlay, target)


def test_scrolling_inside_a_container(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("scrolling.html"))
    target = page.locator("#inside")
    overlay.show(target, text="Inside the box", lang="en", scroll=False)
    for top in (120, 260, 0):
        page.locator("#box").evaluate("(box, top) => { box.scrollTop = top; }", top)
        assert_tracks(page, overlay, target)


def test_resize(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("light.html"))
    target = page.locator("#next")
    overlay.show(target, text="Click Next", lang="en")
    for width, height in ((900, 600), (500, 700), (1280, 720)):
        page.set_viewport_size({"width": width, "height": height})
        assert_tracks(page, overlay, target)


def test_css_transform(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("motion.html"))
    target = page.locator("#moved")
    overlay.show(target, text="Transformed", lang="en")
    target.evaluate("(el) => el.classList.add('shifted')")
    page.wait_for_function("() => document.querySelector('#moved').getAnimations().length > 0")
    assert_samples_match(page.evaluate(SAMPLE_IN_FRAMES, {"selector": "#moved", "count": 5}))
    page.wait_for_function("() => document.querySelector('#moved').getAnimations().length === 0")
    assert_tracks(page, overlay, target)


def test_element_animating(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("motion.html"))
    target = page.locator("#sliding")
    overlay.show(target, text="Sliding", lang="en")
    target.evaluate("(el) => el.classList.add('run')")
    # The overlay follows per frame while the animation runs ...
    start = frames_drawn(page)
    page.wait_for_function(f"(n) => {API}.stats().frames > n + 5", arg=start)
    assert_samples_match(page.evaluate(SAMPLE_IN_FRAMES, {"selector": "#sliding", "count": 8}))
    # ... and a paused animation leaves the element mid-way, where the outline must be too.
    target.evaluate("(el) => el.getAnimations()[0].pause()")
    assert_tracks(page, overlay, target)
    box = target.bounding_box()
    assert box is not None and box["x"] > 70  # really mid-animation, not at the start


def test_fixed_header_target(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("scrolling.html"))
    target = page.locator("#menu")
    overlay.show(target, text="Open the menu", lang="en")
    for y in (300, 1000):
        page.evaluate("(y) => window.scrollTo(0, y)", y)
        assert_tracks(page, overlay, target)


def test_sticky_target(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("scrolling.html"))
    target = page.locator("#sticky-button")
    overlay.show(target, text="Sticky", lang="en", scroll=False)
    for y in (100, 600, 1100):
        page.evaluate("(y) => window.scrollTo(0, y)", y)
        assert_tracks(page, overlay, target)


def test_same_origin_iframe_target(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url(f"frames.html?other={origins.other}"))
    target = page.frame_locator("#same").locator("#in-frame")
    overlay.show(target, text="In the frame", lang="en", scroll=False)
    assert_tracks(page, overlay, target)
    frame = page.frame(url=f"{origins.main}/frame-child.html")
    assert frame is not None
    frame.evaluate("() => window.scrollTo(0, 60)")
    assert_tracks(page, overlay, target)
    page.set_viewport_size({"width": 700, "height": 500})
    assert_tracks(page, overlay, target)


def test_cross_origin_iframe_outlines_the_frame(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url(f"frames.html?other={origins.other}"))
    target = page.frame_locator("#cross").locator("#in-frame")
    overlay.show(target, text="In the other site's frame", lang="en", scroll=False)
    assert_tracks(page, overlay, page.locator("#cross"))


def test_open_shadow_dom_target(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("shadow.html"))
    target = page.locator("login-card #shadow-button")
    overlay.show(target, text="Inside a web component", lang="en", scroll=False)
    assert_tracks(page, overlay, target)
    # Scrolling inside the shadow tree does not reach the document's listeners.
    page.locator("login-card .pane").evaluate("(pane) => { pane.scrollTop = 90; }")
    assert_tracks(page, overlay, target)


def test_element_rerendered_every_300_ms(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("rerender.html"))
    target = page.get_by_role("button", name="Approve invoice")
    overlay.show(target, text="Approve it", lang="en")
    checked = 0
    for _ in range(20):  # four checks; a sampling the page re-rendered through is done again
        if checked == 4:
            break
        renders = page.evaluate("() => window.renders")
        page.wait_for_function("(n) => window.renders > n", arg=renders)
        before = page.evaluate("() => window.renders")
        samples = page.evaluate(SAMPLE_IN_FRAMES, {"selector": "#app button", "count": 2})
        if page.evaluate("() => window.renders") != before:
            continue  # the page re-rendered while we sampled: its frame may not be drawn yet
        assert_close(*samples[-1])
        checked += 1
    assert checked == 4
    assert {s.kind for s in overlay.events()} <= {"followed"}


def test_right_to_left_page(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("rtl.html"))
    for selector in ("#next", "#edge"):
        target = page.locator(selector)
        overlay.show(target, text="انقر هنا", lang="ar")
        assert_tracks(page, overlay, target)
    page.evaluate("() => window.scrollTo(0, 150)")
    assert_tracks(page, overlay, page.locator("#edge"))


def test_follows_a_target_into_a_reloaded_same_origin_frame(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url(f"frames.html?other={origins.other}"))
    target = page.frame_locator("#same").locator("#in-frame")
    overlay.show(target, text="In the frame", lang="en", scroll=False)
    frame = page.frame(url=f"{origins.main}/frame-child.html")
    assert frame is not None
    with frame.expect_navigation():
        page.evaluate("() => { document.querySelector('#same').src = 'frame-child.html?again'; }")
    # Followed in the page when the new document is there by the time the overlay looks;
    # otherwise "vanished" first, and Python finds it again with the locator.
    kinds: list[str] = []
    while "followed" not in kinds and (signal := overlay.wait_for_signal(2000)) is not None:
        kinds.append(signal.kind)
    assert kinds in (["followed"], ["vanished", "followed"])
    page.frame_locator("#same").locator("#in-frame").evaluate(
        "(el) => el.ownerDocument.defaultView.scrollTo(0, 40)"
    )
    assert_tracks(page, overlay, target)
