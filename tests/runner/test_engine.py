"""The step engine on small pages: the main path, optional steps, keys, branches, quitting."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page

from guide_runner.guide import Guide, load_guide
from guide_runner.runner.events import Event, StepReady
from guide_runner.runner.ui import NullHighlighter
from tests.runner.helpers import MINI_MAIN_PATH, Harness, click, mini_site_guide, press

MAIN = MINI_MAIN_PATH


def test_walks_the_main_path_to_the_end(mini_ctx: BrowserContext, mini_guide: Guide) -> None:
    h = Harness(mini_guide, mini_ctx, actions=dict(MAIN))
    outcome = h.run()
    assert outcome.finished and outcome.exit_code == 0
    assert h.ended() == [
        ("01-cookie", "done"),
        ("02-neste", "done"),
        ("03-skriv", "done"),
        ("04-ferdig", "done"),
        ("05-slutt", "done"),
    ]
    hl = h.highlighter
    assert isinstance(hl, NullHighlighter)
    # Prepared once, on the blank page before the start address opened (cheapest then).
    assert hl.prepared == ["about:blank"]
    kinds = [(kind, b.step, b.total) for kind, b in hl.shown]
    assert ("target", 2, 5) in kinds and ("message", 5, 5) in kinds
    confirm = next(b for kind, b in hl.shown if kind == "message")
    assert [(x.id, x.label) for x in confirm.buttons] == [("confirm", "Lukk")]


def test_nothing_is_shown_on_a_page_that_is_about_to_redirect_itself(
    serve: object, mini_guide: Guide, ctx: BrowserContext
) -> None:
    from tests.runner.conftest import MINI_PAGES, serve_pages

    pages = dict(MINI_PAGES)
    # A redirect page (meta refresh) that even has what step 1 points at: the runner waits
    # for the page that stays instead of pointing at something about to vanish.
    go = '<meta http-equiv="refresh" content="1;url=/">'
    pages["https://mini.test/go"] = go + pages["https://mini.test/"]
    serve_pages(ctx, pages)
    guide = mini_guide.model_copy(update={"start": "https://mini.test/go"})
    h = Harness(guide, ctx, actions=dict(MAIN))
    assert h.run().finished
    hl = h.highlighter
    assert isinstance(hl, NullHighlighter)
    assert hl.where and "https://mini.test/go" not in hl.where
    assert h.ended()[0] == ("01-cookie", "done")


def test_optional_step_is_skipped_when_its_target_does_not_show(
    serve: object, mini_guide: Guide, ctx: BrowserContext
) -> None:
    from tests.runner.conftest import MINI_PAGES, serve_pages

    pages = dict(MINI_PAGES)
    pages["https://mini.test/"] = (
        pages["https://mini.test/"].split("<h1>", 1)[0].split("<div id=cookie")[0]
        + '<h1>Start</h1><a href="/two">Neste</a>'
    )
    serve_pages(ctx, pages)
    h = Harness(mini_guide, ctx, actions=dict(MAIN))
    t0 = time.monotonic()
    assert h.run().finished
    assert h.ended()[0] == ("01-cookie", "optional")
    assert h.notices("optional_skipped")
    assert time.monotonic() - t0 < 10


def test_choice_jumps_to_the_branch(mini_ctx: BrowserContext, mini_guide: Guide) -> None:
    actions = dict(MAIN)
    actions["03-skriv"] = press("1")
    actions["06-hjelp"] = press("enter")
    h = Harness(mini_guide, mini_ctx, actions=actions)
    assert h.run().finished
    assert h.ended()[-2:] == [("03-skriv", "chosen"), ("06-hjelp", "done")]
    assert h.notices("chose")[0].text == "Du valgte: Jeg har ikke passordet"
    hl = h.highlighter
    assert isinstance(hl, NullHighlighter)
    typed = next(b for kind, b in hl.shown if b.step == 3)
    assert [b.id for b in typed.buttons] == ["choice:0"]
    branch = [b for kind, b in hl.shown if kind == "message"][-1]
    assert (branch.step, branch.total) == (4, 4)


def test_bubble_buttons_do_what_keys_do(mini_ctx: BrowserContext, mini_guide: Guide) -> None:
    from guide_runner.runner.ui import Signal

    hl = NullHighlighter()

    def via_bubble(button: str) -> object:
        def act(page: object, target: object, h: Harness) -> None:
            hl.pending.append(Signal("button", button))

        return act

    actions = dict(MAIN)
    actions["05-slutt"] = via_bubble("confirm")  # type: ignore[assignment]
    h = Harness(mini_guide, mini_ctx, actions=actions, highlighter=hl)
    assert h.run().finished


def test_skip_warns_and_moves_on(mini_ctx: BrowserContext, mini_guide: Guide) -> None:
    actions = dict(MAIN)
    actions["04-ferdig"] = press("s")
    h = Harness(mini_guide, mini_ctx, actions=actions)
    outcome = h.run()
    assert outcome.finished
    assert ("04-ferdig", "skipped") in h.ended()
    assert outcome.skipped == ["04-ferdig"]
    (warning,) = h.notices("skipped")
    assert warning.level == "warn" and warning.text.startswith("Hoppet over steg 4.")


def test_back_returns_to_a_step_that_does_not_complete_by_itself(
    mini_ctx: BrowserContext, mini_guide: Guide
) -> None:
    """Back to «Neste» while already past it: the step waits (its url result already held)."""
    calls = {"n": 0}

    def back_then_skip(page: object, target: object, h: Harness) -> str:
        calls["n"] += 1
        return "b" if calls["n"] == 1 else "q"

    actions = dict(MAIN)
    actions["03-skriv"] = back_then_skip  # type: ignore[assignment]
    actions["02-neste"] = click
    h = Harness(mini_guide, mini_ctx, actions=actions)
    # Second visit of 02: no target on /two; the person skips with "s" after a moment.
    seen: list[str] = []

    def listen(event: object) -> None:
        from guide_runner.runner.events import StepStarted

        if isinstance(event, StepStarted):
            seen.append(event.step.id)
            if event.step.id == "02-neste" and seen.count("02-neste") == 2:
                h.keys.put("s")

    original = h.listen
    h.listen = lambda e: (original(e), listen(e))  # type: ignore[method-assign]
    outcome = h.run()
    assert seen[:5] == ["01-cookie", "02-neste", "03-skriv", "02-neste", "03-skriv"]
    assert ("03-skriv", "back") in h.ended()
    assert h.ended()[3] == ("02-neste", "skipped")  # not re-completed by the old url
    assert outcome.ending == "quit" and outcome.exit_code == 1


def test_quit_ends_with_exit_code_1(mini_ctx: BrowserContext, mini_guide: Guide) -> None:
    actions = dict(MAIN)
    actions["02-neste"] = press("q")
    h = Harness(mini_guide, mini_ctx, actions=actions)
    outcome = h.run()
    assert outcome.ending == "quit" and outcome.exit_code == 1
    assert h.events[-1].text.startswith("Avsluttet.")  # type: ignore[union-attr]


def test_field_without_constraints_completes_on_enter(
    ctx: BrowserContext, mini_guide: Guide
) -> None:
    """`:valid` says nothing on a field without `required`: the person confirms with Enter."""
    from tests.runner.conftest import MINI_PAGES, serve_pages

    pages = dict(MINI_PAGES)
    pages["https://mini.test/two"] = pages["https://mini.test/two"].replace(
        " required minlength=4", ""
    )
    serve_pages(ctx, pages)
    typed: list[str] = []

    def fill_then_enter(page: object, target: object, h: Harness) -> str:
        target.fill("hemmelig-1234")  # type: ignore[attr-defined]
        typed.append("yes")
        return "enter"

    actions = dict(MAIN)
    actions["03-skriv"] = fill_then_enter  # type: ignore[assignment]
    hl = NullHighlighter()
    h = Harness(mini_guide, ctx, actions=actions, highlighter=hl)
    assert h.run().finished
    assert typed == ["yes"]  # not completed before the person typed
    assert h.notices("typed_enter")[0].text.startswith("Jeg kan ikke se om feltet er fylt ut.")
    bubble = next(b for kind, b in hl.shown if b.step == 3 and b.buttons[0].id == "confirm")
    assert bubble.buttons[0].label == "Ferdig"


READ_FIRST = mini_site_guide(
    "read-first",
    """  - id: 01-les
    do: read
    page: {origin: "https://mini.test", path: /}
    say: {nb: Siden er åpnet., sv: Sidan är öppnad., en: The page is open.}
    done_when: [{appears: [{css: h1}]}]
  - id: 02-slutt
    do: read
    end: true
    page: {origin: "https://mini.test", path: /}
    say: {nb: Ferdig., sv: Klart., en: Done.}
    done_when: [{confirm: {nb: Lukk, sv: Stäng, en: Close}}]
""",
)


def test_a_step_done_at_its_first_look_is_still_shown_to_the_person(
    mini_ctx: BrowserContext, tmp_path: Path
) -> None:
    # Step 1's result (the heading) already holds when the engine first looks, so it
    # completes at once; its bubble is still shown, and the person (the demo's pictures
    # each step) is still asked, once, with the bubble showing.
    path = tmp_path / "read-first.yaml"
    path.write_text(READ_FIRST, encoding="utf-8")
    seen: list[tuple[str, list[tuple[str, int | None]]]] = []

    def saw(page: Page, target: Any, h: Harness) -> None:
        assert isinstance(h.highlighter, NullHighlighter)
        seen.append((page.url, [(kind, b.step) for kind, b in h.highlighter.shown]))

    h = Harness(load_guide(path), mini_ctx, actions={"01-les": saw, "02-slutt": press("enter")})
    outcome = h.run()
    assert outcome.finished
    assert seen == [("https://mini.test/", [("message", 1)])]


def test_a_live_run_does_not_show_a_step_already_done(
    mini_ctx: BrowserContext, tmp_path: Path
) -> None:
    # Without the demo's person nobody pictures it: step 1, done at its first look, is not
    # drawn at all (and a finished step is never drawn again on the page it led to).
    path = tmp_path / "read-first.yaml"
    path.write_text(READ_FIRST, encoding="utf-8")
    h = Harness(load_guide(path), mini_ctx, with_person=False)
    record = h.listen

    def listen(event: Event) -> None:
        record(event)
        if isinstance(event, StepReady) and event.index == 1:
            h.keys.put("enter")  # the person closes the last step

    h.listen = listen  # type: ignore[method-assign]
    assert h.run().finished
    hl = h.highlighter
    assert isinstance(hl, NullHighlighter)
    assert [(kind, b.step) for kind, b in hl.shown] == [("message", 2)]
