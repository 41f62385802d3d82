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


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _missing_without_terminal(guide: Guide, missing: list[str]) -> click.UsageError:
    from guide_runner.guide import localize

    lang = "en" if "en" in guide.languages else guide.default_language
    needs, flags = [], []
    for name in missing:
        spec = guide.parameters[name]
        needs.append(f"{name} ({localize(spec.prompt, lang)})")
        flags.append(f"--param {name}={'https://…' if spec.kind == 'https-origin' else '…'}")
    return click.UsageError(
        f"{guide.id} needs {' and '.join(needs)}, and there is no terminal to ask on: "
        f"give {' '.join(flags)}"
    )


# Why https_origin refused an address (ParameterError.reason) → the message key that says
# it in the person's words.
_ORIGIN_PROBLEMS = {
    "not_https": "param_not_https",
    "has_path": "param_has_path",
    "not_address": "param_not_address",
}


def _ask_missing(guide: Guide, given: dict[str, str], lang: str, practice: bool) -> dict[str, str]:
    """Parameters not given: the practice site's defaults, else asked for on the terminal.

    A default is the practice site's address, never shown as a suggestion for the real
    pages. Without a terminal ``load`` has already refused (a usage error)."""
    from guide_runner.guide import localize
    from guide_runner.runner.messages import say
    from guide_runner.runner.origins import ParameterError, https_origin

    params = dict(given)
    for name, spec in guide.parameters.items():
        if name in params:
            continue
        if practice:
            params[name] = spec.default
            continue
        question = localize(spec.prompt, lang)
        if spec.kind == "https-origin" and "https://" not in question:
            question = f"{question} {say('param_example', lang)}"
        while True:
            value = click.prompt(question, prompt_suffix=" ", err=True).strip()
            if spec.kind != "https-origin":
                params[name] = value
                break
            try:
                params[name] = https_origin(value)
                break
            except ParameterError as exc:
                why = _ORIGIN_PROBLEMS.get(exc.reason or "", "param_not_address")
                err.print(f"[red]{escape(say(why, lang))}[/red]")
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
    from guide_runner.runner.launch import launch_while, preload_walk

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
        missing = [name for name in g.parameters if name not in given]
        if missing and not practice and not _interactive():
            raise _missing_without_terminal(g, missing)
        preload_walk()
        if practice:
            from guide_runner.practice import PracticeSite

            PracticeSite.preload()

        return g, language, given

    if not headless and not has_display():
        from guide_runner.runner.messages import say

        _, language, _ = load()
        err.print(f"[red]{escape(say('no_display', language, command='run'))}[/red]")
        raise SystemExit(1)
    started = launch_while(load, headless=headless, executable=executable, channel=browser_channel)
    try:
        # Asked on the terminal while the window is already open.
        g, language, given = started.value
        params = _ask_missing(g, given, language, practice)
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

    from guide_runner.cli.interrupt import EXIT_INTERRUPTED, deferred, interrupted
    from guide_runner.runner.companion import Companion
    from guide_runner.runner.engine import Engine, Settings
    from guide_runner.runner.highlight import OverlayHighlighter
    from guide_runner.runner.keys import keys_for_stdin
    from guide_runner.runner.launch import reason
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
        # Before the first page: it then opens with the overlay already in it.
        highlighter = OverlayHighlighter(pins, context)
        tracker = PageTracker(context)
        tracker.new_page()
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
        engine = Engine(
            guide,
            tracker,
            highlighter,
            settings,
            keys=keys,
            listeners=[companion],
            stop_requested=interrupted,
        )
        with deferred():
            outcome = engine.run()
        return EXIT_INTERRUPTED if interrupted() else outcome.exit_code
    except KeyboardInterrupt:
        companion.close()
        err.print(f"[yellow]{escape(say('interrupted', lang))}[/yellow]")
        return EXIT_INTERRUPTED
    except PlaywrightError as exc:
        companion.close()
        err.print(f"[red]error:[/red] the browser stopped: {escape(reason(exc))}")
        return 1
    finally:
        if keys is not None:
            keys.close()
        companion.close()
        started.stop()
