"""The terminal report: one row per guide x language x step, and a one-line summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.markup import escape
from rich.table import Table

from guide_runner.check.verdicts import StepResult, Verdict, style_of


def detail_text(r: StepResult) -> str:
    parts = [r.detail] if r.detail else []
    if r.matches:
        parts.append("matches: " + "; ".join(r.matches))
    if r.covered_by and r.covered_by not in r.detail:
        parts.append(f"covered by {r.covered_by}")
    if r.suggestions:
        parts.append("closest: " + ", ".join(str(s) for s in r.suggestions[:3]))
    if r.proposal:
        parts.append(f"fix: {r.proposal}")
    return "\n".join(parts)


def results_table(results: Sequence[StepResult], only_problems: bool = False) -> Table:
    table = Table(show_lines=False, expand=False)
    table.add_column("guide", no_wrap=True)
    table.add_column("lang", no_wrap=True)
    table.add_column("step", no_wrap=True)
    table.add_column("verdict", no_wrap=True)
    table.add_column("detail", overflow="fold")
    for r in results:
        if only_problems and r.verdict in (Verdict.OK, Verdict.SKIPPED):
            continue
        style = style_of(r.verdict)
        table.add_row(
            escape(r.guide),
            r.lang,
            escape(r.step),
            f"[{style}]{r.verdict.value}[/{style}]",
            escape(detail_text(r)),
        )
    return table


def summary(results: Sequence[StepResult]) -> str:
    counts = Counter(r.verdict.value for r in results)
    order = [v.value for v in Verdict]
    parts = [f"{counts[v]} {v}" for v in order if counts[v]]
    drift = sum(1 for r in results if r.drift)
    verdict = f"drift in {drift} step(s)" if drift else "no drift"
    return f"{len(results)} steps: " + ", ".join(parts) + f" — {verdict}"
