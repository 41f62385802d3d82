"""Verdicts: what the checker says about one guide x language x step.

Every step gets exactly one verdict; none is a pass unless the step was really checked.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class Verdict(str, Enum):
    OK = "ok"  # the target is there, usable, and (when acting) the step's result happened
    HEALED = "healed"  # a later locator candidate matched: the guide should be updated
    AMBIGUOUS = "ambiguous"  # a candidate matched several visible elements
    HIDDEN = "hidden"  # the target exists but is not visible
    COVERED = "covered"  # the target is visible but another element covers it
    DISABLED = "disabled"  # the target is visible but disabled
    MISSING = "missing"  # no candidate matches anything
    INCOMPLETE = "incomplete"  # the target was usable but the step's result never happened
    UNREACHABLE = "unreachable"  # an earlier step failed, or the page needs sign-in
    SKIPPED = "skipped"  # an optional step whose target is not shown (e.g. no cookie banner)
    NOT_WALKED = "not-walked"  # not checked: a branch step, or an action live checks never do

    def __str__(self) -> str:
        return self.value


# Verdicts that mean the guide no longer matches the pages.
DRIFT = frozenset(
    {
        Verdict.HEALED,
        Verdict.AMBIGUOUS,
        Verdict.HIDDEN,
        Verdict.COVERED,
        Verdict.DISABLED,
        Verdict.MISSING,
        Verdict.INCOMPLETE,
        Verdict.UNREACHABLE,
    }
)

# A step with one of these verdicts can still be done by a person given a hint, so the
# checker carries on past it (acting on the best match) and the rest of the guide is checked.
PASSABLE = frozenset(
    {Verdict.OK, Verdict.HEALED, Verdict.AMBIGUOUS, Verdict.COVERED, Verdict.SKIPPED}
)

STYLE = {
    Verdict.OK: "green",
    Verdict.SKIPPED: "cyan",
    Verdict.NOT_WALKED: "dim",
    Verdict.HEALED: "yellow",
}


def style_of(verdict: Verdict) -> str:
    return STYLE.get(verdict, "red")


@dataclass
class Suggestion:
    """An accessible name on the page that resembles what the guide looks for."""

    role: str
    name: str
    score: float

    def __str__(self) -> str:
        return f'{self.role} "{self.name}"'


@dataclass
class CandidateCount:
    candidate: str  # as a person reads it, e.g. role=button name="Neste"
    visible: int
    hidden: int


@dataclass
class Screenshot:
    """A JPEG of the viewport; ``box`` outlines the target (CSS pixels, viewport-relative)."""

    jpeg: bytes
    width: int
    height: int
    box: tuple[float, float, float, float] | None = None
    masked: bool = False
    overlay: bool = False  # the project's overlay (outline and bubble) is in the image


@dataclass
class StepResult:
    guide: str
    lang: str
    step: str
    number: int  # 1-based position of the step in the guide file
    verdict: Verdict
    detail: str = ""
    cause: str | None = (
        None  # unreachable/not-walked: "previous-step", "sign-in", "branch", "look-only"
    )
    completed: bool = True  # the walk could go on after this step
    candidate: int | None = None  # 1-based index of the candidate that matched
    matched: str | None = None  # that candidate, as a person reads it
    counts: list[CandidateCount] = field(default_factory=list)
    matches: list[str] = field(default_factory=list)  # ambiguous: the elements found
    covered_by: str | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    proposal: str | None = None  # the guide change that would probably fix it
    url: str | None = None  # the page's address without query or fragment
    seconds: float = 0.0
    aria_snapshot: str | None = None  # for non-ok steps (input values removed)
    screenshot: Screenshot | None = None

    @property
    def drift(self) -> bool:
        """The guide no longer matches the pages (a sign-in wall in live mode is not drift)."""
        return self.verdict in DRIFT and self.cause != "sign-in"

    @property
    def key(self) -> str:
        return f"{self.guide}[{self.lang}]::{self.step}"

    def message(self) -> str:
        """The verdict with its explanation and suggestions, as `check` prints it."""
        lines = [f"{self.key}: {self.verdict}" + (f" — {self.detail}" if self.detail else "")]
        if self.matches:
            lines.append("  matches: " + "; ".join(self.matches))
        if self.covered_by:
            lines.append(f"  covered by: {self.covered_by}")
        if self.suggestions:
            lines.append("  closest on the page: " + ", ".join(str(s) for s in self.suggestions))
        if self.proposal:
            lines.append(f"  proposed fix: {self.proposal}")
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data = {"key": self.key, **data}
        data["verdict"] = self.verdict.value
        data["drift"] = self.drift
        data["seconds"] = round(self.seconds, 3)
        data.pop("screenshot")
        for s in data["suggestions"]:
            s["score"] = round(s["score"], 3)
        return data
