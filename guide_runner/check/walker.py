"""Walking one guide in one language, step by step, and judging each step.

Two ways to walk:

- **act** (practice site, ``--pages``): the autopilot does each step as the practice person,
  so every step is reached; after acting the walker waits for the step's observable result.
  A step nobody could get past (missing, hidden, disabled, result never happened) makes the
  rest ``unreachable``; a step a person could still manage with a hint (healed, ambiguous,
  covered) is reported and the walk goes on, so one drift does not hide the rest.
- **look** (``--site live``, ``--har``): never clicks, types, presses or submits. It opens the
  guide's addresses (start, ``open:``, and a step's page by its address) and looks.
  Steps that only an action would reach are ``not-walked``; a page that sends us to the
  sign-in is ``unreachable`` ("needs sign-in").

Branch-only steps (reached through a choice) are not walked: ``not-walked``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from playwright.sync_api import BrowserContext, Locator, Page
from playwright.sync_api import Error as PlaywrightError

from guide_runner.autopilot import Autopilot, AutopilotError, AutopilotRefused
from guide_runner.check.inspect import Finding, inspect_target, snapshot
from guide_runner.check.pagejs import covered_by_js
from guide_runner.check.pages import (
    address_of,
    on_place,
    place_pattern,
    settle,
    wait_place,
    without_query,
)
from guide_runner.check.shots import Shooter
from guide_runner.check.verdicts import Screenshot, StepResult, Verdict
from guide_runner.completion import Signals, first_met
from guide_runner.guide.model import DoneWhen, Guide, Step
from guide_runner.guide.semantics import origin_of
from guide_runner.guide.texts import fill, localize
from guide_runner.locate import resolve
from guide_runner.redirects import follow_client_redirects
from guide_runner.wake import until

# Where sites send people who are not signed in.
SIGN_IN_ORIGINS = ("https://connect.visma.com",)

NETWORK_ERRORS = (
    "ERR_NAME_NOT_RESOLVED",
    "ERR_INTERNET_DISCONNECTED",
    "ERR_CONNECTION",
    "ERR_ADDRESS_UNREACHABLE",
    "ERR_NETWORK",
    "ERR_PROXY",
    "ERR_TIMED_OUT",
    "ERR_SOCKET",
    "ERR_TUNNEL",
    "ERR_CERT",
    "ERR_SSL",
    "ERR_FAILED",
    "ERR_ABORTED",
    "Timeout",
)


class SiteUnreachable(Exception):
    """The site cannot be reached at all (no network, or not in the HAR file)."""

    def __init__(self, origin: str, why: str):
        self.origin = origin
        super().__init__(f"Cannot reach {origin}: {why}")


@dataclass(frozen=True)
class WalkOptions:
    act: bool = True  # practice: the autopilot acts; False: look only
    timeout: float = 3.0  # waiting for a target, a page, or a step's result (seconds)
    nav_timeout: float = 15.0  # opening an address
    screenshots: bool = False
    har: bool = False  # pages come from a HAR file (for messages)
    params: Mapping[str, str] = field(default_factory=dict)


def _done_text(done: DoneWhen, lang: str, params: Mapping[str, str]) -> str:
    from guide_runner.locate import describe

    if done.url is not None:
        return f"address {fill(done.url, params)}"
    if done.appears is not None:
        return "appears " + " or ".join(describe(c, lang) for c in done.appears)
    if done.disappears is not None:
        if done.disappears == "target":
            return "the target disappears"
        return "disappears " + " or ".join(describe(c, lang) for c in done.disappears)
    if done.state is not None:
        return f"the target matches {done.state}"
    if done.confirm is not None:
        return f"confirmed ({localize(done.confirm, lang)})"
    return "activated"


def _net_error(exc: Exception) -> str | None:
    text = str(exc)
    for code in NETWORK_ERRORS:
        if code in text:
            start = text.find("net::")
            return text[start:].split()[0] if start >= 0 else code
    return None


class Walk:
    """One guide x language in one browser context; iterate for the step results."""

    def __init__(
        self,
        guide: Guide,
        lang: str,
        context: BrowserContext,
        options: WalkOptions,
        autopilot: Autopilot | None = None,
    ):
        if options.act and autopilot is None:
            raise ValueError("acting needs an autopilot (practice site only)")
        self.guide = guide
        self.lang = lang
        self.context = context
        self.options = options
        self.autopilot = autopilot
        self.params = {
            **{k: p.default for k, p in guide.parameters.items()},
            **options.params,
        }
        self.page: Page | None = None
        self._failed: StepResult | None = None
        # look mode: a click we did not do on this page, and how the page was reached
        self._pending: Step | None = None
        self._skipped: list[Step] = []  # click steps not done (look mode does none)
        self._by_address = False
        self._tried: set[str] = set()
        self._opened_first = False  # the first step's address was opened as the start
        self._main = guide.main_path()
        self._shooter: Shooter | None = None  # report screenshots (made with the page)

    # Helpers ---------------------------------------------------------------------------

    def _result(self, step: Step, verdict: Verdict, detail: str = "", **kw: object) -> StepResult:
        url = without_query(self.page.url) if self.page is not None else None
        return StepResult(
            guide=self.guide.id,
            lang=self.lang,
            step=step.id,
            number=self.guide.step_index(step.id) + 1,
            verdict=verdict,
            detail=detail,
            url=url,
            **kw,  # type: ignore[arg-type]
        )

    def _from_finding(self, step: Step, finding: Finding) -> StepResult:
        index = finding.index
        return self._result(
            step,
            finding.verdict,
            finding.detail,
            candidate=None if index is None else index + 1,
            matched=None if index is None else _describe(step, index, self.lang),
            counts=finding.counts,
            matches=finding.matches,
            covered_by=finding.covered_by,
            suggestions=finding.suggestions,
            proposal=finding.proposal,
        )

    def _goto(self, url: str) -> str | None:
        """Open ``url``; the error text when it cannot be opened.

        A navigation the page itself started meanwhile (a meta refresh) can interrupt ours:
        then it is tried once more.
        """
        assert self.page is not None
        for attempt in (1, 2):
            try:
                self.page.goto(
                    url, wait_until="domcontentloaded", timeout=self.options.nav_timeout * 1000
                )
                # Never look at, or navigate away from, a page about to redirect itself.
                follow_client_redirects(self.page, self.options.timeout)
                return None
            except PlaywrightError as exc:
                text = str(exc)
                interrupted = "interrupted by another navigation" in text or (
                    "ERR_ABORTED" in text and not self.options.har
                )
                if attempt == 1 and interrupted:
                    settle(self.page, self.options.timeout)
                    continue
                return _net_error(exc) or text.strip().splitlines()[0]
        return None  # pragma: no cover

    def _opened_at_start(self, step: Step) -> bool:
        """The first step, whose address the walk opened as it started."""
        return self._opened_first and step is self.guide.steps[0]

    def _shot(self, step: Step, target: Locator | None) -> Screenshot | None:
        """A report screenshot of ``step`` (only with ``--report``), the overlay showing it."""
        if self._shooter is None:
            return None
        main = [s.id for s in self._main]
        number = main.index(step.id) + 1 if step.id in main else self.guide.step_index(step.id) + 1
        return self._shooter.capture(step, number, target)

    def _start(self) -> None:
        self.page = self.context.new_page()
        if self.options.screenshots:
            self._shooter = Shooter(self.page, self.lang, self.params, len(self._main))
        url = fill(self.guide.start, self.params)
        error = self._goto(url)
        # A first step that opens the start address again (both built-in guides do) finds
        # it open: opening it twice only costs a second load of the redirect chain.
        first = self.guide.steps[0].open
        self._opened_first = error is None and first is not None and fill(first, self.params) == url
        if error is not None and not self.options.act:
            origin = origin_of(url) or url
            why = "it is not in the HAR file" if self.options.har else "no network connection?"
            raise SiteUnreachable(origin, why)

    def _finish(
        self, result: StepResult, step: Step, target: Locator | None, started: float
    ) -> StepResult:
        assert self.page is not None
        if result.verdict not in (Verdict.OK, Verdict.SKIPPED, Verdict.NOT_WALKED):
            result.aria_snapshot = snapshot(self.page)[:20000] or None
        if result.screenshot is None:
            result.screenshot = self._shot(step, target)
        result.seconds = time.monotonic() - started
        return result

    # Walking ---------------------------------------------------------------------------

    def __iter__(self) -> Iterator[StepResult]:
        self._start()
        main = self._main
        on_main = {s.id for s in main}
        for step in main:
            if self._failed is not None:
                failed = self._failed
                yield self._result(
                    step,
                    Verdict.UNREACHABLE,
                    f"step {failed.step} could not be completed",
                    cause="previous-step",
                )
                continue
            started = time.monotonic()
            if self.options.act:
                result, target = self._act_step(step)
            else:
                result, target = self._look_step(step)
            yield self._finish(result, step, target, started)
        for step in self.guide.steps:
            if step.id not in on_main:
                via = [s.id for s in self.guide.steps if any(c.goto == step.id for c in s.choices)]
                where = f" (a choice on step {', '.join(via)})" if via else ""
                yield self._result(
                    step,
                    Verdict.NOT_WALKED,
                    f"reached only through a choice{where}; branches are not walked",
                    cause="branch",
                )

    def close(self) -> None:
        if self.page is not None and not self.page.is_closed():
            self.page.close()

    # act: the practice person does each step --------------------------------------------

    def _act_step(self, step: Step) -> tuple[StepResult, Locator | None]:
        assert self.page is not None and self.autopilot is not None
        page, lang, opts = self.page, self.lang, self.options
        if step.open and not self._opened_at_start(step):
            error = self._goto(fill(step.open, self.params))
            if error is not None:
                return self._fail(
                    step, Verdict.INCOMPLETE, f"cannot open {step.open}: {error}"
                ), None
        if step.page is not None and not wait_place(page, step.page, self.params, opts.timeout):
            where = place_pattern(step.page, self.params)
            at = without_query(page.url)
            return self._fail(
                step,
                Verdict.UNREACHABLE,
                f"the step's page {where} was not reached (the browser is at {at})",
                cause="wrong-page",
            ), None
        settle(page, opts.timeout)
        finding: Finding | None = None
        target: Locator | None = None
        if step.target:
            finding = inspect_target(page, step, lang, self.params, opts.timeout)
            if finding.verdict is Verdict.SKIPPED:
                return self._from_finding(step, finding), None
            shot = self._shot(step, finding.locator)
            result = self._from_finding(step, finding)
            result.screenshot = shot
            if not finding.usable:
                result.completed = False
                self._failed = result
                return result, None
            target = finding.locator
        else:
            result = self._result(step, Verdict.OK, screenshot=self._shot(step, None))
        try:
            self.autopilot.perform(
                page,
                step,
                target,
                force=finding is not None and finding.verdict is Verdict.COVERED,
                checked=finding is not None and finding.actionable,
                timeout=opts.timeout,
            )
        except AutopilotRefused:
            raise
        except (PlaywrightError, AutopilotError) as exc:
            first = str(exc).strip().splitlines()[0]
            return self._incomplete(result, f"the practice person could not do it: {first}"), target
        if not self._wait_done(step, target):
            wanted = " or ".join(_done_text(d, lang, self.params) for d in step.done_when)
            return self._incomplete(
                result,
                f"its result did not happen within {opts.timeout:g} s (waited for {wanted}; "
                f"the page is {without_query(page.url)})",
            ), target
        return result, target

    def _wait_done(self, step: Step, target: Locator | None) -> bool:
        """Look for the step's result now and after each change of the page (bounded)."""
        assert self.page is not None
        page = self.page
        signals = Signals(confirmed=True, activated=True)  # the checker confirms itself

        def met() -> bool:
            pages = [p for p in self.context.pages if not p.is_closed()]
            return first_met(step, page, pages, target, self.lang, self.params, signals) is not None

        return until(page, met, self.options.timeout)

    def _fail(self, step: Step, verdict: Verdict, detail: str, **kw: object) -> StepResult:
        result = self._result(step, verdict, detail, completed=False, **kw)
        self._failed = result
        return result

    def _incomplete(self, result: StepResult, why: str) -> StepResult:
        if result.verdict is Verdict.OK:
            result.verdict = Verdict.INCOMPLETE
            result.detail = why
        else:
            result.detail = f"{result.detail}; {why}"
        result.completed = False
        self._failed = result
        return result

    # look: open addresses and look, never act ------------------------------------------

    def _look_step(self, step: Step) -> tuple[StepResult, Locator | None]:
        assert self.page is not None
        page, opts = self.page, self.options
        if step.open and not self._opened_at_start(step):
            url = fill(step.open, self.params)
            error = self._goto(url)
            self._pending, self._by_address = None, False
            self._tried.clear()
            if error is not None:
                return self._result(
                    step, Verdict.UNREACHABLE, f"cannot open {url}: {error}", cause="network"
                ), None
        if step.page is not None and not wait_place(page, step.page, self.params, 0.3):
            reached = self._open_by_address(step)
            if reached is not None:
                return reached, None
        settle(page, opts.timeout)
        if not step.target:
            return self._result(step, Verdict.OK, "the step's page is shown"), None
        blocked = self._pending is not None or self._by_address
        wait = min(opts.timeout, 1.0) if blocked else opts.timeout
        finding = inspect_target(page, step, self.lang, self.params, wait)
        result = self._from_finding(step, finding)
        if blocked and finding.verdict in (Verdict.MISSING, Verdict.HIDDEN):
            if self._pending is not None:
                why = f"it appears only after step {self._pending.id} (a click)"
            else:
                why = "its page was opened by its address, not through the earlier steps"
            result.verdict = Verdict.NOT_WALKED
            result.cause = "look-only"
            result.detail = f"{why}; live checks never click, type or submit ({finding.detail})"
        if finding.verdict is Verdict.COVERED and finding.locator is not None:
            earlier = self._covering_step(finding.locator)
            if earlier is not None:
                result.verdict = Verdict.OK
                result.detail = (
                    f"covered by {finding.covered_by} until step {earlier.id} is done "
                    "(live checks do not click it)"
                )
                result.covered_by = None
        if step.do == "click":
            self._pending = step
            self._skipped.append(step)
        return result, finding.locator

    def _covering_step(self, target: Locator) -> Step | None:
        """An earlier step we did not do whose target sits in what covers ``target``."""
        assert self.page is not None
        for earlier in reversed(self._skipped):
            res = resolve(self.page, earlier.target, self.lang, self.params)
            if res.locator is None:
                continue
            try:
                handle = res.locator.element_handle(timeout=1000)
                if handle is not None and target.evaluate(covered_by_js(), handle, timeout=1000):
                    return earlier
            except PlaywrightError:
                continue
        return None

    def _open_by_address(self, step: Step) -> StepResult | None:
        """Open the step's page by its address; a result when that does not reach it."""
        assert self.page is not None and step.page is not None
        page, params = self.page, self.params
        wanted = place_pattern(step.page, params)
        address = address_of(step.page, params)
        before = self._skipped[-1] if self._skipped else None
        if address is not None and address not in self._tried:
            self._tried.add(address)
            error = self._goto(address)
            self._pending, self._by_address = None, True
            if error is not None:
                why = "not in the HAR file" if self.options.har else error
                return self._result(
                    step, Verdict.NOT_WALKED, f"cannot open {address}: {why}", cause="network"
                )
            if wait_place(page, step.page, params, self.options.timeout):
                self._tried.clear()
                return None
        landed = origin_of(page.url) or ""
        if (
            landed in SIGN_IN_ORIGINS
            and (origin_of(fill(step.page.origin, params)) or "") != landed
        ):
            return self._result(
                step,
                Verdict.UNREACHABLE,
                f"needs sign-in: {address} leads to the sign-in page; save a signed-in session "
                "with `guide-runner login --save-state FILE` and check with --storage-state FILE",
                cause="sign-in",
            )
        after = f"step {before.id}" if before is not None else "earlier steps"
        return self._result(
            step,
            Verdict.NOT_WALKED,
            f"its page {wanted} is reached only by doing {after}; live checks never click, "
            f"type or submit (the browser is at {without_query(page.url)})",
            cause="look-only",
        )


def _describe(step: Step, index: int, lang: str) -> str:
    from guide_runner.locate import describe

    return describe(step.target[index], lang)


def walk(
    guide: Guide,
    lang: str,
    context: BrowserContext,
    options: WalkOptions,
    autopilot: Autopilot | None = None,
) -> Iterator[StepResult]:
    """The results of walking ``guide`` in ``lang``: the main path in order, then branch steps."""
    w = Walk(guide, lang, context, options, autopilot)
    try:
        yield from w
    finally:
        w.close()


__all__ = ["SIGN_IN_ORIGINS", "SiteUnreachable", "Walk", "WalkOptions", "on_place", "walk"]
