"""The runner's highlighter with the overlay installed on the browser context (what `run`
and `demo` do): pages come with it, the overlay draws and its signals arrive, and nothing
is added to a page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page

from guide_runner.guide import Guide
from guide_runner.overlay import Overlay
from guide_runner.overlay import Signal as OverlaySignal
from guide_runner.runner.highlight import OverlayHighlighter
from guide_runner.runner.origins import Pins
from tests.runner.helpers import MINI_MAIN_PATH, Action, Harness
from tests.runner.page_spies import refuse_page_installs

pytestmark = pytest.mark.browser

_DRAWN = "() => window.__guideRunnerOverlay.drawnBox()"


class HearingHighlighter(OverlayHighlighter):
    def __init__(self, pins: Pins, context: BrowserContext) -> None:
        super().__init__(pins, context)
        self.heard: list[str] = []

    def _heard(self, overlay: Overlay, signal: OverlaySignal) -> None:
        self.heard.append(signal.kind)
        super()._heard(overlay, signal)


def test_a_walk_with_the_overlay_on_the_context_adds_nothing_to_pages(
    mini_ctx: BrowserContext, mini_guide: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    hl = HearingHighlighter(Pins(["https://mini.test"]), mini_ctx)
    refuse_page_installs(monkeypatch)
    outlined: list[object] = []
    click_next = MINI_MAIN_PATH["02-neste"]

    def look_then_click(page: Page, target: Any, h: Harness) -> str | None:
        outlined.append(page.evaluate(_DRAWN))  # «Neste» is outlined when the person acts
        return click_next(page, target, h)

    actions: dict[str, Action] = {**MINI_MAIN_PATH, "02-neste": look_then_click}
    h = Harness(mini_guide, mini_ctx, highlighter=hl, actions=actions)
    try:
        assert h.run().finished
    finally:
        hl.close()
    assert [how for _, how in h.ended()] == ["done"] * 5
    assert outlined and outlined[0] is not None
    assert "early" in hl.heard  # the page's signals reach this page's Overlay
