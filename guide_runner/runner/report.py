"""The demo's walkthrough report: one self-contained HTML page, a screenshot per step.

Each step shows its number, its instruction, the screenshot taken while the highlight and
bubble were showing (inputs masked on sensitive steps), what happened and how long it took.
Screenshots are embedded as data URIs: the page needs nothing else, online or off.
"""

from __future__ import annotations

import base64
import html
import time
from dataclasses import dataclass, field
from pathlib import Path

from guide_runner.runner.events import Ended, Event, StepEnded, StepStarted
from guide_runner.runner.messages import say

_HOW = {
    "nb": {
        "done": "gjort",
        "optional": "ikke nødvendig",
        "skipped": "hoppet over",
        "chosen": "valgt",
        "jumped": "fortsatte på et annet steg",
        "back": "tilbake",
    },
    "sv": {
        "done": "klart",
        "optional": "behövs inte",
        "skipped": "överhoppat",
        "chosen": "valt",
        "jumped": "fortsatte på ett annat steg",
        "back": "tillbaka",
    },
    "en": {
        "done": "done",
        "optional": "not needed",
        "skipped": "skipped",
        "chosen": "chosen",
        "jumped": "continued at another step",
        "back": "back",
    },
}
_LABELS = {
    "nb": {
        "report": "Gjennomgang",
        "practice": "Utført av autopiloten på øvingssiden",
        "masked": "Utfylte felt er skjult på dette bildet.",
        "seconds": "sekunder",
        "total": "Tid totalt",
        "steps": "steg",
        "result": "Resultat",
    },
    "sv": {
        "report": "Genomgång",
        "practice": "Utförd av autopiloten på övningssidan",
        "masked": "Ifyllda fält är dolda på den här bilden.",
        "seconds": "sekunder",
        "total": "Total tid",
        "steps": "steg",
        "result": "Resultat",
    },
    "en": {
        "report": "Walkthrough",
        "practice": "Performed by the autopilot on the practice site",
        "masked": "Filled-in fields are hidden in this picture.",
        "seconds": "seconds",
        "total": "Total time",
        "steps": "steps",
        "result": "Result",
    },
}


@dataclass
class Entry:
    index: int
    step_id: str
    number: int
    total: int
    text: str
    sensitive: bool
    screenshot: bytes | None = None
    masked: bool = False
    how: str = ""
    seconds: float = 0.0


@dataclass
class Recorder:
    """Listens to the engine and keeps what the report needs; the demo adds screenshots."""

    lang: str
    entries: list[Entry] = field(default_factory=list)
    ending: str = ""
    ending_text: str = ""
    started: float = field(default_factory=time.monotonic)
    finished_at: float | None = None

    def __call__(self, event: Event) -> None:
        if isinstance(event, StepStarted):
            self.entries.append(
                Entry(
                    event.index,
                    event.step.id,
                    event.number,
                    event.total,
                    event.text,
                    event.step.sensitive,
                )
            )
        elif isinstance(event, StepEnded) and self.entries:
            entry = self.entries[-1]
            if entry.index == event.index and not entry.how:
                entry.how = event.how
                entry.seconds = event.seconds
        elif isinstance(event, Ended):
            self.ending = event.ending
            self.ending_text = event.text
            self.finished_at = time.monotonic()

    def attach_screenshot(self, png: bytes, *, masked: bool) -> None:
        if self.entries:
            self.entries[-1].screenshot = png
            self.entries[-1].masked = masked

    @property
    def seconds(self) -> float:
        return (self.finished_at or time.monotonic()) - self.started


_CSS = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;
 background:#f4f6f8;color:#1b2733}
header{background:#0b3a5b;color:#fff;padding:24px 32px}
header h1{margin:0 0 4px;font-size:26px} header p{margin:0;opacity:.9}
main{max-width:1100px;margin:0 auto;padding:24px 16px}
.summary{background:#fff;border-radius:10px;padding:16px 20px;margin-bottom:24px;
 box-shadow:0 1px 3px rgba(0,0,0,.12)}
.step{background:#fff;border-radius:10px;margin:0 0 24px;padding:16px 20px;
 box-shadow:0 1px 3px rgba(0,0,0,.12)}
.step h2{font-size:18px;margin:0 0 8px;display:flex;gap:12px;align-items:baseline}
.num{background:#0b3a5b;color:#fff;border-radius:999px;padding:2px 10px;font-size:14px;
 white-space:nowrap}
.text{margin:0 0 12px;white-space:pre-line}
.meta{color:#4a5866;font-size:14px;margin:8px 0 0}
.masked{color:#7a3e00;font-size:14px;margin:6px 0 0}
img{max-width:100%;border:1px solid #d0d7de;border-radius:6px;display:block}
.ok{color:#0a6b2d;font-weight:600} .notok{color:#a4000f;font-weight:600}
"""


def render(recorder: Recorder, title: str, guide_id: str) -> str:
    lang = recorder.lang if recorder.lang in _LABELS else "en"
    labels = _LABELS[lang]
    how = _HOW[lang]
    esc = html.escape
    ok = recorder.ending == "finished"
    parts = [
        "<!doctype html>",
        f'<html lang="{esc(lang)}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1">',
        f"<title>{esc(labels['report'])}: {esc(title)}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>{esc(title)}</h1><p>{esc(labels['report'])} · {esc(labels['practice'])}"
        f" · {esc(guide_id)} · {esc(lang)}</p></header><main>",
        '<section class="summary">',
        f"<p><strong>{esc(labels['result'])}:</strong> "
        f'<span class="{"ok" if ok else "notok"}">{esc(recorder.ending_text)}</span></p>',
        f"<p>{len(recorder.entries)} {esc(labels['steps'])} · {esc(labels['total'])}: "
        f"{recorder.seconds:.1f} {esc(labels['seconds'])}</p></section>",
    ]
    for entry in recorder.entries:
        step_of = say("step_of", lang, n=entry.number, total=entry.total)
        parts.append(f'<section class="step" id="{esc(entry.step_id)}">')
        parts.append(
            f'<h2><span class="num">{esc(step_of)}</span><span>{esc(entry.step_id)}</span></h2>'
        )
        parts.append(f'<p class="text">{esc(entry.text)}</p>')
        if entry.screenshot is not None:
            data = base64.b64encode(entry.screenshot).decode("ascii")
            parts.append(
                f'<img alt="{esc(step_of)}: {esc(entry.text)}" src="data:image/png;base64,{data}">'
            )
        if entry.masked:
            parts.append(f'<p class="masked">{esc(labels["masked"])}</p>')
        parts.append(
            f'<p class="meta">{esc(how.get(entry.how, entry.how))} · '
            f"{entry.seconds:.1f} {esc(labels['seconds'])}</p></section>"
        )
    parts.append("</main></body></html>")
    return "\n".join(parts)


def write(recorder: Recorder, out_dir: Path, title: str, guide_id: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "report.html"
    path.write_text(render(recorder, title, guide_id), encoding="utf-8")
    return path
