"""`guide-runner demo GUIDE`: play a guide on the practice site with the autopilot as the person."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape

from guide_runner.cli.common import (
    CONTEXT_SETTINGS,
    err,
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
    from guide_runner.runner.launch import launch_while

    def load() -> tuple[Guide, str]:
        # On a background thread while the browser starts: the guide models, the YAML, and
        # the modules the walk needs are loaded in time the main thread spends waiting.
        from guide_runner.guide import Catalog

        g = Catalog.default(guide_dirs).load(guide)
        language = pick_language(lang, g.languages, g.default_language)
        import guide_runner.autopilot
        import guide_runner.runner.engine
        import guide_runner.runner.report  # noqa: F401
        from guide_runner.practice import PracticeSite

        PracticeSite.preload()

        return g, language

    if headed and not has_display():
        from guide_runner.runner.messages import say

        _, language = load()
        err.print(f"[red]{escape(say('no_display', language))}[/red]")
        err.print("Run it without --headed to play it in the background and get the report.")
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
    from guide_runner.guide import localize
    from guide_runner.practice import PracticeSite
    from guide_runner.runner import report
    from guide_runner.runner.companion import Companion
    from guide_runner.runner.demo import DemoPerson
    from guide_runner.runner.engine import Engine, Settings
    from guide_runner.runner.highlight import OverlayHighlighter
    from guide_runner.runner.keys import NoKeys
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
            OverlayHighlighter(Pins.for_guide(guide, params)),
            settings,
            keys=NoKeys(),
            listeners=[companion, recorder],
            person=DemoPerson(autopilot, recorder),
        )
        outcome = engine.run()
    except KeyboardInterrupt:
        err.print(f"[yellow]{escape(say('interrupted', lang))}[/yellow]")
        return 1
    except PlaywrightError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else "browser error"
        err.print(f"[red]The browser stopped: {escape(first_line)}[/red]")
        return 1
    finally:
        started.stop()
    path = report.write(recorder, out_dir, title, guide.id)
    done = sum(1 for e in recorder.entries if e.how in ("done", "chosen"))
    not_needed = sum(1 for e in recorder.entries if e.how == "optional")
    err.print(
        f"{escape(title)}: {done} steps done, {not_needed} not needed, "
        f"{recorder.seconds:.1f} s — {escape(outcome.ending)}"
    )
    out.print(str(path))
    return outcome.exit_code
