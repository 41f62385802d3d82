"""completion.condition_met: "disappears" on the page as it is, and "not done yet" while
the page cannot answer (a document being replaced), never an exception."""

from __future__ import annotations

import pytest
from playwright.sync_api import Error, Locator, Page

from guide_runner.completion import Signals, condition_met
from guide_runner.guide.model import DoneWhen, Step
from guide_runner.guide.model import Locator as Candidate

STEP = Step(
    id="ok",
    say="Trykk «OK».",
    do="click",
    target=[Candidate(role="button", name="OK")],
    done_when=[DoneWhen(disappears="target")],
)


def _met(page: Page, target: Locator | None) -> bool:
    done = STEP.done_when[0]
    return condition_met(done, page, [page], STEP, target, "nb", {}, Signals())


def test_disappears_when_the_target_is_gone(page: Page) -> None:
    page.set_content("<button>OK</button>")
    target = page.get_by_role("button", name="OK")
    assert not _met(page, target)
    assert not _met(page, None)  # found again through the step's candidates
    page.evaluate("() => document.querySelector('button').remove()")
    assert _met(page, target)
    assert _met(page, None)


def test_a_page_that_cannot_answer_is_not_done_yet(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Counting runs in the page's main world (locate.count_now): while a navigation replaces
    # the document it raises instead of answering 0, and that must not count as "gone".
    page.set_content("<p>No button here</p>")

    def replaced(self: Locator, *args: object, **kwargs: object) -> object:
        raise Error("Execution context was destroyed, most likely because of a navigation")

    monkeypatch.setattr(Locator, "evaluate_all", replaced)
    assert not _met(page, page.get_by_role("button", name="OK"))
    assert not _met(page, None)
