"""Starting Playwright and the browser, optionally while other start-up work runs.

Starting Playwright's driver and launching the browser take most of a second, and the
calling thread spends it waiting on other processes. ``launch_while`` gives that time to
``work`` (loading and validating the guide: importing the guide models, reading YAML) on a
background thread, so the first page opens sooner. This module imports neither the guide
models nor the engine, so that the two really overlap.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from playwright.sync_api import Browser, Playwright, sync_playwright
from playwright.sync_api._context_manager import PlaywrightContextManager

from guide_runner.browser import discover

T = TypeVar("T")


def launch(
    playwright: Playwright,
    *,
    headless: bool,
    executable: Path | None = None,
    channel: str | None = None,
) -> Browser:
    """The browser ``discover`` picks (or the one asked for), launched."""
    choice = discover(str(executable) if executable else None, channel, playwright)
    kwargs: dict[str, Any] = {**choice.launch_kwargs(), "headless": headless}
    return playwright.chromium.launch(**kwargs)


@dataclass
class Started(Generic[T]):
    """A running Playwright with a launched browser, and what ``work`` returned."""

    manager: PlaywrightContextManager
    playwright: Playwright
    browser: Browser
    value: T
    headless: bool = True

    def stop(self) -> None:
        """Close the browser and stop Playwright; either may already be gone."""
        with contextlib.suppress(Exception):
            self.browser.close()
        with contextlib.suppress(Exception, KeyboardInterrupt):
            self.manager.__exit__(None, None, None)


def launch_while(
    work: Callable[[], T],
    *,
    headless: bool,
    executable: Path | None = None,
    channel: str | None = None,
) -> Started[T]:
    """Start Playwright and launch the browser on this thread while ``work`` runs on another.

    Errors keep the order a person expects: when ``work`` fails (an unknown or broken
    guide), its error is raised, not the browser's, and the browser is closed again.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="guide-runner-start") as pool:
        pending = pool.submit(work)
        manager = sync_playwright()
        started = False
        try:
            playwright = manager.start()
            started = True
            browser = launch(playwright, headless=headless, executable=executable, channel=channel)
        except BaseException:
            if started:
                with contextlib.suppress(Exception, KeyboardInterrupt):
                    manager.__exit__(None, None, None)
            pending.result()  # the guide's error first, when there is one
            raise
        try:
            value = pending.result()
        except BaseException:
            Started(manager, playwright, browser, None).stop()
            raise
    return Started(manager, playwright, browser, value, headless)
