"""Report screenshots: the project's overlay shows each step, and only when a report is asked."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from guide_runner.check.run import CheckConfig, Job, start_walk
from guide_runner.guide import Guide
from guide_runner.overlay.assets import GLOBAL_NAME

INSTALLED = f"() => !!window.{GLOBAL_NAME}"


def _walk(browser: Browser, guide: Guide, screenshots: bool, upto: str) -> tuple[list, bool]:  # type: ignore[type-arg]
    context, walk = start_walk(browser, Job(guide, "nb"), CheckConfig(screenshots=screenshots))
    try:
        results = []
        for result in walk:
            results.append(result)
            if result.step == upto:
                break
        assert walk.page is not None
        return results, bool(walk.page.evaluate(INSTALLED))
    finally:
        walk.close()
        context.close()


@pytest.mark.browser
def test_screenshots_show_the_step_with_the_overlay(
    browser: Browser, guides: dict[str, Guide]
) -> None:
    guide = guides["feil-epost-bankid"]
    results, installed = _walk(browser, guide, True, "06-bekreft-menneske")
    assert installed
    assert [r.verdict.value for r in results] == ["ok"] * len(results)
    for r in results:
        step = guide.steps[r.number - 1]
        shot = r.screenshot
        assert shot is not None and shot.masked and shot.jpeg[:2] == b"\xff\xd8"
        # A step with a target: outlined by the overlay, bubble with the instruction.
        # Without one (a page to read): the page as it is, nothing covering it.
        assert shot.overlay == bool(step.target), r.step


@pytest.mark.browser
def test_no_overlay_without_a_report(browser: Browser, guides: dict[str, Guide]) -> None:
    results, installed = _walk(browser, guides["feil-epost-bankid"], False, "06-bekreft-menneske")
    assert not installed
    assert all(r.screenshot is None for r in results)
