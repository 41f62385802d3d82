"""`guide-runner check`: walk guides and say, step by step, whether they still match the pages."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.markup import escape

from guide_runner.cli.common import (
    CONTEXT_SETTINGS,
    browser_options,
    check_output_folder,
    err,
    error,
    guides_option,
    handle_errors,
    out,
)

if TYPE_CHECKING:
    from guide_runner.guide import Guide

# Exit codes: 0 every step ok, 1 drift found, 2 usage or infrastructure error.
EXIT_OK, EXIT_DRIFT, EXIT_INFRA = 0, 1, 2


def _infra(message: str) -> SystemExit:
    return error(message, EXIT_INFRA)


def _params(guides: list[Guide], pairs: tuple[str, ...]) -> dict[str, str]:
    """``--param`` values, validated as ``run`` does (runner/session.py): known names only,
    https-origin values exactly ``https://host[:port]``. With several guides, a name must
    belong to one of them and is validated by each guide that has it."""
    from guide_runner.runner.origins import ParameterError
    from guide_runner.runner.session import check_params, parse_params

    checked: dict[str, str] = {}
    try:
        for name, value in parse_params(pairs).items():
            owners = [g for g in guides if name in g.parameters]
            if not owners and len(guides) == 1:
                check_params(guides[0], {name: value})  # run's own message
            if not owners:
                known = sorted({p for g in guides for p in g.parameters})
                raise ParameterError(
                    f"none of the guides has a parameter {name!r} "
                    f"(they have: {', '.join(known) or 'none'})"
                )
            for guide in owners:
                checked.update(check_params(guide, {name: value}))
    except ParameterError as exc:
        raise click.BadParameter(str(exc), param_hint="--param") from None
    return checked


def _leave_walks_behind() -> None:
    """Ctrl-C while walks run: exit 130 now, without waiting for them.

    The walks run in daemon threads, inside Playwright calls; an interpreter that shuts
    down around such threads can crash (seen: "malloc(): … corrupted", exit -6). So the
    process ends at once: each Playwright driver sees its pipe close and closes its browser.
    """
    import os
    import sys
    import threading

    from guide_runner.cli.interrupt import EXIT_INTERRUPTED, MESSAGE

    if not any(t.daemon and t.is_alive() for t in threading.enumerate()):
        return  # nothing left running: the usual way out (cli/main.py) says it
    err.print(MESSAGE)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(EXIT_INTERRUPTED)


def _check_storage_state(path: Path) -> None:
    """A usage error unless ``path`` holds a session saved by ``login`` (Playwright's format)."""
    import json

    problem = f"{str(path)!r} is not a saved session file"
    hint = "save one with `guide-runner login --save-state FILE`"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise click.BadParameter(
            f"cannot read {str(path)!r}: {exc.strerror or exc}", param_hint="--storage-state"
        ) from None
    except ValueError:
        raise click.BadParameter(
            f"{problem} (it is not JSON); {hint}", param_hint="--storage-state"
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("cookies"), list):
        raise click.BadParameter(f"{problem}; {hint}", param_hint="--storage-state")


@click.command("check", context_settings=CONTEXT_SETTINGS)
@click.argument("guide_names", metavar="[GUIDE]...", nargs=-1)
@click.option("--all", "all_guides", is_flag=True, help="Check every guide.")
@click.option(
    "--lang",
    "langs",
    multiple=True,
    metavar="LANG",
    help="Language to check (repeatable). Default: each guide's default language.",
)
@click.option("--all-langs", is_flag=True, help="Check every language of each guide.")
@click.option(
    "--site",
    type=click.Choice(["practice", "live"]),
    default="practice",
    show_default=True,
    help="practice: the offline replica, acting as the practice person. "
    "live: the real pages, only opening addresses and looking.",
)
@click.option(
    "--pages",
    "pages_dir",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None,
    help="Override folder for the practice site (<host>/<path> files).",
)
@click.option(
    "--har",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="Replay pages recorded in a HAR file, offline (looking only, as with --site live).",
)
@click.option(
    "--storage-state",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    default=None,
    help="A signed-in session saved with `guide-runner login --save-state` (live only).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON (docs/checks.md).")
@click.option(
    "--report",
    "report_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write DIR/index.html: a self-contained report with a screenshot per step.",
)
@click.option(
    "--param",
    "param_values",
    multiple=True,
    metavar="NAME=VALUE",
    help="A guide parameter, e.g. enterprise_url=https://kommune.visma.no",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 16),
    default=1,
    show_default=True,
    help="Guides x languages checked in parallel, each worker with its own browser.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(0.2, 120),
    default=None,
    metavar="SECONDS",
    help="How long to wait for a target, page or result [practice 3, live 10].",
)
@click.option("--headed", is_flag=True, help="Show the browser windows.")
@guides_option
@browser_options
@handle_errors
def check_cmd(
    guide_names: tuple[str, ...],
    all_guides: bool,
    langs: tuple[str, ...],
    all_langs: bool,
    site: str,
    pages_dir: Path | None,
    har: Path | None,
    storage_state: Path | None,
    as_json: bool,
    report_dir: Path | None,
    param_values: tuple[str, ...],
    workers: int,
    timeout: float | None,
    headed: bool,
    guide_dirs: tuple[Path, ...],
    executable: Path | None,
    browser_channel: str | None,
) -> None:
    """Check that GUIDEs still match the pages: a verdict per guide x language x step.

    Verdicts: ok, healed, ambiguous, hidden, covered, disabled, missing, incomplete,
    unreachable, skipped, not-walked (docs/checks.md). Exit code 0 when every step is ok,
    1 when drift is found, 2 on a usage or infrastructure error (e.g. no network).
    """
    from guide_runner.browser import BrowserNotFound, discover, has_display
    from guide_runner.check.run import CheckConfig, Job, run_jobs
    from guide_runner.guide import Catalog

    if not guide_names and not all_guides:
        raise click.UsageError("Name one or more guides, or use --all.")
    if guide_names and all_guides:
        raise click.UsageError("Name guides or use --all, not both.")
    if langs and all_langs:
        raise click.UsageError("Use --lang or --all-langs, not both.")
    if pages_dir is not None and site == "live":
        raise click.UsageError(
            "--pages overrides the practice site; it does not go with --site live."
        )
    if har is not None and (pages_dir is not None or site == "live"):
        raise click.UsageError(
            "--har replays recorded pages; it goes with neither --pages nor --site live."
        )
    if storage_state is not None and site == "practice" and har is None:
        raise click.UsageError(
            "--storage-state is for --site live (the practice site signs in itself)."
        )
    if storage_state is not None and report_dir is not None:
        raise click.UsageError(
            "--report does not go with --storage-state: its screenshots of a signed-in "
            "session would show the person's own details."
        )
    if storage_state is not None:
        _check_storage_state(storage_state)
    if report_dir is not None:
        check_output_folder(report_dir, "--report")
    if headed and not has_display():
        raise _infra(
            "no display for --headed: leave it out to check in the background, "
            "or run under xvfb-run."
        )

    catalog = Catalog.default(guide_dirs)
    if all_guides:
        guides, errors = catalog.load_all()
        if errors:
            from guide_runner.guide import GuideError

            raise GuideError([issue for exc in errors for issue in exc.issues])
    else:
        # The same guide named twice (or by id and by path) is checked once.
        loaded = [catalog.load(name) for name in dict.fromkeys(guide_names)]
        guides = list({g.id: g for g in loaded}.values())
    params = _params(guides, param_values)
    jobs: list[Job] = []
    for guide in guides:
        if all_langs:
            chosen = list(guide.languages)
        elif langs:
            unknown = [lang for lang in dict.fromkeys(langs) if lang not in guide.languages]
            if unknown:
                raise click.BadParameter(
                    f"{guide.id} has no {', '.join(unknown)}; it has {', '.join(guide.languages)}.",
                    param_hint="--lang",
                )
            chosen = list(dict.fromkeys(langs))
        else:
            chosen = [guide.default_language]
        jobs += [Job(guide, lang) for lang in chosen]

    mode = "har" if har is not None else site
    looking = mode != "practice"
    try:
        choice = discover(str(executable) if executable else None, browser_channel)
    except BrowserNotFound as exc:
        raise _infra(str(exc)) from None
    config = CheckConfig(
        site=mode,  # type: ignore[arg-type]
        pages_dir=pages_dir,
        har=har,
        storage_state=storage_state,
        timeout=timeout if timeout is not None else (10.0 if looking else 3.0),
        nav_timeout=timeout if timeout is not None else (20.0 if looking else 10.0),
        screenshots=report_dir is not None,
        params=params,
        headless=not headed,
        launch_kwargs=choice.launch_kwargs(),
    )

    def progress(job: Job, results: list, seconds: float) -> None:  # type: ignore[type-arg]
        bad = sum(1 for r in results if r.drift)
        mark = "[red]✗[/red]" if bad else "[green]✓[/green]"
        note = f", {bad} with drift" if bad else ""
        err.print(f"{mark} {escape(job.key)}: {len(results)} steps in {seconds:.1f} s{note}")

    from guide_runner.check.walker import SiteUnreachable
    from guide_runner.runner.launch import driver_in_own_session, failed_to_start, reason

    driver_in_own_session()  # Ctrl-C in a terminal stops the check, not the drivers first
    started = time.monotonic()
    try:
        results = run_jobs(jobs, config, workers=workers, progress=progress)
    except KeyboardInterrupt:
        _leave_walks_behind()
        raise
    except SiteUnreachable as exc:
        raise _infra(f"{exc}") from None
    except Exception as exc:  # Playwright could not start, the HAR file is broken, …
        from playwright.sync_api import Error as PlaywrightError

        from guide_runner.autopilot import AutopilotRefused

        text = str(exc)
        if isinstance(exc, PlaywrightError) and text.startswith("BrowserType.launch:"):
            raise _infra(failed_to_start(choice, exc)) from None
        if isinstance(exc, PlaywrightError) and text.startswith("BrowserContext.route_from_har:"):
            raise _infra(f"cannot replay {har}: {reason(exc)}") from None
        if isinstance(exc, (PlaywrightError, AutopilotRefused, OSError)):
            raise _infra(f"the check could not run: {reason(exc)}") from None
        raise
    seconds = time.monotonic() - started
    drift = any(r.drift for r in results)
    code = EXIT_DRIFT if drift else EXIT_OK

    from guide_runner.check.table import results_table, summary

    if as_json:
        from guide_runner.check.jsonout import dumps, report_data

        click.echo(dumps(report_data(results, site=mode, seconds=seconds, exit_code=code)))
    else:
        # A pipe or a file gets rows wide enough to read; a terminal gets its own width.
        from rich.console import Console

        table_out = out if out.is_terminal else Console(highlight=False, width=200)
        table_out.print(results_table(results))
    err.print(f"{summary(results)} ({seconds:.1f} s)")
    if report_dir is not None:
        from guide_runner.check.html import write_report

        try:
            path = write_report(report_dir, results, {g.id: g for g in guides}, site=mode)
        except OSError as exc:
            raise _infra(
                f"could not write the report to {report_dir}: {exc.strerror or exc}"
            ) from None
        err.print(f"Report: {path}")
    raise SystemExit(code)
