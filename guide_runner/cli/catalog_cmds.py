"""Commands that read guides without opening a browser: list, show, validate, schema."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from guide_runner.cli.common import (
    CONTEXT_SETTINGS,
    EXIT_USAGE,
    err,
    guides_option,
    handle_errors,
    lang_option,
    out,
    pick_language,
)
from guide_runner.guide import Catalog, Guide, GuideError, load_guide, localize
from guide_runner.guide.describe import describe_step
from guide_runner.guide.schema import guide_json_schema


@click.command("list", context_settings=CONTEXT_SETTINGS)
@guides_option
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@handle_errors
def list_cmd(guide_dirs: tuple[Path, ...], lang: str | None, as_json: bool) -> None:
    """List the available guides.

    A guide file that does not load is named on stderr; the others are still listed, and
    the exit code is 2 (as for any broken guide). Steps are counted as the person sees
    them ("Step n of N"): the main path, without steps reached only through a choice.
    """
    guides, errors = Catalog.default(guide_dirs).load_all()
    for exc in errors:
        for issue in exc.issues:
            err.print(f"[red]error:[/red] {escape(str(issue))}")
    if lang is not None and guides and all(lang not in g.languages for g in guides):
        known = sorted({code for g in guides for code in g.languages})
        raise click.BadParameter(
            f"{lang!r} is not available; choose one of {', '.join(known)}.", param_hint="--lang"
        )

    def shown(g: Guide) -> str:
        # A guide without the language asked for shows its title in its default language.
        if lang is not None and lang not in g.languages:
            return g.default_language
        return pick_language(lang, g.languages, g.default_language)

    if as_json:
        rows = [
            {
                "id": g.id,
                "title": localize(g.title, shown(g)),
                "languages": g.languages,
                "steps": len(g.main_path()),
            }
            for g in guides
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        table = Table(title=None, show_lines=False)
        table.add_column("id", style="bold")
        table.add_column("title")
        table.add_column("languages")
        table.add_column("steps", justify="right")
        for g in guides:
            table.add_row(
                g.id, localize(g.title, shown(g)), ", ".join(g.languages), str(len(g.main_path()))
            )
        out.print(table)
    if errors:
        raise SystemExit(EXIT_USAGE)


@click.command("show", context_settings=CONTEXT_SETTINGS)
@click.argument("guide")
@guides_option
@lang_option
@handle_errors
def show_cmd(guide: str, guide_dirs: tuple[Path, ...], lang: str | None) -> None:
    """Show GUIDE's steps as a numbered list: what the person does, and where secrets are typed."""
    g = Catalog.default(guide_dirs).load(guide)
    language = pick_language(lang, g.languages, g.default_language)
    out.print(f"[bold]{escape(localize(g.title, language))}[/bold]")
    out.print(escape(localize(g.summary, language)))
    out.print()
    main = g.main_path()
    numbers = {step.id: i for i, step in enumerate(main, start=1)}
    for step in g.steps:
        number = f"{numbers[step.id]:>2}." if step.id in numbers else " ↳ "
        out.print(describe_step(g, step, language, number))


@click.command("validate", context_settings=CONTEXT_SETTINGS)
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@guides_option
@handle_errors
def validate_cmd(paths: tuple[Path, ...], guide_dirs: tuple[Path, ...]) -> None:
    """Validate guide files (all known guides when no PATH is given)."""
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.y*ml")) if path.is_dir() else [path]
    if not paths:
        files = list(Catalog.default(guide_dirs).files().values())
    if not files:
        raise click.UsageError("No guide files found.")
    failed = 0
    for file in files:
        try:
            guide = load_guide(file)
        except GuideError as exc:
            failed += 1
            for issue in exc.issues:
                err.print(f"[red]error:[/red] {escape(str(issue))}")
            continue
        main = len(guide.main_path())
        branch = len(guide.steps) - main
        steps = f"{main} steps"
        if branch:
            steps += f" + {branch} on a branch" if branch == 1 else f" + {branch} on branches"
        err.print(f"[green]ok[/green] {escape(str(file))} ({guide.id}, {steps})")
    if failed:
        err.print(f"{failed} of {len(files)} guide files have errors.")
        raise SystemExit(1)


@click.command("schema", context_settings=CONTEXT_SETTINGS)
def schema_cmd() -> None:
    """Print the JSON Schema of guide files (docs/guide.schema.json holds the same)."""
    click.echo(json.dumps(guide_json_schema(), ensure_ascii=False, indent=2))
