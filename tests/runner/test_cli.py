"""`guide-runner run` and `guide-runner demo` from the command line."""

from __future__ import annotations

import base64
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from guide_runner.cli.main import cli
from tests.processes import started_command, stderr_until


@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("guide_runner.browser.has_display", lambda: False)


def test_run_without_a_display_says_so(no_display: None) -> None:
    result = CliRunner().invoke(cli, ["run", "ny-mobil-tvastegs", "--lang", "en"])
    assert result.exit_code == 1
    assert "No display to show the browser on." in result.output
    assert "guide-runner run needs a visible browser window" in result.output
    assert "Traceback" not in result.output


def test_run_rejects_a_parameter_that_is_not_https() -> None:
    result = CliRunner().invoke(
        cli, ["run", "feil-epost-bankid", "--param", "enterprise_url=http://kommune.visma.no"]
    )
    assert result.exit_code == 2
    assert "must start with https://" in result.output


def test_run_rejects_an_unknown_parameter() -> None:
    result = CliRunner().invoke(cli, ["run", "ny-mobil-tvastegs", "--param", "x=1"])
    assert result.exit_code == 2
    assert "the guide has no parameter 'x'" in result.output


def test_pages_go_with_practice(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["run", "ny-mobil-tvastegs", "--pages", str(tmp_path)])
    assert result.exit_code == 2
    assert "--pages goes with --practice" in result.output


def test_headless_is_hidden_from_people() -> None:
    result = CliRunner().invoke(cli, ["run", "-h"])
    assert result.exit_code == 0
    assert "--practice" in result.output and "--headless" not in result.output


def test_demo_headed_without_a_display(no_display: None) -> None:
    result = CliRunner().invoke(cli, ["demo", "ny-mobil-tvastegs", "--headed", "--lang", "sv"])
    assert result.exit_code == 1
    assert "Hittade ingen skärm" in result.output


def test_demo_writes_the_report_and_prints_its_path(tmp_path: Path) -> None:
    # A real process: this test worker may already run Playwright's sync API (its event
    # loop), and a person runs the command that way anyway.
    out = tmp_path / "out"
    command = ["demo", "feil-epost-bankid", "--lang", "en", "--out", str(out)]
    result = subprocess.run(
        [sys.executable, "-m", "guide_runner", *command],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = out / "report.html"
    assert result.stdout.strip() == str(report)
    assert "22 steps done" in result.stderr
    page = report.read_text()
    assert page.count('src="data:image/png;base64,') == 22
    assert "Step 9 of 22" in page and "Filled-in fields are hidden in this picture." in page
    first = re.search(r'base64,([A-Za-z0-9+/=]+)"', page)
    assert first and base64.b64decode(first.group(1))[:4] == b"\x89PNG"


def _demo_process(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    # The demo loads the guide on a thread while the browser starts; a real process shows
    # what a person sees when either fails.
    return subprocess.run(
        [sys.executable, "-m", "guide_runner", "demo", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_demo_names_an_unknown_guide_before_a_missing_browser(tmp_path: Path) -> None:
    result = _demo_process(
        "feil-epost-bankd", "--out", str(tmp_path), env={"GUIDE_RUNNER_BROWSER": "/nonexistent"}
    )
    assert result.returncode == 2
    assert "Did you mean: feil-epost-bankid?" in result.stderr
    assert "does not exist" not in result.stderr and "Traceback" not in result.stderr


def test_demo_without_a_browser_says_how_to_get_one(tmp_path: Path) -> None:
    result = _demo_process(
        "feil-epost-bankid", "--out", str(tmp_path), env={"GUIDE_RUNNER_BROWSER": "/nonexistent"}
    )
    assert result.returncode == 1
    assert "The browser '/nonexistent' does not exist." in result.stderr
    assert "playwright install chromium" in result.stderr and "Traceback" not in result.stderr


def test_demo_with_a_broken_guide_names_file_and_line(tmp_path: Path) -> None:
    guides = tmp_path / "guides"
    guides.mkdir()
    (guides / "broken.yaml").write_text("id: broken\ntitle: {nb: x}\nstepz: []\n")
    result = _demo_process("broken", "--guides", str(guides), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "broken.yaml:3" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_run_names_an_unknown_guide_before_a_missing_browser() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "guide_runner", "run", "ny-mobil-tvastegz", "--headless"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "GUIDE_RUNNER_BROWSER": "/nonexistent"},
    )
    assert result.returncode == 2
    assert "Did you mean: ny-mobil-tvastegs?" in result.stderr
    assert "does not exist" not in result.stderr and "Traceback" not in result.stderr


def test_run_on_the_practice_site_reaches_the_first_highlight() -> None:
    # The browser starts while the guide loads; the terminal then shows step 2 (the first
    # outlined target). Read line by line until it does, then stop the run.
    command = ["run", "feil-epost-bankid", "--lang", "en", "--practice", "--headless"]
    with started_command(command) as process:
        seen = stderr_until(process, "2/22")
        process.terminate()
        process.wait(timeout=60)
    text = "".join(seen)
    assert "▶ 2/22" in text and "Traceback" not in text, text
