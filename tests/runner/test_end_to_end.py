"""Both guides × nb, sv, en on the practice site: with a person acting from outside the
runner (second Playwright connection over CDP, own thread) — proving the runner never
clicks, types (not even through a raw CDP session) or reads what is typed (not even in the
page), and that no secret reaches any output — and with the demo's autopilot."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from rich.console import Console

from guide_runner.autopilot import Autopilot
from guide_runner.practice import PracticeSite
from guide_runner.runner import report
from guide_runner.runner.companion import Companion
from guide_runner.runner.demo import DemoPerson
from guide_runner.runner.engine import Engine, Settings
from guide_runner.runner.events import Event
from guide_runner.runner.highlight import OverlayHighlighter
from guide_runner.runner.keys import NoKeys, QueuedKeys
from guide_runner.runner.origins import Pins
from guide_runner.runner.session import PRACTICE_MAILBOX, locale_for
from guide_runner.runner.tracker import PageTracker
from tests.runner.guides_under_test import GUIDES, LANGS, shipped
from tests.runner.outside import OutsidePerson
from tests.runner.page_spies import record_cdp, tag_init_scripts, trap_typed_value_reads
from tests.runner.spy import count_untrusted_events, record_input_calls

CANARY_PASSWORD = "Kanari-Passord-41!"
CANARY_NEW_PASSWORD = "Kanari-Nytt-Passord-42!"
CANARY_ONE_TIME = "KNRI-7777-CANA-RY00-SEC1"


def _settings(lang: str, params: dict[str, str], notes: Path) -> Settings:
    return Settings(
        lang=lang,
        params=params,
        target_timeout=8.0,
        notes_dir=notes,
        practice=True,
        neutral_origins=frozenset({PRACTICE_MAILBOX}),
        mailbox_address=PRACTICE_MAILBOX + "/",
        max_seconds=150,
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("guide_id", GUIDES)
def test_person_outside_completes_and_runner_never_touches_or_leaks(
    runner_browser: Browser,
    cdp_port: int,
    guide_id: str,
    lang: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    guide = shipped(guide_id)
    params = {name: spec.default for name, spec in guide.parameters.items()}
    context = runner_browser.new_context(locale=locale_for(lang), service_workers="block")
    try:
        site = PracticeSite()
        site.install(context)
        untrusted = count_untrusted_events(context)
        reads = trap_typed_value_reads(context)
        values = Autopilot.for_guide(site, guide)
        account = values.account
        account.password = CANARY_PASSWORD  # the secrets this person types
        if account.one_time_code:
            account.one_time_code = CANARY_ONE_TIME
        values.new_password = CANARY_NEW_PASSWORD
        keys = QueuedKeys()
        person = OutsidePerson(f"http://127.0.0.1:{cdp_port}", guide, lang, params, values, keys)
        terminal = io.StringIO()
        companion = Companion(guide, lang, params, Console(file=terminal, width=100), live=False)
        events: list[Event] = []
        tracker = PageTracker(context)
        tracker.new_page()
        notes = tmp_path / "notes"
        engine = Engine(
            guide,
            tracker,
            OverlayHighlighter(Pins.for_guide(guide, params)),
            _settings(lang, params, notes),
            keys=keys,
            listeners=[companion, person.listen, events.append],
        )
        person.start()
        with (
            record_input_calls(monkeypatch) as calls,
            record_cdp(monkeypatch) as cdp,
            tag_init_scripts(monkeypatch),  # the overlay's script is named in a stack
        ):
            outcome = engine.run()
        person.join(15)
        context.cookies()  # a round trip: the page's reports sent before it have arrived
        assert outcome.finished, (
            outcome,
            person.errors,
            person.actions[-3:],
            terminal.getvalue()[-800:],
        )
        assert not person.errors
        assert outcome.done == [s.id for s in guide.main_path()]
        # No input on a live page: not one input-like call from the runner's thread …
        assert calls == []
        # … and not one script-made input event in any page …
        assert untrusted == []
        # … and no CDP session: it could press trusted keys (Input.dispatchKeyEvent) or
        # run scripts that no spy above sees. Only the demo's camera opens one.
        assert cdp == []
        # No script the runner evaluated or added read a typed field (value, selection,
        # FormData) in any page, not even to keep it there.
        assert reads == []
        # No secret leaves the page.
        secrets = [CANARY_PASSWORD, CANARY_NEW_PASSWORD, CANARY_ONE_TIME, "246810"]
        if account.one_time_code:
            secrets.append(account.one_time_code)  # the new code the site showed
        captured = capfd.readouterr()
        outputs = {
            "terminal": terminal.getvalue(),
            "stdout": captured.out,
            "stderr": captured.err,
            "logs": caplog.text,
            "events": "\n".join(repr(e) for e in events),
            "files": "\n".join(
                p.read_text(errors="replace") for p in tmp_path.rglob("*") if p.is_file()
            ),
        }
        for name, text in outputs.items():
            for secret in secrets:
                assert secret not in text, f"{secret!r} leaked into {name}"
        assert "token" not in outputs["terminal"].lower()
    finally:
        context.close()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("guide_id", GUIDES)
def test_demo_autopilot_completes_with_report(
    runner_browser: Browser, guide_id: str, lang: str, tmp_path: Path
) -> None:
    guide = shipped(guide_id)
    params = {name: spec.default for name, spec in guide.parameters.items()}
    context = runner_browser.new_context(
        locale=locale_for(lang), service_workers="block", viewport={"width": 1280, "height": 800}
    )
    try:
        site = PracticeSite()
        autopilot = Autopilot.for_guide(site, guide)
        autopilot.attach(context)
        tracker = PageTracker(context, screenshots=True)
        tracker.new_page()
        recorder = report.Recorder(lang)
        shots = lang == "nb"  # pictures in one language keep the suite quick
        engine = Engine(
            guide,
            tracker,
            OverlayHighlighter(Pins.for_guide(guide, params)),
            _settings(lang, params, tmp_path / "notes"),
            keys=NoKeys(),
            listeners=[recorder],
            person=DemoPerson(autopilot, recorder, screenshots=shots),
        )
        outcome = engine.run()
        assert outcome.finished, (outcome, autopilot.actions[-3:])
        path = report.write(recorder, tmp_path / "out", "t", guide.id)
        page = path.read_text()
        assert 'src="http' not in page and "<link" not in page and "<script" not in page
        assert len(recorder.entries) == len(guide.main_path())
        if shots:
            assert [e.step_id for e in recorder.entries if not e.screenshot] == []
            assert all(e.masked for e in recorder.entries if e.sensitive)
            # In both guides the step after a secret is typed acts on the same form ("Log
            # in", "Verify"): its picture shows the filled field, so it is masked too.
            steps = {s.id: s for s in guide.steps}
            for before, after in zip(recorder.entries, recorder.entries[1:], strict=False):
                if steps[before.step_id].sensitive and steps[before.step_id].do == "type":
                    assert after.masked, (before.step_id, after.step_id)
            account = autopilot.account
            typed = {account.password, autopilot.new_password, account.one_time_code} - {None}
            for secret in typed:
                assert secret not in page
    finally:
        context.close()
