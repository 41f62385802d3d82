"""Looking at a step's target the way a person would, without using it.

Finds the target with the shared candidate rules (guide_runner.locate), then asks whether a
person could use it: visible, enabled, not covered. The target is scrolled into view as a
person would, then a hit test at its centre (in the page, no events sent) tells "covered"
and names what is on top. Nothing here clicks, types or submits, on the practice site or a
live one alike (Playwright's trial click is not used: it dispatches trusted pointer events,
and its stability wait cost ~35 ms of frames per step).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from guide_runner.check.pagejs import describe_js, reach_js
from guide_runner.check.suggest import TARGET_ROLES, clean_snapshot, names, rank
from guide_runner.check.verdicts import CandidateCount, Suggestion, Verdict
from guide_runner.guide.model import Locator as Candidate
from guide_runner.guide.model import Step
from guide_runner.guide.texts import fill, localize
from guide_runner.locate import Resolution, build, count_now, describe, resolve
from guide_runner.wake import Waker, until


@dataclass
class Finding:
    verdict: Verdict
    locator: Locator | None = None  # what to act on, when a person could still act
    index: int | None = None  # 0-based candidate that matched
    detail: str = ""
    counts: list[CandidateCount] = field(default_factory=list)
    matches: list[str] = field(default_factory=list)
    covered_by: str | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    proposal: str | None = None
    # Checked just now: visible, enabled and the one element a click at its centre reaches,
    # so acting on it need not wait for Playwright's actionability checks again.
    actionable: bool = False

    @property
    def usable(self) -> bool:
        return self.locator is not None


def _quick(
    page: Page, step: Step, lang: str, params: Mapping[str, str]
) -> tuple[Resolution | None, bool]:
    """The usual case in one look: a candidate with exactly one visible match.

    Returns that resolution (else None) and whether any candidate matched something
    visible. Counting hidden matches (for the report) costs a round trip per candidate, so
    it is done by ``resolve`` only when this finds no first-candidate match.
    """
    for i, candidate in enumerate(step.target):
        visible = build(page, candidate, lang, params).filter(visible=True)
        try:
            n = count_now(visible)
        except PlaywrightError:
            return None, True  # navigating: let resolve look again
        if n == 1:
            return Resolution(visible, i, [0] * i + [1], [0] * (i + 1)), True
        if n > 1:
            return None, True
    return None, False


def wait_resolution(
    page: Page, step: Step, lang: str, params: Mapping[str, str], timeout: float
) -> Resolution:
    """Resolve the candidates, looking again on each change of the page (``Waker``) until
    one matches or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    waker = Waker(page)
    while True:
        quick, seen = _quick(page, step, lang, params)
        if quick is not None and quick.index == 0:
            return quick
        left = deadline - time.monotonic()
        if seen or left <= 0:
            # A later candidate, several matches, or the last look: the full counts.
            res = resolve(page, step.target, lang, params)
            if res.found or left <= 0:
                return res
        waker.wait(left)


def _counts(step: Step, res: Resolution, lang: str) -> list[CandidateCount]:
    return [
        CandidateCount(describe(c, lang), v, h)
        for c, v, h in zip(step.target, res.visible_counts, res.hidden_counts, strict=False)
    ]


def _wanted_names(candidates: list[Candidate], lang: str, params: Mapping[str, str]) -> list[str]:
    found: list[str] = []
    for c in candidates:
        for value in (c.name, c.label, c.text):
            if value is not None:
                found.append(fill(localize(value, lang), params))
    return found


def _wanted_role(step: Step) -> str | None:
    for c in step.target:
        if c.role is not None:
            return c.role
    return "textbox" if step.do == "type" else None


def snapshot(page: Page, timeout: float = 2.0) -> str:
    """The page's accessibility snapshot, with text field values removed."""
    try:
        return clean_snapshot(page.locator("body").aria_snapshot(timeout=timeout * 1000))
    except PlaywrightError:
        return ""


def suggestions_for(
    page: Page, step: Step, lang: str, params: Mapping[str, str]
) -> list[Suggestion]:
    role = _wanted_role(step)
    roles = set(TARGET_ROLES)
    if any(c.text is not None for c in step.target):
        roles.add("text")
    available = names(snapshot(page), roles)
    if role in ("textbox", "searchbox", "combobox", "spinbutton"):
        available = [a for a in available if a[0] == role] or available
    return rank(_wanted_names(step.target, lang, params), available, role)


def _element(loc: Locator) -> str:
    try:
        return str(loc.evaluate(describe_js(), timeout=1000))
    except PlaywrightError:
        return "?"


def _accessible(loc: Locator) -> tuple[str, str] | None:
    """(role, name) of the element, from its own accessibility snapshot."""
    try:
        found = names(loc.aria_snapshot(timeout=1000))
    except PlaywrightError:
        return None
    return found[0] if found else None


def _healed(step: Step, res: Resolution, lang: str, counts: list[CandidateCount]) -> Finding:
    assert res.index is not None and res.locator is not None
    first = step.target[0]
    why = counts[0]
    what = (
        "nothing"
        if why.visible == 0 and why.hidden == 0
        else (
            f"{why.visible} visible elements"
            if why.visible > 1
            else f"{why.hidden} hidden element(s)"
        )
    )
    winner = step.target[res.index]
    detail = (
        f"candidate 1 ({describe(first, lang)}) matched {what}; "
        f"candidate {res.index + 1} ({describe(winner, lang)}) matched"
    )
    proposal = f"move candidate {res.index + 1} ({describe(winner, lang)}) first"
    acc = _accessible(res.locator)
    if first.role is not None and acc is not None and first.name is not None:
        proposal = (
            f'update candidate 1 to role={acc[0]} name="{acc[1]}" for {lang}'
            f" (the page's current name), or {proposal}"
        )
    return Finding(Verdict.HEALED, res.locator, res.index, detail, counts, proposal=proposal)


def _disabled(loc: Locator) -> bool:
    try:
        return loc.is_disabled(timeout=1000)
    except PlaywrightError:
        return False  # not a form control: "disabled" does not apply


def _usability(loc: Locator, timeout: float) -> tuple[Verdict, str, str | None]:
    """OK, or why a person could not use the element: hidden, disabled, covered.

    Like a person (and Playwright's actionability wait), it gives the page up to
    ``timeout`` seconds, looking again on each change: a button the previous step's result
    enables, or a backdrop fading out, is not drift.
    """
    page = loc.page
    if not until(page, lambda: not _disabled(loc), timeout):
        return Verdict.DISABLED, "the target is shown but disabled", None
    hit: dict[str, Any] = {}

    def reached() -> bool:
        nonlocal hit
        try:
            hit = loc.evaluate_all(reach_js())
        except PlaywrightError as exc:
            first = str(exc).strip().splitlines()[0]
            hit = {"state": "error", "by": None, "error": first}
        return hit.get("state") == "hit"

    if until(page, reached, timeout):
        return Verdict.OK, "", None
    state = hit.get("state")
    if state == "covered":
        return Verdict.COVERED, f"the target is covered by {hit['by']}", str(hit["by"])
    if state == "empty":
        return Verdict.HIDDEN, "the target has no size on the page", None
    if state == "outside":
        return Verdict.HIDDEN, "the target is outside the page and cannot be scrolled to", None
    if state == "nothing":
        return Verdict.HIDDEN, "a click at the target's centre reaches nothing", None
    if state == "gone":
        return Verdict.HIDDEN, "the target went away while it was looked at", None
    return Verdict.HIDDEN, f"the target could not be looked at ({hit.get('error')})", None


def inspect_target(
    page: Page,
    step: Step,
    lang: str,
    params: Mapping[str, str],
    timeout: float,
) -> Finding:
    """Find the step's target and judge it."""
    res = wait_resolution(page, step, lang, params, timeout)
    counts = _counts(step, res, lang)
    if res.found:
        assert res.locator is not None and res.index is not None
        verdict, detail, by = _usability(res.locator, min(timeout, 1.5))
        if verdict is not Verdict.OK:
            matched = describe(step.target[res.index], lang)
            keep = res.locator if verdict is Verdict.COVERED else None
            return Finding(verdict, keep, res.index, f"{detail} ({matched})", counts, covered_by=by)
        if res.healed:
            healed = _healed(step, res, lang, counts)
            healed.actionable = True
            return healed
        return Finding(Verdict.OK, res.locator, res.index, "", counts, actionable=True)
    if step.optional:
        return Finding(
            Verdict.SKIPPED, None, None, "optional step: its target is not shown", counts
        )
    for i, c in enumerate(counts):
        if c.visible > 1:
            loc = build(page, step.target[i], lang, params).filter(visible=True)
            shown = [_element(loc.nth(k)) for k in range(min(c.visible, 5))]
            return Finding(
                Verdict.AMBIGUOUS,
                loc.first,
                i,
                f"{c.candidate} matches {c.visible} visible elements",
                counts,
                matches=shown,
                proposal="make the candidate specific (an exact name, a test id, or a frame)",
            )
    for c in counts:
        if c.hidden > 0:
            return Finding(
                Verdict.HIDDEN, None, None, f"{c.candidate} matches only hidden elements", counts
            )
    wanted = ", ".join(c.candidate for c in counts)
    found = suggestions_for(page, step, lang, params)
    proposal = None
    if found:
        proposal = f'use {found[0].role} "{found[0].name}" for {lang} (closest name on the page)'
    return Finding(
        Verdict.MISSING,
        None,
        None,
        f"nothing matches {wanted}",
        counts,
        suggestions=found,
        proposal=proposal,
    )
