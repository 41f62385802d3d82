"""show() before the target exists: waiting in the page, and what a show costs in round trips."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import ElementHandle, Error, Frame, Locator, Page

from guide_runner.overlay import Overlay
from guide_runner.overlay.assets import install_function

from .helpers import API, assert_tracks
from .server import Origins

# Adds <button id="late"> to `parent` (a selector) after `delay` ms; records when.
INSERT_LATER = """([parent, delay]) => setTimeout(() => {
  const b = document.createElement('button'); b.id = 'late'; b.type = 'button';
  b.textContent = 'Late';
  document.querySelector(parent).append(b);
  window.insertedAt = performance.now();
}, delay)"""


def watching_changes(page: Page) -> bool:
    return bool(page.evaluate(f"() => {API}.stats().watchingChanges"))


def test_target_inserted_by_a_timer_is_outlined_when_it_appears(
    page: Page, origins: Origins, overlay: Overlay, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.goto(origins.url("light.html"))
    looks: list[Any] = []
    original = Locator.evaluate_all

    def evaluate_all(self: Locator, expression: str, arg: Any = None) -> Any:
        result = original(self, expression, arg)
        looks.append(result)
        return result

    monkeypatch.setattr(Locator, "evaluate_all", evaluate_all)
    # Late enough for Playwright's own polling (20, 50, 100, 100, 500, 500 ms) to be slow,
    # and between two of the overlay's 250 ms caps (at 1000 ms a cap could end the wait in
    # the same instant as the insertion, and the look would say "timeout").
    page.evaluate(INSERT_LATER, ["main", 1120])
    overlay.show(page.locator("#late"), text="Appears later", lang="en")
    lag = page.evaluate("() => performance.now() - window.insertedAt")
    monkeypatch.undo()
    # Each look waits in the page; the last wait was ended by the insertion itself (not by a
    # time-out between looks), and the look right after it drew the outline.
    assert looks[-2:] == ["changed", "shown"], looks
    assert lag < 1000
    assert_tracks(page, overlay, page.locator("#late"))
    assert not watching_changes(page)


def test_target_made_visible_by_a_class_change(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("light.html"))
    page.evaluate(
        """() => {
          const style = document.createElement('style');
          style.textContent = '.later { display: none; }';
          document.head.append(style);
          const b = document.createElement('button');
          b.type = 'button'; b.textContent = 'Shown later'; b.className = 'later';
          document.querySelector('main').append(b);
          setTimeout(() => b.classList.remove('later'), 300);
        }"""
    )
    # Role locators match visible elements only: the attribute change must wake the wait.
    target = page.get_by_role("button", name="Shown later")
    overlay.show(target, text="Now visible", lang="en")
    assert_tracks(page, overlay, target)


def test_target_inserted_in_an_open_shadow_root(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("shadow.html"))
    page.evaluate(
        """() => setTimeout(() => {
          const b = document.createElement('button'); b.id = 'late'; b.textContent = 'Late';
          document.querySelector('login-card').shadowRoot.append(b);
        }, 200)"""
    )
    target = page.locator("login-card #late")
    overlay.show(target, text="Inside a web component", lang="en", scroll=False)
    assert_tracks(page, overlay, target)


def test_target_inserted_in_a_same_origin_frame(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url(f"frames.html?other={origins.other}"))
    frame = page.frame(url=f"{origins.main}/frame-child.html")
    assert frame is not None
    frame.wait_for_load_state()
    frame.evaluate(INSERT_LATER, ["body", 200])
    target = page.frame_locator("#same").locator("#late")
    overlay.show(target, text="In the frame", lang="en", scroll=False)
    assert_tracks(page, overlay, target)


def test_target_inserted_in_a_cross_origin_frame(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url(f"frames.html?other={origins.other}"))
    frame = page.frame(url=f"{origins.other}/frame-child.html")
    assert frame is not None
    frame.wait_for_load_state()
    frame.evaluate(INSERT_LATER, ["body", 200])
    target = page.frame_locator("#cross").locator("#late")
    overlay.show(target, text="In the other site's frame", lang="en", scroll=False)
    assert_tracks(page, overlay, page.locator("#cross"))


def test_target_on_the_page_the_current_one_navigates_to(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("light.html"))
    page.evaluate("() => setTimeout(() => { location.href = 'frame-child.html'; }, 200)")
    target = page.locator("#in-frame")
    overlay.show(target, text="On the next page", lang="en")
    assert_tracks(page, overlay, target)


def test_missing_target_times_out_and_leaves_nothing_watching(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("light.html"))
    with pytest.raises(Error, match="Timeout 400ms exceeded"):
        overlay.show(page.locator("#no-such-thing"), text="Nowhere", lang="en", timeout=400)
    assert not watching_changes(page)
    assert overlay.drawn_box() is None


def test_several_matches_is_playwrights_strict_mode_error(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("light.html"))
    with pytest.raises(Error, match="strict mode violation"):
        overlay.show(page.locator("button, input"), text="Which one?", lang="en")


# ---------------------------------------------------------------------- round trips


@pytest.fixture
def installs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every time overlay.js itself is sent to a page, by any evaluate (frame URLs)."""
    sent: list[str] = []
    script = install_function()

    def spy(cls: Any, where: Callable[[Any], str]) -> None:
        original = cls.evaluate

        def evaluate(self: Any, expression: str, arg: Any = None) -> Any:
            if expression == script:
                sent.append(where(self))
            return original(self, expression, arg)

        monkeypatch.setattr(cls, "evaluate", evaluate)

    spy(Frame, lambda frame: frame.url)
    spy(Page, lambda page: page.url)
    spy(ElementHandle, lambda _element: "element")
    yield sent


def test_overlay_js_is_sent_at_most_once_per_document(
    page: Page, origins: Origins, installs: list[str]
) -> None:
    page.goto(origins.url(f"frames.html?other={origins.other}"))
    page.frame_locator("#cross").locator("#in-frame").wait_for()
    overlay = Overlay(page)
    try:
        created = len(installs)
        assert created == len(page.frames)  # the documents open when it was made
        for _ in range(3):
            overlay.show(page.frame_locator("#same").locator("#in-frame"), text="A", lang="en")
            overlay.show(page.frame_locator("#cross").locator("#in-frame"), text="B", lang="en")
            overlay.show_message(text="C", lang="en")
            overlay.hide()
        assert len(installs) == created
        # A later document gets it from the init script, not from show().
        page.goto(origins.url("light.html"))
        overlay.show(page.locator("#next"), text="D", lang="en")
        overlay.show(page.locator("#email"), text="E", lang="en")
        assert len(installs) == created
        # A document that lacks it (it loaded while the overlay was being made) gets it once.
        page.evaluate(f"() => {{ delete {API}; }}")
        overlay.show(page.locator("#next"), text="F", lang="en")
        overlay.show(page.locator("#email"), text="G", lang="en")
        overlay.show_message(text="H", lang="en")
        assert installs[created:] == [origins.url("light.html")]
    finally:
        overlay.destroy()


def test_a_show_on_a_present_target_takes_one_round_trip(
    page: Page, origins: Origins, overlay: Overlay, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.goto(origins.url("light.html"))
    overlay.show(page.locator("#email"), text="First", lang="en")
    calls: list[str] = []
    names = ("evaluate", "evaluate_handle", "owner_frame", "frame_element", "count")
    names += ("element_handle", "element_handles", "evaluate_all", "wait_for", "wait_for_timeout")
    for cls in (Frame, Page, ElementHandle, Locator):
        for name in names:
            if not hasattr(cls, name):
                continue
            original = getattr(cls, name)

            def counted(*args: Any, _o: Any = original, _n: str = name, **kw: Any) -> Any:
                calls.append(_n)
                return _o(*args, **kw)

            monkeypatch.setattr(cls, name, counted)
    overlay.show(page.locator("#next"), text="Second", lang="en")
    assert calls == ["evaluate_all"]  # the look-up hands it to the top document
    monkeypatch.undo()
    assert_tracks(page, overlay, page.locator("#next"))
