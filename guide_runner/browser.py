"""Which browser to launch, and why: the one place every command that opens a browser asks.

Order: an explicit ``--executable`` or ``--browser-channel``; then Playwright's own Chromium
when it has been downloaded; then an installed Chrome or Edge (Playwright channels); then a
system Chromium (Debian's ``/usr/bin/chromium`` and friends). None found is a clear error
that says how to get one, never a traceback.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ENV_EXECUTABLE = "GUIDE_RUNNER_BROWSER"
ENV_CHANNEL = "GUIDE_RUNNER_BROWSER_CHANNEL"

CHANNELS = ("chrome", "chrome-beta", "msedge", "msedge-beta", "chromium")

# Where Chrome and Edge install themselves; Playwright's channels expect these paths.
_CHANNEL_PATHS: dict[str, dict[str, list[str]]] = {
    "chrome": {
        "linux": ["/opt/google/chrome/chrome"],
        "darwin": ["/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"],
        "win32": [
            r"%PROGRAMFILES%\Google\Chrome\Application\chrome.exe",
            r"%PROGRAMFILES(X86)%\Google\Chrome\Application\chrome.exe",
            r"%LOCALAPPDATA%\Google\Chrome\Application\chrome.exe",
        ],
    },
    "msedge": {
        "linux": ["/opt/microsoft/msedge/msedge"],
        "darwin": ["/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge"],
        "win32": [
            r"%PROGRAMFILES(X86)%\Microsoft\Edge\Application\msedge.exe",
            r"%PROGRAMFILES%\Microsoft\Edge\Application\msedge.exe",
        ],
    },
}

_SYSTEM_CHROMIUM = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
_SYSTEM_CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium")


# Chromium's autofill asks Google's servers about every form it sees; a guide runs on
# sign-in forms, so that stays off.
OUR_DISABLED_FEATURES = ("AutofillServerCommunication",)

# Chromium honours only the LAST --disable-features switch on its command line, and
# Playwright passes its own list before ours: stability fixes (routing, beforeunload) and no
# requests to Google at start-up (optimisation hints, network time, search preconnects). A
# switch with our feature alone would switch all of those back on, so ours repeats
# Playwright's list (as of 1.65). tests/foundation/test_launch_switches.py reads the command
# line of a launched browser: it fails when a Playwright upgrade adds a feature not here.
PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
)

PRIVACY_ARGS = (
    "--disable-features=" + ",".join(PLAYWRIGHT_DISABLED_FEATURES + OUR_DISABLED_FEATURES),
)


class BrowserNotFound(Exception):
    """No usable browser; the message says how to get one."""


@dataclass(frozen=True)
class BrowserChoice:
    """A browser to launch through Playwright's Chromium driver."""

    source: str  # "executable", "channel", "playwright", "system"
    reason: str
    executable_path: str | None = None
    channel: str | None = None
    considered: tuple[str, ...] = field(default=())

    def launch_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"args": list(PRIVACY_ARGS)}
        if self.executable_path:
            kwargs["executable_path"] = self.executable_path
        if self.channel:
            kwargs["channel"] = self.channel
        return kwargs

    def describe(self) -> str:
        what = self.executable_path or f"channel {self.channel}"
        return f"{what} ({self.reason})"


HOW_TO_GET_ONE = (
    "No browser found. Install one of these, then try again:\n"
    "  • Playwright's Chromium:  python -m playwright install chromium\n"
    "  • Debian/Ubuntu Chromium: sudo apt-get install chromium\n"
    "  • Google Chrome or Microsoft Edge from their websites\n"
    f"Or point guide-runner at a browser with --executable PATH (or ${ENV_EXECUTABLE})."
)


def _expand(path: str) -> str:
    return os.path.expandvars(path)


def _platform() -> str:
    return (
        "win32"
        if sys.platform.startswith("win")
        else sys.platform
        if sys.platform == "darwin"
        else "linux"
    )


def channel_executable(channel: str) -> str | None:
    """The installed executable behind a Playwright channel, if it is installed."""
    base = channel.split("-")[0]
    for candidate in _CHANNEL_PATHS.get(base, {}).get(_platform(), []):
        path = _expand(candidate)
        if Path(path).is_file():
            return path
    return None


def playwright_chromium(playwright: Any = None) -> str | None:
    """Playwright's own downloaded Chromium, if present.

    Pass a running ``Playwright`` to avoid starting a second driver process.
    """
    try:
        if playwright is not None:
            path = playwright.chromium.executable_path
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as pw:
                path = pw.chromium.executable_path
    except Exception:
        return None
    return path if path and Path(path).is_file() else None


def _system_chromium() -> Iterator[str]:
    for name in _SYSTEM_CHROMIUM:
        found = shutil.which(name)
        if found:
            yield found
    for path in _SYSTEM_CHROMIUM_PATHS:
        if Path(path).is_file():
            yield path


def discover(
    executable: str | None = None, channel: str | None = None, playwright: Any = None
) -> BrowserChoice:
    """Pick the browser to launch. Raises BrowserNotFound with instructions."""
    executable = executable or os.environ.get(ENV_EXECUTABLE) or None
    channel = channel or os.environ.get(ENV_CHANNEL) or None
    if executable:
        if not Path(executable).is_file():
            raise BrowserNotFound(f"The browser {executable!r} does not exist.\n{HOW_TO_GET_ONE}")
        return BrowserChoice("executable", "given with --executable", executable_path=executable)
    if channel:
        if channel not in CHANNELS:
            raise BrowserNotFound(
                f"Unknown browser channel {channel!r}; choose one of: {', '.join(CHANNELS)}."
            )
        if channel != "chromium" and channel_executable(channel) is None:
            raise BrowserNotFound(f"The {channel} channel is not installed.\n{HOW_TO_GET_ONE}")
        return BrowserChoice("channel", "given with --browser-channel", channel=channel)

    considered: list[str] = []
    bundled = playwright_chromium(playwright)
    if bundled:
        return BrowserChoice("playwright", "Playwright's own Chromium", executable_path=bundled)
    considered.append("Playwright's Chromium: not downloaded")
    for name in ("chrome", "msedge"):
        path = channel_executable(name)
        if path:
            return BrowserChoice(
                "channel",
                f"installed {name} found at {path}",
                channel=name,
                considered=tuple(considered),
            )
        considered.append(f"{name}: not installed")
    for path in _system_chromium():
        return BrowserChoice(
            "system", "system Chromium", executable_path=path, considered=tuple(considered)
        )
    considered.append("system Chromium: not found")
    raise BrowserNotFound(HOW_TO_GET_ONE)


def has_display() -> bool:
    """Whether a headed browser window can be shown."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
