"""The early outline: the page outlines an expected target in the frame it appears, and
Python's look confirms it (same element: nothing redrawn) or corrects it."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import quote

import pytest
from playwright.sync_api import Frame, Page, expect

from guide_runner.overlay import Overlay, PageQuery, Signal

from .helpers import API, assert_close, settle
from .server import Origins

pytestmark = pytest.mark.browser

PAGE = """<!doctype html><html lang="en"><body>
<h1>Sign in</h1><button id="cancel">Cancel</button><div id="slot"></div>
</body></html>"""
CONTINUE = [PageQuery.by_role("button", "Continue")]
SLOT = 'document.getElementById("slot")'

# Inserts the target and reads what is drawn at the end of the first animation frame after
# it: a message posted from a frame callback runs after all of that frame's callbacks (the
# overlay's included), and this evaluate holds the only Python thread, so no Python look
# happened in between.
INSERT_AND_READ_FIRST_FRAME = f"""(html) => {{
  document.getElementById("slot").insertAdjacentHTML("beforeend", html);
  return new Promise((done) => requestAnimationFrame(() => {{
    const channel = new MessageChannel();
    channel.port1.onmessage = () => done({{
      drawn: {API}.drawnBox(), stats: {API}.stats(),
      target: document.querySelector("#slot > *").getBoundingClientRect().toJSON(),
    }});
    channel.port2.postMessage(null);
  }}));
}}"""


# Runs `insert` (a statement) once `ready` (an expression over the overlay's `stats`, and
# `seen`: the kinds of signal sent so far) holds; checked every 5 ms, so the trial does not
# depend on how fast this machine gets through Overlay() and the first look. Every signal's
# kind, with the outline drawn when it was sent, goes to window.drawnAtSignal.
WHEN = f"""([ready, insert]) => {{
  const api = {API};
  if (!window.drawnAtSignal) {{
    window.drawnAtSignal = [];
    window.seenSignals = {{}};
    api.onSignal((kind) => {{
      window.seenSignals[kind] = true;
      window.drawnAtSignal.push([kind, api.drawnBox()]);
    }});
  }}
  const check = new Function("stats", "seen", "return " + ready);
  const run = new Function(insert);
  const timer = setInterval(() => {{
    if (check(api.stats(), window.seenSignals)) {{ clearInterval(timer); run(); }}
  }}, 5);
}}"""
EXPECTING = "stats.expecting"
# The page outlined something early, and it was taken away again.
DROPPED = "seen.early && !stats.early"


def _when(page: Page, ready: str, insert: str) -> None:
    page.evaluate(WHEN, [ready, insert])


def _signals(page: Page, overlay: Overlay) -> list[Signal]:
    """The signals received, once Playwright has delivered the binding calls (each round
    trip lets it deliver what arrived meanwhile)."""
    for _ in range(50):
        signals = overlay.events()
        if signals:
            return signals
        page.evaluate("() => 0")
    return []


def _stats(page: Page) -> dict[str, object]:
    stats: dict[str, object] = page.evaluate(f"() => {API}.stats()")
    return stats


def test_an_expected_target_is_outlined_in_the_frame_it_appears(page: Page) -> None:
    page.set_content(PAGE)
    overlay = Overlay(page)
    show_id = overlay.expect(CONTINUE, text="Press Continue", step=3, total=9, lang="en")
    assert show_id is not None
    settle(page)
    assert overlay.drawn_box() is None  # not there yet: nothing drawn
    seen = page.evaluate(INSERT_AND_READ_FIRST_FRAME, "<button>Continue</button>")
    assert seen["stats"]["early"] is True
    assert_close(seen["drawn"], seen["target"])
    early = [s for s in _signals(page, overlay) if s.kind == "early"]
    assert [s.show_id for s in early] == [show_id]
    assert overlay.guessed()


def test_python_confirms_the_early_outline_without_redrawing_it(page: Page) -> None:
    page.set_content(PAGE)
    overlay = Overlay(page)
    bubble = {"text": "Press Continue", "step": 3, "total": 9, "lang": "en"}
    show_id = overlay.expect(CONTINUE, **bubble)  # type: ignore[arg-type]
    page.evaluate(INSERT_AND_READ_FIRST_FRAME, "<button>Continue</button>")
    settle(page)  # the new target's observers have reported in
    updates = _stats(page)["updates"]
    assert overlay.show(page.get_by_role("button", name="Continue"), **bubble) == show_id  # type: ignore[arg-type]
    settle(page)
    stats = _stats(page)
    assert stats["updates"] == updates  # confirmed: not drawn again, nothing bound again
    assert stats["early"] is False and not overlay.guessed()


def test_show_waiting_with_in_page_queries_arms_the_matcher_and_outlines_the_target(
    page: Page,
) -> None:
    # Whichever finds the target first, the page (the frame it appears) or Python's look
    # (woken by the same change), the outline ends on it, confirmed; which one won depends
    # on where the next frame falls. The decoy test below makes the page's find certain.
    page.set_content(PAGE)
    overlay = Overlay(page)
    _when(page, EXPECTING, SLOT + '.insertAdjacentHTML("beforeend", "<button>Continue</button>")')
    target = page.get_by_role("button", name="Continue")
    show_id = overlay.show(target, text="Press Continue", in_page=CONTINUE, timeout=3000)
    # The target is inserted only once the page expects it (_when): show armed the matcher.
    stats = _stats(page)
    assert stats["expecting"] is False and stats["early"] is False
    assert {s.kind for s in overlay.events()} <= {"early"}
    assert overlay.current_show_id == show_id and not overlay.guessed()
    settle(page)
    assert_close(overlay.drawn_box(), target.bounding_box())


def test_a_guess_playwright_does_not_share_is_corrected(page: Page) -> None:
    # The in-page description says #decoy, the locator #real: the early outline goes to the
    # decoy, Python's look finds no #real and takes it away, then outlines #real.
    page.set_content(PAGE)
    overlay = Overlay(page)
    _when(page, EXPECTING, SLOT + '.insertAdjacentHTML("beforeend", "<p id=decoy>decoy</p>")')
    _when(page, DROPPED, SLOT + '.insertAdjacentHTML("beforeend", "<p id=real>real</p>")')
    overlay.show(page.locator("#real"), text="Here", in_page=[PageQuery.by_css("#decoy")])
    settle(page)
    assert_close(overlay.drawn_box(), page.locator("#real").bounding_box())
    assert _stats(page)["early"] is False
    drawn = page.evaluate("() => window.drawnAtSignal")
    guesses = [box for kind, box in drawn if kind == "early"]
    assert len(guesses) == 1, drawn
    assert_close(guesses[0], page.locator("#decoy").bounding_box())


def test_a_dropped_guess_is_not_armed_again_for_that_address(page: Page) -> None:
    page.set_content(PAGE)
    overlay = Overlay(page)
    queries = [PageQuery.by_css("#decoy")]
    assert overlay.expect(queries, text="Here") is not None
    page.evaluate(INSERT_AND_READ_FIRST_FRAME, "<p id=decoy>decoy</p>")
    assert [s.kind for s in _signals(page, overlay)] == ["early"]
    assert overlay.guessed()
    overlay.drop_guess()
    settle(page)
    assert overlay.drawn_box() is None and not overlay.guessed()
    assert overlay.expect(queries, text="Here") is None  # refused: the locators disagreed
    assert _stats(page)["expecting"] is False


# Calls the in-page expect() directly: "plain" when it answered true at once, else how many
# animation frames went by before its promise resolved (a frame callback registered before
# expect()'s own runs first in the frame both are in).
EXPECT_IN_PAGE = f"""async ([queries, options]) => {{
  let frames = 0;
  const tick = () => {{ frames += 1; requestAnimationFrame(tick); }};
  requestAnimationFrame(tick);
  const answer = {API}.expect(queries, options);
  if (answer === true) return "plain";
  await answer;
  return frames;
}}"""
WITH_CONTINUE = PAGE.replace('<div id="slot"></div>', "<button>Continue</button>")


def _opened_with_overlay(page: Page, html: str) -> Overlay:
    """An Overlay made first, then a new document: installed by the init script, before the
    page's own scripts (not by a later evaluate, whose timers may be the page's)."""
    overlay = Overlay(page)
    page.goto("data:text/html," + quote(html))
    return overlay


def _expect_in_page(page: Page) -> object:
    options = {"text": "Press Continue", "showId": 7}
    return page.evaluate(EXPECT_IN_PAGE, [[q.payload() for q in CONTINUE], options])


def test_a_target_already_there_is_outlined_by_expect_before_it_answers(page: Page) -> None:
    # A step just begun, its target already on the page: the page outlines it in the expect
    # call itself and answers only after the frame that shows it, so that Python's own
    # look (a long task in the page) cannot hold that frame up.
    overlay = _opened_with_overlay(page, WITH_CONTINUE)
    frames = _expect_in_page(page)
    assert isinstance(frames, int) and frames >= 1, frames
    assert _stats(page)["early"] is True
    overlay.hide()
    # Through Python: drawn on the target when the call returns, and its "early" signal in.
    assert overlay.expect(CONTINUE, text="Press Continue") is not None
    stats = _stats(page)
    assert stats["early"] is True and stats["expecting"] is False
    assert_close(overlay.drawn_box(), page.get_by_role("button", name="Continue").bounding_box())
    assert overlay.guessed()


def test_an_overlay_installed_after_the_pages_scripts_does_not_wait_for_a_frame(
    page: Page,
) -> None:
    # Installed by evaluate into a document already running (set_content makes no new
    # document), its timers are the page's own, which the page could have stopped: the
    # answer must not depend on them, so it comes at once.
    page.set_content(WITH_CONTINUE)
    Overlay(page)
    assert _expect_in_page(page) == "plain"
    assert _stats(page)["early"] is True


def test_expect_answers_at_once_when_the_target_is_not_there(page: Page) -> None:
    # Nothing to outline: a plain true, not a promise of the next frame, so Python's own
    # look is not held up.
    _opened_with_overlay(page, PAGE)
    assert _expect_in_page(page) == "plain"
    stats = _stats(page)
    assert stats["expecting"] is True and stats["early"] is False


def test_the_look_expect_makes_at_once_may_take_longer_than_a_frames_share(
    page: Page,
) -> None:
    # A page slow to query (9 ms a query, three per look: more than a look in a frame may
    # take): the look made in the expect call itself stands in for Python's slower one, and
    # still outlines.
    page.set_content(PAGE.replace('<div id="slot"></div>', "<button>Continue</button>"))
    overlay = Overlay(page)
    page.evaluate(
        """() => {
          const real = Document.prototype.querySelectorAll;
          Document.prototype.querySelectorAll = function (selector) {
            const until = performance.now() + 9;
            while (performance.now() < until) {}
            return real.call(this, selector);
          };
        }"""
    )
    assert overlay.expect(CONTINUE, text="Press Continue") is not None
    assert _stats(page)["early"] is True


def test_an_outline_drawn_at_a_steps_start_is_quiet_until_python_confirms_it(
    page: Page,
) -> None:
    # Python may still find the step already done (and withdraw it): until its show confirms
    # the outline, nothing is scrolled to and nothing is announced.
    tall = PAGE.replace(
        '<div id="slot"></div>', '<div style="height: 3000px"></div><button>Continue</button>'
    )
    page.set_content(tall)
    overlay = Overlay(page, inspectable=True)
    status = page.get_by_role("status")
    bubble = {"text": "Press Continue", "step": 2, "total": 9, "lang": "en"}
    assert overlay.expect(CONTINUE, **bubble) is not None  # type: ignore[arg-type]
    settle(page)
    assert _stats(page)["early"] is True
    assert page.evaluate("() => window.scrollY") == 0
    assert status.text_content() == ""
    overlay.show(page.get_by_role("button", name="Continue"), **bubble)  # type: ignore[arg-type]
    page.wait_for_function("() => window.scrollY > 0")  # scrolled to now (smoothly)
    assert _stats(page)["early"] is False
    expect(status).to_have_text("2 / 9. Press Continue")


def test_withdraw_takes_away_an_early_outline_python_has_not_heard_of(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The caller is done with the step before the page's "early" signal reached Python (here
    # it never does): the outline still goes.
    real = Overlay._on_binding

    def without_early(self: Overlay, source: dict[str, object], payload: object) -> None:
        if not (isinstance(payload, dict) and payload.get("kind") == "early"):
            real(self, source, payload)

    monkeypatch.setattr(Overlay, "_on_binding", without_early)
    page.set_content(PAGE)
    overlay = Overlay(page)
    assert overlay.expect(CONTINUE, text="Press Continue") is not None
    seen = page.evaluate(INSERT_AND_READ_FIRST_FRAME, "<button>Continue</button>")
    assert seen["stats"]["early"] is True
    overlay.withdraw()
    settle(page)
    stats = _stats(page)
    assert overlay.drawn_box() is None and stats["early"] is False and not stats["expecting"]
    assert not overlay.guessed()
    # Not refused, unlike a dropped guess: the same step may be armed again.
    assert overlay.expect(CONTINUE, text="Press Continue") is not None


def _calls_during(monkeypatch: pytest.MonkeyPatch, action: Callable[[], object]) -> object:
    """What ``action`` returned, and how many calls it made into the page."""
    calls: list[str] = []
    real = Frame.evaluate

    def counted(frame: Frame, expression: str, arg: object = None) -> object:
        calls.append(expression[:40])
        return real(frame, expression, arg)

    with monkeypatch.context() as patch:
        patch.setattr(Frame, "evaluate", counted)
        answer = action()
    return answer, len(calls)


def test_a_page_that_breaks_the_matcher_still_gets_one_call(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The look expect() makes at once throws (the page broke a DOM method it uses): the page
    # stays armed and says so, so Python does not take it for a missing overlay and ask again.
    page.set_content(WITH_CONTINUE)
    overlay = Overlay(page)
    page.evaluate(
        "() => { Document.prototype.querySelectorAll = () => { throw new Error('broken'); }; }"
    )
    answer, calls = _calls_during(
        monkeypatch, lambda: overlay.expect(CONTINUE, text="Press Continue")
    )
    assert answer is not None and calls == 1
    assert _stats(page)["expecting"] is True


def test_a_call_the_page_breaks_is_not_repeated(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    page.set_content(WITH_CONTINUE)
    overlay = Overlay(page)
    page.evaluate("() => { Array.isArray = () => { throw new Error('broken'); }; }")
    answer, calls = _calls_during(
        monkeypatch, lambda: overlay.expect(CONTINUE, text="Press Continue")
    )
    assert answer is None and calls == 1


def test_withdraw_forgets_what_the_withdrawn_step_signalled(page: Page) -> None:
    # The outline drawn at the step's start was clicked before Python withdrew the step (it
    # was already done): that click must not count for the next step.
    page.set_content(WITH_CONTINUE)
    overlay = Overlay(page)
    assert overlay.expect(CONTINUE, text="Press Continue") is not None
    page.get_by_role("button", name="Continue").click()
    page.evaluate("() => new Promise((done) => setTimeout(done, 50))")  # its signal is in
    overlay.withdraw()
    assert overlay.events() == []


def test_withdraw_ends_an_expectation_and_keeps_a_shown_step(page: Page) -> None:
    page.set_content(PAGE)
    overlay = Overlay(page)
    overlay.expect(CONTINUE, text="Press Continue")
    overlay.withdraw()
    page.evaluate(INSERT_AND_READ_FIRST_FRAME, "<button>Continue</button>")
    settle(page)
    assert overlay.drawn_box() is None and _stats(page)["expecting"] is False
    overlay.show(page.get_by_role("button", name="Continue"), text="Press Continue")
    overlay.withdraw()  # nothing pending: the shown step stays, and no call is made
    settle(page)
    assert overlay.drawn_box() is not None


def test_nothing_runs_while_the_page_does_not_change(page: Page) -> None:
    page.set_content(PAGE)
    overlay = Overlay(page)
    overlay.expect(CONTINUE, text="Press Continue")
    settle(page)
    looks = _stats(page)["earlyLooks"]
    assert looks == 1  # the one look right after arming
    page.evaluate(  # 30 frames of a page that does nothing
        "() => new Promise((done) => { let n = 0; const f = () => ++n < 30 ?"
        " requestAnimationFrame(f) : done(); requestAnimationFrame(f); })"
    )
    assert _stats(page)["earlyLooks"] == looks
    page.evaluate("() => document.body.append(document.createElement('span'))")
    settle(page)
    assert _stats(page)["earlyLooks"] == looks + 1  # a change: one look, in one frame


def test_a_message_or_hide_ends_the_expectation(page: Page) -> None:
    page.set_content(PAGE)
    overlay = Overlay(page)
    overlay.expect(CONTINUE, text="Press Continue")
    assert _stats(page)["expecting"] is True
    overlay.show_message(text="Where is it?")
    assert _stats(page)["expecting"] is False
    overlay.expect(CONTINUE, text="Press Continue")
    overlay.hide()
    assert _stats(page)["expecting"] is False
    page.evaluate(INSERT_AND_READ_FIRST_FRAME, "<button>Continue</button>")
    assert overlay.drawn_box() is None


def test_another_address_ends_the_expectation(page: Page) -> None:
    page.set_content(PAGE)
    overlay = Overlay(page)
    overlay.expect(CONTINUE, text="Press Continue")
    page.evaluate("() => history.pushState(null, '', '#elsewhere')")
    seen = page.evaluate(INSERT_AND_READ_FIRST_FRAME, "<button>Continue</button>")
    assert seen["drawn"] is None and seen["stats"]["expecting"] is False


def test_a_page_where_the_matcher_is_slow_is_left_to_python(page: Page) -> None:
    # Each look in a frame takes longer than its budget (the page's queries take 10 ms
    # each): after three such looks the page stops looking, and Python's looks carry on
    # alone. The look expect() makes at once has a larger budget, and does not count.
    page.set_content(PAGE)
    overlay = Overlay(page)
    # Slow from after the look expect() makes at once (which could overrun even its own
    # budget on a loaded machine, and count).
    overlay.expect([PageQuery.by_role("button", "Nowhere")], text="Press Nowhere")
    page.evaluate(
        """() => {
          const real = Document.prototype.querySelectorAll;
          Document.prototype.querySelectorAll = function (selector) {
            const until = performance.now() + 10;
            while (performance.now() < until) {}
            return real.call(this, selector);
          };
        }"""
    )
    for n in range(4):
        page.evaluate(INSERT_AND_READ_FIRST_FRAME, f"<button>Continue {n}</button>")
        settle(page)
    stats = _stats(page)
    assert stats["expecting"] is False
    assert stats["earlyLooks"] == 4  # the look when armed, then three changes


def test_expect_with_nothing_to_look_for_ends_the_earlier_expectation(page: Page) -> None:
    # A step whose target the page cannot look for (a label) follows one it could: the
    # earlier step's target must not be outlined during the later step.
    page.set_content(PAGE)
    overlay = Overlay(page)
    overlay.expect(CONTINUE, text="Press Continue")
    assert _stats(page)["expecting"] is True
    assert overlay.expect([PageQuery.other()], text="Type your e-mail") is None
    assert _stats(page)["expecting"] is False
    seen = page.evaluate(INSERT_AND_READ_FIRST_FRAME, "<button>Continue</button>")
    assert seen["drawn"] is None


def test_expect_arms_a_reloaded_page_again(page: Page, origins: Origins) -> None:
    page.goto(origins.url("light.html"))
    overlay = Overlay(page)
    queries = [PageQuery.by_role("button", "Nowhere")]
    assert overlay.expect(queries, text="Press") is not None
    page.reload()
    assert _stats(page)["expecting"] is False  # a new document
    overlay.expect(queries, text="Press")
    assert _stats(page)["expecting"] is True


def test_a_target_that_left_and_came_back_is_followed_again(page: Page) -> None:
    # Shown again on the same node after it vanished: a later removal is reported again.
    page.set_content("<div id=a><button id=t>Continue</button></div><div id=b></div>")
    overlay = Overlay(page)
    overlay.show(page.locator("button"), text="Press")
    page.evaluate("() => { window.keep = document.getElementById('t'); keep.remove(); }")
    assert overlay.wait_for_signal(2000) is not None  # vanished
    page.evaluate("() => document.getElementById('a').append(window.keep)")
    overlay.wait_for_signal(1000)  # followed: the locator found it again (same node)
    overlay.events()
    page.evaluate("() => window.keep.remove()")
    page.evaluate("() => document.getElementById('b').innerHTML = '<button>Continue</button>'")
    kinds = []
    for _ in range(3):
        signal = overlay.wait_for_signal(1000)
        if signal is None:
            break
        kinds.append(signal.kind)
        if signal.kind == "followed":
            break
    assert "followed" in kinds, kinds
    settle(page)
    assert_close(overlay.drawn_box(), page.locator("#b button").bounding_box())
