"""Has a step's observable result happened? Shared by the runner, the demo and the checker.

A step completes on something a person would see — the address changed, an element
appeared or disappeared, the target reached a state such as ``:checked`` — never on what
was typed: ``state`` asks the browser whether the element *matches* a CSS selector, which
reveals a yes or no, not the value. The overlay's "activated" signal and the person's
confirmation arrive from outside (``signals``), because a page script can fake the former.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from guide_runner.guide.model import DoneWhen, Step
from guide_runner.guide.texts import fill
from guide_runner.locate import any_of, count_now, resolve

# Asks only "is there exactly one element, and does it match this selector?": a boolean. One
# round trip (Locator.evaluate would take three: wait for the element, evaluate, dispose).
ONE_MATCHES_JS = "(els, selector) => els.length === 1 && els[0].matches(selector)"


@lru_cache(maxsize=256)
def _glob(pattern: str) -> re.Pattern[str]:
    return re.compile("^" + ".*".join(re.escape(part) for part in pattern.split("*")) + "$")


def url_matches(url: str, pattern: str) -> bool:
    """``*`` matches any run of characters (including ``/`` and the query)."""
    return bool(_glob(pattern).match(url))


@dataclass
class Signals:
    """What the person told us outside the page's DOM: bubble or terminal buttons, clicks."""

    confirmed: bool = False
    activated: bool = False
    chosen: str | None = None  # id of a branch choice
    extra: set[str] = field(default_factory=set)


def condition_met(
    done: DoneWhen,
    page: Page,
    pages: Iterable[Page],
    step: Step,
    target: Locator | None,
    lang: str,
    params: Mapping[str, str],
    signals: Signals,
) -> bool:
    """Whether one done_when condition holds now. Never waits."""
    try:
        if done.url is not None:
            pattern = fill(done.url, params)
            return any(url_matches(p.url, pattern) for p in pages if not p.is_closed())
        if done.appears is not None:
            # Only "found" matters here: skip counting hidden matches (a round trip each).
            return resolve(page, done.appears, lang, params, count_hidden=False).found
        if done.disappears is not None:
            if done.disappears == "target":
                if target is None:
                    return count_now(any_of(page, step.target, lang, params)) == 0
                return count_now(target) == 0
            return count_now(any_of(page, done.disappears, lang, params)) == 0
        if done.state is not None:
            if target is None:
                return False
            return bool(target.evaluate_all(ONE_MATCHES_JS, done.state))
        if done.activated:
            return signals.activated
        if done.confirm is not None:
            return signals.confirmed
    except PlaywrightError:
        # The page is navigating or the element went away mid-check: not done yet.
        return False
    return False


def first_met(
    step: Step,
    page: Page,
    pages: Sequence[Page],
    target: Locator | None,
    lang: str,
    params: Mapping[str, str],
    signals: Signals,
) -> DoneWhen | None:
    """The first of the step's done_when conditions that holds now, if any."""
    for done in step.done_when:
        if condition_met(done, page, pages, step, target, lang, params, signals):
            return done
    return None
