"""The demo's report pictures (guide_runner/runner/picture.py): the viewport as drawn, the
caret hidden only while the picture is taken, no change to the page's DOM, a picture taken
at once kept only when the page held still, and typed fields masked on sensitive steps."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, CDPSession, Error, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from guide_runner.overlay import Overlay
from guide_runner.runner import picture
from guide_runner.runner.picture import PICTURE_JS, Camera
from guide_runner.runner.safe_page import SafePage
from tests.overlay.pixels import decode_png, near
from tests.runner.refresh import ELSEWHERE, set_refresh

PAGE = """<!doctype html><style>
  body { margin: 0; }
  #left { position: fixed; left: 0; top: 0; width: 200px; height: 300px; background: #d00; }
  #right { position: fixed; left: 200px; top: 0; width: 200px; height: 300px; background: #00d; }
  input { position: fixed; left: 20px; top: 20px; width: 160px; height: 40px; font-size: 28px;
          background: #fff; color: #000; border: 0; caret-color: #0a0; }
</style><div id=left></div><div id=right></div><input id=secret>"""

MASK = (0x5B, 0x67, 0x70)


def _open(page: Page) -> None:
    page.set_viewport_size({"width": 400, "height": 300})
    page.set_content(PAGE)


def test_a_picture_is_the_viewport_as_drawn(page: Page) -> None:
    _open(page)
    image = decode_png(Camera(page).take())
    assert (image.width, image.height) == (400, 300)
    assert near(image.at(100, 200), (0xDD, 0, 0), 8)
    assert near(image.at(300, 200), (0, 0, 0xDD), 8)


def test_the_caret_is_hidden_only_while_the_picture_is_taken(page: Page) -> None:
    _open(page)
    page.set_content(PAGE + '<iframe srcdoc="<input id=inner>"></iframe>')
    page.frame_locator("iframe").locator("#inner").wait_for()
    inner = page.frames[1]
    caret = "(sel) => getComputedStyle(document.querySelector(sel)).caretColor"
    assert page.evaluate(caret, "#secret") == "rgb(0, 170, 0)"
    assert page.evaluate(PICTURE_JS, ["prepare", False]) == 2  # the top document and its frame
    assert page.evaluate(caret, "#secret") == "rgba(0, 0, 0, 0)"
    assert inner.evaluate(caret, "#inner") == "rgba(0, 0, 0, 0)"
    assert page.evaluate(PICTURE_JS, ["restore"]) == "unwatched"
    assert page.evaluate(caret, "#secret") == "rgb(0, 170, 0)"
    assert inner.evaluate(caret, "#inner") != "rgba(0, 0, 0, 0)"
    Camera(page).take()
    assert page.evaluate(caret, "#secret") == "rgb(0, 170, 0)"
    assert page.evaluate("() => document.adoptedStyleSheets.length") == 0


def test_a_picture_changes_nothing_in_the_dom(page: Page) -> None:
    _open(page)
    page.evaluate(
        """() => { window.records = 0; new MutationObserver((r) => { window.records += r.length; })
          .observe(document, { subtree: true, childList: true, attributes: true,
                               characterData: true }); }"""
    )
    Camera(page).take()
    assert page.evaluate("() => new Promise((r) => setTimeout(() => r(window.records), 0))") == 0


def test_typed_text_is_masked_on_sensitive_steps(page: Page) -> None:
    _open(page)
    page.fill("#secret", "hunter2hunter2")
    safe = SafePage(page, screenshots=True)
    plain = decode_png(safe.screenshot(mask_inputs=False))
    masked = decode_png(safe.screenshot(mask_inputs=True))
    # Sample the whole field: the text's dark pixels show unmasked, none survive the mask.
    field = [(x, y) for x in range(24, 176, 4) for y in range(24, 56, 2)]
    assert any(near(plain.at(x, y), (0, 0, 0), 60) for x, y in field)
    assert all(near(masked.at(x, y), MASK, 12) for x, y in field)
    assert near(masked.at(300, 200), (0, 0, 0xDD), 8)  # the rest of the page as it is


_LEFT_BEHIND = (
    "() => Symbol.for('guideRunnerPicture') in window || document.adoptedStyleSheets.length"
)


def test_a_still_page_is_pictured_at_once(page: Page) -> None:
    _open(page)
    png = Camera(page).take_if_still()
    assert png is not None and decode_png(png).width == 400
    assert not page.evaluate(_LEFT_BEHIND)


def test_a_picture_of_a_page_that_changed_meanwhile_is_given_up(page: Page) -> None:
    _open(page)
    page.evaluate(
        """() => { let n = 0; const tick = () => { left.dataset.n = String(++n);
          requestAnimationFrame(tick); }; tick(); }"""
    )
    assert Camera(page).take_if_still() is None
    assert not page.evaluate(_LEFT_BEHIND)


def test_no_picture_at_once_while_the_outline_follows_a_moving_target(page: Page) -> None:
    page.set_content(
        "<style>#box { width: 80px; height: 40px; transition: transform 30s linear; }"
        "#box.moved { transform: translateX(300px); }</style><div id=box>box</div>"
    )
    overlay = Overlay(page, inspectable=True)
    overlay.show(page.locator("#box"), text="Her", step=1, total=2, lang="nb", scroll=False)
    assert Camera(page).take_if_still() is not None  # nothing moves yet
    page.evaluate("() => { box.getBoundingClientRect(); box.classList.add('moved'); }")
    page.wait_for_function("() => window.__guideRunnerOverlay.stats().moving")
    assert page.evaluate(PICTURE_JS, ["prepare", True]) == "moving"
    assert Camera(page).take_if_still() is None
    assert not page.evaluate(_LEFT_BEHIND)


def test_no_picture_at_once_of_a_page_about_to_redirect(page: Page) -> None:
    set_refresh(page, f"1;url={ELSEWHERE}")
    assert page.evaluate(PICTURE_JS, ["prepare", True]) == "leaving"
    assert Camera(page).take_if_still() is None
    set_refresh(page, "30")  # reloads itself: pictured
    assert Camera(page).take_if_still() is not None


def test_an_animation_that_cannot_be_finished_does_not_stop_the_picture(page: Page) -> None:
    _open(page)
    page.evaluate(
        """() => { const a = left.animate([{ opacity: 1 }, { opacity: 0.5 }], 10000);
          a.playbackRate = 0; }"""
    )
    assert Camera(page).take_if_still() is not None
    assert not page.evaluate(_LEFT_BEHIND)


def test_a_set_up_that_fails_part_way_is_undone(page: Page) -> None:
    _open(page)
    # The frame's document throws when the set-up asks for its animations, after the top
    # document's caret rule is in place.
    page.set_content(PAGE + '<iframe srcdoc="<p>inner</p>"></iframe>')
    page.frame_locator("iframe").locator("p").wait_for()
    page.frames[1].evaluate("() => { document.getAnimations = () => { throw new Error('x'); }; }")
    with pytest.raises(Error):
        Camera(page).take_if_still()
    assert not page.evaluate(_LEFT_BEHIND)


BUSY_FOR_500_MS = """() => { setTimeout(() => {
  const end = performance.now() + 500;
  while (performance.now() < end) {}
}, 0); }"""


def test_a_capture_that_does_not_finish_in_time_fails_and_the_next_one_works(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A capture the browser never completed would otherwise hold the demo up for good.
    _open(page)
    caret = "() => getComputedStyle(document.querySelector('#secret')).caretColor"
    opened: list[CDPSession] = []
    detached: list[CDPSession] = []
    new_cdp_session = BrowserContext.new_cdp_session
    detach = CDPSession.detach

    def opening(context: BrowserContext, target: Page) -> CDPSession:
        opened.append(new_cdp_session(context, target))
        if len(opened) == 1:
            # The first capture cannot finish in 1 ms even on a fast machine: the page's main
            # thread, which the browser needs for a fresh frame, is busy for 500 ms from now.
            target.evaluate(BUSY_FOR_500_MS)
        return opened[-1]

    def detaching(session: CDPSession) -> None:
        detached.append(session)
        detach(session)

    monkeypatch.setattr(BrowserContext, "new_cdp_session", opening)
    monkeypatch.setattr(CDPSession, "detach", detaching)
    camera = Camera(page)
    with monkeypatch.context() as short:
        short.setattr(picture, "CAPTURE_TIMEOUT_MS", 1.0)  # far below one capture
        with pytest.raises(PlaywrightTimeoutError):
            camera.take()
    assert page.evaluate(caret) == "rgb(0, 170, 0)"  # the set-up was undone
    assert len(opened) == 1 and detached == opened  # the stuck session is let go of
    assert decode_png(camera.take()).width == 400
    assert len(opened) == 2 and detached == opened[:1]  # a new session took the picture
