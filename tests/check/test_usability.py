"""Judging a found target the way a person would: enabled, reached by a click, given a moment
when the page is still settling (a button the last step enables, a backdrop going away)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from guide_runner.check.inspect import _usability
from guide_runner.check.verdicts import Verdict

pytestmark = pytest.mark.browser

FORM = """<!doctype html><button id=go disabled>Tilbakestill passord</button>
<div id=cover style="position:fixed;inset:0;background:rgba(0,0,0,.3)"></div>"""


@pytest.mark.parametrize(
    "settling",
    [
        "() => { cover.remove(); setTimeout(() => { go.disabled = false; }, 200); }",
        "() => { go.disabled = false; setTimeout(() => cover.remove(), 200); }",
    ],
    ids=["enabled-a-moment-later", "backdrop-goes-away"],
)
def test_a_target_that_becomes_usable_a_moment_later_is_ok(page: Page, settling: str) -> None:
    page.set_content(FORM)
    page.evaluate(settling)
    verdict, _, _ = _usability(page.locator("#go"), 3.0)
    assert verdict is Verdict.OK


def test_a_button_that_stays_disabled_is_disabled(page: Page) -> None:
    page.set_content(FORM)
    page.evaluate("() => cover.remove()")
    verdict, detail, _ = _usability(page.locator("#go"), 0.5)
    assert verdict is Verdict.DISABLED and "disabled" in detail


def test_a_cover_that_stays_is_named(page: Page) -> None:
    page.set_content(FORM)
    page.evaluate("() => { go.disabled = false; }")
    verdict, detail, by = _usability(page.locator("#go"), 0.5)
    assert verdict is Verdict.COVERED
    assert by is not None and "div#cover" in by and by in detail


def test_a_target_below_the_fold_is_scrolled_to(page: Page) -> None:
    page.set_content('<div style="height:3000px"></div><button id=far>Neste</button>')
    verdict, _, _ = _usability(page.locator("#far"), 1.0)
    assert verdict is Verdict.OK
    assert page.evaluate("() => window.scrollY") > 0
