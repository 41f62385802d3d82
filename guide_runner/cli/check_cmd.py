"""`guide-runner check`: walk guides and say, step by step, whether they still match the pages."""

from __future__ import annotations

import time
from pathlib import Path

import click
from rich.markup import escape

from guide_runner.cli.common import (
    CONTEXT_SETTINGS,
    browser_options,
    err,
    guides_option,
    handle_errors,
    out,
)

# Exit codes: 0 every step ok, 1 drift found, 2 usage or infrastructure error.
EXIT_OK, EXIT_DRIFT, EXIT_INFRA = 0, 1, 2


def _params(values: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for value in values:
        name, eq, text = value.partition("=")
        if not eq or not name:
            raise click.BadParameter(f"{value!r} is not NAME=VALUE", param_hint="--param")
        params[name.strip()] = text.strip()
    return params


def _infra(message: str) -> SystemExit:
    err.print(f"[red]error:[/red] {escape(message)}")
    return SystemExit(EXIT_INFRA)


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
    from guide_runner.browser import BrowserNotFound, discover
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
    params = _params(param_values)

    catalog = Catalog.default(guide_dirs)
    if all_guides:
        guides, errors = catalog.load_all()
        if errors:
            from guide_runner.guide import GuideError

            raise GuideError([issue for exc in errors for issue in exc.issues])
    else:
        guides = [catalog.load(name) for name in guide_names]
    jobs: list[Job] = []
    for guide in guides:
        if all_langs:
            chosen = list(guide.languages)
        elif langs:
            unknown = [lang for lang in langs if lang not in guide.languages]
            if unknown:
                raise click.BadParameter(
                    f"{guide.id} has no {', '.join(unknown)}; it has {', '.join(guide.languages)}.",
                    param_hint="--lang",
                )
            chosen = list(langs)
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

    started = time.monotonic()
    try:
        results = run_jobs(jobs, config, workers=workers, progress=progress)
    except SiteUnreachable as exc:
        raise _infra(f"{exc}") from None
    except Exception as exc:  # Playwright could not start, the HAR file is broken, …
        from playwright.sync_api import Error as PlaywrightError

        from guide_runner.autopilot import AutopilotRefused

        if isinstance(exc, (PlaywrightError, AutopilotRefused, OSError)):
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise _infra(f"the check could not run: {first}") from None
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

        path = write_report(report_dir, results, {g.id: g for g in guides}, site=mode)
        err.print(f"Report: {path}")
    raise SystemExit(code)
