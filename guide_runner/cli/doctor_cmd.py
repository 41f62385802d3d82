"""`guide-runner doctor`: which browser would be used and why, versions, display."""

from __future__ import annotations

import platform
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import click
from rich.table import Table

from guide_runner import __version__
from guide_runner.browser import BrowserNotFound, discover, has_display
from guide_runner.cli.common import CONTEXT_SETTINGS, browser_options, err, out


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
        table.add_row("Why", choice.reason)
        for note in choice.considered:
            table.add_row("", f"[dim]{note}[/dim]")
    out.print(table)
    if problem:
        err.print(problem)
        raise SystemExit(1)
