"""`guide-runner login --save-state FILE`: sign in by hand, save the session for live checks.

A visible browser opens on the sign-in page; the person signs in themselves (guide-runner
never sees the password). When they close the window, the session (cookies and local
storage) is written to FILE with mode 0600. The file is a key to the account.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import click
from rich.markup import escape

from guide_runner.cli.common import (
    CONTEXT_SETTINGS,
    browser_options,
    check_output_file,
    err,
    error,
    handle_errors,
)

DEFAULT_URL = "https://accountsettings.connect.visma.com/"
WARNING = (
    "{path} is a key to your Visma account: anyone with the file is signed in as you until "
    "the session ends (at most 10 hours). Keep it private, never commit or share it, and "
    "delete it when the checks are done."
)


def write_private(path: Path, data: dict[str, Any]) -> None:
    """Write JSON readable by the owner only (0600), also when the file already exists."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fd = -1
            json.dump(data, fh)
    finally:
        if fd != -1:
            os.close(fd)


@click.command("login", context_settings=CONTEXT_SETTINGS)
@click.option(
    "--save-state",
    "state_file",
    required=True,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Where to save the signed-in session (written with mode 0600).",
)
@click.option("--url", default=DEFAULT_URL, show_default=True, help="Page to open for signing in.")
@click.option(
    "--headless",
    is_flag=True,
    hidden=True,
    help="For tests only: no window; the page is closed as soon as it has opened.",
)
@browser_options
@handle_errors
def login_cmd(
    state_file: Path, url: str, headless: bool, executable: Path | None, browser_channel: str | None
) -> None:
    """Open a browser, sign in by hand, close the window: the session is saved for checks.

    Use the file with `guide-runner check --site live --storage-state FILE`.
    """
    from playwright.sync_api import Error as PlaywrightError

    from guide_runner.browser import has_display
    from guide_runner.runner.launch import launch_while, reason

    # Before the browser opens: a session signed in by hand and then not saved is lost.
    check_output_file(state_file, "--save-state")
    if not headless and not has_display():
        raise error(
            "no display: `guide-runner login` needs a visible browser window to sign in by "
            "hand. Run it on a desktop (or with xvfb-run and a VNC viewer)."
        )
    started = launch_while(
        lambda: None, headless=headless, executable=executable, channel=browser_channel
    )
    try:
        context = started.browser.new_context(no_viewport=not headless)
        page = context.new_page()
        try:
            page.goto(url)
        except PlaywrightError as exc:
            err.print(f"[yellow]Could not open {escape(url)}:[/yellow] {escape(reason(exc))}")
        if not headless:
            err.print("Sign in in the browser window, then close the window to save the session.")
            page.wait_for_event("close", timeout=0)
        else:
            page.close()
        state = context.storage_state()
    finally:
        started.stop()
    try:
        write_private(state_file, dict(state))
    except OSError as exc:
        raise error(
            f"could not save the session to {state_file}: {exc.strerror or exc}. "
            "Sign in again with a --save-state FILE in a folder you can write to."
        ) from None
    err.print(f"Saved the session to {escape(str(state_file))} (mode 0600).")
    err.print(f"[bold yellow]Warning:[/bold yellow] {escape(WARNING.format(path=state_file))}")
