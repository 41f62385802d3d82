"""What the engine reports as it goes: the terminal companion, the demo report and tests listen."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from guide_runner.guide.model import Step

Level = Literal["info", "warn", "problem", "ok"]
Ending = Literal["finished", "quit", "closed", "interrupted", "crashed"]


@dataclass(frozen=True)
class Started:
    title: str
    checklist: list[int]
    practice: bool
    interactive: bool


@dataclass(frozen=True)
class StepStarted:
    index: int
    step: Step
    number: int
    total: int
    text: str
    checklist: list[int]


@dataclass(frozen=True)
class StepReady:
    """The step is shown (target outlined, or centred message); the person can act."""

    index: int
    step: Step
    has_target: bool


@dataclass(frozen=True)
class StepEnded:
    index: int
    step: Step
    how: Literal["done", "skipped", "optional", "back", "jumped", "chosen"]
    seconds: float


@dataclass(frozen=True)
class Notice:
    key: str  # the message key, e.g. "wrong_origin"
    text: str
    level: Level = "info"


@dataclass(frozen=True)
class Ended:
    ending: Ending
    text: str


Event = Started | StepStarted | StepReady | StepEnded | Notice | Ended


class Listener(Protocol):
    def __call__(self, event: Event) -> None: ...
