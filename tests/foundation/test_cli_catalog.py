"""list, show, validate, schema, doctor, -h, and guide lookup."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from guide_runner.cli.main import COMMANDS, cli
from guide_runner.guide.schema import guide_json_schema

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_list_shows_both_guides_with_step_counts() -> None:
    code, output = run("list", "--json")
    assert code == 0
    rows = {row["id"]: row for row in json.loads(output)}
    assert set(rows) >= {"feil-epost-bankid", "ny-mobil-tvastegs"}
    assert rows["feil-epost-bankid"]["languages"] == ["nb", "sv", "en"]
    assert rows["feil-epost-bankid"]["steps"] == 22


def test_show_reads_like_the_article_in_norwegian() -> None:
    code, output = run("show", "feil-epost-bankid", "--lang", "nb")
    assert code == 0
    lines = [line for line in output.splitlines() if line[:3].strip().rstrip(".").isdigit()]
    assert len(lines) == 22
    # The article's order of actions.
    order = [
        "Neste",
        "Glemt ditt passord?",
        "Tilbakestill passord",
        "Endre passord",
        "Visma Enterprise",
        "søppelbøtten",
        "«Ja»",
        "Fortsett",
        "Lukk nettleseren",
    ]
    positions = [output.index(word) for word in order]
    assert positions == sorted(positions)
    assert output.count("hemmelig") == 4  # new password ×2, password ×2


def test_show_marks_branches() -> None:
    code, output = run("show", "ny-mobil-tvastegs", "--lang", "sv")
    assert code == 0
    assert "Jag har inte kvar engångskoden → 40-kontakta-support" in output
    assert "visma.control@visma.com" in output


def test_unknown_guide_suggests_close_ids() -> None:
    code, output = run("show", "feil-epost")
    assert code == 2
    assert "No guide 'feil-epost'" in output and "Did you mean: feil-epost-bankid" in output


def test_unknown_language_is_a_usage_error() -> None:
    code, output = run("show", "feil-epost-bankid", "--lang", "de")
    assert code == 2
    assert "'de' is not available" in output


def test_guides_dir_option_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = (ROOT / "selectors" / "feil-epost-bankid.yaml").read_text(encoding="utf-8")
    (tmp_path / "min-kopi.yaml").write_text(source.replace("id: feil-epost-bankid", "id: min-kopi"))
    assert "min-kopi" in run("list", "--guides", str(tmp_path))[1]
    monkeypatch.setenv("GUIDE_RUNNER_GUIDES", str(tmp_path))
    assert "min-kopi" in run("list")[1]


def test_every_command_has_help() -> None:
    code, output = run("-h")
    assert code == 0
    for name in ("list", "show", "validate", "schema", "doctor"):
        assert name in output
    for name in COMMANDS:
        if cli.get_command(None, name) is None:  # type: ignore[arg-type]
            continue  # a command whose module has not landed yet
        code, output = run(name, "-h")
        assert code == 0, (name, output)
        assert "Usage:" in output


def test_schema_command_matches_the_committed_file() -> None:
    committed = json.loads((ROOT / "docs" / "guide.schema.json").read_text(encoding="utf-8"))
    assert committed == guide_json_schema(), "run: guide-runner schema > docs/guide.schema.json"
    code, output = run("schema")
    assert code == 0 and json.loads(output) == committed


def test_doctor_names_the_browser_and_why() -> None:
    code, output = run("doctor")
    assert code == 0
    assert "Browser" in output and "Why" in output and "Playwright" in output


def test_doctor_without_a_browser_says_how_to_get_one() -> None:
    code, output = run("doctor", "--executable", "/nonexistent/chrome")
    assert code == 1
    assert "apt-get install chromium" in output and "playwright install chromium" in output
