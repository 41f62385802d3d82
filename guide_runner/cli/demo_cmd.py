"""`guide-runner demo GUIDE`: play a guide on the practice site with the autopilot as the person."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape

from guide_runner.cli.common import (
    CONTEXT_SETTINGS,
    check_output_folder,
    err,
    error,
    guides_option,
    handle_errors,
    lang_option,
    out,
    pages_option,
    pick_language,
)

if TYPE_CHECKING:
    from guide_runner.guide import Guide
    from guide_runner.runner.launch import Started

VIEWPORT = {"width": 1280, "height": 800}
# What the demo imports beyond a walk's modules (guide_runner.runner.launch.WALK_MODULES).
DEMO_MODULES = ("guide_runner.autopilot", "guide_runner.runner.demo", "guide_runner.runner.report")


@click.command("demo", context_settings=CONTEXT_SETTINGS)
@click.argument("guide")
@lang_option
@click.option("--headed", is_flag=True, help="Show the browser window while the demo plays.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the walkthrough report (default ./guide-runner-out/GUIDE-LANG).",
)
@pages_option
@guides_option
@handle_errors
def demo_cmd(
    guide: str,
    lang: str | None,
    headed: bool,
    out_dir: Path | None,
    pages_dir: Path | None,
    guide_dirs: tuple[Path, ...],
) -> None:
    """Play GUIDE on the practice site, with an autopilot doing what a person would.

    Everything happens on a copy of the Visma pages on this machine, with a practice
    account; nothing leaves the machine. Writes a walkthrough report (one HTML page with a
    screenshot per step) and prints its path.
    """
    from guide_runner.browser import has_display
    from guide_runner.runner.launch import launch_while, preload_walk

    # Before anything plays: a report that cannot be written at the end wastes the run.
    check_output_folder(out_dir or Path("guide-runner-out"), "--out")

    def load() -> tuple[Guide, str]:
        # On a background thread while the browser starts: the guide models, the YAML, and
        # the modules the walk needs are loaded in time the main thread spends waiting.
        from guide_runner.guide import Catalog

        g = Catalog.default(guide_dirs).load(guide)
        language = pick_language(lang, g.languages, g.default_language)
        from guide_runner.practice import PracticeSite

        preload_walk(*DEMO_MODULES)
        PracticeSite.preload()

        return g, language

    if headed and not has_display():
        from guide_runner.runner.messages import say

        _, language = load()
        err.print(f"[red]{escape(say('no_display', language, command='demo'))}[/red]")
        err.print(escape(say("no_display_demo", language)))
        raise SystemExit(1)
    started = launch_while(load, headless=not headed)
    g, language = started.value
    target = out_dir or Path("guide-runner-out") / f"{g.id}-{language}"
    code = _demo(started, g, language, headed, target, pages_dir)
    raise SystemExit(code)


def _demo(
    started: Started[tuple[Guide, str]],
    guide: Guide,
    lang: str,
    headed: bool,
    out_dir: Path,
    pages_dir: Path | None,
) -> int:
    from playwright.sync_api import Error as PlaywrightError

    from guide_runner.autopilot import Autopilot
    from guide_runner.cli.interrupt import EXIT_INTERRUPTED, deferred, interrupted
    from guide_runner.guide import localize
    from guide_runner.practice import PracticeSite
    from guide_runner.runner import report
    from guide_runner.runner.companion import Companion
    from guide_runner.runner.demo import DemoPerson
    from guide_runner.runner.engine import Engine, Settings
    from guide_runner.runner.highlight import OverlayHighlighter
    from guide_runner.runner.keys import NoKeys
    from guide_runner.runner.launch import reason
    from guide_runner.runner.messages import say
    from guide_runner.runner.origins import Pins
    from guide_runner.runner.session import PRACTICE_MAILBOX, new_context
    from guide_runner.runner.tracker import PageTracker

    params = {name: spec.default for name, spec in guide.parameters.items()}
    title = localize(guide.title, lang)
    companion = Companion(guide, lang, params, err, live=False)
    recorder = report.Recorder(lang)
    try:
        context = new_context(
            started.browser, lang=lang, headless=not headed, viewport=VIEWPORT, practice=True
        )
        site = PracticeSite(pages_dir)
        autopilot = Autopilot.for_guide(site, guide)
        autopilot.attach(context)
        # Before the first page: it then opens with the overlay already in it.
        highlighter = OverlayHighlighter(Pins.for_guide(guide, params), context)
        tracker = PageTracker(context, screenshots=True)
        tracker.new_page()
        settings = Settings(
            lang=lang,
            params=params,
            target_timeout=10.0,
            practice=True,
            neutral_origins=frozenset({PRACTICE_MAILBOX}),
            mailbox_address=PRACTICE_MAILBOX + "/",
            max_seconds=600,
        )
        engine = Engine(
            guide,
            tracker,
            highlighter,
            settings,
            keys=NoKeys(),
            listeners=[companion, recorder],
            person=DemoPerson(autopilot, recorder),
            stop_requested=interrupted,
        )
        with deferred():
            outcome = engine.run()
    except KeyboardInterrupt:
        err.print(f"[yellow]{escape(say('interrupted', lang))}[/yellow]")
        return EXIT_INTERRUPTED
    except PlaywrightError as exc:
        err.print(f"[red]error:[/red] the browser stopped: {escape(reason(exc))}")
        return 1
    finally:
        started.stop()
    if interrupted():  # the engine has said so; a report of a broken-off demo shows nothing
        return EXIT_INTERRUPTED
    try:
        path = report.write(recorder, out_dir, title, guide.id)
    except OSError as exc:
        raise error(f"could not write the report to {out_dir}: {exc.strerror or exc}") from None
    done = sum(1 for e in recorder.entries if e.how in ("done", "chosen"))
    not_needed = sum(1 for e in recorder.entries if e.how == "optional")
    seconds = f"{recorder.seconds:.1f}"
    if lang != "en":
        seconds = seconds.replace(".", ",")
    summary = say("demo_summary", lang, done=done, not_needed=not_needed, seconds=seconds)
    err.print(f"{escape(title)}: {escape(summary)}")
    out.print(str(path))
    return outcome.exit_code
