"""The browser we launch keeps Playwright's disabled features AND ours: Chromium honours only
the last --disable-features switch, and ours comes after Playwright's (guide_runner/browser.py).
Read from the command line of a launched browser (chrome://version), so a Playwright upgrade
that disables a new feature fails here instead of quietly switching it back on."""

from __future__ import annotations

import re

from playwright.sync_api import Playwright

from guide_runner.browser import OUR_DISABLED_FEATURES, PLAYWRIGHT_DISABLED_FEATURES, discover


def _disable_features_switches(playwright: Playwright) -> list[set[str]]:
    choice = discover(playwright=playwright)
    browser = playwright.chromium.launch(headless=True, **choice.launch_kwargs())
    try:
        page = browser.new_page()
        page.goto("chrome://version")
        command_line = page.locator("#command_line").inner_text()
    finally:
        browser.close()
    return [set(v.split(",")) for v in re.findall(r"--disable-features=(\S+)", command_line)]


def test_the_last_disable_features_switch_keeps_playwrights_and_ours(
    playwright: Playwright,
) -> None:
    switches = _disable_features_switches(playwright)
    assert len(switches) >= 2, switches  # Playwright's own, then ours
    effective = switches[-1]
    for earlier in switches[:-1]:
        assert earlier <= effective, f"switched back on: {sorted(earlier - effective)}"
    assert set(OUR_DISABLED_FEATURES) <= effective
    # Our copy is Playwright's list exactly: an upgrade that drops a feature is noticed too.
    assert switches[0] == set(PLAYWRIGHT_DISABLED_FEATURES)
