"""Waits never rely on timers the page can replace.

A page that sets ``window.setTimeout = () => 0`` would freeze any wait built on it. Here the
replacement also reloads the document (which ends a pending evaluate with an error instead
of hanging the test) and counts in sessionStorage how often it was called: a wait that used
the page's timer shows as a count, not as a hang.
"""

from __future__ import annotations

from playwright.sync_api import Page

from guide_runner.overlay import Overlay

from .server import Origins

FREEZE_TIMERS = """() => {
  window.setTimeout = () => {
    sessionStorage.frozen = Number(sessionStorage.frozen || 0) + 1;
    location.reload();
    return 0;
  };
}"""
FROZEN = "() => Number(sessionStorage.frozen || 0)"


def test_waiting_on_an_unpinned_page_does_not_use_its_timers(page: Page, origins: Origins) -> None:
    overlay = Overlay(page, origins=[origins.main])
    try:
        page.goto(f"{origins.other}/light.html")  # a look-alike: no overlay installed here
        page.evaluate(FREEZE_TIMERS)
        assert overlay.wait_for_signal(300) is None
        assert page.evaluate(FROZEN) == 0
    finally:
        overlay.destroy()


def test_timers_replaced_after_the_overlay_installed_do_not_stop_its_waits(
    page: Page, origins: Origins
) -> None:
    overlay = Overlay(page, origins=[origins.main])
    try:
        page.goto(origins.url("light.html"))
        overlay.show(page.locator("#next"), text="Click Next", lang="en")
        page.evaluate(FREEZE_TIMERS)  # a page script, after the init script took its timers
        assert overlay.wait_for_signal(300) is None
        # The target finder's wait for the page's next change ends at its cap too.
        waited = page.evaluate(
            """() => {
              const api = window.__guideRunnerOverlay;
              api.armChanges();
              return api.waitForChange(50, 0);
            }"""
        )
        assert waited == "timeout"
        assert page.evaluate(FROZEN) == 0
        page.locator("#next").click()
        signal = overlay.wait_for_signal(2000)
        assert signal is not None and signal.kind == "activated"
    finally:
        overlay.destroy()
