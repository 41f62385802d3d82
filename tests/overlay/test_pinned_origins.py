"""An overlay limited to some origins installs only in top documents from those origins.

A look-alike page (any other origin) finds no overlay to draw with, even by calling the
in-page API itself; frames below a pinned page keep it, to watch a target there.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Error, Page

from guide_runner.overlay import Overlay, PageQuery
from guide_runner.overlay import overlay as overlay_module

from .server import Origins

HAS_API = "() => typeof window.__guideRunnerOverlay"
# What a look-alike page would do: draw "our" bubble on its own password field.
SPOOF = """() => window.__guideRunnerOverlay.show(document.querySelector('#email'),
  { showId: 7, text: 'Skriv passordet ditt her.', step: 3, total: 9, lang: 'nb' })"""


def test_only_pinned_top_documents_get_the_overlay(page: Page, origins: Origins) -> None:
    overlay = Overlay(page, origins=[origins.main])
    try:
        page.goto(origins.url("light.html"))
        assert page.evaluate(HAS_API) == "object"
        page.goto(f"{origins.other}/light.html")  # same page, another origin
        assert page.evaluate(HAS_API) == "undefined"
        with pytest.raises(Error):
            page.evaluate(SPOOF)
        assert page.locator("guide-runner-overlay").count() == 0
        # Python cannot draw there either, not even by installing it again.
        with pytest.raises(Exception):  # noqa: B017 - timeout or "cannot draw", both fine
            overlay.show(page.locator("#next"), text="Next", lang="en", timeout=300)
        assert page.evaluate(HAS_API) == "undefined"
        assert overlay.drawn_box() is None
    finally:
        overlay.destroy()


def test_a_foreign_frame_below_a_pinned_page_still_watches_its_target(
    page: Page, origins: Origins
) -> None:
    overlay = Overlay(page, origins=[origins.main])
    try:
        page.goto(origins.url(f"frames.html?other={origins.other}"))
        target = page.frame_locator("#cross").locator("#in-frame")
        overlay.show(target, text="Click it", lang="en", scroll=False)
        target.click()
        signal = overlay.wait_for_signal(2000)
        assert signal is not None and signal.kind == "activated"
        assert signal.frame_url.startswith(origins.other)
    finally:
        overlay.destroy()


def test_a_top_document_with_an_opaque_origin_gets_nothing(page: Page, origins: Origins) -> None:
    # data: documents, sandboxed ones and blank tabs have the origin "null": never pinned.
    overlay = Overlay(page, origins=[origins.main])
    try:
        page.goto("data:text/html,<h1>Logg inn</h1>")
        assert page.evaluate(HAS_API) == "undefined"
    finally:
        overlay.destroy()


def test_frames_below_a_page_not_pinned_get_nothing(page: Page, origins: Origins) -> None:
    # Another origin's page (a look-alike, another tab's webmail) framing documents, one of
    # them from the pinned origin itself: none gets the overlay (what a frame knows of its
    # top document's origin: location.ancestorOrigins).
    overlay = Overlay(page, origins=[origins.main])
    try:
        page.goto(f"{origins.other}/frames.html?other={origins.main}")
        for frame_id in ("#same", "#cross"):
            page.frame_locator(frame_id).locator("#in-frame").wait_for(state="attached")
        urls = [frame.url for frame in page.frames]
        assert any(url.startswith(origins.main) for url in urls), urls
        assert [frame.evaluate(HAS_API) for frame in page.frames] == ["undefined"] * 3
    finally:
        overlay.destroy()


# A look-alike page defining the overlay's in-page API itself, to learn the show id of
# whatever Python hands it. (What no check in the page can stop: a page hooking how
# Playwright builds the call's arguments in its world; see docs/overlay.md, Known limits.)
FAKE_API = """() => {
  window.heard = [];
  const note = (...args) => { window.heard.push(JSON.stringify(args)); return true; };
  window.__guideRunnerOverlay = { show: note, expect: note, armChanges: note,
    endExpectation: note, dropGuess: () => false, reachesTop: () => true };
}"""


def test_a_look_alike_with_a_fake_api_learns_no_show_id(page: Page, origins: Origins) -> None:
    # Reached between the caller's check of the address and its call: every call that
    # carries a show id checks the top document's origin itself first.
    overlay = Overlay(page, origins=[origins.main])
    try:
        page.goto(f"{origins.other}/light.html")
        page.evaluate(FAKE_API)
        assert overlay.expect([PageQuery.by_css("#next")], text="Next") is None
        overlay.show_message(text="Hello", lang="en")
        with pytest.raises(Exception):  # noqa: B017 - timeout or "not pinned", both fine
            overlay.show(page.locator("#next"), text="Next", lang="en", timeout=300)
        assert page.evaluate("() => window.heard") == []
    finally:
        overlay.destroy()


def test_without_origins_every_document_gets_it(page: Page, origins: Origins) -> None:
    overlay = Overlay(page)
    try:
        page.goto(f"{origins.other}/light.html")
        assert page.evaluate(HAS_API) == "object"
    finally:
        overlay.destroy()


# Stands in for overlay.js where the overlay installs into documents already open (the init
# script for later documents is built separately and stays real): counts what it is sent.
COUNTING_INSTALL = "(config) => { window.__installsSent = (window.__installsSent || 0) + 1; }"
SENT = "() => window.__installsSent || 0"


@pytest.fixture
def counted_installs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(overlay_module, "install_function", lambda: COUNTING_INSTALL)


@pytest.mark.usefixtures("counted_installs")
def test_a_new_tabs_blank_page_is_not_sent_the_script(page: Page, origins: Origins) -> None:
    # The runner makes its overlay on a new tab before opening the guide's page: the blank
    # document refuses it anyway, and a 45 KB parse there is time on the way to step 1.
    assert page.url == "about:blank"
    overlay = Overlay(page, origins=[origins.main])
    try:
        assert page.evaluate(SENT) == 0
        page.goto(origins.url("light.html"))  # the init script still installs it there
        overlay.show(page.locator("#next"), text="Next", lang="en")
        assert overlay.drawn_box() is not None
    finally:
        overlay.destroy()


@pytest.mark.usefixtures("counted_installs")
def test_documents_that_may_draw_are_sent_the_script_at_once(page: Page, origins: Origins) -> None:
    # Without pins any blank page may be written into; a pinned page already open needs it.
    Overlay(page).destroy()
    assert page.evaluate(SENT) == 1
    second = page.context.new_page()
    second.goto(origins.url("light.html"))
    Overlay(second, origins=[origins.main]).destroy()
    assert second.evaluate(SENT) == 1
    third = page.context.new_page()
    third.goto(f"{origins.other}/light.html")
    Overlay(third, origins=[origins.main]).destroy()
    assert third.evaluate(SENT) == 0


@pytest.mark.usefixtures("counted_installs")
def test_a_blank_popup_of_a_pinned_page_is_sent_the_script(page: Page, origins: Origins) -> None:
    # window.open() with no address: the blank popup shares its opener's (pinned) origin,
    # and the opener may write a page into it.
    page.goto(origins.url("light.html"))
    with page.expect_popup() as popup_info:
        page.evaluate("() => { window.open(''); }")
    popup = popup_info.value
    assert popup.url == "about:blank"
    Overlay(popup, origins=[origins.main]).destroy()
    assert popup.evaluate(SENT) == 1
