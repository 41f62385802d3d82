"""The overlay installed on a browser context before its pages open (overlay/context.py):
pages come with it, nothing is added per page, and each page's signals reach its own
Overlay only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Frame, Page

from guide_runner.overlay import Button, ContextInstall, Overlay, OverlayError, Signal

from .helpers import API, press_bubble_button, settle
from .server import Origins

pytestmark = pytest.mark.browser

OK = [Button("ok", "OK", primary=True)]


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    made = browser.new_context()
    yield made
    made.close()


@pytest.fixture
def no_page_installs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fails any attempt to add a binding or init script to a page rather than the context."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("added to the page, not to the context")

    monkeypatch.setattr(Page, "expose_binding", refuse)
    monkeypatch.setattr(Page, "add_init_script", refuse)


def _ok_pressed(page: Page, overlay: Overlay) -> Signal | None:
    """Shows a step with an OK button, presses it like a person; the signal heard."""
    overlay.show(page.locator("#next"), text="Press Next", buttons=OK)
    settle(page)
    press_bubble_button(page, "ok")
    return overlay.wait_for_signal(2000)


def _opened(context: BrowserContext, origins: Origins) -> Page:
    page = context.new_page()
    page.goto(origins.url("light.html"))
    return page


@pytest.mark.usefixtures("no_page_installs")
def test_a_page_opened_after_the_install_comes_with_the_overlay(
    context: BrowserContext, origins: Origins
) -> None:
    installed = ContextInstall(context, origins=[origins.main])
    page = _opened(context, origins)
    assert page.evaluate(f"() => !!{API}")  # in its first document, before any Overlay
    calls: list[str] = []
    real_evaluate = Frame.evaluate

    def counted(frame: Frame, expression: str, arg: Any = None) -> Any:
        calls.append(expression[:40])
        return real_evaluate(frame, expression, arg)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Frame, "evaluate", counted)
        overlay = Overlay(page, origins=[origins.main], installed=installed)
    assert calls == []  # nothing sent to the page: it has it all
    overlay.show(page.locator("#next"), text="Press Next", buttons=OK)
    settle(page)
    assert overlay.drawn_box() is not None
    press_bubble_button(page, "ok")
    signal = overlay.wait_for_signal(2000)
    assert signal is not None and (signal.kind, signal.button_id) == ("button", "ok")


def test_a_page_open_before_the_install_gets_the_overlay_too(
    context: BrowserContext, origins: Origins
) -> None:
    # Its document missed the context's script: installed there when first needed.
    page = _opened(context, origins)
    installed = ContextInstall(context, origins=[origins.main])
    overlay = Overlay(page, origins=[origins.main], installed=installed)
    signal = _ok_pressed(page, overlay)
    assert signal is not None and signal.kind == "button"


def test_a_page_not_pinned_gets_no_overlay(context: BrowserContext, origins: Origins) -> None:
    ContextInstall(context, origins=[origins.main])
    page = context.new_page()
    page.goto(f"{origins.other}/light.html")
    assert page.evaluate(f"() => !!{API}") is False


def test_each_page_hears_only_its_own_signals(context: BrowserContext, origins: Origins) -> None:
    installed = ContextInstall(context, origins=[origins.main])
    pages = [_opened(context, origins) for _ in range(2)]
    overlays = [Overlay(p, origins=[origins.main], installed=installed) for p in pages]
    for page, overlay in zip(pages, overlays, strict=True):
        overlay.show(page.locator("#next"), text="Press Next", buttons=OK)
        settle(page)
    press_bubble_button(pages[1], "ok")
    signal = overlays[1].wait_for_signal(2000)
    assert signal is not None and signal.kind == "button"
    assert overlays[0].wait_for_signal(300) is None


def test_one_overlay_per_page_and_a_destroyed_one_can_be_replaced(
    context: BrowserContext, origins: Origins
) -> None:
    installed = ContextInstall(context, origins=[origins.main])
    page = _opened(context, origins)
    first = Overlay(page, origins=[origins.main], installed=installed)
    with pytest.raises(OverlayError):
        Overlay(page, origins=[origins.main], installed=installed)
    first.destroy()
    second = Overlay(page, origins=[origins.main], installed=installed)
    signal = _ok_pressed(page, second)
    assert signal is not None and signal.kind == "button"


def test_an_overlay_must_ask_for_what_the_context_was_given(
    browser: Browser, context: BrowserContext, origins: Origins
) -> None:
    installed = ContextInstall(context, origins=[origins.main])
    page = _opened(context, origins)
    with pytest.raises(ValueError, match="pinned"):
        Overlay(page, origins=[origins.other], installed=installed)
    with pytest.raises(ValueError, match="settings"):
        Overlay(page, origins=[origins.main], inspectable=True, installed=installed)
    elsewhere = browser.new_context()
    try:
        with pytest.raises(ValueError, match="another browser context"):
            Overlay(elsewhere.new_page(), origins=[origins.main], installed=installed)
    finally:
        elsewhere.close()
