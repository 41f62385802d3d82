"""The engine lets the page outline a step's target the frame it appears (the overlay's
in-page matcher), confirms it with its own look, and takes away an outline its look does
not share."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext

from guide_runner.guide import Guide
from guide_runner.overlay import Overlay, PageQuery
from guide_runner.overlay import Signal as OverlaySignal
from guide_runner.runner import engine as engine_module
from guide_runner.runner.highlight import OverlayHighlighter
from guide_runner.runner.origins import Pins
from guide_runner.runner.safe_page import SafePage
from guide_runner.runner.ui import Bubble, NullHighlighter
from tests.runner.conftest import MINI_PAGES
from tests.runner.helpers import MINI_MAIN_PATH, Harness

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
# The page outlined something early, and it was taken away again.
DROPPED = "(seen.early = seen.early || stats.early) && !stats.early && !stats.expecting"


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

    def drop_guess(self) -> None:
        self.dropped += 1
        super().drop_guess()

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
    assert not hl.guessed() and hl.dropped == 0  # the engine's look confirmed it


@pytest.mark.browser
def test_an_outline_the_engines_look_does_not_share_is_taken_away(
    serve: Callable[[dict[str, str]], BrowserContext],
    mini_guide: Guide,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The page is told to look for the decoy paragraph, which is there at once; the engine's
    # locators look for «Neste», which is not: the early outline must go, and stay gone.
    real = engine_module.page_queries

    def decoy_for_step_2(candidates, lang, params):  # type: ignore[no-untyped-def]
        queries = real(candidates, lang, params)
        return [PageQuery.by_css("#decoy")] if queries[0].role == "link" else queries

    monkeypatch.setattr(engine_module, "page_queries", decoy_for_step_2)
    hl = _walk_with_overlay(_late_link_site(serve, DROPPED), mini_guide)
    assert len(hl.early()) == 1, hl.early()  # outlined once, never armed again for that page
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

    def guessed(self) -> bool:
        armed, self.armed = self.armed, False
        return armed

    def drop_guess(self) -> None:
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
