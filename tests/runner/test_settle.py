"""The demo's pictures show the page holding still (picture.js), without a fixed sleep: it waits
until the page holds still, or takes the picture at once and keeps it only if nothing changed."""

from __future__ import annotations

from playwright.sync_api import Page

from guide_runner.overlay import Overlay
from guide_runner.runner.picture import PICTURE_JS, settle
from guide_runner.runner.safe_page import SafePage
from tests.runner.refresh import ELSEWHERE, set_refresh

PAGE = """<!doctype html><style>
  #box { width: 80px; height: 40px; background: #36c; transition: transform 600ms linear; }
  #box.moved { transform: translateX(300px); }
  #tint { transition: color 30s linear, background-color 30s linear; }
  #tint.on { color: red; background-color: yellow; }
  #tall { height: 4000px; }
</style><div id=box></div><p id=tint>tint</p><div id=tall></div>"""


def test_waits_while_the_outline_follows_a_moving_target(page: Page) -> None:
    page.set_content(PAGE)
    overlay = Overlay(page, inspectable=True)
    overlay.show(page.locator("#box"), text="Her", step=1, total=2, lang="nb", scroll=False)
    page.evaluate("() => { box.getBoundingClientRect(); box.classList.add('moved'); }")
    assert settle(page, 5000) == "still"
    # Still means the box is where the transition ends, and the outline on it.
    x = page.evaluate("() => box.getBoundingClientRect().x")
    assert x >= 300
    drawn = overlay.drawn_box()
    assert drawn is not None and abs(drawn["x"] - x) <= 1


def test_a_transition_away_from_the_outline_is_pictured_at_its_end(page: Page) -> None:
    # Not waited for (a floating label easing into place): the picture finishes it.
    page.set_content(PAGE)
    page.evaluate("() => { box.getBoundingClientRect(); box.classList.add('moved'); }")
    assert settle(page, 5000) == "still"
    assert page.evaluate("() => box.getBoundingClientRect().x") < 300  # still on its way
    SafePage(page, screenshots=True).screenshot(mask_inputs=False)
    assert page.evaluate("() => box.getBoundingClientRect().x") >= 300  # pictured at its end


def test_waits_until_a_smooth_scroll_has_ended(page: Page) -> None:
    page.set_content(PAGE)
    page.evaluate("() => window.scrollTo({ top: 2000, behavior: 'smooth' })")
    assert settle(page, 5000) == "still"
    assert page.evaluate("() => window.scrollY") == 2000


def test_a_colour_easing_in_does_not_hold_the_outline_up(page: Page) -> None:
    page.set_content(PAGE)
    page.evaluate("() => { getComputedStyle(tint).color; tint.classList.add('on'); }")
    assert settle(page, 5000) == "still"
    # Answered while the 30-second colour transition still runs.
    running = page.evaluate(
        "() => document.getAnimations().filter((a) => a.playState === 'running').length"
    )
    assert running == 2


def test_a_page_that_never_holds_still_gets_its_picture_after_the_cap(page: Page) -> None:
    page.set_content(PAGE)
    page.evaluate(
        """() => { let x = 0; const tick = () => { box.style.marginLeft = `${++x % 50}px`;
        requestAnimationFrame(tick); }; tick(); }"""
    )
    assert settle(page, 300) == "timeout"


def test_a_page_about_to_redirect_is_not_pictured(page: Page) -> None:
    set_refresh(page, f"1;url={ELSEWHERE}")
    assert settle(page, 5000) == "leaving"


def test_a_page_that_refreshes_itself_is_pictured(page: Page) -> None:
    # The rule the runner follows redirects by (guide_runner/redirect.js): a reload of the
    # same address, or a refresh too slow to be a redirect, is the page as it stays.
    for content in ("30", "30;url=about:blank", f"30;url={ELSEWHERE}"):
        set_refresh(page, content)
        assert settle(page, 5000) == "still", content


_COUNT_FRAMES = """() => { window.frames_asked = 0; const raf = window.requestAnimationFrame;
  window.requestAnimationFrame = (cb) => { window.frames_asked += 1; return raf(cb); }; }"""


def test_a_still_page_is_still_at_the_first_frame(page: Page) -> None:
    # Compared with the state at the call: one frame, not two, before a picture.
    page.set_content(PAGE)
    page.evaluate(_COUNT_FRAMES)
    assert settle(page, 5000) == "still"
    assert page.evaluate("() => window.frames_asked") == 1


def test_a_change_before_the_first_frame_is_waited_out(page: Page) -> None:
    page.set_content(PAGE)
    page.evaluate(_COUNT_FRAMES)
    # Runs in the first frame before settle's own callback (callbacks run in order).
    still = page.evaluate(
        """(picture) => { requestAnimationFrame(() => { tint.textContent = 'changed'; });
          return (0, eval)(picture)(["settle", 5000]); }""",
        PICTURE_JS,
    )
    assert still == "still"
    assert page.evaluate("() => window.frames_asked") == 3  # ours, then settle's two
