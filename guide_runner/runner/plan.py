"""The shape of a guide as the person sees it: step numbers, totals and the checklist.

Main-path steps are numbered 1…N. A branch (a choice's ``goto``) continues the numbering
of the step it leaves from, so the branch's end shows e.g. "10 / 10".
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from guide_runner.guide.model import Guide, Step
from guide_runner.guide.texts import fill, localize


def chain(guide: Guide, start: int) -> list[int]:
    """Indices from ``start`` following next/end (the walk when no branch is taken)."""
    out: list[int] = []
    i = start
    while 0 <= i < len(guide.steps) and i not in out:
        out.append(i)
        step = guide.steps[i]
        if step.end:
            break
        i = guide.step_index(step.next) if step.next else i + 1
    return out


@dataclass
class Plan:
    guide: Guide
    numbers: dict[int, int]  # step index -> number shown
    paths: dict[int, list[int]]  # step index -> the checklist it belongs to

    @classmethod
    def of(cls, guide: Guide) -> Plan:
        main = chain(guide, 0)
        numbers = {i: n for n, i in enumerate(main, start=1)}
        paths = {i: main for i in main}
        todo = list(main)
        while todo:
            i = todo.pop(0)
            for choice in guide.steps[i].choices:
                j = guide.step_index(choice.goto)
                if j in numbers:
                    continue
                prefix = paths[i][: paths[i].index(i) + 1]
                branch = [k for k in chain(guide, j) if k not in numbers]
                path = prefix + branch
                for k in branch:
                    numbers[k] = len(prefix) + branch.index(k) + 1
                    paths[k] = path
                    todo.append(k)
        # Steps reachable only by `next` from nowhere still get a number.
        for i in range(len(guide.steps)):
            if i not in numbers:
                numbers[i] = i + 1
                paths[i] = [i]
        return cls(guide, numbers, paths)

    def number(self, index: int) -> int:
        return self.numbers[index]

    def total(self, index: int) -> int:
        return len(self.paths[index])

    def checklist(self, index: int) -> list[int]:
        return self.paths[index]

    def next_index(self, index: int) -> int | None:
        step = self.guide.steps[index]
        if step.end:
            return None
        if step.next:
            return self.guide.step_index(step.next)
        return index + 1 if index + 1 < len(self.guide.steps) else None


_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(\s|$)")


def short_title(step: Step, lang: str, params: Mapping[str, str], width: int = 72) -> str:
    """The step's instruction, cut to its first sentence and ``width`` characters."""
    text = " ".join(fill(localize(step.say, lang), params).split())
    match = _FIRST_SENTENCE.match(text)
    if match and len(match.group(1)) >= 12:
        text = match.group(1)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
