"""The commands' answers to bad input, in-process and without a browser: clear "error:"
lines, exit 2 for usage errors (an unknown or broken guide too), 130 on Ctrl-C."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from guide_runner.cli.main import cli
from guide_runner.guide import Catalog

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "selectors"


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output


@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("guide_runner.browser.has_display", lambda: False)


@pytest.fixture
def any_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    """Browser discovery without starting Playwright (an existing file is enough for it)."""
    monkeypatch.setenv("GUIDE_RUNNER_BROWSER", sys.executable)


@pytest.fixture
def a_file(tmp_path: Path) -> Path:
    path = tmp_path / "afile"
    path.write_text("")
    return path


@pytest.fixture
def broken_guides(tmp_path: Path) -> Path:
    folder = tmp_path / "guides"
    folder.mkdir()
    (folder / "broken.yaml").write_text("id: broken\ntitle: {nb: x}\nstepz: []\n")
    return folder


# -- item 5: unknown and broken guides are usage errors ---------------------------------------


@pytest.mark.parametrize("command", ["show", "check", "run", "demo"])
def test_an_unknown_guide_is_a_usage_error(command: str, no_display: None) -> None:
    code, output = invoke(command, "feil-epost-bankd")
    assert code == 2
    assert "error: No guide 'feil-epost-bankd'. Did you mean: feil-epost-bankid?" in output


def test_check_all_with_a_broken_guide_is_a_usage_error(broken_guides: Path) -> None:
    code, output = invoke("check", "--all", "--guides", str(broken_guides))
    assert code == 2
    assert "error: " in output and "broken.yaml:3" in output


def test_click_errors_use_the_same_error_prefix() -> None:
    code, output = invoke("check", "feil-epost-bankid", "--site", "nowhere")
    assert code == 2
    assert "\nerror: Invalid value for '--site'" in output and "Error:" not in output


@pytest.mark.parametrize(
    "command",
    [
        ["validate"],
        ["list"],
        ["list", "--json"],
        ["show", "feil-epost-bankid"],
        ["run", "feil-epost-bankid", "--practice"],
        ["check", "feil-epost-bankid"],
        ["practice", "feil-epost-bankid"],
        ["demo", "feil-epost-bankid"],
    ],
)
def test_a_missing_folder_in_the_environment_is_the_same_usage_error_everywhere(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "nonexistent"
    monkeypatch.setenv("GUIDE_RUNNER_GUIDES", str(missing))
    monkeypatch.setenv("GUIDE_RUNNER_BROWSER", "/nonexistent")  # the guide's error comes first
    result = CliRunner().invoke(cli, command)
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert (
        f"error: Invalid value for $GUIDE_RUNNER_GUIDES: the folder '{missing}' does not exist"
        in result.output
    )


# -- item 7: list ----------------------------------------------------------------------------


@pytest.mark.parametrize("as_json", [False, True])
def test_list_with_a_broken_guide_exits_2_in_both_modes(broken_guides: Path, as_json: bool) -> None:
    args = ["list", "--guides", str(broken_guides)] + (["--json"] if as_json else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "broken.yaml:3" in result.stderr
    assert "feil-epost-bankid" in result.stdout  # the good ones are still listed


@pytest.mark.parametrize("as_json", [False, True])
def test_list_with_an_unknown_language_exits_2_in_both_modes(as_json: bool) -> None:
    code, output = invoke("list", "--lang", "xx", *(["--json"] if as_json else []))
    assert code == 2
    assert "'xx' is not available; choose one of en, nb, sv." in output


def test_list_and_validate_count_the_steps_the_person_sees() -> None:
    code, output = invoke("list", "--json", "--lang", "sv")
    assert code == 0
    rows = {row["id"]: row for row in json.loads(output)}
    main = len(Catalog.default().load("ny-mobil-tvastegs").main_path())
    assert main == 39  # "Steg n av 39" in run and demo; one more step only on a branch
    assert rows["ny-mobil-tvastegs"]["steps"] == 39
    assert rows["ny-mobil-tvastegs"]["title"] == "Ny mobil – flytta tvåstegsverifieringen"
    code, output = invoke("list")
    assert code == 0 and " 39 " in output and " 40 " not in output
    code, output = invoke("validate", str(SHIPPED / "ny-mobil-tvastegs.yaml"))
    assert code == 0 and "(ny-mobil-tvastegs, 39 steps + 1 on a branch)" in output


# -- item 4 and 9: check's parameters, guides and languages -----------------------------------


@pytest.mark.parametrize(
    ("param", "message"),
    [
        ("nope=1", "the guide has no parameter 'nope' (it has: enterprise_url)"),
        ("enterprise_url=http://evil.test", "'http://evil.test' must start with https://"),
        ("enterprise_url=notaurl", "'notaurl' must start with https://"),
        ("enterprise_url=https://x.test/a", "'https://x.test/a' must be only the address"),
        ("=x", "'=x' is not NAME=VALUE"),
    ],
)
def test_check_validates_parameters_as_run_does(param: str, message: str) -> None:
    code, output = invoke("check", "feil-epost-bankid", "--param", param)
    assert code == 2
    assert f"error: Invalid value for --param: {message}" in output


def test_check_with_several_guides_needs_a_name_one_of_them_has() -> None:
    code, output = invoke("check", "feil-epost-bankid", "ny-mobil-tvastegs", "--param", "x=1")
    assert code == 2
    assert "none of the guides has a parameter 'x' (they have: enterprise_url)" in output


def _fake_run_jobs(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """check's walks replaced by nothing: the jobs and config it would run are recorded."""
    calls: list[Any] = []

    def run_jobs(jobs: Any, config: Any, **kwargs: Any) -> list[Any]:
        calls.append((list(jobs), config))
        return []

    monkeypatch.setattr("guide_runner.check.run.run_jobs", run_jobs)
    return calls


def test_check_dedupes_guides_and_languages(
    monkeypatch: pytest.MonkeyPatch, any_browser: None
) -> None:
    calls = _fake_run_jobs(monkeypatch)
    path = str(SHIPPED / "feil-epost-bankid.yaml")  # the same guide by path
    args = ["check", "feil-epost-bankid", "feil-epost-bankid", path, "--lang", "sv", "--lang"]
    code, output = invoke(*args, "sv", "--param", "enterprise_url=https://kommune.visma.no/")
    assert code == 0, output
    (jobs, config), *_ = calls
    assert [job.key for job in jobs] == ["feil-epost-bankid[sv]"]
    assert config.params == {"enterprise_url": "https://kommune.visma.no"}


def test_check_report_write_failure_is_a_clear_message(
    monkeypatch: pytest.MonkeyPatch, any_browser: None, tmp_path: Path
) -> None:
    _fake_run_jobs(monkeypatch)

    def write_report(*args: Any, **kwargs: Any) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("guide_runner.check.html.write_report", write_report)
    report = tmp_path / "report"
    code, output = invoke("check", "feil-epost-bankid", "--report", str(report))
    assert code == 2
    assert f"error: could not write the report to {report}: Permission denied" in output


# -- item 3: output folders are checked before anything runs ----------------------------------


def test_check_report_under_a_file_is_refused_up_front(a_file: Path) -> None:
    code, output = invoke("check", "feil-epost-bankid", "--report", str(a_file / "sub"))
    assert code == 2
    assert "Invalid value for --report: cannot create" in output and "is a file" in output
    assert "steps" not in output  # nothing was checked


def test_demo_out_under_a_file_is_refused_up_front(
    a_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUIDE_RUNNER_BROWSER", "/nonexistent")  # old code: fast, and exit 1
    code, output = invoke("demo", "feil-epost-bankid", "--out", str(a_file / "sub"))
    assert code == 2
    assert "Invalid value for --out: cannot create" in output and "is a file" in output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_check_report_in_a_read_only_folder_is_refused_up_front(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        code, output = invoke("check", "feil-epost-bankid", "--report", str(folder / "r"))
    finally:
        folder.chmod(0o755)
    assert code == 2 and "no permission" in output


def test_check_report_is_refused_with_a_signed_in_session(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.write_text('{"cookies": [], "origins": []}')
    args = ["check", "feil-epost-bankid", "--site", "live", "--storage-state", str(state)]
    code, output = invoke(*args, "--report", str(tmp_path / "report"))
    assert code == 2
    assert "--report does not go with --storage-state" in output
    assert not (tmp_path / "report").exists()


def test_check_storage_state_that_is_not_a_session_file(tmp_path: Path) -> None:
    state = tmp_path / "st.json"
    state.write_text("garbage\n")
    args = ["check", "feil-epost-bankid", "--site", "live", "--storage-state", str(state)]
    code, output = invoke(*args)
    assert code == 2
    assert "is not a saved session file (it is not JSON)" in output
    assert "guide-runner login --save-state FILE" in output


def test_check_headed_without_a_display_says_so(no_display: None) -> None:
    code, output = invoke("check", "feil-epost-bankid", "--headed")
    assert code == 2
    assert "error: no display for --headed" in output


# -- item 1: login checks where it will save before the browser opens -------------------------


@pytest.mark.parametrize("where", ["missing", "file"])
def test_login_checks_the_folder_before_opening_the_browser(
    where: str, tmp_path: Path, a_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With no browser at all, a check made after the browser would answer "does not exist".
    monkeypatch.setenv("GUIDE_RUNNER_BROWSER", "/nonexistent")
    parent = tmp_path / "missing" if where == "missing" else a_file
    code, output = invoke("login", "--save-state", str(parent / "state.json"), "--headless")
    assert code == 2
    what = "does not exist" if where == "missing" else "is a file, not a folder"
    assert f"Invalid value for --save-state: the folder '{parent}' {what}." in output


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_login_refuses_a_read_only_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUIDE_RUNNER_BROWSER", "/nonexistent")
    tmp_path.chmod(0o555)
    try:
        code, output = invoke("login", "--save-state", str(tmp_path / "s.json"), "--headless")
    finally:
        tmp_path.chmod(0o755)
    assert code == 2 and "no permission" in output


# -- item 8: run's parameters -----------------------------------------------------------------


def test_run_without_a_terminal_needs_the_parameter(no_display: None) -> None:
    code, output = invoke("run", "feil-epost-bankid", "--lang", "nb")
    assert code == 2
    assert "feil-epost-bankid needs enterprise_url" in output
    assert "give --param enterprise_url=https://…" in output
    assert "kommune.test" not in output  # the practice site's address is never offered


def test_run_param_without_equals_names_the_option_once(no_display: None) -> None:
    code, output = invoke("run", "feil-epost-bankid", "--param", "x")
    assert code == 2
    assert "error: Invalid value for --param: 'x' is not NAME=VALUE" in output
    assert output.count("--param") == 1


def test_run_asks_without_a_made_up_default_and_re_asks_in_the_persons_language(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from guide_runner.cli import run_cmd

    answers = iter(
        ["kommune.visma.no", "https://kommune.visma.no/login", "https://Kommune.Visma.no"]
    )
    asked: list[tuple[str, dict[str, Any]]] = []

    def prompt(text: str, **kwargs: Any) -> str:
        asked.append((text, kwargs))
        return next(answers)

    monkeypatch.setattr(click, "prompt", prompt)
    guide = Catalog.default().load("feil-epost-bankid")
    params = run_cmd._ask_missing(guide, {}, "sv", practice=False)
    assert params == {"enterprise_url": "https://kommune.visma.no"}
    assert len(asked) == 3 and all("default" not in kwargs for _, kwargs in asked)
    # The Swedish question has no example of its own: one is added, in Swedish.
    assert asked[0][0].endswith("(till exempel https://kommune.visma.no)")
    said = capsys.readouterr().err
    assert "Adressen måste börja med https:// – försök igen." in said
    assert "Skriv bara själva adressen, utan något efter den" in said
    assert "must" not in said


def test_run_says_why_each_address_is_refused_as_the_check_found_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The words follow https_origin's own reason (ParameterError.reason), even for an
    # address urlsplit cannot read at all (an unclosed IPv6 bracket).
    from guide_runner.cli import run_cmd
    from guide_runner.runner.messages import say
    from guide_runner.runner.origins import ParameterError, https_origin

    refused = {
        "kommune.visma.no": "not_https",
        "https://kommune.visma.no/login?x": "has_path",
        "https://ola@kommune.visma.no/login": "not_address",
        "https://[::1": "not_address",
        "https://*.visma.no": "not_address",
    }
    for value, reason in refused.items():
        with pytest.raises(ParameterError) as caught:
            https_origin(value)
        assert caught.value.reason == reason, value
    answers = iter([*refused, "https://kommune.visma.no"])
    monkeypatch.setattr(click, "prompt", lambda text, **kwargs: next(answers))
    guide = Catalog.default().load("feil-epost-bankid")
    assert run_cmd._ask_missing(guide, {}, "nb", practice=False) == {
        "enterprise_url": "https://kommune.visma.no"
    }
    said = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert said == [say(f"param_{reason}", "nb") for reason in refused.values()]


def test_run_on_the_practice_site_uses_the_default_without_asking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from guide_runner.cli import run_cmd

    monkeypatch.setattr(click, "prompt", lambda *a, **k: pytest.fail("asked"))
    guide = Catalog.default().load("feil-epost-bankid")
    params = run_cmd._ask_missing(guide, {}, "nb", practice=True)
    assert params == {"enterprise_url": guide.parameters["enterprise_url"].default}


# -- item 9: wording --------------------------------------------------------------------------


def test_demo_headed_without_a_display_names_demo_in_one_language(no_display: None) -> None:
    code, output = invoke("demo", "ny-mobil-tvastegs", "--headed", "--lang", "nb")
    assert code == 1
    assert "guide-runner demo trenger et synlig nettleservindu" in output
    assert "Kjør den uten --headed" in output
    assert "guide-runner run" not in output and "Run it" not in output


def test_the_demo_summary_is_in_the_persons_language() -> None:
    from guide_runner.runner.messages import say

    assert say("demo_summary", "nb", done=21, not_needed=1, seconds="4,2") == (
        "21 steg gjort, 1 trengtes ikke, 4,2 s"
    )
    assert say("demo_summary", "sv", done=21, not_needed=1, seconds="4,2").startswith("21 steg")


def test_playwright_api_names_are_left_out_of_messages() -> None:
    from guide_runner.browser import BrowserChoice
    from guide_runner.runner.launch import failed_to_start, reason

    har = Exception("BrowserContext.route_from_har: Expected property name\nat line 2")
    assert reason(har) == "Expected property name"
    state = Exception("BrowserType.new_context: Error reading storage state from st.json:\nBad")
    assert reason(state) == "Error reading storage state from st.json: Bad"  # not cut short
    choice = BrowserChoice("executable", "given", executable_path="/bin/true")
    launch = Exception("BrowserType.launch: Target page, context or browser has been closed\nlog")
    assert failed_to_start(choice, launch) == (
        "The browser at /bin/true failed to start: Target page, context or browser has been "
        "closed.\nRun `guide-runner doctor` to see which browser is used and why."
    )


# -- item 2: doctor looks at the browser ------------------------------------------------------


def test_doctor_says_when_the_browser_is_not_a_browser() -> None:
    code, output = invoke("doctor", "--executable", "/bin/true")
    assert code == 1
    assert "not a browser?" in output
    assert "error: /bin/true does not look like a Chromium-based browser" in output


# -- item 5: Ctrl-C ---------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["list"], ["list", "--json"], ["show", "feil-epost-bankid"]])
def test_ctrl_c_exits_130_with_one_line(
    command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: Any, **kwargs: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(Catalog, "load_all", interrupted)
    monkeypatch.setattr(Catalog, "load", interrupted)
    result = CliRunner().invoke(cli, command)
    assert result.exit_code == 130
    assert result.output == "Interrupted (Ctrl-C).\n"
