"""`guide-runner check` and `guide-runner login` from the command line."""

from __future__ import annotations

import base64
import json
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from guide_runner.cli.main import cli

from .conftest import make_variant
from .guides import guide_file

pytestmark = pytest.mark.browser
SECRETS = ("Ovelse-Passord1!", "Nytt-Passord-2026!", "Nytt-Passord-2027!")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guide_runner", *args], capture_output=True, text=True, timeout=600
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Name one or more guides, or use --all."),
        (["--all", "feil-epost-bankid"], "Name guides or use --all, not both."),
        (["feil-epost-bankid", "--lang", "nb", "--all-langs"], "Use --lang or --all-langs"),
        (["feil-epost-bankid", "--site", "live", "--pages", "."], "--pages overrides"),
        (["feil-epost-bankid", "--lang", "fi"], "feil-epost-bankid has no fi"),
        (["feil-epost-bankid", "--param", "oops"], "'oops' is not NAME=VALUE"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["check", *args])
    assert result.exit_code == 2
    assert message in result.output


def test_unknown_guide_is_a_clear_error() -> None:
    result = CliRunner().invoke(cli, ["check", "no-such-guide"])
    assert result.exit_code == 2  # a usage error, not "drift found"
    assert "No guide 'no-such-guide'" in result.output


def test_json_report_and_exit_0_on_the_practice_site(tmp_path: Path) -> None:
    guide = guide_file("feil-epost-bankid", tmp_path / "guides")
    report = tmp_path / "report"
    proc = run("check", str(guide), "--lang", "nb", "--json", "--report", str(report))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["schema_version"] == 1 and data["site"] == "practice" and data["exit_code"] == 0
    assert data["drift"] is False
    assert data["summary"]["ok"] == 22
    first = data["results"][0]
    assert set(first) >= {
        "guide",
        "lang",
        "step",
        "number",
        "verdict",
        "drift",
        "detail",
        "cause",
        "candidate",
        "matched",
        "counts",
        "matches",
        "covered_by",
        "suggestions",
        "proposal",
        "url",
        "seconds",
        "aria_snapshot",
    }
    assert first["key"] == "feil-epost-bankid[nb]::01-kontoinnstillinger"
    assert "22 steps: 22 ok — no drift" in proc.stderr
    # The HTML report is one self-contained page with a screenshot per step.
    page = (report / "index.html").read_text(encoding="utf-8")
    assert page.count('src="data:image/jpeg;base64,') == 22
    assert not re.search(r'(src|href)="(https?:)?//', page)
    # Every step with a target is shown by the project's overlay in its screenshot (18 of the
    # guide's steps have one); the report then draws no box of its own over the image.
    assert page.count('class="shot overlaid"') == 18
    assert page.count('class="outline"') == 0
    # No query strings (reset tokens) and no secrets anywhere.
    assert "token=" not in proc.stdout and "token=" not in page
    for secret in SECRETS:
        assert secret not in proc.stdout and secret not in proc.stderr and secret not in page
    jpeg = re.search(r'src="data:image/jpeg;base64,([^"]+)"', page)
    assert jpeg is not None and base64.b64decode(jpeg.group(1))[:2] == b"\xff\xd8"


def test_drift_exits_1_with_table_and_suggestions(tmp_path: Path) -> None:
    guide = guide_file("feil-epost-bankid", tmp_path / "guides")
    pages = make_variant(
        tmp_path / "pages",
        "connect.visma.com",
        "password.html",
        "{{ password.forgot }}",
        "Problemer med å logge inn?",
    )
    report = tmp_path / "report"
    proc = run("check", str(guide), "--lang", "nb", "--pages", str(pages), "--report", str(report))
    assert proc.returncode == 1, proc.stderr
    assert "05-glemt-passord" in proc.stdout and "missing" in proc.stdout
    assert "Problemer med å logge inn?" in proc.stdout
    assert "step 05-glemt-passord could not be" in proc.stdout
    page = (report / "index.html").read_text(encoding="utf-8")
    assert "Accessibility snapshot of the page" in page
    assert "Closest names on the page" in page


def test_login_headless_writes_the_state_with_mode_0600(tmp_path: Path) -> None:
    target = tmp_path / "state.json"
    target.write_text("{}", encoding="utf-8")
    target.chmod(0o644)  # an existing, readable file is tightened too
    proc = run("login", "--save-state", str(target), "--headless", "--url", "about:blank")
    assert proc.returncode == 0, proc.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert json.loads(target.read_text(encoding="utf-8")) == {"cookies": [], "origins": []}
    assert "is a key to your Visma account" in proc.stderr


def test_login_without_display_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = CliRunner().invoke(cli, ["login", "--save-state", str(tmp_path / "s.json")])
    assert result.exit_code == 1
    assert "no display" in result.output
    assert not (tmp_path / "s.json").exists()
