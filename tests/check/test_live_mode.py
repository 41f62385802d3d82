"""Live checks only look: no typing, no submission, no click — proved on the practice site.

The look-only walk runs on the practice site with every Playwright input method wrapped
(any call is recorded), every request's method recorded, and an init script that reports
every trusted input event the page receives.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Locator
from playwright.sync_api import _generated as generated

from guide_runner.check.run import CheckConfig, new_context
from guide_runner.check.walker import WalkOptions, walk
from guide_runner.guide import Guide
from guide_runner.practice import PracticeSite
from tests.input_methods import forbidden

pytestmark = pytest.mark.browser

DATA = Path(__file__).with_name("data")

# Everything that acts on a page (reading what was typed is allowed: nothing is typed here).
INPUT_METHODS = {getattr(generated, cls): names for cls, names in forbidden(reading=False).items()}

EVENTS_JS = """
for (const type of ["click", "mousedown", "pointerdown", "keydown", "input", "change",
                    "submit", "dragstart", "touchstart"]) {
  window.addEventListener(type, (e) => { if (e.isTrusted) window.__grSawInput(type); }, true);
}
"""


def _record(
    calls: list[str], cls: type, name: str, original: Callable[..., Any]
) -> Callable[..., Any]:
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(f"{cls.__name__}.{name}")  # even a trial click sends pointer events
        return original(self, *args, **kwargs)

    return wrapper


@pytest.mark.parametrize("guide_id", ["feil-epost-bankid", "ny-mobil-tvastegs"])
def test_look_only_walk_never_acts(
    browser: Browser, guides: dict[str, Guide], guide_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[str] = []
    for cls, names in INPUT_METHODS.items():
        for name in names:
            if hasattr(cls, name):
                monkeypatch.setattr(cls, name, _record(calls, cls, name, getattr(cls, name)))
    guide = guides[guide_id]
    context = new_context(browser, "nb", CheckConfig(site="live"))
    site = PracticeSite()
    site.install(context)
    methods: list[str] = []
    events: list[str] = []
    context.on("request", lambda request: methods.append(request.method))
    context.expose_function("__grSawInput", lambda kind: events.append(kind))
    context.add_init_script(EVENTS_JS)
    try:
        results = list(walk(guide, "nb", context, WalkOptions(act=False, timeout=1.5)))
    finally:
        context.close()
    assert calls == []
    assert events == []
    assert set(methods) <= {"GET"}, methods
    assert [m for m, _url, _status in site.served if m != "GET"] == []
    # It still looked: the sign-in page's steps were checked.
    verdicts = {r.step: r.verdict.value for r in results}
    assert verdicts[guide.steps[2].id] == "ok"  # the email field
    assert verdicts[guide.steps[3].id] == "ok"  # the Next button
    assert all(v != "ok" or r.step in verdicts for r in results for v in [r.verdict.value])
    # Nothing was typed or sent: no account changed, no mail went out.
    assert site.state.mails == []
    assert site.state.connect_user is None


def test_instrumentation_sees_an_action(browser: Browser, monkeypatch: pytest.MonkeyPatch) -> None:
    """The wrapper and the event counter would catch an action (so the test above can fail)."""
    calls: list[str] = []
    monkeypatch.setattr(Locator, "click", _record(calls, Locator, "click", Locator.click))
    context = browser.new_context()
    events: list[str] = []
    context.expose_function("__grSawInput", lambda kind: events.append(kind))
    context.add_init_script(EVENTS_JS)
    try:
        page = context.new_page()
        page.goto("data:text/html,<button>OK</button>")
        page.get_by_role("button").click()
        page.wait_for_timeout(100)
        assert calls == ["Locator.click"]
        assert "click" in events
    finally:
        context.close()


def test_live_offline_exits_2_with_one_clear_sentence() -> None:
    started = time.monotonic()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "guide_runner",
            "check",
            "feil-epost-bankid",
            "--site",
            "live",
            "--timeout",
            "3",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert lines == [
        "error: Cannot reach https://accountsettings.connect.visma.com: no network connection?"
    ]
    assert "Traceback" not in proc.stderr
    assert proc.stdout == ""
    assert time.monotonic() - started < 60


def test_har_replay(browser: Browser, guides: dict[str, Guide], tmp_path: Path) -> None:
    """Record the practice site's pages into a HAR, then check offline from the HAR alone."""
    har = tmp_path / "practice.har"
    context = browser.new_context(locale="nb-NO", record_har_path=str(har), service_workers="block")
    PracticeSite().install(context)
    page = context.new_page()
    page.goto("https://connect.visma.com/")
    page.locator("#Username").wait_for()
    context.close()
    assert har.stat().st_size > 0
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "guide_runner",
            "check",
            str(DATA / "har-sign-in.yaml"),
            "--lang",
            "nb",
            "--har",
            str(har),
            "--json",
            "--timeout",
            "2",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode in (0, 1), proc.stderr
    import json

    data = json.loads(proc.stdout)
    verdicts = {r["step"]: r["verdict"] for r in data["results"]}
    assert data["site"] == "har"
    for step in ("01-kontoinnstillinger", "02-informasjonskapsler", "03-skriv-epost", "04-neste"):
        assert verdicts[step] == "ok", [(r["step"], r["detail"]) for r in data["results"]][:6]
    assert verdicts["05-glemt-passord"] == "not-walked"  # only a click reaches it
    assert proc.returncode == 0
