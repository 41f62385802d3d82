"""Broken guide files: each gives exit 1 and one line naming file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from guide_runner.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "selectors" / "feil-epost-bankid.yaml"


def _write(tmp_path: Path, text: str, name: str = "feil-epost-bankid.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _edited(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(GOOD.read_text(encoding="utf-8"))
    edit(data)
    return _write(tmp_path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def _validate(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_the_shipped_guides_are_valid() -> None:
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert "feil-epost-bankid" in result.output and "ny-mobil-tvastegs" in result.output


def test_bad_yaml(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: feil-epost-bankid\ntitle: nb: oops\n")
    code, output = _validate(path)
    assert code == 1
    assert "feil-epost-bankid.yaml:2" in output and "not valid YAML" in output
    assert "Traceback" not in output


def test_bad_yaml_says_which_character(tmp_path: Path) -> None:
    # libyaml (the fast parser) would only say "found character that cannot start any token".
    path = _write(tmp_path, "id: feil-epost-bankid\n\ttitle: x\n")
    code, output = _validate(path)
    assert code == 1
    assert "feil-epost-bankid.yaml:2" in output and "'\\t'" in output
    assert "indent with spaces, not tabs" in output


def test_unknown_key(tmp_path: Path) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        data["steps"][3]["colour"] = "blue"

    path = _edited(tmp_path, edit)
    code, output = _validate(path)
    assert code == 1
    assert (
        f"feil-epost-bankid.yaml:{_line_of(path, 'colour')}: steps[3].colour: unknown field"
        in output
    )


def test_missing_translation(tmp_path: Path) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        del data["steps"][6]["say"]["en"]

    path = _edited(tmp_path, edit)
    code, output = _validate(path)
    assert code == 1
    assert "steps[6].say.en: missing translation" in output
    assert output.count("error:") == 1


def test_dangling_branch(tmp_path: Path) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        data["steps"][4]["choices"] = [{"label": "x", "goto": "99-nowhere"}]

    path = _edited(tmp_path, edit)
    code, output = _validate(path)
    assert code == 1
    assert "steps[4].choices[0].goto: no step with id '99-nowhere'" in output


def test_http_origin(tmp_path: Path) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        data["origins"][1] = "http://connect.visma.com"

    path = _edited(tmp_path, edit)
    code, output = _validate(path)
    assert code == 1
    line = _line_of(path, "http://connect.visma.com")
    assert (
        f"feil-epost-bankid.yaml:{line}: origins[1]: 'http://connect.visma.com' is not HTTPS"
        in output
    )


def test_url_outside_origins(tmp_path: Path) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        data["steps"][4]["done_when"][0]["url"] = "https://connect-visma.com/forgotpassword*"

    path = _edited(tmp_path, edit)
    code, output = _validate(path)
    assert code == 1
    assert (
        "steps[4].done_when[0].url: https://connect-visma.com is not one of the guide's origins"
        in output
    )


def test_wrong_type(tmp_path: Path) -> None:
    def edit(data: dict) -> None:  # type: ignore[type-arg]
        data["steps"][2]["sensitive"] = "maybe"

    path = _edited(tmp_path, edit)
    code, output = _validate(path)
    assert code == 1
    assert "steps[2].sensitive: Input should be a valid boolean" in output


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["steps"][3].update(id=d["steps"][2]["id"]), "duplicate step id"),
        (lambda d: d["steps"][15].update(sensitive=False), "add sensitive: true"),
        (lambda d: d["steps"][3]["target"].insert(0, {"css": "#x"}), "list CSS candidates last"),
        (lambda d: d["steps"][3]["target"].append({"role": "buton"}), "unknown ARIA role"),
        (lambda d: d["steps"][3]["target"].append({"css": "a[href"}), "unclosed bracket"),
        (
            lambda d: d["steps"][3]["say"].update(nb="Gå til {nowhere}"),
            "parameter {nowhere} is not declared",
        ),
        (lambda d: d.update(id="something-else"), "differs from the file name"),
        (
            lambda d: d["steps"][2]["target_name"].pop("sv"),
            "steps[2].target_name.sv: missing translation",
        ),
        (
            lambda d: d["steps"][0].update(target_name={"nb": "x", "sv": "x", "en": "x"}),
            "target_name goes with a target",
        ),
    ],
)
def test_semantic_errors(tmp_path: Path, edit, message: str) -> None:  # type: ignore[no-untyped-def]
    code, output = _validate(_edited(tmp_path, edit))
    assert code == 1
    assert message in output
    assert "Traceback" not in output


def test_other_commands_report_a_broken_guide_cleanly(tmp_path: Path) -> None:
    bad = _write(tmp_path, "id: feil-epost-bankid\nsteps: 3\n")
    result = CliRunner().invoke(cli, ["show", str(bad)])
    assert result.exit_code == 2  # a broken guide is a usage error (cli/common.py)
    assert "feil-epost-bankid.yaml" in result.output and "Traceback" not in result.output
