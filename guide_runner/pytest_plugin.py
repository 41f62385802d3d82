"""pytest plugin: a test per guide x language x step, e.g. ``feil-epost-bankid[nb]::04-neste``.

Inactive unless guides are named: ``pytest --guides selectors/`` or the ini option
``guides = selectors``. Built on pytest-playwright's ``browser`` fixture, so its options
(``--browser-channel``, ``--headed``, ``--tracing``, ``--screenshot``, ``--output``) apply;
this plugin declares only its own (``--guides``, ``--guide-site``, ``--guide-pages``,
``--guide-lang``, ``--guide-timeout``, ``--guide-storage-state``). The steps of one
guide x language share one browser context and are walked in order, lazily: running a
single step walks the steps before it first. ``--tracing``, ``--screenshot`` and ``--video``
are refused with ``--guide-storage-state`` (they would record the signed-in session). A
failing step's message is the verdict and suggestions that ``guide-runner check`` prints.
With pytest-xdist, use ``--dist loadgroup`` so each guide x language stays on one worker
(otherwise a worker re-walks what it needs).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

    from guide_runner.check.run import CheckConfig
    from guide_runner.check.verdicts import StepResult
    from guide_runner.check.walker import Walk
    from guide_runner.guide.model import Guide


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("guide_runner", "guide-runner: guide accuracy checks")
    group.addoption(
        "--guides",
        action="append",
        default=[],
        metavar="PATH",
        help="Guide file or folder to check, one test per guide x language x step (repeatable).",
    )
    group.addoption(
        "--guide-site",
        choices=("practice", "live"),
        default=None,
        help="Where to check the guides: practice (default; acts as the practice person) or "
        "live (real pages, only opening addresses and looking).",
    )
    group.addoption(
        "--guide-pages",
        default=None,
        metavar="DIR",
        help="Override folder for the practice site (<host>/<path> files).",
    )
    group.addoption(
        "--guide-lang",
        action="append",
        default=[],
        metavar="LANG",
        help="Only this language (repeatable). Default: every language of each guide.",
    )
    group.addoption(
        "--guide-timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="How long to wait for a target, page or result [practice 3, live 10].",
    )
    group.addoption(
        "--guide-storage-state",
        default=None,
        metavar="FILE",
        help="Signed-in session from `guide-runner login --save-state` (live only).",
    )
    parser.addini("guides", type="paths", default=[], help="Guide files or folders to check.")
    parser.addini("guide_site", default="practice", help="practice or live.")


def _guide_files(config: pytest.Config) -> list[Path]:
    given = [Path(p) for p in config.getoption("--guides")]
    if not given:
        given = [Path(p) for p in config.getini("guides")]
    files: list[Path] = []
    for path in given:
        if path.is_dir():
            files += sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))
        else:
            files.append(path)
    return files


def _active(config: pytest.Config) -> bool:
    return bool(config.getoption("--guides") or config.getini("guides"))


# pytest-playwright's options that record pages. A trace holds DOM snapshots and the
# network (cookies included); a screenshot or video shows the person's own details.
_RECORDING = ("--tracing", "--screenshot", "--video")


def _refuse_recording_a_session(config: pytest.Config) -> None:
    """A signed-in session is never traced, pictured or filmed (docs/checks.md)."""
    if not config.getoption("--guide-storage-state"):
        return
    values = {name: config.getoption(name, default="off") for name in _RECORDING}
    on = [f"{name} {value}" for name, value in values.items() if value not in ("off", None)]
    if on:
        raise pytest.UsageError(
            f"--guide-storage-state does not go with {', '.join(on)}: a trace, screenshot or "
            "video of a signed-in session would hold its cookies and personal details"
        )


def pytest_configure(config: pytest.Config) -> None:
    if not _active(config):
        return
    _refuse_recording_a_session(config)  # before any browser starts
    config.addinivalue_line("markers", "guide_step: a guide-runner guide step check")
    if not config.pluginmanager.hasplugin("xdist"):
        config.addinivalue_line("markers", "xdist_group(name): pytest-xdist grouping")


def _check_config(config: pytest.Config) -> CheckConfig:
    from guide_runner.check.run import CheckConfig

    site = config.getoption("--guide-site") or config.getini("guide_site") or "practice"
    if site not in ("practice", "live"):
        raise pytest.UsageError(f"guide_site must be practice or live, not {site!r}")
    pages = config.getoption("--guide-pages")
    state = config.getoption("--guide-storage-state")
    timeout = config.getoption("--guide-timeout")
    looking = site == "live"
    if pages and looking:
        raise pytest.UsageError("--guide-pages goes with the practice site, not --guide-site live")
    default = 10.0 if looking else 3.0
    return CheckConfig(
        site="live" if looking else "practice",
        pages_dir=Path(pages) if pages else None,
        storage_state=Path(state) if state and looking else None,
        timeout=timeout or default,
        nav_timeout=timeout or (20.0 if looking else 10.0),
    )


# Collection ----------------------------------------------------------------------------


class GuideLangCollector(pytest.Collector):
    """All steps of one guide in one language: ``feil-epost-bankid[nb]``."""

    def __init__(self, *, guide: Guide, lang: str, **kw: Any) -> None:
        super().__init__(**kw)
        self.guide = guide
        self.lang = lang

    def collect(self) -> list[pytest.Item]:
        group = pytest.mark.xdist_group(name=f"{self.guide.id}[{self.lang}]")
        items: list[pytest.Item] = []
        for step in self.guide.steps:
            item = GuideStepItem.from_parent(
                self, name=step.id, callobj=_check_step, guide=self.guide, lang=self.lang
            )
            item.add_marker(group)
            item.add_marker("guide_step")
            items.append(item)
        return items


class GuideStepItem(pytest.Function):
    def __init__(self, *, guide: Guide, lang: str, **kw: Any) -> None:
        super().__init__(**kw)
        self.guide = guide
        self.lang = lang

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return Path(self.guide.id + ".yaml"), None, self.nodeid


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(
    session: pytest.Session, config: pytest.Config, items: list[pytest.Item]
) -> None:
    if not _active(config):
        return
    from guide_runner.guide.loader import GuideError, load_guide

    langs: list[str] = config.getoption("--guide-lang")
    for path in _guide_files(config):
        try:
            guide = load_guide(path)
        except GuideError as exc:
            raise pytest.UsageError(str(exc)) from None
        for lang in guide.languages:
            if langs and lang not in langs:
                continue
            name = f"{guide.id}[{lang}]"
            collector = GuideLangCollector.from_parent(
                session, name=name, nodeid=name, guide=guide, lang=lang
            )
            items.extend(_genitems(session, collector))


def _genitems(session: pytest.Session, collector: pytest.Collector) -> Iterator[pytest.Item]:
    genitems = getattr(session, "genitems", None)
    if genitems is not None:  # also reports the collection (counted by the terminal)
        yield from genitems(collector)
    else:  # pragma: no cover - older pytest
        for node in collector.collect():
            assert isinstance(node, pytest.Item)
            yield node


# Running ---------------------------------------------------------------------------------


@dataclass
class _Entry:
    context: BrowserContext
    walk: Walk
    steps: Iterator[StepResult]
    results: dict[str, StepResult] = field(default_factory=dict)
    done: bool = False
    error: str | None = None


class WalkCache:
    """Walks shared by the steps of each guide x language, advanced lazily."""

    def __init__(self, browser: Browser, config: CheckConfig):
        self.browser = browser
        self.config = config
        self.entries: dict[tuple[str, str], _Entry] = {}

    def entry(self, guide: Guide, lang: str) -> _Entry:
        key = (guide.id, lang)
        if key not in self.entries:
            from guide_runner.check.run import Job, start_walk

            context, walk = start_walk(self.browser, Job(guide, lang), self.config)
            self.entries[key] = _Entry(context, walk, iter(walk))
        return self.entries[key]

    def result(self, guide: Guide, lang: str, step_id: str) -> StepResult:
        from guide_runner.check.walker import SiteUnreachable

        e = self.entry(guide, lang)
        while step_id not in e.results and not e.done and e.error is None:
            try:
                r = next(e.steps)
            except StopIteration:
                self._finish(e)
                break
            except SiteUnreachable as exc:
                e.error = str(exc)
                self._finish(e)
                break
            e.results[r.step] = r
        if e.error is not None:
            pytest.fail(e.error, pytrace=False)
        if step_id not in e.results:
            pytest.fail(f"{guide.id}[{lang}]: step {step_id} was not checked", pytrace=False)
        return e.results[step_id]

    def _finish(self, e: _Entry) -> None:
        e.done = True
        e.walk.close()
        e.context.close()

    def close(self) -> None:
        for e in self.entries.values():
            if not e.done:
                self._finish(e)


_SLUG = re.compile(r"[^A-Za-z0-9_.-]+")


@pytest.fixture(scope="session")
def guide_runner_walks(browser: Browser, pytestconfig: pytest.Config) -> Iterator[WalkCache]:
    """The shared walks (requested only by guide step items)."""
    cache = WalkCache(browser, _check_config(pytestconfig))
    yield cache
    cache.close()


def _artifacts_dir(config: pytest.Config, item: pytest.Item) -> Path:
    base = Path(str(config.getoption("--output", default="test-results") or "test-results"))
    return base / _SLUG.sub("-", item.nodeid).strip("-")


def _check_step(request: pytest.FixtureRequest, guide_runner_walks: WalkCache) -> None:
    from guide_runner.check.verdicts import Verdict

    item = request.node
    assert isinstance(item, GuideStepItem)
    config = request.config
    tracing = str(config.getoption("--tracing", default="off") or "off")
    entry = guide_runner_walks.entry(item.guide, item.lang)
    traced = tracing in ("on", "retain-on-failure") and not entry.done
    if traced:
        _start_trace(entry.context)
    failed = True
    try:
        result = guide_runner_walks.result(item.guide, item.lang, item.name)
        failed = result.drift
    finally:
        if traced and not entry.done:
            keep = tracing == "on" or failed
            path = _artifacts_dir(config, item) / "trace.zip" if keep else None
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            entry.context.tracing.stop_chunk(path=path)
    if failed and str(config.getoption("--screenshot", default="off")) != "off":
        page = entry.walk.page
        if page is not None and not page.is_closed():
            target = _artifacts_dir(config, item) / "screenshot.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=target, mask=[page.locator("input, textarea")])
    if (
        result.verdict in (Verdict.SKIPPED, Verdict.NOT_WALKED)
        or result.cause == "previous-step"  # the step that broke the walk fails instead
        or (result.verdict is not Verdict.OK and not result.drift)
    ):
        pytest.skip(result.message())
    if result.drift:
        pytest.fail(result.message(), pytrace=False)


def _start_trace(context: BrowserContext) -> None:
    if not getattr(context, "_guide_runner_tracing", False):
        context.tracing.start(screenshots=True, snapshots=True)
        context._guide_runner_tracing = True  # type: ignore[attr-defined]
    context.tracing.start_chunk()
