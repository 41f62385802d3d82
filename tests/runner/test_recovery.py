"""Recovery as a person needs it: a target that does not show, wandering off, tabs, closing."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from guide_runner.guide import Guide
from guide_runner.runner.ui import NullHighlighter
from tests.runner.conftest import MINI_PAGES, serve_pages
from tests.runner.helpers import MINI_MAIN_PATH, Harness, click, goto, press

MAIN = MINI_MAIN_PATH


def test_missing_target_says_so_and_writes_a_drift_note(
    ctx: BrowserContext, mini_guide: Guide, tmp_path: Path
) -> None:
    pages = dict(MINI_PAGES)
    # Visma renamed the link: «Neste» is now «Fortsett videre».
    pages["https://mini.test/"] = MINI_PAGES["https://mini.test/renamed"]
    serve_pages(ctx, pages)
    notes = tmp_path / "notes"

    def start_with_token(page: Page, target: object, h: Harness) -> None:
        pass

    h = Harness(
        mini_guide,
        ctx,
        notes_dir=notes,
        actions={"05-slutt": press("enter")},
        settings_kw={"target_timeout": 1.0},
    )
    quitter = {"n": 0}
    original = h.listen

    def listen(event: object) -> None:
        original(event)  # type: ignore[arg-type]
        from guide_runner.runner.events import Notice

        if isinstance(event, Notice) and event.key == "drift_written":
            h.keys.put("q")

    h.listen = listen  # type: ignore[method-assign]
    h.context.pages[0].goto(
        "https://mini.test/?token=SECRET-TOKEN-123"
    ) if h.context.pages else None
    outcome = h.run()
    assert outcome.ending == "quit", quitter
    (problem,) = h.notices("not_found")
    assert problem.text == "Jeg finner ikke «Neste» på denne siden."
    assert "bla opp og ned" in h.notices("not_found_tips")[0].text
    hl = h.highlighter
    assert isinstance(hl, NullHighlighter)
    kind, bubble = hl.shown[-1]
    assert kind == "message" and bubble.tone == "problem"
    assert [b.id for b in bubble.buttons] == ["retry", "skip", "quit"]
    (path,) = outcome.drift_notes
    assert path.parent == notes
    note = json.loads(path.read_text())
    assert note["guide"] == "mini" and note["step"] == "02-neste"
    assert note["address"] == "https://mini.test/"
    assert note["looked_for"] == ['role=link name="Neste"']
    assert note["found_instead"][0]["name"] in ("Neste side", "Fortsett videre")
    assert "SECRET" not in path.read_text()


def test_target_that_shows_late_is_still_found(ctx: BrowserContext, mini_guide: Guide) -> None:
    pages = dict(MINI_PAGES)
    pages["https://mini.test/"] = """<!doctype html><h1>Start</h1><div id=slot></div><script>
      setTimeout(() => { slot.innerHTML = '<a href="/two">Neste</a>'; }, 1500);</script>"""
    serve_pages(ctx, pages)
    h = Harness(mini_guide, ctx, actions=dict(MAIN), settings_kw={"target_timeout": 5.0})
    assert h.run().finished
    assert not h.notices("not_found")


def test_person_going_ahead_is_recognised(mini_ctx: BrowserContext, mini_guide: Guide) -> None:
    """At «Neste» the person types /two's address themselves: the guide follows."""
    actions = dict(MAIN)
    actions["02-neste"] = goto("https://mini.test/two?x=1")
    h = Harness(mini_guide, mini_ctx, actions=actions)
    assert h.run().finished
    assert ("02-neste", "done") in h.ended()  # its url result happened


def test_person_going_back_is_recognised(mini_ctx: BrowserContext, mini_guide: Guide) -> None:
    """On /two the person goes back to the start page: the guide goes back to that step."""
    went = {"n": 0}

    def back_to_start(page: Page, target: object, h: Harness) -> None:
        if went["n"] == 0:
            went["n"] += 1
            page.goto("https://mini.test/")
        else:
            target.fill("hemmelig-1234")  # type: ignore[attr-defined]

    actions = dict(MAIN)
    actions["03-skriv"] = back_to_start
    h = Harness(mini_guide, mini_ctx, actions=actions)
    assert h.run().finished
    assert ("03-skriv", "jumped") in h.ended()
    assert h.notices("recognized")[0].text.startswith("Denne siden hører til steg 1")
    assert h.started()[3:5] == ["01-cookie", "02-neste"]


def test_page_outside_the_guide_says_how_to_get_back(
    mini_ctx: BrowserContext, mini_guide: Guide
) -> None:
    def wander(page: Page, target: object, h: Harness) -> None:
        page.goto("https://mini.test/other")

    actions = dict(MAIN)
    actions["03-skriv"] = wander
    h = Harness(mini_guide, mini_ctx, actions=actions)
    original = h.listen

    def listen(event: object) -> None:
        original(event)  # type: ignore[arg-type]
        from guide_runner.runner.events import Notice

        if isinstance(event, Notice) and event.key == "elsewhere":
            page = mini_ctx.pages[-1]
            page.go_back()  # the person does as told
            page.get_by_label("Passord", exact=True).fill("hemmelig-1234")

    h.listen = listen  # type: ignore[method-assign]
    assert h.run().finished
    (said,) = h.notices("elsewhere")
    assert "Gå tilbake til https://mini.test/two" in said.text


def test_new_tab_is_followed(mini_ctx: BrowserContext, mini_guide: Guide) -> None:
    opened: list[Page] = []

    def in_new_tab(page: Page, target: object, h: Harness) -> None:
        tab = mini_ctx.new_page()
        opened.append(tab)
        tab.goto("https://mini.test/two")

    actions = dict(MAIN)
    actions["02-neste"] = in_new_tab
    h = Harness(mini_guide, mini_ctx, actions=actions)
    assert h.run().finished
    assert len(mini_ctx.pages) == 2


def test_popup_and_reload_are_followed(mini_ctx: BrowserContext, mini_guide: Guide) -> None:
    def popup(page: Page, target: object, h: Harness) -> None:
        page.evaluate("window.open('https://mini.test/two')")

    def reload_then_fill(page: Page, target: object, h: Harness) -> None:
        page.reload()
        page.get_by_label("Passord", exact=True).fill("hemmelig-1234")

    actions = dict(MAIN)
    actions["02-neste"] = popup
    actions["03-skriv"] = reload_then_fill
    h = Harness(mini_guide, mini_ctx, actions=actions)
    assert h.run().finished


def test_closed_window_ends_cleanly(mini_ctx: BrowserContext, mini_guide: Guide) -> None:
    def close(page: Page, target: object, h: Harness) -> None:
        page.close()

    h = Harness(mini_guide, mini_ctx, actions={"01-cookie": click, "02-neste": close})
    outcome = h.run()
    assert outcome.ending == "closed" and outcome.exit_code == 1
    assert h.events[-1].text.startswith("Nettleservinduet ble lukket")  # type: ignore[union-attr]


def test_crashed_page_ends_cleanly(mini_ctx: BrowserContext, mini_guide: Guide) -> None:
    def crash(page: Page, target: object, h: Harness) -> None:
        with contextlib.suppress(Exception):  # the page dies while loading
            page.goto("chrome://crash", timeout=3000)

    h = Harness(mini_guide, mini_ctx, actions={"01-cookie": click, "02-neste": crash})
    outcome = h.run()
    assert outcome.ending == "crashed" and outcome.exit_code == 1


def test_ctrl_c_ends_cleanly(mini_ctx: BrowserContext, mini_guide: Guide) -> None:
    def interrupt(page: Page, target: object, h: Harness) -> None:
        raise KeyboardInterrupt

    h = Harness(mini_guide, mini_ctx, actions={"01-cookie": click, "02-neste": interrupt})
    outcome = h.run()
    assert outcome.ending == "interrupted" and outcome.exit_code == 1
    assert h.events[-1].text.startswith("Avbrutt (Ctrl-C)")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "lang,expected",
    [
        ("sv", "Jag hittar inte ”Nästa” på den här sidan."),
        ("en", 'I can\'t find "Next" on this page.'),
    ],
)
def test_not_found_in_other_languages(
    ctx: BrowserContext, mini_guide: Guide, lang: str, expected: str
) -> None:
    serve_pages(ctx, {"https://mini.test/": "<h1>Tom</h1>"})
    h = Harness(mini_guide, ctx, lang=lang, settings_kw={"target_timeout": 0.5})
    original = h.listen

    def listen(event: object) -> None:
        original(event)  # type: ignore[arg-type]
        from guide_runner.runner.events import Notice

        if isinstance(event, Notice) and event.key == "not_found":
            h.keys.put("q")

    h.listen = listen  # type: ignore[method-assign]
    h.run()
    assert h.notices("not_found")[0].text == expected


@pytest.mark.parametrize(
    "target_name,expected",
    [
        (
            {"nb": "lenken øverst", "sv": "länken överst", "en": "the link at the top"},
            "Jeg finner ikke lenken øverst på denne siden.",
        ),
        (None, "Jeg finner ikke det jeg skal markere på denne siden."),
    ],
)
def test_a_target_found_by_css_alone_is_named_as_the_guide_says(
    ctx: BrowserContext, mini_guide: Guide, target_name: dict[str, str] | None, expected: str
) -> None:
    # No accessible name to quote: the guide's phrase for it, never a piece of the instruction.
    from guide_runner.guide.model import Locator

    steps = list(mini_guide.steps)
    steps[1] = steps[1].model_copy(
        update={"target": [Locator(css="#nowhere")], "target_name": target_name}
    )
    guide = mini_guide.model_copy(update={"steps": steps})
    serve_pages(ctx, MINI_PAGES)
    h = Harness(guide, ctx, actions={"01-cookie": click}, settings_kw={"target_timeout": 0.5})
    h.on_notice["not_found"] = lambda notice: h.keys.put("s")  # skip: said by its number
    h.on_notice["skipped"] = lambda notice: h.keys.put("q")
    h.run()
    assert h.notices("not_found")[0].text == expected
    assert h.notices("skipped")[0].text.startswith("Hoppet over steg 2.")
