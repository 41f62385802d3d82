"""Starting Playwright and the browser, optionally while other start-up work runs.

Starting Playwright's driver and launching the browser take most of a second, and the
calling thread spends it waiting on other processes. ``launch_while`` gives that time to
``work`` (loading and validating the guide: importing the guide models, reading YAML) on a
background thread, so the first page opens sooner. This module imports neither the guide
models nor the engine, so that the two really overlap.

Playwright's driver (a Node.js process) is started in a session of its own
(``driver_in_own_session``): a terminal's Ctrl-C goes to the whole foreground process group,
and a driver that received it too would exit at once, taking the browser with it and
leaving asyncio to complain ("Future exception was never retrieved … Connection closed
while reading from the driver") after the command's own words. In its own session the
driver hears of Ctrl-C only from us: the command ends its walk and closes the browser and
the driver in order. It still exits when this process dies (its stdin pipe closes).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from playwright.sync_api import Browser, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api._context_manager import PlaywrightContextManager

from guide_runner.browser import BrowserChoice, BrowserNotFound, discover

T = TypeVar("T")

DOCTOR_HINT = "Run `guide-runner doctor` to see which browser is used and why."

# "BrowserType.launch: ", "BrowserContext.route_from_har: ": the API call Playwright's
# messages start with; it means nothing to a person.
_API_CALL = re.compile(r"^[A-Z][A-Za-z]*\.[a-z_][A-Za-z_]*: ")


def reason(exc: BaseException) -> str:
    """The first line of an error's message, without Playwright's API call name."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    first = _API_CALL.sub("", lines[0]).strip() if lines else ""
    if first.endswith(":") and len(lines) > 1:  # "Error reading storage state from f.json:"
        first = f"{first} {lines[1]}"
    return first or type(exc).__name__


# What every walk (``run``, ``demo``) imports once the browser is up. ``preload_walk`` imports
# them on the start-up thread instead, in time the main thread spends waiting for the browser:
# otherwise ~50-60 ms of imports sit between the browser starting and the first page.
WALK_MODULES = (
    "guide_runner.cli.interrupt",
    "guide_runner.runner.companion",
    "guide_runner.runner.engine",
    "guide_runner.runner.highlight",
    "guide_runner.runner.keys",
    "guide_runner.runner.messages",
    "guide_runner.runner.origins",
    "guide_runner.runner.session",
    "guide_runner.runner.tracker",
)


def preload_walk(*extra: str) -> None:
    """Import the modules a walk needs, and ``extra`` ones (for ``launch_while``'s work)."""
    for name in (*WALK_MODULES, *extra):
        importlib.import_module(name)


class BrowserFailed(BrowserNotFound):
    """The browser was found but did not start; the message says which, and what to do."""


def failed_to_start(choice: BrowserChoice, exc: BaseException) -> str:
    """One sentence for a browser that would not start, and the hint to run doctor."""
    text = str(exc)
    why = (
        "there is no display for a visible window"
        if "XServer" in text or "$DISPLAY" in text
        else reason(exc).rstrip(".")
    )
    what = (
        f"The browser at {choice.executable_path}"
        if choice.executable_path
        else f"The {choice.channel} browser channel"
    )
    return f"{what} failed to start: {why}.\n{DOCTOR_HINT}"


class _AsyncioForTheDriver:
    """asyncio as Playwright's transport sees it: the driver starts in a new session."""

    def __init__(self, real: Any):
        self._real = real

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    async def create_subprocess_exec(self, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("start_new_session", True)
        return await self._real.create_subprocess_exec(*args, **kwargs)


def driver_in_own_session() -> None:
    """Start Playwright's drivers in a session of their own from now on (POSIX; idempotent).

    Playwright has no option for it: its transport module's view of asyncio is wrapped so
    that ``create_subprocess_exec`` gets ``start_new_session=True``. Should a Playwright
    release move the call, nothing breaks: the driver then starts as before.
    """
    if os.name != "posix":
        return
    try:
        from playwright._impl import transport
    except ImportError:  # pragma: no cover - another Playwright layout
        return
    current = getattr(transport, "asyncio", None)
    if current is None or isinstance(current, _AsyncioForTheDriver):
        return
    setattr(transport, "asyncio", _AsyncioForTheDriver(current))  # noqa: B010


def _launch(
    playwright: Playwright,
    *,
    headless: bool,
    executable: Path | None = None,
    channel: str | None = None,
) -> tuple[BrowserChoice, Browser]:
    choice = discover(str(executable) if executable else None, channel, playwright)
    kwargs: dict[str, Any] = {**choice.launch_kwargs(), "headless": headless}
    try:
        return choice, playwright.chromium.launch(**kwargs)
    except PlaywrightError as exc:
        raise BrowserFailed(failed_to_start(choice, exc)) from None


def launch(
    playwright: Playwright,
    *,
    headless: bool,
    executable: Path | None = None,
    channel: str | None = None,
) -> Browser:
    """The browser ``discover`` picks (or the one asked for), launched.

    Raises ``BrowserFailed`` (a ``BrowserNotFound``) when it does not start."""
    return _launch(playwright, headless=headless, executable=executable, channel=channel)[1]


@dataclass
class Started(Generic[T]):
    """A running Playwright with a launched browser, and what ``work`` returned."""

    manager: PlaywrightContextManager
    playwright: Playwright
    browser: Browser
    value: T
    headless: bool = True
    choice: BrowserChoice | None = None

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
    driver_in_own_session()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="guide-runner-start") as pool:
        pending = pool.submit(work)
        manager = sync_playwright()
        started = False
        try:
            playwright = manager.start()
            started = True
            choice, browser = _launch(
                playwright, headless=headless, executable=executable, channel=channel
            )
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
    return Started(manager, playwright, browser, value, headless, choice)
