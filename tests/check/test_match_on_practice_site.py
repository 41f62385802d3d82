"""The overlay's in-page matcher against Playwright on every step of both guides, in every
language, on the practice site: wherever it answers, it finds what the runner's locators
find (guide_runner/locate.resolve), so an early outline never lands on the wrong element."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from guide_runner.check import inspect
from guide_runner.guide.model import Locator as Candidate
from guide_runner.guide.model import Step
from guide_runner.locate import Resolution, page_queries, resolve
from guide_runner.overlay.assets import GLOBAL_NAME, install_config, install_function

from .conftest import Walker

API = f"window.{GLOBAL_NAME}"
# true when the matcher finds what Playwright found (one element, or none), else false;
# "unsure" where it does not answer.
SAME_ELEMENT = f"""(els, queries) => {{
  const found = {API}.match(queries, 1e9);
  return found === "unsure" ? "unsure" : els.length === 1 && found === els[0];
}}"""
NOTHING = f"""(queries) => {{
  const found = {API}.match(queries, 1e9);
  return found === "unsure" ? "unsure" : found === null;
}}"""


def _matcher_agrees(
    page: Page,
    candidates: Sequence[Candidate],
    lang: str,
    params: Mapping[str, str],
    res: Resolution,
) -> Any:
    if not page.evaluate(f"() => !!{API}"):
        page.evaluate(install_function(), install_config())  # a check page has none
    queries = [q.payload() for q in page_queries(candidates, lang, params)]
    if res.locator is not None:
        return res.locator.evaluate_all(SAME_ELEMENT, queries)
    return page.evaluate(NOTHING, queries)


@pytest.mark.browser
@pytest.mark.parametrize("guide_id", ["feil-epost-bankid", "ny-mobil-tvastegs"])
def test_the_in_page_matcher_agrees_with_the_locators_on_every_step(
    walk_practice: Walker, monkeypatch: pytest.MonkeyPatch, guide_id: str
) -> None:
    real_wait = inspect.wait_resolution
    outcomes: list[tuple[str, Any]] = []

    def resolve_and_compare(
        page: Page, step: Step, lang: str, params: Mapping[str, str], timeout: float
    ) -> Resolution:
        res = real_wait(page, step, lang, params, timeout)
        outcome: Any = None
        for _ in range(3):  # the page may change between the two looks: compare again
            try:
                outcome = _matcher_agrees(page, step.target, lang, params, res)
            except PlaywrightError:
                outcome = "navigating"
            if outcome is not False:
                break
            res = resolve(page, step.target, lang, params)
        outcomes.append((f"{lang} {step.id} {page.url}", outcome))
        return res

    monkeypatch.setattr(inspect, "wait_resolution", resolve_and_compare)
    for lang in ("nb", "sv", "en"):
        results = walk_practice(guide_id, lang)
        walked = [r for r in results if r.verdict.value != "not-walked"]  # branch-only steps
        assert all(r.verdict.value == "ok" for r in walked), [r.message() for r in walked]
    disagreements = [where for where, outcome in outcomes if outcome is False]
    assert not disagreements, "\n".join(disagreements)
    answered = sum(outcome is True for _, outcome in outcomes)
    print(f"{guide_id}: the matcher answered {answered} of {len(outcomes)} looks")
    assert answered >= len(outcomes) / 2, (answered, len(outcomes))
