"""Read a guide file: YAML → schema → semantic checks, with errors that name file, line, field.

Every problem is reported as ``file:line: field.path: message``, e.g.
``selectors/ny-mobil-tvastegs.yaml:41: steps[6].say.en: missing translation``.
"""

from __future__ import annotations

import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError
from yaml.constructor import ConstructorError

from guide_runner.guide.model import Guide
from guide_runner.guide.semantics import Problem, check_semantics
from guide_runner.yamlfast import GuideYAML, LimitError, load_guide_yaml

Loc = tuple[str | int, ...]

# Guides are small hand-written files (the shipped ones are about 25 kB).
MAX_BYTES = 1024 * 1024
# Past this many problems a file is not a guide with mistakes but something else.
MAX_ISSUES = 100


@dataclass(frozen=True)
class Issue:
    file: str
    line: int | None
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class GuideError(Exception):
    """A guide file is broken. ``issues`` lists every problem, one line each."""

    def __init__(self, issues: list[Issue]):
        self.issues = issues
        super().__init__("\n".join(str(i) for i in issues))


def format_loc(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _line_for(lines: dict[Loc, int], loc: Loc) -> int | None:
    # A missing field has no line of its own: point at the nearest enclosing one.
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def _clean_loc(loc: tuple[Any, ...]) -> Loc:
    # pydantic puts union branch names (e.g. 'str', 'dict[str,str]', 'list[Locator]')
    # into locations; a person wants the field path only.
    out: list[str | int] = []
    for part in loc:
        if isinstance(part, int):
            out.append(part)
        elif _is_branch(part):
            continue
        else:
            out.append(str(part))
    return tuple(out)


def _message(err: dict[str, Any]) -> str:
    kind = err["type"]
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    msg = str(err["msg"])
    return msg.removeprefix("Value error, ")


def _yaml_problem(exc: yaml.YAMLError) -> str:
    problem = str(getattr(exc, "problem", None) or str(exc).splitlines()[0])
    if isinstance(exc, (LimitError, ConstructorError)):
        return problem  # the loader's own words: YAML, but not a guide
    if "'\\t'" in problem or "tab character" in problem:
        problem = "a tab ('\\t') where YAML expects spaces: indent with spaces, not tabs"
    return f"not valid YAML: {problem}"


def _yaml_issue(exc: yaml.YAMLError, file: str, text: str) -> Issue:
    if isinstance(exc, yaml.reader.ReaderError):
        # A character YAML does not allow (NUL, other control characters): no mark, an offset.
        line = text.count("\n", 0, exc.position) + 1
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[0])
        return Issue(
            file,
            line,
            "",
            f"a control character (#x{char:04x}) that YAML does not allow; remove it",
        )
    mark = getattr(exc, "problem_mark", None)
    return Issue(file, mark.line + 1 if mark else None, "", _yaml_problem(exc))


def _is_branch(part: Any) -> bool:
    return isinstance(part, str) and (
        "[" in part or part in {"str", "bool", "int", "function-after", "literal['target']"}
    )


def _union_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """pydantic reports a value that fits no branch of a union (``Localized = dict | str``)
    once per branch: keep only the branch that got furthest, e.g. for ``say: {en: 5}`` the
    mapping's ``say.en: should be a valid string``, not also ``say: should be a string``.
    At each union (unions inside unions too) the first of the deepest branches wins, one
    with a hint (``say: 5``: read as a number) before one without."""
    best: dict[tuple[Any, ...], tuple[tuple[int, bool], Any]] = {}  # union's loc → rank, branch
    for err in errors:
        loc = tuple(err["loc"])
        rank = (len(_clean_loc(loc)), bool(err.get("hint")))
        for i, part in enumerate(loc):
            if _is_branch(part) and (loc[:i] not in best or rank > best[loc[:i]][0]):
                best[loc[:i]] = (rank, part)
    return [
        err
        for err in errors
        if all(
            best[tuple(err["loc"][:i])][1] == part
            for i, part in enumerate(err["loc"])
            if _is_branch(part)
        )
    ]


def _hint(err: dict[str, Any], loc: Loc, tree: GuideYAML) -> str | None:
    """For a value YAML did not read as text (``en: true``, ``id: 12``, ``id:``): say what it
    was read as, and how to write it."""
    if loc not in tree.plain:
        return None
    written, value = tree.plain[loc], err["input"]
    if value is None:
        return "is empty: write its value after the colon (or dash)"
    if err["type"] != "string_type":
        return None
    if isinstance(value, bool):
        what = f"read as the yes/no value {str(value).lower()}"
    elif isinstance(value, int | float):
        what = "read as a number"
    else:
        return None
    key = loc[-1]
    example = f'{key}: "{written}"' if isinstance(key, str) else f'"{written}"'
    return f"{written} is {what}, not as text; quote it: {example}"


def _schema_issues(file: str, exc: ValidationError, tree: GuideYAML) -> list[Issue]:
    errors: list[dict[str, Any]] = []
    for raw in exc.errors():
        err: dict[str, Any] = dict(raw)
        err["hint"] = _hint(err, _clean_loc(err["loc"]), tree)
        errors.append(err)
    issues: list[Issue] = []
    seen: set[Loc] = set()
    for err in _union_errors(errors):
        loc = _clean_loc(err["loc"])
        if loc in seen:  # a union's branches each report the field: once is enough
            continue
        seen.add(loc)
        message = err["hint"] or _message(err)
        issues.append(Issue(file, _line_for(tree.lines, loc), format_loc(loc), message))
    return issues


def _capped(file: str, issues: list[Issue]) -> GuideError:
    if len(issues) <= MAX_ISSUES:
        return GuideError(issues)
    more = len(issues) - MAX_ISSUES
    return GuideError([*issues[:MAX_ISSUES], Issue(file, None, "", f"… and {more} more problems")])


def _utf8_size(text: str) -> int:
    """The text's size in bytes as a UTF-8 file (a character takes one to four)."""
    return len(text.encode("utf-8", "surrogatepass"))


def _parse(text: str, file: str) -> tuple[Guide, GuideYAML]:
    # MAX_BYTES counts bytes, as read_guide_text does: 600,000 "é" are 1.2 MB.
    if len(text) > MAX_BYTES or _utf8_size(text) > MAX_BYTES:
        raise GuideError([Issue(file, None, "", _too_big(_utf8_size(text)))])
    try:
        tree = load_guide_yaml(text)
    except yaml.YAMLError as exc:
        raise GuideError([_yaml_issue(exc, file, text)]) from None
    if tree.problems:
        raise _capped(
            file, [Issue(file, line, format_loc(loc), msg) for line, loc, msg in tree.problems]
        )
    data = tree.data
    if not isinstance(data, dict):
        raise GuideError(
            [Issue(file, 1, "", "a guide file is a YAML mapping (id:, title:, steps: …)")]
        )
    try:
        guide = Guide.model_validate(data)
    except ValidationError as exc:
        raise _capped(file, _schema_issues(file, exc, tree)) from None
    problems: list[Problem] = check_semantics(guide)
    if problems:
        raise _capped(
            file,
            [
                Issue(file, _line_for(tree.lines, p.loc), format_loc(p.loc), p.message)
                for p in problems
            ],
        )
    return guide, tree


def parse_guide(text: str, file: str) -> Guide:
    """Parse and validate guide text. Raises GuideError naming file, line and field."""
    return _parse(text, file)[0]


def display_path(path: Path) -> str:
    """The path as a person would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _too_big(size: int) -> str:
    return (
        f"the file is {size:,} bytes; a guide file is at most 1 MB ({MAX_BYTES:,} bytes): "
        "guides are small hand-written files"
    )


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "cannot read the file: permission denied (check the file's permissions)"
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a guide file"
    return f"cannot read the file: {exc.strerror or exc}"


def read_guide_text(path: Path, name: str) -> str:
    """The file's text, or a GuideError that says in words what is wrong with the file."""

    def fail(message: str, line: int | None = None) -> GuideError:
        return GuideError([Issue(name, line, "", message)])

    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise fail("is a folder, not a guide file")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device: opening it could wait forever
            raise fail("is not a regular file; a guide is a YAML text file")
        if info.st_size > MAX_BYTES:
            raise fail(_too_big(info.st_size))
        with path.open("rb") as f:
            data = f.read(MAX_BYTES + 1)
    except OSError as exc:
        raise fail(_os_problem(exc)) from None
    if len(data) > MAX_BYTES:
        raise fail(_too_big(len(data)))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(
            f"not UTF-8 text: byte 0x{data[exc.start]:02x} in column {column} is not UTF-8; "
            "save the file as UTF-8",
            line,
        ) from None


def load_guide(path: Path) -> Guide:
    """Load one guide file. Raises GuideError (never a traceback for bad input)."""
    name = display_path(path)
    text = read_guide_text(path, name)
    guide, tree = _parse(text, name)
    if path.stem != guide.id:
        line = tree.lines.get(("id",))
        raise GuideError([Issue(name, line, "id", f"id {guide.id!r} differs from the file name")])
    return guide
