"""`guide-runner practice`: open the practice site in a visible browser for free exploration."""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import click

from guide_runner.cli.common import (
    CONTEXT_SETTINGS,
    browser_options,
    err,
    error,
    handle_errors,
    lang_option,
    pages_option,
)

SIGN_IN_URL = (
    "https://connect.visma.com/?ReturnUrl=https%3A%2F%2Faccountsettings.connect.visma.com%2F"
)
LOCALES = {"nb": "nb-NO", "sv": "sv-SE", "en": "en-US"}

NO_DISPLAY = (
    "no display: the practice site opens a visible browser window, and this session has none "
    "(DISPLAY / WAYLAND_DISPLAY are not set).\n"
    "Run it on a desktop, or under a virtual display: xvfb-run guide-runner practice …"
)


def _start_address(guide_id: str | None) -> tuple[str, str | None]:
    """(address to open, the guide's default language); the sign-in page without a guide.

    An unknown or broken guide is an error (``handle_errors`` makes it a usage error)."""
    if not guide_id:
        return SIGN_IN_URL, None
    from guide_runner.guide import Catalog

    guide = Catalog.default().load(guide_id)
    values = {name: p.default for name, p in guide.parameters.items()}
    start = re.sub(r"\{([a-z_][a-z0-9_]*)\}", lambda m: values.get(m[1], m[0]), guide.start)
    return start, guide.default_language


def _print_accounts() -> None:
    from guide_runner.practice import ACCOUNTS, AUTHENTICATOR_CODE, INBOX

    err.print("[bold]Practice accounts[/bold] (nothing here is real, nothing is sent):")
    for account in ACCOUNTS.values():
        extra = f", one-time code {account.one_time_code}" if account.one_time_code else ""
        err.print(f"  • {account.name}: {account.email} / {account.password}{extra}")
    err.print(f"  • authenticator code: {AUTHENTICATOR_CODE}; mail arrives at https://{INBOX}/")


@click.command("practice", context_settings=CONTEXT_SETTINGS)
@click.argument("guide", required=False)
@lang_option
@pages_option
@browser_options
@handle_errors
def practice_cmd(
    guide: str | None,
    lang: str | None,
    pages_dir: Path | None,
    executable: Path | None,
    browser_channel: str | None,
) -> None:
    """Open the practice site (a replica of the Visma pages, at their real addresses) in a
    visible browser, at GUIDE's start page when given. Close the window to stop."""
    from guide_runner.browser import has_display

    if lang is not None and lang not in LOCALES:
        raise click.BadParameter(f"choose one of {', '.join(LOCALES)}", param_hint="--lang")
    start, guide_lang = _start_address(guide)
    if not has_display():
        raise error(NO_DISPLAY)

    from playwright.sync_api import Error as PlaywrightError

    from guide_runner.practice import PracticeSite
    from guide_runner.runner.launch import launch_while

    site = PracticeSite(pages_dir)
    if not site.serves(start):
        err.print(
            f"[yellow]{start} is not on the practice site[/yellow]; opening the sign-in page."
        )
        start = SIGN_IN_URL
    language = lang or guide_lang
    started = launch_while(
        lambda: None, headless=False, executable=executable, channel=browser_channel
    )
    try:
        if started.choice is not None:
            err.print(f"Browser: {started.choice.describe()}")
        browser = started.browser
        context_args = PracticeSite.context_options()
        if language:
            context_args["locale"] = LOCALES[language]
        context = browser.new_context(**context_args)
        site.install(context)
        page = context.new_page()
        page.goto(start)
        _print_accounts()
        err.print(f"Opened {start}. Close the browser window to stop.")
        with contextlib.suppress(PlaywrightError):
            while context.pages and browser.is_connected():
                context.pages[0].wait_for_event("close", timeout=0)
    finally:
        started.stop()  # Ctrl-C goes on to the one-line message and exit code 130
    if site.blocked:
        err.print(f"Blocked {len(site.blocked)} request(s) to addresses outside the practice site.")
