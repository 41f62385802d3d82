"""Guide files that are broken in ways YAML makes easy: each is refused quickly with one clear
line naming file and line — never a traceback, a hang, a crash or gigabytes of memory.

Files that made the old loader hang or crash run in a child process with a time and memory
limit, so such a regression fails the test instead of stalling the suite.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from guide_runner import yamlfast
from guide_runner.cli.main import cli
from guide_runner.guide.loader import MAX_BYTES, GuideError, parse_guide

GUIDE = """\
id: {id}
title: {{nb: Tittel, sv: Titel, en: Title}}
summary: {{nb: Sammendrag, sv: Sammanfattning, en: Summary}}
languages: [nb, sv, en]
default_language: nb
origins:
  - https://connect.visma.com
start: https://connect.visma.com/
steps:
  - id: s1
    do: click
    page: {{origin: "https://connect.visma.com", path: "/*"}}
    say: {{nb: Trykk, sv: Tryck, en: Press}}
    target:
      - {{css: "#Username"}}
    done_when:
      - disappears: target
  - id: s2
    do: read
    page: {{origin: "https://connect.visma.com", path: "/*"}}
    say: {{nb: Les, sv: Läs, en: Read}}
    done_when:
      - confirm: {{nb: OK, sv: OK, en: OK}}
    end: true
"""

# Anchors nested eight levels, each repeating the one before nine times: 9**8 (43 million)
# values once written out, from 12 lines. The old loader ran for minutes and took gigabytes.
BOMB_ANCHORS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


def _guide(replace: dict[str, str] | None = None, guide_id: str = "mini") -> str:
    """The small guide above, with the first occurrence of each key replaced by its value."""
    text = GUIDE.format(id=guide_id)
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _write(folder: Path, text: str | bytes, name: str = "mini.yaml") -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.output


def _limits() -> None:  # in the child: at most 20 s of CPU and 1.5 GB of memory
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (20, 20))
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024, 1536 * 1024 * 1024))


def _run_cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, float]:
    """guide-runner in a child process with a time (and, on POSIX, memory) limit: exit code,
    stdout and stderr together, seconds taken."""
    started = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "guide_runner", *args],
            capture_output=True,
            text=True,
            timeout=30,
            preexec_fn=_limits if os.name == "posix" else None,
            env={**os.environ, "GUIDE_RUNNER_GUIDES": "", **(env or {})},
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"guide-runner {' '.join(args)} ran for more than 30 s")
    return done.returncode, done.stdout + done.stderr, time.monotonic() - started


# 1. Aliases and nesting: refused at once, at the line that goes too far.


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    text = "id: mini\n" + BOMB_ANCHORS + "steps: *i\n"
    path = _write(tmp_path, text)
    code, output, seconds = _run_cli("validate", str(path))
    assert code == 1, output
    assert "Traceback" not in output
    # *d stands for 7381 values: the ninth *d on line e: takes the guide past the budget.
    assert f"mini.yaml:{_line_of(text, 'e: &e')}: the alias *d stands for 7381 values" in output
    assert seconds < 15


def test_alias_bomb_in_a_guides_folder_does_not_stall_list(tmp_path: Path) -> None:
    _write(tmp_path, _guide())
    _write(tmp_path, "id: bomb\n" + BOMB_ANCHORS + "steps: *i\n", "bomb.yaml")
    code, output, seconds = _run_cli("list", env={"GUIDE_RUNNER_GUIDES": str(tmp_path)})
    assert code != 0
    assert "bomb.yaml:" in output and "the alias *d stands for 7381 values" in output
    assert "feil-epost-bankid" in output and "mini" in output  # the others are still listed
    assert "Traceback" not in output
    assert seconds < 15


@pytest.mark.parametrize("levels", [5_000, 200_000])
def test_deep_nesting_is_refused_without_a_crash(tmp_path: Path, levels: int) -> None:
    # 5000 levels gave a RecursionError traceback, 200000 a segmentation fault (exit 139).
    path = _write(tmp_path, "id: mini\nsteps: " + "[" * levels + "]" * levels + "\n")
    code, output, seconds = _run_cli("validate", str(path))
    assert code == 1, output
    assert "mini.yaml:2: nested more than 50 levels deep" in output
    assert "Traceback" not in output
    assert seconds < 15


def test_nesting_just_past_the_cap_names_the_line(tmp_path: Path) -> None:
    text = _guide({"    end: true\n": "    end: true\n    x: " + "[" * 60 + "]" * 60 + "\n"})
    with pytest.raises(GuideError) as caught:
        parse_guide(text, "mini.yaml")
    line = _line_of(text, "x: [[")
    assert str(caught.value) == f"mini.yaml:{line}: nested more than 50 levels deep"


def test_an_alias_loop_is_refused(tmp_path: Path) -> None:
    # PyYAML builds a list that contains itself; the old loader then recursed until it died.
    text = _guide() + "x: &loop [1, *loop]\n"
    code, output = _invoke("validate", str(_write(tmp_path, text)))
    assert code == 1
    assert f"mini.yaml:{_line_of(text, '&loop')}: the alias *loop is inside the value it names" in (
        output
    )


def test_a_few_aliases_are_fine_and_errors_under_them_point_at_them(tmp_path: Path) -> None:
    page = '    page: {origin: "https://connect.visma.com", path: "/*"}\n'
    text = _guide().replace(page, page.replace("page: {", "page: &login {"), 1)
    text = text.replace(page, "    page: *login\n", 1)
    assert text.count("*login") == 1
    assert _invoke("validate", str(_write(tmp_path, text)))[0] == 0
    merged = text.replace("    page: *login\n", '    page: {<<: *login, path: "/x*"}\n')
    guide = parse_guide(merged, "mini.yaml")
    assert guide.steps[1].page is not None and guide.steps[1].page.path == "/x*"
    # An unknown field inside the anchored value is reported where the anchor is and where
    # the alias uses it.
    bad = text.replace('path: "/*"}', 'path: "/*", colour: red}', 1)
    with pytest.raises(GuideError) as caught:
        parse_guide(bad, "mini.yaml")
    assert [str(i) for i in caught.value.issues] == [
        f"mini.yaml:{_line_of(bad, '&login')}: steps[0].page.colour: unknown field",
        f"mini.yaml:{_line_of(bad, '*login')}: steps[1].page.colour: unknown field",
    ]


def test_a_file_over_one_megabyte_is_refused_unread(tmp_path: Path) -> None:
    path = _write(tmp_path, _guide() + "# " + "x" * 1_100_000 + "\n")
    code, output = _invoke("validate", str(path))
    assert code == 1
    size = path.stat().st_size
    assert f"mini.yaml: the file is {size:,} bytes; a guide file is at most 1 MB" in output


def test_the_size_limit_counts_bytes_not_characters(tmp_path: Path) -> None:
    text = _guide() + "# " + "é" * 600_000 + "\n"  # 1.2 MB in 600,000-odd characters
    size = len(text.encode("utf-8"))
    assert len(text) < MAX_BYTES < size
    with pytest.raises(GuideError) as caught:
        parse_guide(text, "mini.yaml")
    assert f"mini.yaml: the file is {size:,} bytes; a guide file is at most 1 MB" in str(
        caught.value
    )
    code, output = _invoke("validate", str(_write(tmp_path, text)))  # the same from a file
    assert code == 1
    assert f"mini.yaml: the file is {size:,} bytes; a guide file is at most 1 MB" in output


def test_a_huge_number_of_values_is_refused(tmp_path: Path) -> None:
    text = _guide() + "x: [" + "1," * 60_000 + "]\n"
    started = time.monotonic()
    code, output = _invoke("validate", str(_write(tmp_path, text)))
    assert code == 1
    assert f"mini.yaml:{_line_of(text, 'x: [')}: more than 50000 values" in output
    assert time.monotonic() - started < 10


# 2. Duplicate keys: refused with the key, its line and where it first was, by both parsers.


@pytest.fixture(params=["libyaml", "pure-python"])
def yaml_parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "libyaml":
        if not hasattr(yaml, "CSafeLoader"):
            pytest.skip("PyYAML without libyaml")
        # (getattr: so that this file also runs against the loader before these checks)
        assert issubclass(getattr(yamlfast, "GUIDE_LOADER", yamlfast.SAFE_LOADER), yaml.CSafeLoader)
    else:
        monkeypatch.setattr(yamlfast, "GUIDE_LOADER", yamlfast.PureGuideLoader)
    return str(request.param)


def test_duplicate_key_in_a_step(tmp_path: Path, yaml_parser: str) -> None:
    text = _guide({"    do: click\n": "    do: click\n    do: read\n"})
    code, output = _invoke("validate", str(_write(tmp_path, text)))
    assert code == 1
    first, second = _line_of(text, "do: click"), _line_of(text, "do: read")
    assert f"mini.yaml:{second}: steps[0].do: duplicate key 'do' (first on line {first})" in output
    assert output.count("error:") == 1


def test_duplicate_top_level_key(tmp_path: Path, yaml_parser: str) -> None:
    text = _guide({"default_language: nb\n": "default_language: nb\ndefault_language: sv\n"})
    code, output = _invoke("validate", str(_write(tmp_path, text)))
    assert code == 1
    line = _line_of(text, "default_language: sv")
    assert (
        f"mini.yaml:{line}: default_language: duplicate key 'default_language' (first on line "
        f"{line - 1})" in output
    )


def test_duplicate_key_in_a_flow_mapping(tmp_path: Path, yaml_parser: str) -> None:
    text = _guide({"en: Read}": "en: Read, en: Lese}"})
    code, output = _invoke("validate", str(_write(tmp_path, text)))
    assert code == 1
    line = _line_of(text, "en: Lese")
    assert f"mini.yaml:{line}: steps[1].say.en: duplicate key 'en' (first on line {line})" in (
        output
    )


def test_both_parsers_read_the_same_values() -> None:
    text = (
        "a: no\nb: Yes\nc: on\nd: OFF\ne: true\nf: False\ng: 2024-01-01\nh: 12\ni: 1.5\nj:\n"
        "k: '7'\nl: [y, n, ~]\n"
    )
    want = {
        "a": "no",
        "b": "Yes",
        "c": "on",
        "d": "OFF",
        "e": True,
        "f": False,
        "g": "2024-01-01",
        "h": 12,
        "i": 1.5,
        "j": None,
        "k": "7",
        "l": ["y", "n", None],
    }
    assert yamlfast.load_guide_yaml(text).data == want
    assert yamlfast._build(yamlfast.PureGuideLoader, text).data == want
    for path in (Path(__file__).parents[2] / "selectors").glob("*.yaml"):
        shipped = path.read_text(encoding="utf-8")
        fast = yamlfast.load_guide_yaml(shipped).data
        assert fast == yamlfast._build(yamlfast.PureGuideLoader, shipped).data
        assert fast == yaml.safe_load(shipped)  # YAML 1.2 reads the shipped guides as 1.1 did


@pytest.mark.parametrize(
    ("written", "read"),
    [
        # YAML 1.1 numbers that YAML 1.2 reads as text: sexagesimal, underscores, binary.
        ("10:30", "10:30"),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("-0o7", "-0o7"),
        ("0X1F", "0X1F"),
        ("1,5", "1,5"),
        ("1e", "1e"),
        ("inf", "inf"),
        # YAML 1.2's numbers: a leading zero is no octal; 0o and exponents without a point.
        ("012", 12),
        ("+12", 12),
        ("0o17", 15),
        ("0x1F", 31),
        ("1e3", 1000.0),
        ("1.", 1.0),
        (".5", 0.5),
        ("-1.5E-1", -0.15),
        ("-.inf", float("-inf")),
    ],
)
def test_numbers_are_read_as_yaml_1_2(yaml_parser: str, written: str, read: object) -> None:
    value = yamlfast.load_guide_yaml(f"a: {written}\n").data["a"]
    assert value == read and type(value) is type(read)


def test_not_a_number_is_nan_in_both_parsers(yaml_parser: str) -> None:
    value = yamlfast.load_guide_yaml("a: .NaN\n").data["a"]
    assert isinstance(value, float) and value != value


def test_a_time_of_day_is_text(tmp_path: Path) -> None:
    # YAML 1.1 read 10:30 as the number 630 (base 60), and the guide then failed to load.
    text = _guide({"en: Read}": "en: 10:30}"})
    code, output = _invoke("validate", str(_write(tmp_path, text)))
    assert code == 0, output
    assert parse_guide(text, "mini.yaml").steps[1].say["en"] == "10:30"


# 3. yes/no/on/off: text and language codes, as a person means them (YAML 1.2 booleans).


def test_no_and_yes_are_text(tmp_path: Path, yaml_parser: str) -> None:
    text = _guide(
        {
            "en: Press}": "en: No}",
            "en: Read}": "en: Yes}",
            "{nb: OK, sv: OK, en: OK}": "{nb: Ja, sv: Ja, en: On}",
        }
    )
    code, output = _invoke("validate", str(_write(tmp_path, text)))
    assert code == 0, output
    guide = parse_guide(text, "mini.yaml")
    assert guide.steps[0].say == {"nb": "Trykk", "sv": "Tryck", "en": "No"}


def test_no_is_norwegian(tmp_path: Path, yaml_parser: str) -> None:
    text = (
        _guide(guide_id="norsk")
        .replace("languages: [nb, sv, en]", "languages: [no, en]")
        .replace("default_language: nb", "default_language: no")
    )
    for nb, sv, en in [("Tittel", "Titel", "Title"), ("Sammendrag", "Sammanfattning", "Summary")]:
        text = text.replace(f"{{nb: {nb}, sv: {sv}, en: {en}}}", f"{{no: {nb}, en: {en}}}")
    for nb, sv, en in [("Trykk", "Tryck", "Press"), ("Les", "Läs", "Read"), ("OK", "OK", "OK")]:
        text = text.replace(f"{{nb: {nb}, sv: {sv}, en: {en}}}", f"{{no: {nb}, en: {en}}}")
    path = _write(tmp_path, text, "norsk.yaml")
    code, output = _invoke("show", str(path), "--lang", "no")
    assert code == 0, output
    assert "Trykk" in output


def test_true_as_text_says_how_to_write_it(tmp_path: Path, yaml_parser: str) -> None:
    text = _guide({"en: Press}": "en: True}"})
    code, output = _invoke("validate", str(_write(tmp_path, text)))
    assert code == 1
    assert (
        f"mini.yaml:{_line_of(text, 'en: True')}: steps[0].say.en: True is read as the yes/no "
        'value true, not as text; quote it: en: "True"' in output
    )
    assert output.count("error:") == 1  # not also "steps[0].say: should be a valid string"


def test_true_as_a_key_says_how_to_write_it(tmp_path: Path, yaml_parser: str) -> None:
    text = _guide({"en: Press}": "en: Press, true: x}"})
    code, output = _invoke("validate", str(_write(tmp_path, text)))
    assert code == 1
    assert (
        f"mini.yaml:{_line_of(text, 'true: x')}: steps[0].say.true: the key true is read as a "
        'yes/no value, not as a name; quote it: "true": …' in output
    )
    assert output.count("error:") == 1


def test_a_number_where_text_belongs(tmp_path: Path) -> None:
    text = _guide({"  - id: s2": "  - id: 1.5"})
    code, output = _invoke("validate", str(_write(tmp_path, text)))
    assert code == 1
    assert (
        f"mini.yaml:{_line_of(text, 'id: 1.5')}: steps[1].id: 1.5 is read as a number, not as "
        'text; quote it: id: "1.5"' in output
    )


def test_date_like_and_huge_values_do_not_crash(tmp_path: Path) -> None:
    # PyYAML made a date of 2024-13-01 (ValueError: month must be in 1..12) and an int of a
    # 5000-digit number (ValueError: exceeds the limit for integer string conversion).
    assert _invoke("validate", str(_write(tmp_path, _guide({"id: s2": "id: 2024-13-01"}))))[0] == 0
    text = _guide({"default_language: nb": "default_language: " + "9" * 5000})
    code, output = _invoke("validate", str(_write(tmp_path, text)))
    assert code == 1
    assert "mini.yaml:5: a number too long to read; quote it if it is text" in output


# 4. A missing folder in $GUIDE_RUNNER_GUIDES is an error, as with --guides.


@pytest.mark.parametrize("command", [["show", "feil-epost-bankid"], ["list"], ["validate"]])
def test_missing_folder_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    missing = tmp_path / "nowhere"
    monkeypatch.setenv("GUIDE_RUNNER_GUIDES", f"{tmp_path}{os.pathsep}{missing}")
    code, output = _invoke(*command)
    assert code == 2, output
    assert "$GUIDE_RUNNER_GUIDES" in output and f"'{missing}' does not exist" in output
    assert "Traceback" not in output


def test_a_file_in_the_environment_is_not_a_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_file = _write(tmp_path, _guide())
    monkeypatch.setenv("GUIDE_RUNNER_GUIDES", str(a_file))
    code, output = _invoke("show", "mini")
    assert code == 2
    assert f"$GUIDE_RUNNER_GUIDES: '{a_file}' is a file, not a folder" in output


def test_existing_folders_in_the_environment_still_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path, _guide())
    monkeypatch.setenv("GUIDE_RUNNER_GUIDES", f"{os.pathsep}{tmp_path}{os.pathsep}")
    code, output = _invoke("show", "mini")
    assert code == 0, output
    assert "Tittel" in output


# 5. Tabs, encodings, folders, unreadable and special files: said in words.


def test_tab_says_to_indent_with_spaces(tmp_path: Path, yaml_parser: str) -> None:
    text = _guide({"    do: click\n": "\tdo: click\n"})
    code, output = _invoke("validate", str(_write(tmp_path, text)))
    assert code == 1
    assert (
        f"mini.yaml:{_line_of(text, 'do: click')}: not valid YAML: a tab ('\\t') where YAML "
        "expects spaces: indent with spaces, not tabs" in output
    )


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    text = _guide()
    path = _write(tmp_path, text.encode("utf-8").replace("Läs".encode(), "Läs".encode("latin-1")))
    code, output = _invoke("validate", str(path))
    assert code == 1
    column = text.splitlines()[_line_of(text, "Läs") - 1].index("ä") + 1
    assert (
        f"mini.yaml:{_line_of(text, 'Läs')}: not UTF-8 text: byte 0xe4 in column {column} is "
        "not UTF-8; save the file as UTF-8" in output
    )


def test_a_control_character_names_the_line(tmp_path: Path) -> None:
    text = _guide({"Sammendrag": "Samme\x00ndrag"})
    code, output = _invoke("validate", str(_write(tmp_path, text)))
    assert code == 1
    assert "mini.yaml:3: a control character (#x0000) that YAML does not allow" in output


def test_a_folder_named_like_a_guide(tmp_path: Path) -> None:
    (tmp_path / "folder.yaml").mkdir()
    code, output = _invoke("validate", str(tmp_path))
    assert code == 1
    assert "folder.yaml: is a folder, not a guide file" in output
    assert "Errno" not in output


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, _guide())
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self.name == "mini.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)  # Path.read_text opens with it too
    code, output = _invoke("validate", str(path))
    assert code == 1
    assert "mini.yaml: cannot read the file: permission denied" in output
    assert "Errno" not in output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_named_pipe_does_not_hang(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    code, output, _ = _run_cli("validate", str(tmp_path / "pipe.yaml"))
    assert code == 1
    assert "pipe.yaml: is not a regular file" in output


def test_other_yaml_features_a_guide_does_not_use(tmp_path: Path) -> None:
    cases = {
        "default_language: !!binary bmI=": "the tag !!binary is not allowed in a guide file",
        "default_language: !!python/name:os.system": "the tag !!python/name:os.system is not",
        "default_language: *nothing": "the alias *nothing names no anchor",
    }
    for replacement, message in cases.items():
        text = _guide({"default_language: nb": replacement})
        code, output = _invoke("validate", str(_write(tmp_path, text)))
        assert code == 1 and f"mini.yaml:5: {message}" in output.replace("not valid YAML: ", "")
    text = _guide() + "---\nid: other\n"
    code, output = _invoke("validate", str(_write(tmp_path, text)))
    assert f"mini.yaml:{_line_of(text, '---')}: a second YAML document" in output


def test_many_problems_are_capped(tmp_path: Path) -> None:
    text = _guide() + "".join(f"x{i}: 1\nx{i}: 2\n" for i in range(150))
    with pytest.raises(GuideError) as caught:
        parse_guide(text, "mini.yaml")
    issues = [str(i) for i in caught.value.issues]
    assert len(issues) == 101
    assert issues[-1] == "mini.yaml: … and 50 more problems"
