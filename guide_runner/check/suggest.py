"""Suggested replacements for a target that is gone: the page's closest accessible names.

Names come from Playwright's accessibility snapshot (``aria_snapshot``), ranked with difflib
against the names the guide asks for. Snapshots are cleaned of input values before they are
stored or shown: a report must never contain what was typed.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from guide_runner.check.verdicts import Suggestion

# Roles a guide step targets; names of other roles (headings, paragraphs) are not offered.
TARGET_ROLES = frozenset(
    {
        "button",
        "link",
        "checkbox",
        "radio",
        "textbox",
        "searchbox",
        "combobox",
        "spinbutton",
        "menuitem",
        "menuitemcheckbox",
        "menuitemradio",
        "option",
        "switch",
        "tab",
        "img",
        "dialog",
    }
)
VALUE_ROLES = ("textbox", "searchbox", "combobox", "spinbutton", "slider")

_LINE = re.compile(
    r'^(?P<indent>\s*)- (?P<role>[a-z]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?P<rest>.*)$'
)
_TEXT = re.compile(r"^\s*- text: (?P<text>.+)$")


def clean_snapshot(snapshot: str) -> str:
    """The snapshot without the values of text fields (``- textbox "E-post": kari@…``)."""
    lines: list[str] = []
    for line in snapshot.splitlines():
        m = _LINE.match(line)
        if m and m.group("role") in VALUE_ROLES:
            rest = m.group("rest")
            attrs = rest.split(":", 1)[0] if ":" in rest else rest
            name = f' "{m.group("name")}"' if m.group("name") is not None else ""
            line = f"{m.group('indent')}- {m.group('role')}{name}{attrs}"
            if rest.rstrip().endswith(":"):
                line += ":"
        lines.append(line)
    return "\n".join(lines)


def names(snapshot: str, roles: Iterable[str] = TARGET_ROLES) -> list[tuple[str, str]]:
    """(role, name) pairs of the snapshot, in page order, without duplicates."""
    wanted = set(roles)
    found: list[tuple[str, str]] = []
    for line in snapshot.splitlines():
        m = _LINE.match(line)
        pair: tuple[str, str] | None = None
        if m and m.group("role") in wanted and m.group("name"):
            pair = (m.group("role"), m.group("name").replace('\\"', '"'))
        elif "text" in wanted:
            t = _TEXT.match(line)
            if t:
                pair = ("text", t.group("text").strip().strip('"'))
        if pair and pair not in found:
            found.append(pair)
    return found


def rank(
    wanted: Sequence[str], available: Sequence[tuple[str, str]], role: str | None = None, n: int = 5
) -> list[Suggestion]:
    """The ``n`` names most like any of ``wanted``; the same role counts extra.

    A renamed link is still a link: the role weighs as much as the wording, so a link with
    new words ranks above a text field that merely shares one word with the old name.
    """
    scored: list[Suggestion] = []
    for r, name in available:
        best = 0.0
        for w in wanted:
            a, b = w.casefold().strip(), name.casefold().strip()
            ratio = difflib.SequenceMatcher(None, a, b).ratio()
            short, long = sorted((a, b), key=len)
            if short and short in long and len(short) >= 0.6 * len(long):
                ratio = max(ratio, 0.8)
            best = max(best, ratio)
        if not wanted:
            best = 0.5
        if role is not None and r == role:
            best += 0.3
        scored.append(Suggestion(role=r, name=name, score=min(best, 1.0)))
    scored.sort(key=lambda s: -s.score)
    return [s for s in scored[:n] if s.score >= 0.25]
