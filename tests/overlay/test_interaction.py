"""The overlay never gets in the way, and tells Python what the person did."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from guide_runner.overlay import Button, Overlay

from .helpers import click_centre, layout, press_bubble_button, settle
from .server import Origins


def test_click_on_the_target_reaches_the_page(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("light.html"))
    target = page.locator("#next")
    show_id = overlay.show(target, text="Click Next", lang="en")
    settle(page)
    box = target.bounding_box()
    assert box is not None
    click_centre(page, box)  # raw mouse: nothing may intercept it
    target.click()  # Playwright's own check that nothing covers the element
    assert page.evaluate("() => window.pageClicks") == ["next", "next"]
    signal = overlay.wait_for_signal(2000)
    assert signal is not None and signal.kind == "activated" and signal.via == "click"
    assert signal.show_id == show_id


def test_click_through_the_bubble_text_reaches_the_page(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("light.html"))
    overlay.show(page.locator("#email"), text="Some text", lang="en")
    settle(page)
    bubble = layout(page)["bubble"]
    x, y = bubble["x"] + 10, bubble["y"] + bubble["height"] / 2
    # pointer-events: none, so hit-testing sees the page element under the bubble
    underneath = page.evaluate(
        "([x, y]) => { const e = document.elementFromPoint(x, y); return e.id || e.localName; }",
        [x, y],
    )
    page.mouse.click(x, y)
    assert page.evaluate("() => window.pageClicks") == [underneath]


def test_typing_into_the_highlighted_input(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("light.html"))
    target = page.locator("#email")
    overlay.show(
        target,
        text="Type your email",
        lang="en",
        buttons=[Button("done", "Done")],
        cant_find_label="Can't find it?",
    )
    settle(page)
    box = target.bounding_box()
    assert box is not None
    click_centre(page, box)
    page.keyboard.type("ola@example.com")
    assert target.input_value() == "ola@example.com"
    # Pressing a bubble button does not take focus out of the field ...
    press_bubble_button(page, "done")
    assert page.evaluate("() => document.activeElement.id") == "email"
    page.keyboard.type(".no")
    assert target.input_value() == "ola@example.com.no"
    # ... and Enter in the field is the page's alone: the overlay does not look at keys typed
    # into a field (test_keys_typed_into_an_outlined_field_are_not_looked_at).
    page.keyboard.press("Enter")
    kinds = [(s.kind, s.button_id or s.via) for s in overlay.events()]
    assert kinds == [("activated", "click"), ("button", "done")]


def test_cant_find_link(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("light.html"))
    overlay.show(
        page.locator("#next"), text="Click", lang="nb", cant_find_label="Finner du det ikke?"
    )
    settle(page)
    click_centre(page, layout(page)["cantFind"])
    signal = overlay.wait_for_signal(2000)
    assert signal is not None and signal.kind == "cant_find"


def test_signals_of_an_earlier_step_and_forged_payloads_are_dropped(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("light.html"))
    first = overlay.show(page.locator("#next"), text="One", lang="en")
    second = overlay.show(page.locator("#email"), text="Two", lang="en")
    page.evaluate(
        """(first) => Promise.all([
          window.__guideRunnerSignal({ kind: 'activated', showId: first }),
          window.__guideRunnerSignal('nonsense'),
          window.__guideRunnerSignal({ kind: 'explode', showId: 2 }),
        ])""",
        first,
    )
    assert overlay.events() == []
    assert overlay.current_show_id == second


def test_a_page_cannot_name_the_step_showing(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    # Show ids are random: a page script that calls the binding with every small number
    # (what counted ids would be) forges nothing.
    page.goto(origins.url("light.html"))
    overlay.show(page.locator("#next"), text="One", lang="en")
    page.evaluate(
        """async () => {
          for (let id = 0; id <= 2000; id += 1) {
            await window.__guideRunnerSignal({ kind: 'button', showId: id, buttonId: 'ok' });
          }
        }"""
    )
    assert overlay.events() == []


def test_a_page_that_replaces_the_binding_sees_nothing_sent(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    # The overlay keeps the binding it found at install: a page script that wraps it later,
    # to learn the show id from what passes through, hears nothing.
    page.goto(origins.url("light.html"))
    page.evaluate(
        """() => {
          const real = window.__guideRunnerSignal;
          window.overheard = [];
          window.__guideRunnerSignal = (payload) => {
            window.overheard.push(payload);
            return real(payload);
          };
        }"""
    )
    show_id = overlay.show(page.locator("#next"), text="Click Next", lang="en")
    page.locator("#next").click()
    signal = overlay.wait_for_signal(2000)
    assert signal is not None and signal.kind == "activated" and signal.show_id == show_id
    assert page.evaluate("() => window.overheard") == []


def test_activation_in_frames(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url(f"frames.html?other={origins.other}"))
    for frame_id, origin in (("#same", origins.main), ("#cross", origins.other)):
        target = page.frame_locator(frame_id).locator("#in-frame")
        overlay.show(target, text="Click it", lang="en", scroll=False)
        target.click()
        signal = overlay.wait_for_signal(2000)
        assert signal is not None and signal.kind == "activated", frame_id
        assert signal.frame_url.startswith(origin)


def test_vanished_target_is_found_again_by_its_locator(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("light.html"))
    target = page.get_by_role("button", name="Next")
    overlay.show(target, text="Click Next", lang="en")
    page.evaluate("() => document.querySelector('#next').remove()")
    signal = overlay.wait_for_signal(2000)
    assert signal is not None and signal.kind == "vanished"
    settle(page)
    assert overlay.drawn_box() is None
    # The page renders it again somewhere else: its old place in the DOM no longer fits.
    page.evaluate(
        """() => {
          const b = document.createElement('button');
          b.textContent = 'Next'; b.className = 'primary';
          document.querySelector('main').prepend(b);
        }"""
    )
    signal = overlay.wait_for_signal(2000)  # Python looks the locator up again meanwhile
    assert signal is not None and signal.kind == "followed"
    settle(page)
    box = target.bounding_box()
    drawn = overlay.drawn_box()
    assert drawn is not None and box is not None
    assert abs(drawn["y"] - box["y"]) <= 1


def test_scrolls_an_off_screen_target_into_view_once(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.emulate_media(reduced_motion="reduce")  # instant, so no waiting for the scroll
    page.goto(origins.url("scrolling.html"))
    overlay.show(page.locator("#far"), text="Far below", lang="en")
    scrolled = page.evaluate("() => window.scrollY")
    assert scrolled > 800
    page.evaluate("() => window.scrollTo(0, 0)")
    settle(page)
    assert page.evaluate("() => window.scrollY") == 0  # once: the person may scroll away


def test_smooth_scroll_without_reduced_motion(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.emulate_media(reduced_motion="no-preference")
    page.goto(origins.url("scrolling.html"))
    overlay.show(page.locator("#far"), text="Far below", lang="en")
    assert page.evaluate("() => window.scrollY") < 800  # still on its way
    page.wait_for_function(
        """() => { const r = document.querySelector('#far').getBoundingClientRect();
                   return r.top >= 0 && r.bottom <= innerHeight; }"""
    )


def test_showing_never_moves_focus(page: Page, origins: Origins, overlay: Overlay) -> None:
    page.goto(origins.url("light.html"))
    page.locator("#email").focus()
    overlay.show(
        page.locator("#next"),
        text="Then click Next",
        lang="en",
        buttons=[Button("done", "Done")],
        cant_find_label="Can't find it?",
    )
    overlay.show_message(text="Or this", lang="en", buttons=[Button("ok", "OK")])
    settle(page)
    assert page.evaluate("() => document.activeElement.id") == "email"


def test_an_in_page_wait_for_a_signal_ends_after_python_has_it(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    # The binding's message leaves the page before the reply of a wait that a signal ends, and
    # Python runs the binding first: whoever wakes on a signal (the engine's wait,
    # wait_for_signal) finds it already delivered. A Playwright that reordered them would
    # make those waits run to their cap.
    page.goto(origins.url("light.html"))
    overlay.show(page.locator("#next"), text="Click Next", lang="en")
    heard = page.evaluate(
        """() => {
          setTimeout(() => document.querySelector('#next').click(), 0);
          return window.__guideRunnerOverlay.waitForSignal(5000);
        }"""
    )
    assert heard is True
    assert [s.kind for s in overlay.events()] == ["activated"]


def test_waiting_for_a_signal_waits_in_the_page_not_by_sleeping(
    page: Page, origins: Origins, overlay: Overlay, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.goto(origins.url("light.html"))
    overlay.show(page.locator("#next"), text="Click Next", lang="en")

    def no_sleeping(timeout: float) -> None:
        raise AssertionError(f"slept {timeout} ms instead of waiting for the signal")

    monkeypatch.setattr(page, "wait_for_timeout", no_sleeping)
    page.evaluate("() => setTimeout(() => document.querySelector('#next').click(), 150)")
    signal = overlay.wait_for_signal(5000)
    assert signal is not None and signal.kind == "activated"
    assert overlay.wait_for_signal(250) is None  # nothing more: the cap ends each wait


@pytest.mark.parametrize(
    "field",
    [
        "<input id=f type=password>",
        "<textarea id=f></textarea>",
        "<div id=f contenteditable>x</div>",
    ],
)
def test_keys_typed_into_an_outlined_field_are_not_looked_at(
    page: Page, origins: Origins, overlay: Overlay, field: str
) -> None:
    page.goto(origins.url("light.html"))
    page.evaluate(
        "(html) => document.querySelector('main').insertAdjacentHTML('afterbegin', html)", field
    )
    overlay.show(page.locator("#f"), text="Type here", lang="en")
    # A key event whose key records being read: the overlay listens on the target itself.
    read = page.evaluate(
        """() => {
          let read = false;
          const event = new KeyboardEvent('keydown', { bubbles: true, cancelable: true });
          Object.defineProperty(event, 'key', { get() { read = true; return 'a'; } });
          document.querySelector('#f').dispatchEvent(event);
          return read;
        }"""
    )
    assert read is False
    page.locator("#f").press("Enter")
    assert overlay.wait_for_signal(300) is None  # Enter in a field is no activation


@pytest.mark.parametrize("mode", ["open", "closed"])
def test_keys_typed_into_a_field_inside_an_outlined_component_are_not_looked_at(
    page: Page, origins: Origins, overlay: Overlay, mode: str
) -> None:
    # The outlined element is a component whose shadow root holds a password field: its
    # key events reach the overlay's listener retargeted to the component.
    page.goto(origins.url("light.html"))
    page.evaluate(
        """(mode) => {
          customElements.define('x-secret', class extends HTMLElement {
            constructor() {
              super();
              const root = this.attachShadow({ mode });
              root.innerHTML = '<label>Password <input type=password></label>';
              window.__field = root.querySelector('input');  // the test's way in
            }
          });
          document.querySelector('main').insertAdjacentHTML('afterbegin', '<x-secret id=f>');
        }""",
        mode,
    )
    overlay.show(page.locator("#f"), text="Type your password", lang="en")
    read = page.evaluate(
        """() => {
          let read = false;
          const event = new KeyboardEvent('keydown', { bubbles: true, composed: true });
          Object.defineProperty(event, 'key', { get() { read = true; return ' '; } });
          window.__field.dispatchEvent(event);
          return read;
        }"""
    )
    assert read is False
    page.evaluate("() => window.__field.focus()")
    page.keyboard.type("a b")
    page.keyboard.press("Enter")
    assert page.evaluate("() => window.__field.value") == "a b"
    assert overlay.wait_for_signal(300) is None  # no activation: nothing about the keys


def test_enter_on_an_outlined_button_activates_it(
    page: Page, origins: Origins, overlay: Overlay
) -> None:
    page.goto(origins.url("light.html"))
    overlay.show(page.locator("#next"), text="Next", lang="en")
    page.locator("#next").press("Enter")
    signal = overlay.wait_for_signal(2000)
    assert signal is not None and signal.kind == "activated" and signal.via == "key"
