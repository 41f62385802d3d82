"""Drift notes: when a step's target cannot be found, write down what we looked for and saw.

A note names the guide, the step, the language, the address (origin and path only — no
query, no fragment, no token-like path segment), each locator candidate as a person reads
it, and the closest accessible names on the page (names of buttons, links, labels and
headings — never what a field contains). Notes go to ``~/.local/state/guide-runner/drift/``
unless ``--notes DIR`` says otherwise; they help whoever maintains the guide.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import time
from collections.abc import Mapping
from pathlib import Path

from guide_runner.guide.model import Guide, Step
from guide_runner.guide.texts import fill, localize
from guide_runner.locate import describe
from guide_runner.runner.addresses import safe_address


def default_notes_dir() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "guide-runner" / "drift"


def wanted_names(step: Step, lang: str, params: Mapping[str, str]) -> list[str]:
    """The names the step's candidates look for (role names, labels, texts)."""
    names: list[str] = []
    for candidate in step.target:
        for value in (candidate.name, candidate.label, candidate.text):
            if value is not None:
                names.append(fill(localize(value, lang), params))
    return names


def closest(wanted: list[str], found: list[dict[str, str]], n: int = 5) -> list[dict[str, str]]:
    """The found names most like the wanted ones, best first."""
    if not found:
        return []
    if not wanted:
        return found[:n]
    scored = []
    for item in found:
        name = item.get("name", "")
        score = max(difflib.SequenceMatcher(None, w.lower(), name.lower()).ratio() for w in wanted)
        scored.append((score, item))
    scored.sort(key=lambda pair: -pair[0])
    return [item for _, item in scored[:n]]


def write_note(
    notes_dir: Path,
    guide: Guide,
    step: Step,
    lang: str,
    params: Mapping[str, str],
    url: str,
    found: list[dict[str, str]],
) -> Path:
    notes_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    wanted = wanted_names(step, lang, params)
    note = {
        "guide": guide.id,
        "step": step.id,
        "language": lang,
        "address": safe_address(url),
        "looked_for": [describe(c, lang) for c in step.target],
        "found_instead": closest(wanted, found),
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
    }
    safe_step = re.sub(r"[^a-z0-9-]", "-", step.id)
    path = notes_dir / f"{guide.id}-{safe_step}-{lang}-{stamp}.json"
    path.write_text(json.dumps(note, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
