"""The commands as a person runs them, in real processes: a browser that does not start,
Ctrl-C from a terminal (SIGINT to the whole process group), a report that cannot be written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from guide_runner.cli.main import cli
from tests.processes import started_command, stderr_until

pytestmark = pytest.mark.browser

NOISE = ("Traceback", "Future exception", "Connection closed", "Aborted")


def guide_runner(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guide_runner", *args],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )


# -- item 2: a browser that does not start ----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["demo", "feil-epost-bankid"], 1),
        (["run", "feil-epost-bankid", "--practice", "--headless"], 1),
        (["login", "--save-state", "state.json", "--headless"], 1),
        (["practice"], 1),
        (["check", "feil-epost-bankid"], 2),  # check: an infrastructure problem
    ],
)
def test_a_browser_that_does_not_start_is_named(args: list[str], code: int, tmp_path: Path) -> None:
    env = {"GUIDE_RUNNER_BROWSER": "/bin/true", "DISPLAY": ":404"}  # practice wants a display
    result = guide_runner(*args, env=env, cwd=tmp_path)
    assert result.returncode == code, result.stderr
    assert result.stderr.startswith("error: The browser at /bin/true failed to start: ")
    assert "Run `guide-runner doctor`" in result.stderr
    assert "BrowserType" not in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) <= 3
    assert not (tmp_path / "state.json").exists()


# -- item 9: a HAR file that cannot be replayed -----------------------------------------------


def test_a_broken_har_file_is_named_without_playwright_internals(tmp_path: Path) -> None:
    har = tmp_path / "bad.har"
    har.write_text("{\n\ngarbage\n")
    result = guide_runner("check", "feil-epost-bankid", "--har", str(har))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: cannot replay {har}: ")
    assert "BrowserContext" not in result.stderr and "route_from_har" not in result.stderr


# -- items 5 and 6: Ctrl-C in a terminal ------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "started", "last"),
    [
        (
            ["check", "feil-epost-bankid", "--lang", "nb", "--lang", "en"],
            "feil-epost-bankid[nb]",  # the first walk is done, the second one is under way
            "Interrupted (Ctrl-C).",
        ),
        (
            ["demo", "feil-epost-bankid", "--lang", "en"],
            "▶ 2/22",
            "Interrupted (Ctrl-C). Nothing more happens in the browser.",
        ),
        (
            ["run", "feil-epost-bankid", "--lang", "nb", "--practice", "--headless"],
            "▶ 2/22",
            "Avbrutt (Ctrl-C). Ingenting mer skjer i nettleseren.",
        ),
    ],
    ids=["check", "demo", "run"],
)
def test_ctrl_c_in_a_terminal_exits_130_with_one_line(
    args: list[str], started: str, last: str, tmp_path: Path
) -> None:
    # A terminal sends SIGINT to its whole foreground process group: the command, and every
    # process it started that did not leave the group (Playwright's driver, the browser).
    with started_command(args, cwd=tmp_path, start_new_session=True) as process:
        assert process.stderr is not None
        seen = stderr_until(process, started)
        os.killpg(process.pid, signal.SIGINT)
        after = process.stderr.read()
        code = process.wait(timeout=60)
    assert started in "".join(seen), "".join(seen)
    lines = [line for line in after.splitlines() if line.strip()]
    assert code == 130, after
    assert lines and lines[-1] == last, after
    assert not any(noise in after for noise in NOISE), after
    assert sum(last in line for line in lines) == 1


# -- item 3: the demo's report cannot be written at the end -----------------------------------


def test_demo_report_write_failure_is_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def write(*args: Any, **kwargs: Any) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("guide_runner.runner.report.write", write)
    out = tmp_path / "out"
    results: list[Result] = []
    args = ["demo", "feil-epost-bankid", "--lang", "nb", "--out", str(out)]
    # Its own thread: this worker's thread may already run Playwright's sync API.
    thread = threading.Thread(target=lambda: results.append(CliRunner().invoke(cli, args)))
    thread.start()
    thread.join(120)
    assert not thread.is_alive() and results, "the demo did not end"
    result = results[0]
    assert result.exit_code == 1, result.output
    assert f"error: could not write the report to {out}: No space left on device" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # an exit, not an error


def test_list_json_still_parses_with_a_broken_guide(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: broken\n")
    result = guide_runner("list", "--json", "--guides", str(tmp_path))
    assert result.returncode == 2
    assert {row["id"] for row in json.loads(result.stdout)} >= {"feil-epost-bankid"}
