"""A simulated person acting from OUTSIDE the runner: its own Playwright connection (CDP),
in its own thread. It learns which step is showing from the engine's events, acts on the
page like a person would (clicks, types the practice data, pastes the mail's link into the
address bar) and presses Enter in the runner's terminal for steps that need it."""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Mapping

from playwright.sync_api import Browser, Page, sync_playwright

from guide_runner.autopilot import Autopilot
from guide_runner.guide import Guide, Step
from guide_runner.locate import resolve
from guide_runner.runner.events import Ended, Event, Notice, StepReady, StepStarted
from guide_runner.runner.keys import QueuedKeys
from guide_runner.runner.recognize import place_matches


class OutsidePerson(threading.Thread):
    def __init__(
        self,
        cdp_url: str,
        guide: Guide,
        lang: str,
        params: Mapping[str, str],
        values: Autopilot,
        keys: QueuedKeys,
    ):
        super().__init__(daemon=True, name="outside-person")
        self.cdp_url = cdp_url
        self.guide = guide
        self.lang = lang
        self.params = dict(params)
        self.values = values  # only its practice values and mail links are used, never a page
        self.keys = keys
        self.events: queue.Queue[Event] = queue.Queue()
        self.errors: list[str] = []
        self.actions: list[str] = []
        self._typed_enter = False

    def listen(self, event: Event) -> None:  # called in the runner's thread
        self.events.put(event)

    def run(self) -> None:
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.connect_over_cdp(self.cdp_url)
                self._loop(browser)
        except Exception as exc:  # reported by the test
            self.errors.append(repr(exc))

    def _loop(self, browser: Browser) -> None:
        while True:
            event = self.events.get(timeout=120)
            if isinstance(event, Ended):
                return
            if isinstance(event, StepStarted):
                self._typed_enter = False
            elif isinstance(event, Notice) and event.key == "typed_enter":
                self._typed_enter = True
            elif isinstance(event, StepReady):
                self._act(browser, event.step)

    def _page(self, browser: Browser, step: Step) -> Page:
        pages = [p for c in browser.contexts for p in c.pages if not p.is_closed()]
        if step.page is not None:
            for page in reversed(pages):
                if place_matches(page.url, step.page, self.params):
                    return page
        return pages[-1]

    def _act(self, browser: Browser, step: Step) -> None:
        time.sleep(0.15)  # a person reads the bubble first
        deadline = time.monotonic() + 10
        while True:
            page = self._page(browser, step)
            target = None
            if step.target:
                target = resolve(page, step.target, self.lang, self.params).locator
            if target is not None or not step.target or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        if step.do == "click" and target is not None:
            target.click()
            self.actions.append(f"{step.id}: click")
        elif step.do == "type" and target is not None and step.enters:
            target.fill(self.values.value_for(step.enters))
            self.actions.append(f"{step.id}: type")
            if self._typed_enter:
                time.sleep(0.1)
                self.keys.put("enter")
        elif step.do == "outside" and step.via == "email":
            page.goto(self.values.mail_link())  # pasted into this window's address bar
            self.actions.append(f"{step.id}: paste link")
        if any(d.confirm is not None for d in step.done_when):
            self.keys.put("enter")
            self.actions.append(f"{step.id}: enter")
