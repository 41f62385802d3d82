"""``--report DIR``: one self-contained HTML page (no external assets) at DIR/index.html.

Per guide x language, per step: the instruction, the verdict and why, a screenshot with the
step shown by the project's overlay (target outlined, instruction in its bubble; see
guide_runner/check/shots.py; when the overlay could not be shown, the target's box is drawn
over the image instead) and, for every step that is not ok, the suggestions and the page's
accessibility snapshot.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from itertools import groupby
from pathlib import Path

from guide_runner.check.table import summary
from guide_runner.check.verdicts import Screenshot, StepResult, Verdict
from guide_runner.guide.model import Guide
from guide_runner.guide.texts import localize

COLORS = {
    Verdict.OK: "#1a7f37",
    Verdict.SKIPPED: "#0969da",
    Verdict.NOT_WALKED: "#6e7781",
    Verdict.HEALED: "#9a6700",
}
DEFAULT_COLOR = "#cf222e"

CSS = Path(__file__).with_name("report.css").read_text(encoding="utf-8")


def _color(v: Verdict) -> str:
    return COLORS.get(v, DEFAULT_COLOR)


def _shot(shot: Screenshot, alt: str) -> str:
    data = base64.b64encode(shot.jpeg).decode("ascii")
    outline = ""
    if shot.box is not None and not shot.overlay:
        x, y, w, h = shot.box
        pad = 4.0
        left = max(0.0, (x - pad) / shot.width * 100)
        top = max(0.0, (y - pad) / shot.height * 100)
        width = (w + 2 * pad) / shot.width * 100
        height = (h + 2 * pad) / shot.height * 100
        outline = (
            f'<div class="outline" style="left:{left:.2f}%;top:{top:.2f}%;'
            f'width:{width:.2f}%;height:{height:.2f}%"></div>'
        )
    notes = []
    if shot.overlay:
        notes.append("The step as guide-runner shows it (outline and bubble).")
    if shot.masked:
        notes.append("Input fields are masked (grey boxes).")
    note = f'<div class="muted">{" ".join(notes)}</div>' if notes else ""
    kind = "shot overlaid" if shot.overlay else "shot"
    return (
        f'<div class="{kind}"><img alt="{html.escape(alt)}" src="data:image/jpeg;base64,{data}">'
        f"{outline}</div>{note}"
    )


def _step(r: StepResult, guide: Guide | None) -> str:
    e = html.escape
    say = ""
    if guide is not None:
        step = guide.steps[r.number - 1]
        say = f'<p class="say">{e(localize(step.say, r.lang))}</p>'
    parts = [
        f'<div class="step" id="{e(r.key)}">',
        f'<div><span class="badge" style="background:{_color(r.verdict)}">'
        f"{e(r.verdict.value)}</span> "
        f'<strong>{e(r.step)}</strong> <span class="muted">{e(r.url or "")}</span></div>',
        say,
    ]
    if r.detail:
        parts.append(f'<p class="detail">{e(r.detail)}</p>')
    if r.matches:
        parts.append(
            "<p>Matches:</p><ul>" + "".join(f"<li>{e(m)}</li>" for m in r.matches) + "</ul>"
        )
    if r.covered_by:
        parts.append(f"<p>Covered by: <code>{e(r.covered_by)}</code></p>")
    if r.suggestions:
        items = "".join(
            f'<li>{e(str(s))} <span class="muted">({s.score:.2f})</span></li>'
            for s in r.suggestions
        )
        parts.append(f"<p>Closest names on the page:</p><ul>{items}</ul>")
    if r.proposal:
        parts.append(f"<p>Proposed fix: {e(r.proposal)}</p>")
    if r.screenshot is not None:
        parts.append(_shot(r.screenshot, f"{r.key}: {r.verdict.value}"))
    if r.aria_snapshot:
        parts.append(
            "<details><summary>Accessibility snapshot of the page</summary>"
            f"<pre>{e(r.aria_snapshot)}</pre></details>"
        )
    parts.append("</div>")
    return "\n".join(parts)


def render(results: Sequence[StepResult], guides: Mapping[str, Guide], *, site: str) -> str:
    e = html.escape
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body: list[str] = []
    for (gid, lang), group in groupby(results, key=lambda r: (r.guide, r.lang)):
        steps = list(group)
        guide = guides.get(gid)
        title = localize(guide.title, lang) if guide is not None else gid
        body.append(
            f'<section class="run"><h2>{e(title)} '
            f'<span class="muted">{e(gid)} [{e(lang)}]</span></h2>'
            f'<p class="muted">{e(summary(steps))}</p>'
            + "\n".join(_step(r, guide) for r in steps)
            + "</section>"
        )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>guide-runner check</title><style>{CSS}</style></head><body>"
        f"<header><h1>Guide check — {e(site)} site</h1>"
        f"<div>{e(summary(results))} · {when}</div></header>"
        f"<main>{''.join(body)}</main></body></html>"
    )


def write_report(
    directory: Path, results: Sequence[StepResult], guides: Mapping[str, Guide], *, site: str
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "index.html"
    path.write_text(render(results, guides, site=site), encoding="utf-8")
    return path
