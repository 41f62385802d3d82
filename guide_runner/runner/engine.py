"""The step engine: a state machine over a guide's steps, independent of how things are drawn.

For each step it resolves the target (candidates in order, exactly one visible match),
shows it through the :class:`~guide_runner.runner.ui.Highlighter`, and waits — in a
bounded poll loop, one tick every ``poll_ms`` — for the step's observable result
(guide_runner.completion), while handling the person's keys and bubble buttons, pages
opening and closing, look-alike origins, a target that does not show, and the person
wandering to another page. It then moves on along the guide (``next``/``end``, or the
branch the person chose).

The engine sees pages only through :class:`~guide_runner.runner.safe_page.SafePage`: it can
navigate and look, never click, type or read what was typed.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast

from playwright.sync_api import Error as PlaywrightError

from guide_runner.completion import Signals, condition_met
from guide_runner.guide.model import Guide, Step
from guide_runner.guide.texts import fill, localize
from guide_runner.locate import page_queries, resolve
from guide_runner.runner import drift
from guide_runner.runner.addresses import place_address, safe_address
from guide_runner.runner.events import (
    Ended,
    Ending,
    Event,
    Level,
    Listener,
    Notice,
    Started,
    StepEnded,
    StepReady,
    StepStarted,
)
from guide_runner.runner.keys import ENTER, KeySource, NoKeys
from guide_runner.runner.messages import say
from guide_runner.runner.origins import Pins, origin_of, shows_content
from guide_runner.runner.plan import Plan
from guide_runner.runner.recognize import place_matches, recognize
from guide_runner.runner.safe_page import MATCHES_JS, SafeLocator, SafePage
from guide_runner.runner.tracker import PageTracker
from guide_runner.runner.ui import Bubble, Button, Highlighter, Signal

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page


@dataclass
class Settings:
    lang: str
    params: Mapping[str, str] = field(default_factory=dict)
    poll_ms: float = 100
    target_timeout: float = 15.0  # seconds before "I can't find …"
    optional_timeout: float = 2.5  # an optional step's target must show within this
    place_grace: float = 1.5  # seconds on a foreign page before recognising another step
    redirect_wait: float = 3.0  # seconds an opened address may take to redirect itself
    notes_dir: Path | None = None  # drift notes; None = the default folder
    practice: bool = False
    neutral_origins: frozenset[str] = frozenset()  # no overlay, no warning (practice inbox)
    mailbox_address: str | None = None  # said on e-mail steps in practice mode
    max_seconds: float | None = None  # give up after this long (tests, unattended demos)


@dataclass(frozen=True)
class StepView:
    """What an autopilot (demo only) sees of the step being shown."""

    index: int
    step: Step
    page: SafePage
    target: SafeLocator | None
    number: int
    total: int
    confirmable: bool = False  # Enter / the bubble's button completes this step


class Person(Protocol):
    """Something acting as the person (the demo's autopilot). Returns a key to press, or None."""

    def __call__(self, view: StepView) -> str | None: ...


@dataclass
class Outcome:
    ending: Ending
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    drift_notes: list[Path] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.ending == "finished"

    @property
    def exit_code(self) -> int:
        return 0 if self.finished else 1


class Stop(Exception):
    def __init__(self, ending: Ending, text: str | None = None):
        super().__init__(ending)
        self.ending = ending
        self.text = text  # what to say instead of the ending's usual words


Kind = Literal["next", "goto", "jump", "back", "skip", "optional", "quit"]


@dataclass(frozen=True)
class Transition:
    kind: Kind
    target: int | None = None


@dataclass
class Visit:
    """The state of one visit to a step."""

    index: int
    via_back: bool
    started: float
    since: float  # when the current address was first seen (target timers count from here)
    url: str | None = None
    shown: tuple[Any, ...] | None = None
    ready_said: bool = False
    ever_found: bool = False
    missing: bool = False
    missing_url: str | None = None  # where the "can't find" bubble was shown
    off_origin: int | None = None  # the page (id) last warned about as another origin
    mismatch_since: float | None = None
    elsewhere_said: bool = False
    help_on: bool = False
    checked_field: bool = False  # whether a typed field's state can be observed was asked
    needs_confirm: bool = False  # a type step whose field shows no state: Enter completes it
    person_asked: bool = False  # the person (if any) has seen this visit at least once
    armed: set[int] = field(default_factory=set)
    signals: Signals = field(default_factory=Signals)


def _as_page(page: SafePage) -> Page:
    # SafePage duck-types the reading half of Page that locate/completion use.
    return cast("Page", page)


def _as_locator(locator: SafeLocator | None) -> Locator | None:
    return cast("Locator | None", locator)


class Engine:
    def __init__(
        self,
        guide: Guide,
        tracker: PageTracker,
        highlighter: Highlighter,
        settings: Settings,
        *,
        keys: KeySource | None = None,
        listeners: list[Listener] | None = None,
        person: Person | None = None,
        clock: Callable[[], float] = time.monotonic,
        stop_requested: Callable[[], bool] = lambda: False,
    ):
        """``stop_requested`` is asked at every look: a Ctrl-C the command only recorded
        ends the walk there, between two Playwright calls, never inside one."""
        self.guide = guide
        self.tracker = tracker
        self.highlighter = highlighter
        self.settings = settings
        self.keys = keys or NoKeys()
        self.listeners = list(listeners or [])
        self.person = person
        self.clock = clock
        self.stop_requested = stop_requested
        self.plan = Plan.of(guide)
        self.pins = Pins.for_guide(guide, settings.params)
        self.lang = settings.lang
        self.params = dict(settings.params)
        self.history: list[int] = []
        self.outcome = Outcome("quit")
        self.current: int | None = None
        self._warned: set[tuple[int, str]] = set()  # (page, address) warned about as foreign
        self._deadline = self.clock() + (settings.max_seconds or 0)

    # public --------------------------------------------------------------------------------
    def run(self) -> Outcome:
        try:
            self._run()
            self._end("finished", say("finished", self.lang))
        except Stop as stop:
            self._end(stop.ending, stop.text or say(_ENDING_KEYS[stop.ending], self.lang))
        except KeyboardInterrupt:
            self._end("interrupted", say("interrupted", self.lang))
        return self.outcome

    # the walk ------------------------------------------------------------------------------
    def _run(self) -> None:
        self._emit(
            Started(
                title=localize(self.guide.title, self.lang),
                checklist=self.plan.checklist(0),
                practice=self.settings.practice,
                interactive=self.keys.interactive,
            )
        )
        if self.tracker.active is None:
            self.tracker.new_page()
        if not self.guide.steps[0].open:
            self._navigate(fill(self.guide.start, self.params))
        index: int | None = 0
        via_back = False
        while index is not None:
            self.current = index
            step = self.guide.steps[index]
            started = self.clock()
            transition = self._visit(index, via_back)
            via_back = False
            seconds = self.clock() - started
            kind = transition.kind
            if kind == "quit":
                raise Stop("quit")
            if kind == "back":
                self._emit(StepEnded(index, step, "back", seconds))
                if self.history:
                    index = self.history.pop()
                    via_back = True
                    self._notice("back", say("back", self.lang, n=self.plan.number(index)))
                continue
            how: dict[Kind, Literal["done", "skipped", "optional", "jumped", "chosen"]] = {
                "next": "done",
                "skip": "skipped",
                "optional": "optional",
                "jump": "jumped",
                "goto": "chosen",
            }
            self._emit(StepEnded(index, step, how[kind], seconds))
            if kind == "optional":
                self.outcome.skipped.append(step.id)
                index = self.plan.next_index(index)
                continue
            self.history.append(index)
            if kind == "skip":
                self.outcome.skipped.append(step.id)
            elif kind == "next":
                self.outcome.done.append(step.id)
            if kind in ("goto", "jump"):
                index = transition.target
            elif step.end:
                index = None
            else:
                index = self.plan.next_index(index)

    def _visit(self, index: int, via_back: bool) -> Transition:
        step = self.guide.steps[index]
        now = self.clock()
        visit = Visit(index, via_back, now, now)
        self._emit(
            StepStarted(
                index,
                step,
                self.plan.number(index),
                self.plan.total(index),
                self._text(step),
                self.plan.checklist(index),
            )
        )
        self._step_notices(step)
        if step.open:
            self._navigate(fill(step.open, self.params))
        while True:
            transition = self._tick(step, visit)
            if transition is not None:
                # What the page was armed with for this step, and any outline it drew for it
                # unconfirmed (a step done at its first look), must not show during the next.
                self.highlighter.withdraw()
                return transition
            self._wait()

    def _tick(self, step: Step, visit: Visit) -> Transition | None:
        self._check_alive()
        for key in self._drain_keys():
            transition = self._on_key(key, step, visit)
            if transition is not None:
                return transition
        for signal in self._drain_signals():
            transition = self._on_signal(signal, step, visit)
            if transition is not None:
                return transition
        page = self._choose_page(step)
        if page is None:
            return None
        try:
            return self._look(step, visit, page)
        except PlaywrightError:
            self._check_alive()
            return None  # the page was navigating mid-look: look again next tick

    def _look(self, step: Step, visit: Visit, page: SafePage) -> Transition | None:
        now = self.clock()
        url = page.url
        if url != visit.url:
            visit.url = url
            visit.since = now
            visit.shown = None
        if not self.pins.allows(url):
            self._off_origin(page, url, visit)
            return self._transition_if_done(step, visit, page, None, urls_only=True)
        if visit.off_origin is not None:
            if visit.off_origin == id(page):  # the person came back, in that tab
                self._notice("back_on_origin", say("back_on_origin", self.lang), "ok")
            visit.off_origin = None

        target: SafeLocator | None = None
        resolution_index: int | None = None
        # Asked before looking: an outline the page drew before this look began, for a
        # target this look then does not find, is one the locators contradict.
        guessed = bool(step.target) and self.highlighter.guessed(page)
        if step.target and not guessed and not (visit.shown and visit.shown[0] == "target"):
            # Armed before the look: a target the page can tell itself is outlined by the page
            # in that call (already there) or the frame it appears, not after this look and
            # the show (which then confirm it, drawing nothing again).
            self._expect(step, visit, page)
            guessed = self.highlighter.guessed(page)  # outlined in that call, before the look
        if step.target:
            # Only which candidate matched matters here, not how many hidden twins it has:
            # one round trip per candidate tried instead of two.
            found = resolve(_as_page(page), step.target, self.lang, self.params, count_hidden=False)
            target = cast("SafeLocator | None", found.locator)
            resolution_index = found.index
            visit.ever_found = visit.ever_found or target is not None
            if target is not None and not visit.checked_field:
                self._check_field(step, visit, target)
        done = self._transition_if_done(step, visit, page, target, urls_only=False)
        if done is not None:
            if self.person is not None and not visit.person_asked:
                # Done before the person was asked (its result already held at the first
                # look): the demo's person pictures every step, so it is shown and asked
                # once all the same. A live run just moves on.
                if target is None and step.target:
                    # What the page outlined as it was armed, this look did not find (free
                    # when nothing is pending; its signal need not have arrived yet).
                    self.highlighter.withdraw()
                if target is not None or not step.target:
                    with contextlib.suppress(PlaywrightError):  # the page is navigating
                        self._display(step, visit, page, target, resolution_index)
                        self._ready(step, visit, page, target)
                self._person(step, visit, page, target)
            return done

        if step.page is not None and not place_matches(url, step.page, self.params):
            if visit.mismatch_since is None:
                visit.mismatch_since = now
            elif now - visit.mismatch_since >= self.settings.place_grace:
                jump = recognize(
                    self.guide, url, visit.index, self.params, self.plan.checklist(visit.index)
                )
                if jump is not None and jump != visit.index:
                    self._notice(
                        "recognized", say("recognized", self.lang, n=self.plan.number(jump)), "info"
                    )
                    return Transition("jump", jump)
                if not visit.elsewhere_said and target is None:
                    visit.elsewhere_said = True
                    address = place_address(fill(step.page.origin, self.params), step.page.path)
                    text = say("elsewhere", self.lang, address=address)
                    self._notice("elsewhere", text, "warn")
                    self.highlighter.message(page, self._bubble(visit, text, problem=True))
                    visit.shown = ("elsewhere", url)
                    return None
        else:
            visit.mismatch_since = None
            visit.elsewhere_said = False

        if target is not None or not step.target:
            self._display(step, visit, page, target, resolution_index)
            self._ready(step, visit, page, target)
            return self._person(step, visit, page, target)

        waited = now - visit.since
        if step.optional and not visit.ever_found and waited >= self.settings.optional_timeout:
            self._notice(
                "optional_skipped",
                self._about_target(step, "optional_skipped"),
                "info",
            )
            return Transition("optional")
        if visit.shown is not None and visit.shown[0] == "target":
            self.highlighter.hide()  # the target went away; look again
            visit.shown = None
        if waited >= self.settings.target_timeout and not visit.missing and not step.optional:
            self._missing(step, visit, page, url)
        if guessed:
            self.highlighter.drop_guess(page)
            visit.shown = None  # the early outline had replaced what showed; it is gone
        if visit.missing and visit.missing_url == url and visit.shown != ("missing", url):
            # An early outline replaced the "can't find" bubble, then went (taken away, or
            # the target vanished): the person needs that bubble back.
            self.highlighter.message(page, self._missing_bubble(step, visit))
            visit.shown = ("missing", url)
        if not guessed:
            # Again after a bubble shown above (a message ends what the page was armed with).
            self._expect(step, visit, page)
        return None

    def _expect(self, step: Step, visit: Visit, page: SafePage) -> None:
        """Let the page outline the step's target itself as soon as it is there; a look
        confirms it. Free when repeated."""
        queries = page_queries(step.target, self.lang, self.params)
        self.highlighter.expect(page, queries, self._bubble(visit, self._text(step, visit)))

    def _display(
        self,
        step: Step,
        visit: Visit,
        page: SafePage,
        target: SafeLocator | None,
        resolution_index: int | None,
    ) -> None:
        """Show the step: its target outlined, or (a step without one) its bubble alone.
        Nothing is redrawn while the same thing is already showing."""
        url = page.url
        if target is None:
            key: tuple[Any, ...] = ("message", id(page), url, visit.help_on)
            if visit.shown != key:
                self.highlighter.message(page, self._bubble(visit, self._text(step, visit)))
                visit.shown = key
            return
        key = ("target", id(page), resolution_index, url, visit.help_on)
        if visit.shown != key:
            if visit.missing:
                visit.missing = False
                self._notice("found_again", say("found_again", self.lang), "ok")
            self.highlighter.show(page, target, self._bubble(visit, self._text(step, visit)))
            visit.shown = key

    # completion ----------------------------------------------------------------------------
    def _transition_if_done(
        self,
        step: Step,
        visit: Visit,
        page: SafePage,
        target: SafeLocator | None,
        *,
        urls_only: bool,
    ) -> Transition | None:
        if visit.needs_confirm and visit.signals.confirmed:
            return Transition("next")
        pages = [_as_page(p) for p in self.tracker.pages()]
        for i, done in enumerate(step.done_when):
            if urls_only and done.url is None:
                continue
            if done.state is not None and visit.needs_confirm:
                continue  # the field cannot show it; the person's Enter completes the step
            if done.disappears == "target" and not (visit.ever_found or target is not None):
                continue  # it cannot go away before it was there (e.g. a page still loading)
            met = condition_met(
                done,
                _as_page(page),
                pages,
                step,
                _as_locator(target),
                self.lang,
                self.params,
                visit.signals,
            )
            # Entered by "back": a result that already holds must first stop holding,
            # or the person could never go back to that step.
            level = done.confirm is None and done.activated is None
            if visit.via_back and level and i not in visit.armed:
                if not met:
                    visit.armed.add(i)
                continue
            if met:
                return Transition("next")
        return None

    # inputs --------------------------------------------------------------------------------
    def _drain_keys(self) -> list[str]:
        keys = []
        while (key := self.keys.read()) is not None:
            keys.append(key)
        return keys

    def _drain_signals(self) -> list[Signal]:
        try:
            return self.highlighter.signals()
        except PlaywrightError:
            return []

    def _on_key(self, key: str, step: Step, visit: Visit) -> Transition | None:
        if key == "q":
            return Transition("quit")
        if key == "b":
            return Transition("back")
        if key == "s":
            number = self.plan.number(visit.index)
            self._notice("skipped", say("skipped", self.lang, n=number), "warn")
            return Transition("skip")
        if key == "h":
            self._help(step, visit)
            return None
        if key == "r":
            self._retry(visit)
            return None
        if key == ENTER:
            if self._confirmable(step, visit):
                visit.signals.confirmed = True
            elif visit.missing:
                self._retry(visit)
            else:
                self._help(step, visit)
            return None
        if key.isdigit() and step.choices:
            n = int(key)
            if 1 <= n <= len(step.choices):
                return self._choose(step, n - 1)
        return None

    def _on_signal(self, signal: Signal, step: Step, visit: Visit) -> Transition | None:
        if signal.kind == "activated":
            visit.signals.activated = True  # a hint only: pages can fake it
        elif signal.kind == "vanished":
            visit.shown = None
        elif signal.kind == "cant_find":
            self._help(step, visit)
        elif signal.kind == "button" and signal.value:
            value = signal.value
            if value == "confirm":
                return self._on_key(ENTER, step, visit)
            if value.startswith("choice:"):
                try:
                    return self._choose(step, int(value.split(":", 1)[1]))
                except (ValueError, IndexError):
                    return None
            if value in ("back", "skip", "quit", "retry"):
                return self._on_key(
                    {"back": "b", "skip": "s", "quit": "q", "retry": "r"}[value], step, visit
                )
        return None

    @staticmethod
    def _confirmable(step: Step, visit: Visit) -> bool:
        return visit.needs_confirm or any(d.confirm is not None for d in step.done_when)

    def _check_field(self, step: Step, visit: Visit, target: SafeLocator) -> None:
        """A ``:valid`` result says nothing on a field without constraints (it is valid
        empty too). Then the person says when they have typed: Enter or the bubble's button.
        Asked with ``el.matches()`` — a yes or no, never the value."""
        visit.checked_field = True
        if step.do != "type" or not any(d.state == ":valid" for d in step.done_when):
            return
        try:
            constrained = bool(target.evaluate(MATCHES_JS, CONSTRAINED_FIELD))
        except PlaywrightError:
            visit.checked_field = False
            return
        if not constrained:
            visit.needs_confirm = True
            visit.shown = None  # redraw the bubble with its button
            self._notice("typed_enter", say("typed_enter", self.lang), "info")

    def _choose(self, step: Step, i: int) -> Transition | None:
        if not 0 <= i < len(step.choices):
            return None
        choice = step.choices[i]
        self._notice("chose", say("chose", self.lang, label=localize(choice.label, self.lang)))
        return Transition("goto", self.guide.step_index(choice.goto))

    def _person(
        self, step: Step, visit: Visit, page: SafePage, target: SafeLocator | None
    ) -> Transition | None:
        if self.person is None:
            return None
        visit.person_asked = True
        view = StepView(
            visit.index,
            step,
            page,
            target,
            self.plan.number(visit.index),
            self.plan.total(visit.index),
            self._confirmable(step, visit),
        )
        key = self.person(view)
        return self._on_key(key, step, visit) if key else None

    # pages ---------------------------------------------------------------------------------
    def _choose_page(self, step: Step) -> SafePage | None:
        active = self.tracker.active
        if step.page is None or active is None:
            return active
        if place_matches(active.url, step.page, self.params):
            return active
        if self._untrusted(active.url) and (id(active), active.url) not in self._warned:
            # The person opened a page from another origin (a new tab or popup): warn about
            # it first. Then guide on the step's page behind it again: which tab is in front
            # cannot be known, and a tab left open must not stop the walk.
            return active
        for page in reversed(self.tracker.pages()):
            if place_matches(page.url, step.page, self.params):
                self.tracker.activate(page)
                return page
        return active

    def _off_origin(self, page: SafePage, url: str, visit: Visit) -> None:
        if (
            visit.shown is not None
            and visit.shown[0] == "off"
            and visit.shown[1:] == (id(page), url)
        ):
            return
        self.highlighter.hide()
        visit.shown = ("off", id(page), url)
        if not shows_content(url):
            return  # about:blank (a new tab before it loads), an error page: nothing to warn about
        if origin_of(url) in self.settings.neutral_origins:
            self._notice("on_mailbox", say("on_mailbox", self.lang), "info")
            return
        visit.off_origin = id(page)
        self._warned.add((id(page), url))
        expected = sorted(self.pins.origins)[0]
        step = self.guide.steps[visit.index]
        if step.page is not None:
            expected = place_address(fill(step.page.origin, self.params), step.page.path)
        # A page opened later (a tab or popup) is left by closing it; the first, by going back.
        first = self.tracker.pages()[:1] == [page]
        detail = "wrong_origin_detail" if first else "wrong_origin_tab_detail"
        self._notice("wrong_origin", say("wrong_origin", self.lang), "problem")
        self._notice(
            "wrong_origin_detail",
            say(detail, self.lang, address=safe_address(url), expected=expected),
            "warn",
        )

    def _untrusted(self, url: str) -> bool:
        """A page with content from an origin that is neither pinned nor neutral."""
        return (
            shows_content(url)
            and not self.pins.allows(url)
            and origin_of(url) not in self.settings.neutral_origins
        )

    def _navigate(self, url: str) -> None:
        page = self.tracker.active or self.tracker.new_page()
        if page.url == "about:blank":
            self.highlighter.prepare(page)
        try:
            page.goto(url)
        except PlaywrightError:
            self._check_alive()
            self._notice(
                "open_failed", say("open_failed", self.lang, address=safe_address(url)), "warn"
            )
            return
        # Looking at a page that is about to redirect itself is wasted (Playwright's scripts
        # get injected into it too): wait for the page that stays.
        page.follow_client_redirects(self.settings.redirect_wait)

    def _check_alive(self) -> None:
        if self.stop_requested():
            raise Stop("interrupted")
        if self.settings.max_seconds is not None and self.clock() > self._deadline:
            seconds = self.settings.max_seconds
            raise Stop("interrupted", say("time_limit", self.lang, seconds=seconds))
        if self.tracker.crashed:
            raise Stop("crashed")
        if self.tracker.gone:
            raise Stop("closed")

    def _wait(self) -> None:
        # A signal heard while the engine looked (a bubble button) is answered at the next
        # tick without waiting for a change (the page's wait wakes on a signal too, but it
        # may reach us after that wait ended); the tracker still keeps ticks apart.
        ms = 0.0 if self.highlighter.has_signals() else self.settings.poll_ms
        active = self.tracker.active
        # The wait in the page (wake.js) runs on the page's own timers: only where we trust it.
        watch = active is not None and not self._untrusted(active.url)
        try:
            self.tracker.tick(ms, watch=watch)
        except PlaywrightError:
            self._check_alive()

    # recovery ------------------------------------------------------------------------------
    def _missing(self, step: Step, visit: Visit, page: SafePage, url: str) -> None:
        visit.missing = True
        visit.missing_url = url
        self._notice("not_found", self._about_target(step, "not_found"), "problem")
        self._notice("not_found_tips", say("not_found_tips", self.lang), "info")
        self.highlighter.message(page, self._missing_bubble(step, visit))
        visit.shown = ("missing", url)
        try:
            found = page.accessible_names()
        except PlaywrightError:
            found = []
        try:
            path = drift.write_note(
                self.settings.notes_dir or drift.default_notes_dir(),
                self.guide,
                step,
                self.lang,
                self.params,
                url,
                found,
            )
        except OSError:
            return
        self.outcome.drift_notes.append(path)
        self._notice("drift_written", say("drift_written", self.lang, path=str(path)), "info")

    def _missing_bubble(self, step: Step, visit: Visit) -> Bubble:
        text = self._about_target(step, "not_found")
        tips = say("not_found_tips", self.lang)
        return self._bubble(visit, f"{text}\n{tips}", problem=True)

    def _retry(self, visit: Visit) -> None:
        visit.since = self.clock()
        visit.missing = False
        visit.shown = None
        visit.ever_found = False

    def _help(self, step: Step, visit: Visit) -> None:
        text = (
            fill(localize(step.help, self.lang), self.params)
            if step.help is not None
            else say("no_help", self.lang)
        )
        self._notice("help", text, "info")
        visit.help_on = True  # the bubble shows the hint too (re-drawn next tick)

    # texts ---------------------------------------------------------------------------------
    def _text(self, step: Step, visit: Visit | None = None) -> str:
        text = fill(localize(step.say, self.lang), self.params)
        if visit is not None and visit.help_on:
            hint = (
                fill(localize(step.help, self.lang), self.params)
                if step.help is not None
                else say("no_help", self.lang)
            )
            text = f"{text}\n\n{hint}"
        return text

    def _about_target(self, step: Step, key: str) -> str:
        """Message ``key`` about the step's target, named as the person sees it: the guide's
        ``target_name`` (a phrase), else the name a candidate looks for (quoted), else by the
        step's number. ``key`` is "not_found" or "optional_skipped"."""
        if step.target_name is not None:
            thing = fill(localize(step.target_name, self.lang), self.params)
            return say(f"{key}_thing", self.lang, thing=thing)
        names = drift.wanted_names(step, self.lang, self.params)
        if names:
            return say(key, self.lang, name=names[0], title=names[0])
        number = self.plan.number(self.guide.step_index(step.id))
        return say(f"{key}_unnamed", self.lang, n=number)

    def _bubble(self, visit: Visit, text: str, *, problem: bool = False) -> Bubble:
        step = self.guide.steps[visit.index]
        buttons: list[Button] = []
        if problem:
            buttons = [
                Button("retry", say("btn_retry", self.lang)),
                Button("skip", say("btn_skip", self.lang)),
                Button("quit", say("btn_quit", self.lang)),
            ]
        else:
            for done in step.done_when:
                if done.confirm is not None:
                    buttons.append(
                        Button("confirm", fill(localize(done.confirm, self.lang), self.params))
                    )
            if visit.needs_confirm:
                buttons.append(Button("confirm", say("btn_typed", self.lang)))
            for i, choice in enumerate(step.choices):
                buttons.append(Button(f"choice:{i}", localize(choice.label, self.lang)))
        return Bubble(
            text=text,
            step=self.plan.number(visit.index),
            total=self.plan.total(visit.index),
            lang=self.lang,
            buttons=tuple(buttons),
            cant_find_label=say("cant_find", self.lang) if step.target and not problem else None,
            tone="problem" if problem else "step",
        )

    def _step_notices(self, step: Step) -> None:
        url_dones = [d.url for d in step.done_when if d.url is not None]
        if step.do == "outside" and url_dones:
            pattern = fill(url_dones[0], self.params)
            self._notice(
                "waiting_address", say("waiting_address", self.lang, address=pattern.split("*")[0])
            )
            if step.via == "email" and self.settings.practice and self.settings.mailbox_address:
                self._notice(
                    "practice_mailbox",
                    say("practice_mailbox", self.lang, address=self.settings.mailbox_address),
                )
        confirms = [d.confirm for d in step.done_when if d.confirm is not None]
        if confirms and self.keys.interactive:
            self._notice(
                "press_enter", say("press_enter", self.lang, label=localize(confirms[0], self.lang))
            )
        if step.choices and self.keys.interactive:
            options = ", ".join(
                f"{i} = {localize(c.label, self.lang)}" for i, c in enumerate(step.choices, start=1)
            )
            self._notice("choose", say("choose", self.lang, options=options))

    def _ready(self, step: Step, visit: Visit, page: SafePage, target: SafeLocator | None) -> None:
        if not visit.ready_said:
            visit.ready_said = True
            self._emit(StepReady(visit.index, step, target is not None))

    # events --------------------------------------------------------------------------------
    def _notice(self, key: str, text: str, level: Level = "info") -> None:
        self._emit(Notice(key, text, level))

    def _emit(self, event: Event) -> None:
        for listener in self.listeners:
            listener(event)

    def _end(self, ending: Ending, text: str) -> None:
        self.outcome.ending = ending
        with contextlib.suppress(Exception):  # the browser may already be gone
            self.highlighter.hide()
        self._emit(Ended(ending, text))


# A field whose :valid state means something: it has a constraint an empty value breaks.
CONSTRAINED_FIELD = ":required, [pattern], [minlength]"

_ENDING_KEYS: dict[Ending, str] = {
    "finished": "finished",
    "quit": "quit",
    "closed": "window_closed",
    "interrupted": "interrupted",
    "crashed": "crashed",
}
