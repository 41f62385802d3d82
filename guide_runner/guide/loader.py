"""Read a guide file: YAML → schema → semantic checks, with errors that name file, line, field.

Every problem is reported as ``file:line: field.path: message``, e.g.
``selectors/ny-mobil-tvastegs.yaml:41: steps[6].say.en: missing translation``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from guide_runner.guide.model import Guide
from guide_runner.guide.semantics import Problem, check_semantics
from guide_runner.yamlfast import SAFE_LOADER, safe_load

Loc = tuple[str | int, ...]


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


def _line_map(text: str) -> dict[Loc, int]:
    """Map each field path to the 1-based line where its value starts."""
    lines: dict[Loc, int] = {}

    def walk(node: yaml.Node, loc: Loc) -> None:
        lines[loc] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else str(key)
                walk(value, (*loc, name))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                walk(item, (*loc, i))

    root = yaml.compose(text, Loader=SAFE_LOADER)
    if root is not None:
        walk(root, ())
    return lines


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
        elif isinstance(part, str) and (
            "[" in part or part in {"str", "bool", "int", "function-after", "literal['target']"}
        ):
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


def _schema_issues(file: str, exc: ValidationError, lines: dict[Loc, int]) -> list[Issue]:
    issues: list[Issue] = []
    seen: set[tuple[Loc, str]] = set()
    for err in exc.errors():
        loc = _clean_loc(err["loc"])
        message = _message(dict(err))
        # A union error repeats per branch; a person needs it once per field.
        if (loc, message) in seen or any(s[0] == loc for s in seen):
            continue
        seen.add((loc, message))
        issues.append(Issue(file, _line_for(lines, loc), format_loc(loc), message))
    return issues


def parse_guide(text: str, file: str) -> Guide:
    """Parse and validate guide text. Raises GuideError naming file, line and field."""
    try:
        data = safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        line = mark.line + 1 if mark is not None else None
        raise GuideError([Issue(file, line, "", f"not valid YAML: {problem}")]) from None
    if not isinstance(data, dict):
        raise GuideError(
            [Issue(file, 1, "", "a guide file is a YAML mapping (id:, title:, steps: …)")]
        )
    try:
        guide = Guide.model_validate(data)
    except ValidationError as exc:
        raise GuideError(_schema_issues(file, exc, _line_map(text))) from None
    problems: list[Problem] = check_semantics(guide)
    if problems:
        lines = _line_map(text)  # only needed to say where (a second parse, of a bad file)
        raise GuideError(
            [Issue(file, _line_for(lines, p.loc), format_loc(p.loc), p.message) for p in problems]
        )
    return guide


def display_path(path: Path) -> str:
    """The path as a person would type it: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_guide(path: Path) -> Guide:
    """Load one guide file. Raises GuideError (never a traceback for bad input)."""
    name = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GuideError([Issue(name, None, "", f"cannot read the file: {exc}")]) from None
    guide = parse_guide(text, name)
    if path.stem != guide.id:
        line = _line_map(text).get(("id",))
        raise GuideError([Issue(name, line, "id", f"id {guide.id!r} differs from the file name")])
    return guide
