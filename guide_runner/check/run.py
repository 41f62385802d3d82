"""Running checks: one browser per worker, one context per guide x language.

Workers are threads, each with its own Playwright and browser (Playwright's sync API is
per thread); the browsers do the work, so threads are enough to use several cores: a
check spends ~8 % of its CPU time in Python (route handlers included), the rest in
Chromium and the Playwright driver. Worker processes were measured and were slower on two
cores (each process starts its own interpreter and imports). With several workers the
longest walks start first.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from playwright.sync_api import Browser, BrowserContext, sync_playwright

from guide_runner.check.verdicts import StepResult
from guide_runner.check.walker import Walk, WalkOptions
from guide_runner.guide.model import Guide

Site = Literal["practice", "live", "har"]
LOCALES = {"nb": "nb-NO", "sv": "sv-SE", "en": "en-US", "da": "da-DK", "fi": "fi-FI"}
VIEWPORT = {"width": 1280, "height": 800}


@dataclass(frozen=True)
class CheckConfig:
    site: Site = "practice"
    pages_dir: Path | None = None
    har: Path | None = None
    storage_state: Path | None = None
    timeout: float = 3.0
    nav_timeout: float = 15.0
    screenshots: bool = False
    params: dict[str, str] = field(default_factory=dict)
    headless: bool = True
    launch_kwargs: dict[str, Any] = field(default_factory=dict)

    @property
    def acts(self) -> bool:
        return self.site == "practice"


@dataclass(frozen=True)
class Job:
    guide: Guide
    lang: str

    @property
    def key(self) -> str:
        return f"{self.guide.id}[{self.lang}]"


def new_context(browser: Browser, lang: str, config: CheckConfig) -> BrowserContext:
    """A fresh context for one guide x language: the language's locale, no service workers."""
    options: dict[str, Any] = {
        "locale": LOCALES.get(lang, lang),
        "viewport": VIEWPORT,
        "service_workers": "block",
    }
    if config.storage_state is not None and config.site != "practice":
        options["storage_state"] = str(config.storage_state)
    if config.site == "practice":
        from guide_runner.practice import PracticeSite

        # A dead-end proxy: a connection that escapes routing goes nowhere.
        options.update(PracticeSite.context_options())
    context = browser.new_context(**options)
    if config.har is not None:
        context.route_from_har(config.har, not_found="abort")
    return context


def start_walk(browser: Browser, job: Job, config: CheckConfig) -> tuple[BrowserContext, Walk]:
    """A fresh context for ``job`` (with the practice site when acting) and its walk."""
    context = new_context(browser, job.lang, config)
    try:
        autopilot = None
        if config.acts:
            from guide_runner.autopilot import Autopilot
            from guide_runner.practice import PracticeSite

            autopilot = Autopilot.for_guide(PracticeSite(config.pages_dir), job.guide)
            autopilot.attach(context)
        options = WalkOptions(
            act=config.acts,
            timeout=config.timeout,
            nav_timeout=config.nav_timeout,
            screenshots=config.screenshots,
            har=config.har is not None,
            params=config.params,
        )
        return context, Walk(job.guide, job.lang, context, options, autopilot)
    except BaseException:
        context.close()
        raise


def walk_job(browser: Browser, job: Job, config: CheckConfig) -> Iterator[StepResult]:
    """Walk one guide x language in its own context; the context is closed at the end."""
    context, walk = start_walk(browser, job, config)
    try:
        yield from walk
    finally:
        walk.close()
        context.close()


Progress = Callable[[Job, list[StepResult], float], None]


def run_jobs(
    jobs: Sequence[Job], config: CheckConfig, workers: int = 1, progress: Progress | None = None
) -> list[StepResult]:
    """Walk every job; results in the jobs' order. The first infrastructure error is raised."""
    todo: queue.Queue[tuple[int, Job]] = queue.Queue()
    order = list(enumerate(jobs))
    if workers > 1:
        # Longest walks first, so the workers finish together (results keep the jobs' order).
        order.sort(key=lambda item: -len(item[1].guide.steps))
    for item in order:
        todo.put(item)
    done: dict[int, list[StepResult]] = {}
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(headless=config.headless, **config.launch_kwargs)
                try:
                    while not errors:
                        try:
                            index, job = todo.get_nowait()
                        except queue.Empty:
                            return
                        started = time.monotonic()
                        results = list(walk_job(browser, job, config))
                        with lock:
                            done[index] = results
                        if progress is not None:
                            progress(job, results, time.monotonic() - started)
                finally:
                    browser.close()
        except BaseException as exc:  # handed to the caller's thread
            with lock:
                errors.append(exc)

    # Always in threads: the caller's thread may already run Playwright (e.g. under pytest).
    count = max(1, min(workers, len(jobs)))
    threads = [threading.Thread(target=worker, daemon=True) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return [r for i in range(len(jobs)) for r in done.get(i, [])]
