"""`guide-runner run GUIDE`: guide a person through the live pages in a visible browser."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape

from guide_runner.cli.common import (
    CONTEXT_SETTINGS,
    browser_options,
    err,
    guides_option,
    handle_errors,
    lang_option,
    pages_option,
    pick_language,
)

if TYPE_CHECKING:
    from guide_runner.guide import Guide
    from guide_runner.runner.launch import Started

Loaded = tuple["Guide", str, dict[str, str]]


def _ask_missing(guide: Guide, given: dict[str, str], lang: str) -> dict[str, str]:
    """Ask for parameters not given (on a terminal), else use their defaults."""
    from guide_runner.guide import localize
    from guide_runner.runner.origins import ParameterError, https_origin

    params = dict(given)
    interactive = sys.stdin is not None and sys.stdin.isatty()
    for name, spec in guide.parameters.items():
        if name in params:
            continue
        if not interactive:
            params[name] = spec.default
            continue
        while True:
            value = click.prompt(localize(spec.prompt, lang), default=spec.default, err=True)
            try:
                params[name] = https_origin(value) if spec.kind == "https-origin" else value
                break
            except ParameterError as exc:
                err.print(f"[red]{escape(str(exc))}[/red]")
    return params


@click.command("run", context_settings=CONTEXT_SETTINGS)
@click.argument("guide")
@lang_option
@click.option(
    "--param",
    "param_pairs",
    multiple=True,
    metavar="NAME=VALUE",
    help="A value the guide needs, e.g. --param enterprise_url=https://kommune.visma.no "
    "(asked for when missing).",
)
@browser_options
@click.option(
    "--practice",
    is_flag=True,
    help="Run on the practice site: a copy of the pages on this machine.",
)
@pages_option
@guides_option
@click.option(
    "--notes",
    "notes_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for notes about pages that changed (default ~/.local/state/guide-runner/drift).",
)
@click.option(
    "--target-timeout",
    type=click.FloatRange(min=1),
    default=15.0,
    show_default=True,
    help="Seconds to look for the next element before saying it cannot be found.",
)
@click.option(
    "--headless",
    is_flag=True,
    hidden=True,
    help="For tests only: no window (a person always gets a visible browser).",
)
@handle_errors
def run_cmd(
    guide: str,
    lang: str | None,
    param_pairs: tuple[str, ...],
    executable: Path | None,
    browser_channel: str | None,
    practice: bool,
    pages_dir: Path | None,
    guide_dirs: tuple[Path, ...],
    notes_dir: Path | None,
    target_timeout: float,
    headless: bool,
) -> None:
    """Open GUIDE in a browser and show, step by step, what to click and type.

    You do every step yourself: guide-runner only points and explains. It never types,
    clicks or reads what you type, and shows its instructions only on the guide's own
    Visma addresses.
    """
    from guide_runner.browser import has_display
    from guide_runner.runner.launch import launch_while

    if pages_dir is not None and not practice:
        raise click.UsageError("--pages goes with --practice.")

    def load() -> Loaded:
        # On a background thread while the browser starts (see ``launch_while``).
        from guide_runner.guide import Catalog
        from guide_runner.runner.origins import ParameterError
        from guide_runner.runner.session import check_params, parse_params

        g = Catalog.default(guide_dirs).load(guide)
        language = pick_language(lang, g.languages, g.default_language)
        try:
            given = check_params(g, parse_params(param_pairs))
        except ParameterError as exc:
            raise click.BadParameter(str(exc), param_hint="--param") from None
        import guide_runner.runner.companion
        import guide_runner.runner.engine  # noqa: F401

        if practice:
            from guide_runner.practice import PracticeSite

            PracticeSite.preload()

        return g, language, given

    if not headless and not has_display():
        from guide_runner.runner.messages import say

        _, language, _ = load()
        err.print(f"[red]{escape(say('no_display', language))}[/red]")
        raise SystemExit(1)
    started = launch_while(load, headless=headless, executable=executable, channel=browser_channel)
    try:
        # Asked on the terminal while the window is already open.
        g, language, given = started.value
        params = _ask_missing(g, given, language)
    except BaseException:
        started.stop()
        raise
    code = _run(started, g, language, params, practice, pages_dir, notes_dir, target_timeout)
    raise SystemExit(code)


def _run(
    started: Started[Loaded],
    guide: Guide,
    lang: str,
    params: dict[str, str],
    practice: bool,
    pages_dir: Path | None,
    notes_dir: Path | None,
    target_timeout: float,
) -> int:
    from playwright.sync_api import Error as PlaywrightError

    from guide_runner.runner.companion import Companion
    from guide_runner.runner.engine import Engine, Settings
    from guide_runner.runner.highlight import OverlayHighlighter
    from guide_runner.runner.keys import keys_for_stdin
    from guide_runner.runner.messages import say
    from guide_runner.runner.origins import Pins
    from guide_runner.runner.session import PRACTICE_MAILBOX, new_context
    from guide_runner.runner.tracker import PageTracker

    pins = Pins.for_guide(guide, params)
    companion = Companion(guide, lang, params, err)
    keys = None
    try:
        headless = started.headless
        context = new_context(started.browser, lang=lang, headless=headless, practice=practice)
        if practice:
            from guide_runner.practice import PracticeSite

            PracticeSite(pages_dir).install(context)
        tracker = PageTracker(context)
        tracker.new_page()
        highlighter = OverlayHighlighter(pins)
        settings = Settings(
            lang=lang,
            params=params,
            target_timeout=target_timeout,
            notes_dir=notes_dir,
            practice=practice,
            neutral_origins=frozenset({PRACTICE_MAILBOX}) if practice else frozenset(),
            mailbox_address=PRACTICE_MAILBOX + "/" if practice else None,
        )
        keys = keys_for_stdin()
        engine = Engine(guide, tracker, highlighter, settings, keys=keys, listeners=[companion])
        outcome = engine.run()
        return outcome.exit_code
    except KeyboardInterrupt:
        companion.close()
        err.print(f"[yellow]{escape(say('interrupted', lang))}[/yellow]")
        return 1
    except PlaywrightError as exc:
        companion.close()
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else "browser error"
        err.print(f"[red]The browser stopped: {escape(first_line)}[/red]")
        return 1
    finally:
        if keys is not None:
            keys.close()
        companion.close()
        started.stop()
