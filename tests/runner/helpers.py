"""A small harness around the engine for tests: events recorded, keys scripted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Page

from guide_runner.guide import Guide
from guide_runner.runner.engine import Engine, Outcome, Settings, StepView
from guide_runner.runner.events import Event, Notice, StepEnded, StepStarted
from guide_runner.runner.keys import QueuedKeys
from guide_runner.runner.safe_page import unwrap_locator, unwrap_page
from guide_runner.runner.tracker import PageTracker
from guide_runner.runner.ui import Highlighter, NullHighlighter

Action = Callable[[Page, Any, "Harness"], str | None]


@dataclass
class Harness:
    guide: Guide
    context: BrowserContext
    lang: str = "nb"
    highlighter: Highlighter = field(default_factory=NullHighlighter)
    actions: dict[str, Action] = field(default_factory=dict)
    notes_dir: Path | None = None
    settings_kw: dict[str, Any] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    keys: QueuedKeys = field(default_factory=QueuedKeys)
    acted: set[tuple[int, int]] = field(default_factory=set)
    visits: int = 0
    with_person: bool = True  # False: a live run, nobody but the keys (no demo person)
    stop_requested: Callable[[], bool] = lambda: False  # a Ctrl-C the command recorded
    # What the person does when the runner says something: notice key -> action.
    on_notice: dict[str, Callable[[Notice], None]] = field(default_factory=dict)

    def person(self, view: StepView) -> str | None:
        key = (self.visits, view.index)
        if key in self.acted or view.step.id not in self.actions:
            return None
        self.acted.add(key)
        target = unwrap_locator(view.target) if view.target is not None else None
        return self.actions[view.step.id](unwrap_page(view.page), target, self)

    def listen(self, event: Event) -> None:
        self.events.append(event)
        if isinstance(event, StepStarted):
            self.visits += 1
        if isinstance(event, Notice) and event.key in self.on_notice:
            self.on_notice[event.key](event)

    def run(self) -> Outcome:
        tracker = PageTracker(self.context)
        settings = Settings(
            lang=self.lang,
            notes_dir=self.notes_dir,
            target_timeout=self.settings_kw.pop("target_timeout", 3.0),
            optional_timeout=self.settings_kw.pop("optional_timeout", 0.8),
            place_grace=self.settings_kw.pop("place_grace", 0.5),
            max_seconds=self.settings_kw.pop("max_seconds", 40),
            **self.settings_kw,
        )
        engine = Engine(
            self.guide,
            tracker,
            self.highlighter,
            settings,
            keys=self.keys,
            listeners=[self.listen],
            person=self.person if self.with_person else None,
            stop_requested=self.stop_requested,
        )
        return engine.run()

    # what happened ---------------------------------------------------------------------------
    def started(self) -> list[str]:
        return [e.step.id for e in self.events if isinstance(e, StepStarted)]

    def ended(self) -> list[tuple[str, str]]:
        return [(e.step.id, e.how) for e in self.events if isinstance(e, StepEnded)]

    def notices(self, key: str | None = None) -> list[Notice]:
        return [e for e in self.events if isinstance(e, Notice) and key in (None, e.key)]


def click(page: Page, target: Any, h: Harness) -> None:
    target.click()


def fill_with(value: str) -> Action:
    def act(page: Page, target: Any, h: Harness) -> None:
        target.fill(value)

    return act


def press(key: str) -> Action:
    def act(page: Page, target: Any, h: Harness) -> str:
        return key

    return act


def goto(url: str) -> Action:
    def act(page: Page, target: Any, h: Harness) -> None:
        page.goto(url)

    return act


# The mini guide's main path (tests/runner/guides/mini.yaml), done as the person would.
MINI_MAIN_PATH: dict[str, Action] = {
    "01-cookie": click,
    "02-neste": click,
    "03-skriv": fill_with("hemmelig-1234"),
    "04-ferdig": click,
    "05-slutt": press("enter"),
}


def mini_site_guide(guide_id: str, steps: str) -> str:
    """A guide file for the mini site (https://mini.test) with these steps (YAML, indented
    as list items under ``steps:``)."""
    return f"""id: {guide_id}
title: {{nb: Prøveveiledning, sv: Provguide, en: Test guide}}
summary: {{nb: Prøve., sv: Prov., en: Test.}}
languages: [nb, sv, en]
default_language: nb
origins: [https://mini.test]
start: https://mini.test/
steps:
{steps}"""
