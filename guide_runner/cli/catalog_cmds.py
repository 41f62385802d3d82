"""Commands that read guides without opening a browser: list, show, validate, schema."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.markup import escape
from rich.table import Table

from guide_runner.cli.common import (
    CONTEXT_SETTINGS,
    err,
    guides_option,
    handle_errors,
    lang_option,
    out,
    pick_language,
)
from guide_runner.guide import Catalog, GuideError, load_guide, localize
from guide_runner.guide.describe import describe_step
from guide_runner.guide.schema import guide_json_schema


@click.command("list", context_settings=CONTEXT_SETTINGS)
@guides_option
@lang_option
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@handle_errors
def list_cmd(guide_dirs: tuple[Path, ...], lang: str | None, as_json: bool) -> None:
    """List the available guides."""
    guides, errors = Catalog.default(guide_dirs).load_all()
    for exc in errors:
        for issue in exc.issues:
            err.print(f"[yellow]skipped:[/yellow] {escape(str(issue))}")
    if as_json:
        rows = [
            {
                "id": g.id,
                "title": localize(g.title, pick_language(lang, g.languages, g.default_language)),
                "languages": g.languages,
                "steps": len(g.steps),
            }
            for g in guides
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = Table(title=None, show_lines=False)
    table.add_column("id", style="bold")
    table.add_column("title")
    table.add_column("languages")
    table.add_column("steps", justify="right")
    for g in guides:
        shown = (
            pick_language(lang, g.languages, g.default_language)
            if lang in (None, *g.languages)
            else g.default_language
        )
        table.add_row(g.id, localize(g.title, shown), ", ".join(g.languages), str(len(g.steps)))
    out.print(table)
    if errors:
        raise SystemExit(1)


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
        err.print(f"[green]ok[/green] {escape(str(file))} ({guide.id}, {len(guide.steps)} steps)")
    if failed:
        err.print(f"{failed} of {len(files)} guide files have errors.")
        raise SystemExit(1)


@click.command("schema", context_settings=CONTEXT_SETTINGS)
def schema_cmd() -> None:
    """Print the JSON Schema of guide files (docs/guide.schema.json holds the same)."""
    click.echo(json.dumps(guide_json_schema(), ensure_ascii=False, indent=2))
