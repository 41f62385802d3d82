"""The engine lets the page outline a step's target the frame it appears (the overlay's
in-page matcher), confirms it with its own look, and takes away an outline its look does
not share."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from guide_runner.guide import Guide, load_guide
from guide_runner.overlay import Overlay, PageQuery
from guide_runner.overlay import Signal as OverlaySignal
from guide_runner.runner import engine as engine_module
from guide_runner.runner.events import Event, StepStarted
from guide_runner.runner.highlight import OverlayHighlighter
from guide_runner.runner.origins import Pins
from guide_runner.runner.safe_page import SafeLocator, SafePage, unwrap_page
from guide_runner.runner.ui import Bubble, NullHighlighter
from tests.runner.conftest import MINI_PAGES
from tests.runner.helpers import MINI_MAIN_PATH, Harness, mini_site_guide

MAIN = MINI_MAIN_PATH


# The start page without its links: «Neste» arrives once `ready` holds in the page (checked
# every 10 ms; the overlay's in-page state), or after 2 s without the overlay.
def _late_link(ready: str) -> str:
    return MINI_PAGES["https://mini.test/"].replace(
        '<p><a href="/two">Neste</a> <a href="/other">Noe annet</a></p>',
        f"""<p id=links></p><p id=decoy>Lokkemat</p><script>
        const started = Date.now(), seen = {{}};
        const timer = setInterval(() => {{
          const api = window.__guideRunnerOverlay, stats = api && api.stats();
          if (stats ? {ready} : Date.now() - started > 2000) {{
            clearInterval(timer);
            document.getElementById("links").innerHTML = '<a href="/two">Neste</a>';
          }}
        }}, 10);
        </script>""",
    )


# The engine has armed the page for «Neste»: the cookie step is done.
ARMED = "stats.expecting && !document.getElementById('cookie')"
# After the cookie step (whose button the page outlines early too), the page outlined
# something early, and it was taken away again.
DROPPED = (
    "!document.getElementById('cookie')"
    " && (seen.early = seen.early || stats.early) && !stats.early && !stats.expecting"
)


class RecordingHighlighter(OverlayHighlighter):
    """The runner's highlighter, noting every overlay signal it hears and every guess the
    engine takes away."""

    def __init__(self, pins: Pins) -> None:
        super().__init__(pins)
        self.heard: list[OverlaySignal] = []
        self.dropped = 0  # guesses the engine took away

    def _heard(self, overlay: Overlay, signal: OverlaySignal) -> None:
        self.heard.append(signal)
        super()._heard(overlay, signal)

    def drop_guess(self, page: SafePage) -> None:
        self.dropped += 1
        super().drop_guess(page)

    def early(self) -> list[OverlaySignal]:
        return [s for s in self.heard if s.kind == "early"]


def _late_link_site(
    serve: Callable[[dict[str, str]], BrowserContext], ready: str = ARMED
) -> BrowserContext:
    pages = dict(MINI_PAGES)
    pages["https://mini.test/"] = _late_link(ready)
    return serve(pages)


def _walk_with_overlay(site: BrowserContext, guide: Guide) -> RecordingHighlighter:
    """The main path walked with the runner's own highlighter; what it heard."""
    hl = RecordingHighlighter(Pins(["https://mini.test"]))
    h = Harness(guide, site, highlighter=hl, actions=dict(MAIN))
    try:
        assert h.run().finished
    finally:
        hl.close()
    assert h.ended()[:2] == [("01-cookie", "done"), ("02-neste", "done")]
    return hl


def _decoy_for_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """The page is told to look for the decoy paragraph (there at once) wherever the
    engine's locators look for a link."""
    real = engine_module.page_queries

    def decoy(candidates, lang, params):  # type: ignore[no-untyped-def]
        queries = real(candidates, lang, params)
        return [PageQuery.by_css("#decoy")] if queries[0].role == "link" else queries

    monkeypatch.setattr(engine_module, "page_queries", decoy)


def test_the_engine_arms_the_page_while_the_target_is_missing(
    serve: Callable[[dict[str, str]], BrowserContext], mini_guide: Guide
) -> None:
    h = Harness(mini_guide, _late_link_site(serve), actions=dict(MAIN))
    assert h.run().finished
    hl = h.highlighter
    assert isinstance(hl, NullHighlighter)
    neste = [PageQuery.by_role("link", "Neste", exact=True)]
    assert ("https://mini.test/", neste) in hl.expected


@pytest.mark.browser
def test_the_late_target_is_outlined_by_the_page_and_confirmed(
    serve: Callable[[dict[str, str]], BrowserContext], mini_guide: Guide
) -> None:
    hl = _walk_with_overlay(_late_link_site(serve), mini_guide)
    assert hl.early(), "the page did not outline «Neste» itself"
    overlays = [overlay for _, overlay in hl._overlays.values()]
    assert not any(o.guessed() for o in overlays) and hl.dropped == 0  # confirmed by the look


@pytest.mark.browser
def test_an_outline_the_engines_look_does_not_share_is_taken_away(
    serve: Callable[[dict[str, str]], BrowserContext],
    mini_guide: Guide,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The page is told to look for the decoy paragraph, which is there at once; the engine's
    # locators look for «Neste», which is not: the early outline must go, and stay gone.
    _decoy_for_links(monkeypatch)
    decoy_ids: set[int] = set()  # the show ids the page was armed with for the decoy
    real_expect = Overlay.expect

    def noting_expect(self: Overlay, in_page: list[PageQuery], **kw: object) -> int | None:
        show_id = real_expect(self, in_page, **kw)  # type: ignore[arg-type]
        if show_id is not None and in_page and in_page[0].css == "#decoy":
            decoy_ids.add(show_id)
        return show_id

    monkeypatch.setattr(Overlay, "expect", noting_expect)
    hl = _walk_with_overlay(_late_link_site(serve, DROPPED), mini_guide)
    on_decoy = [s for s in hl.early() if s.show_id in decoy_ids]
    assert len(on_decoy) == 1, on_decoy  # outlined once, never armed again for that page
    assert hl.dropped == 1


class GuessingHighlighter(NullHighlighter):
    """Says once, right after the "can't find" bubble was shown, that the page outlined the
    target early (as the in-page matcher would have, over that bubble)."""

    def __init__(self) -> None:
        super().__init__()
        self.armed = False
        self.dropped = 0

    def message(self, page: SafePage, bubble: Bubble) -> None:
        super().message(page, bubble)
        if bubble.tone == "problem" and not self.dropped:
            self.armed = True

    def guessed(self, page: SafePage) -> bool:
        armed, self.armed = self.armed, False
        return armed

    def drop_guess(self, page: SafePage) -> None:
        self.dropped += 1


def test_the_cant_find_bubble_comes_back_when_an_early_outline_is_taken_away(
    serve: Callable[[dict[str, str]], BrowserContext], mini_guide: Guide
) -> None:
    # «Neste» comes only after 2.5 s: the "can't find" bubble is shown after 1 s, an early
    # outline replaces it, the engine's look does not find «Neste» and takes the outline
    # away; the person must see the "can't find" bubble again (lost for good before).
    pages = dict(MINI_PAGES)
    pages["https://mini.test/"] = MINI_PAGES["https://mini.test/"].replace(
        '<p><a href="/two">Neste</a> <a href="/other">Noe annet</a></p>',
        """<p id=links></p><script>setTimeout(() => {
          document.getElementById("links").innerHTML = '<a href="/two">Neste</a>';
        }, 2500)</script>""",
    )
    hl = GuessingHighlighter()
    h = Harness(
        mini_guide,
        serve(pages),
        highlighter=hl,
        actions=dict(MAIN),
        settings_kw={"target_timeout": 1.0},
    )
    assert h.run().finished
    assert hl.dropped == 1
    problems = [b for kind, b in hl.shown if kind == "message" and b.tone == "problem"]
    assert len(problems) == 2 and problems[0] == problems[1]
    assert len(h.notices("not_found")) == 1  # said once; only the bubble is shown again


class OrderHighlighter(NullHighlighter):
    """Notes the order of expect, show and withdraw calls, with the step's bubble number."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[tuple[str, int | None]] = []

    def expect(self, page: SafePage, queries: Sequence[PageQuery], bubble: Bubble) -> None:
        super().expect(page, queries, bubble)
        self.calls.append(("expect", bubble.step))

    def show(self, page: SafePage, target: SafeLocator, bubble: Bubble) -> None:
        super().show(page, target, bubble)
        self.calls.append(("show", bubble.step))

    def withdraw(self) -> None:
        super().withdraw()
        self.calls.append(("withdraw", None))


def test_the_page_is_armed_before_the_engines_first_look(
    mini_ctx: BrowserContext, mini_guide: Guide
) -> None:
    # «Neste» is there from the start: the page is still armed for it before the engine's
    # own look, so it can outline it the next frame instead of after the look and the show.
    hl = OrderHighlighter()
    h = Harness(mini_guide, mini_ctx, highlighter=hl, actions=dict(MAIN))
    assert h.run().finished
    step_2 = [call for call in hl.calls if call[1] == 2]
    assert step_2[:2] == [("expect", 2), ("show", 2)], hl.calls
    # Every step that ended withdrew what it had armed before the next one began.
    ends = [i for i, call in enumerate(hl.calls) if call[0] == "withdraw"]
    assert len(ends) == len(h.ended())


DONE_AT_ONCE = mini_site_guide(
    "done-at-once",
    """  - id: 01-overskrift
    do: click
    page: {origin: "https://mini.test", path: /}
    say: {nb: Trykk på overskriften., sv: Tryck på rubriken., en: Click the heading.}
    target: [{css: h1}]
    done_when: [{appears: [{text: Start}]}]
  - id: 02-felt
    do: type
    enters: text
    optional: true
    end: true
    page: {origin: "https://mini.test", path: /}
    say: {nb: Skriv her., sv: Skriv här., en: Type here.}
    target: [{label: {nb: Finnes ikke, sv: Finns inte, en: Not there}, exact: true}]
    done_when: [{state: ":valid"}]
""",
)


@pytest.mark.browser
def test_a_step_done_at_its_first_look_leaves_no_outline_behind(
    mini_ctx: BrowserContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Step 1's heading is there and its result holds at the first look: a live run moves
    # on without showing it. The page was armed before that look and outlines the heading
    # early (the test waits for it); step 2's target is nothing the page can look for, so
    # nothing replaces that outline: ending step 1 must take it away.
    path = tmp_path / "done-at-once.yaml"
    path.write_text(DONE_AT_ONCE, encoding="utf-8")
    real = engine_module.resolve
    waited: list[bool] = []

    def resolve_once_outlined(page, candidates, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not waited:
            waited.append(True)
            unwrap_page(page).wait_for_function("() => window.__guideRunnerOverlay.stats().early")
        return real(page, candidates, *args, **kwargs)

    monkeypatch.setattr(engine_module, "resolve", resolve_once_outlined)
    hl = OverlayHighlighter(Pins(["https://mini.test"]))
    h = Harness(load_guide(path), mini_ctx, highlighter=hl, with_person=False)
    at_step_2: list[object] = []
    record = h.listen

    def listen(event: Event) -> None:
        record(event)
        if isinstance(event, StepStarted) and event.index == 1:
            page = mini_ctx.pages[0]
            at_step_2.append(page.evaluate(_OUTLINED))

    h.listen = listen  # type: ignore[method-assign]
    try:
        assert h.run().finished
    finally:
        hl.close()
    assert waited, "the engine never looked for step 1's target"
    assert h.ended()[0] == ("01-overskrift", "done")
    assert at_step_2 == [{"early": False, "expecting": False}]


_OUTLINED = """() => {
  const stats = window.__guideRunnerOverlay.stats();
  return {early: stats.early, expecting: stats.expecting};
}"""


class ImmediateGuessHighlighter(NullHighlighter):
    """Plays a page whose matcher outlines a decoy for «Neste» the moment it is armed."""

    def __init__(self) -> None:
        super().__init__()
        self.outlined = False
        self.neste_armed = 0  # expect() calls for «Neste» so far
        self.dropped_after: list[int] = []  # neste_armed when each guess was taken away

    def expect(self, page: SafePage, queries: Sequence[PageQuery], bubble: Bubble) -> None:
        super().expect(page, queries, bubble)
        if queries and queries[0].name == "Neste":
            self.neste_armed += 1
            self.outlined = not self.dropped_after

    def guessed(self, page: SafePage) -> bool:
        return self.outlined

    def drop_guess(self, page: SafePage) -> None:
        self.outlined = False
        self.dropped_after.append(self.neste_armed)
        # Only now does «Neste» come, so the walk can go on.
        unwrap_page(page).evaluate(
            """() => { document.getElementById("links").innerHTML = '<a href="/two">Neste</a>'; }"""
        )


def test_an_outline_drawn_as_the_page_is_armed_is_judged_by_that_same_look(
    serve: Callable[[dict[str, str]], BrowserContext], mini_guide: Guide
) -> None:
    # The page outlines (a decoy) while the engine arms it before its look; that look finds
    # no «Neste» (it comes once a guess was taken away): the outline goes at once, not a
    # tick later.
    hl = ImmediateGuessHighlighter()
    pages = dict(MINI_PAGES)
    pages["https://mini.test/"] = MINI_PAGES["https://mini.test/"].replace(
        '<p><a href="/two">Neste</a> <a href="/other">Noe annet</a></p>', "<p id=links></p>"
    )
    h = Harness(mini_guide, serve(pages), highlighter=hl, actions=dict(MAIN))
    assert h.run().finished
    assert hl.dropped_after == [1]


@pytest.mark.browser
def test_a_guess_on_one_tab_is_not_judged_by_a_look_at_another(mini_ctx: BrowserContext) -> None:
    # The engine asks about the page it looks at; a guess pending on another tab is not that
    # page's (and must not be taken away, and its address refused, for a look elsewhere).
    hl = OverlayHighlighter(Pins(["https://mini.test"]))
    try:
        first, second = (SafePage(mini_ctx.new_page()) for _ in range(2))
        for tab in (first, second):
            unwrap_page(tab).goto("https://mini.test/")
        bubble = Bubble(text="Trykk «Neste».", step=2, total=5, lang="nb")
        hl.expect(first, [PageQuery.by_role("link", "Neste", exact=True)], bubble)
        assert hl.guessed(first)  # outlined at once: «Neste» is there
        assert not hl.guessed(second)
        hl.drop_guess(second)
        assert hl.guessed(first)
    finally:
        hl.close()


DONE_WITHOUT_TARGET = mini_site_guide(
    "done-without-target",
    """  - id: 01-neste
    do: click
    page: {origin: "https://mini.test", path: /}
    say: {nb: Trykk «Neste»., sv: Tryck på ”Nästa”., en: Press "Next".}
    target: [{role: link, name: {nb: Neste, sv: Nästa, en: Next}, exact: true}]
    done_when: [{appears: [{css: h1}]}]
  - id: 05-slutt
    do: read
    end: true
    page: {origin: "https://mini.test", path: /}
    say: {nb: Alt er klart., sv: Allt är klart., en: All done.}
    done_when: [{confirm: {nb: Lukk, sv: Stäng, en: Close}}]
""",
)


@pytest.mark.browser
def test_the_demo_does_not_picture_an_outline_its_look_did_not_share(
    serve: Callable[[dict[str, str]], BrowserContext],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Step 1 is done at its first look, and «Neste» is not there (it comes after 2 s); the
    # page, armed with a decoy, outlined it as it was armed. The demo's person is shown the
    # step all the same (to picture it): without that outline.
    _decoy_for_links(monkeypatch)
    path = tmp_path / "done-without-target.yaml"
    path.write_text(DONE_WITHOUT_TARGET, encoding="utf-8")
    seen: list[object] = []

    def look(page: Page, target: object, h: Harness) -> None:
        seen.append(page.evaluate("() => window.__guideRunnerOverlay.stats().early"))

    hl = RecordingHighlighter(Pins(["https://mini.test"]))
    actions = {"01-neste": look, "05-slutt": MAIN["05-slutt"]}
    h = Harness(load_guide(path), _late_link_site(serve), highlighter=hl, actions=actions)
    try:
        assert h.run().finished
    finally:
        hl.close()
    assert len(hl.early()) == 1  # the decoy was outlined as the page was armed
    assert seen == [False]
