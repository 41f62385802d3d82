"""`guide-runner doctor`: which browser would be used and why, versions, display."""

from __future__ import annotations

import platform
import re
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from guide_runner import __version__
from guide_runner.browser import (
    BrowserChoice,
    BrowserNotFound,
    channel_executable,
    discover,
    has_display,
)
from guide_runner.cli.common import CONTEXT_SETTINGS, browser_options, err, out

VERSION_TIMEOUT = 5.0  # seconds; a browser answers --version in well under one
# "Chromium 120.0.6099.224 built on Debian 12", "Google Chrome 126.0.6478.126",
# "Microsoft Edge 126.0.2592.68", "HeadlessChrome …"
_BROWSER_VERSION = re.compile(r"\b(Chromium|Chrome|Edge|HeadlessChrome)\b.*\d+\.\d+", re.I)


def browser_version(choice: BrowserChoice) -> tuple[str | None, str | None]:
    """(the browser's own ``--version`` line, None) or (None, why it does not look like one).

    Only runs the program with ``--version``: no window, no profile, fast."""
    if sys.platform == "win32":
        return None, None  # chrome.exe --version opens a window there instead of answering
    path = choice.executable_path or (choice.channel and channel_executable(choice.channel))
    if not path:
        return None, None  # Playwright's "chromium" channel: nothing of ours to run
    try:
        done = subprocess.run(
            [path, "--version"],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=VERSION_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return None, f"`{path} --version` did not answer within {VERSION_TIMEOUT:.0f} s"
    except OSError as exc:
        return None, f"`{path} --version` could not run: {exc.strerror or exc}"
    line = next((ln.strip() for ln in done.stdout.splitlines() if ln.strip()), "")
    if done.returncode == 0 and _BROWSER_VERSION.search(line):
        return line, None
    said = f"printed {line!r}" if line else "printed nothing"
    return None, (
        f"{path} does not look like a Chromium-based browser: `{path} --version` {said}"
        + (f" and exited with {done.returncode}" if done.returncode else "")
    )


def _version_of(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


@click.command("doctor", context_settings=CONTEXT_SETTINGS)
@browser_options
def doctor_cmd(executable: Path | None, browser_channel: str | None) -> None:
    """Say which browser would be used and why, with Python and Playwright versions."""
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    table.add_row("guide-runner", __version__)
    table.add_row("Python", f"{platform.python_version()} ({sys.executable})")
    table.add_row("Playwright", _version_of("playwright"))
    table.add_row(
        "Display",
        "yes" if has_display() else "no (headed browsers need one; use headless or xvfb-run)",
    )
    problem: str | None = None
    try:
        choice = discover(str(executable) if executable else None, browser_channel)
    except BrowserNotFound as exc:
        problem = str(exc)
        table.add_row("Browser", "[red]none found[/red]")
    else:
        table.add_row("Browser", choice.executable_path or f"channel {choice.channel}")
        version, problem = browser_version(choice)
        if version:
            table.add_row("Version", version)
        elif problem:
            table.add_row("Version", "[red]not a browser?[/red]")
        table.add_row("Why", choice.reason)
        for note in choice.considered:
            table.add_row("", f"[dim]{note}[/dim]")
    out.print(table)
    if problem:
        err.print(f"[red]error:[/red] {escape(problem)}")
        raise SystemExit(1)
