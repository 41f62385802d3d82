"""PyYAML's safe loader, libyaml's C version when PyYAML was built with it (about ten times
faster than the pure-Python one: guides and the practice site's labels load at start-up).

Guides are read with a stricter pair of loaders (:func:`load_guide_yaml`): YAML 1.2 (core
schema) booleans and numbers, a cap on nesting, and aliases that may not expand into more
than a small budget of values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.constructor import ConstructorError
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

Loc = tuple[str | int, ...]

# CSafeLoader is not a subclass of SafeLoader (a C parser with the same constructor).
SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A guide is a small hand-written file: about ten levels deep and a few thousand values.
MAX_DEPTH = 50
MAX_VALUES = 50_000

BOOL_TAG = "tag:yaml.org,2002:bool"
INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
STR_TAG = "tag:yaml.org,2002:str"
SEQ_TAG = "tag:yaml.org,2002:seq"
MAP_TAG = "tag:yaml.org,2002:map"
MERGE_TAG = "tag:yaml.org,2002:merge"
# Scalars a guide may hold besides text; other tags (!!binary, !!python/…) are refused.
_SCALAR_TAGS = frozenset({BOOL_TAG, INT_TAG, FLOAT_TAG, "tag:yaml.org,2002:null"})
_READ_AS = {
    BOOL_TAG: "a yes/no value",
    INT_TAG: "a number",
    FLOAT_TAG: "a number",
    "tag:yaml.org,2002:null": "empty (null)",
}


def safe_load(text: str) -> Any:
    """``yaml.safe_load``, with the fastest safe loader there is.

    libyaml's error messages are terser ("found character that cannot start any token"
    without saying which): a text it rejects is parsed again by the pure-Python loader,
    which raises the same error at the same line, worded better.
    """
    try:
        return yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError:
        if SAFE_LOADER is yaml.SafeLoader:
            raise
        return yaml.load(text, Loader=yaml.SafeLoader)


class LimitError(yaml.MarkedYAMLError):
    """The text is refused part-way: nested too deep, too many values, an alias loop, an
    anchor given twice (valid YAML, maybe, but not a guide)."""


@dataclass
class GuideYAML:
    """A guide's YAML read once: the value, and what error messages need to say where."""

    data: Any = None
    lines: dict[Loc, int] = field(default_factory=dict)  # field path → line its value starts
    plain: dict[Loc, str] = field(default_factory=dict)  # values not read as text → as written
    problems: list[tuple[int, Loc, str]] = field(default_factory=list)  # (line, path, message)


class _GuideBuilder:
    """Builds Python values straight from the parser's events, one node at a time.

    In place of PyYAML's composer and constructor, so that no text can make loading (or
    what reads its result) run long or crash: nesting deeper than MAX_DEPTH is refused at
    the first level too many (libyaml's composer recurses in C and overflows the stack at a
    few ten thousand levels); every alias counts as the values it stands for, so an "alias
    bomb" (anchors nested a few levels, each repeating the one before) is refused at the
    alias that takes the guide past MAX_VALUES; an alias inside its own anchor (a loop) is
    refused. An alias is the anchored value itself, built once. On the way it notes each
    field path's line, and keys that are repeated or are not names.
    """

    # From the parser (PyYAML's or libyaml's), the resolver and the safe constructor.
    get_event: Any
    peek_event: Any
    check_event: Any
    resolve: Any
    yaml_constructors: dict[Any, Any]

    def build(self) -> GuideYAML:
        self.out = GuideYAML()
        self.depth = 0
        self.values = 0
        self.anchored: dict[str, tuple[Any, int]] = {}  # anchor → (value, values it stands for)
        self.open: set[str] = set()  # anchors whose value is still being read
        self.get_event()  # stream start
        if not self.check_event(StreamEndEvent):
            self.get_event()  # document start
            self.out.data = self._value(())
            self.get_event()  # document end
            if not self.check_event(StreamEndEvent):
                raise LimitError(
                    problem="a second YAML document (after ---): a guide file holds one",
                    problem_mark=self.peek_event().start_mark,
                )
        return self.out

    def _value(self, loc: Loc) -> Any:
        event = self.get_event()
        kind = type(event)
        mark = event.start_mark
        self.out.lines[loc] = mark.line + 1
        if kind is AliasEvent:
            return self._alias(event)
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise LimitError(problem=f"nested more than {MAX_DEPTH} levels deep", problem_mark=mark)
        self.values += 1
        if self.values > MAX_VALUES:
            raise LimitError(
                problem=f"more than {MAX_VALUES} values: a guide is a small hand-written file",
                problem_mark=mark,
            )
        before = self.values
        anchor = event.anchor
        if anchor is not None:
            if anchor in self.anchored or anchor in self.open:
                raise LimitError(
                    problem=f"the anchor &{anchor} is defined twice", problem_mark=mark
                )
            self.open.add(anchor)
        value: Any
        if kind is ScalarEvent:
            value = self._scalar(event, loc)
        elif kind is SequenceStartEvent:
            self._collection_tag(event, SequenceNode)
            value = []
            while not self.check_event(SequenceEndEvent):
                value.append(self._value((*loc, len(value))))
            self.get_event()
        else:  # a mapping
            self._collection_tag(event, MappingNode)
            value = self._mapping(loc)
        if anchor is not None:
            self.open.discard(anchor)
            self.anchored[anchor] = (value, self.values - before + 1)
        self.depth -= 1
        return value

    def _alias(self, event: Any) -> Any:
        anchor, mark = event.anchor, event.start_mark
        if anchor in self.open:
            raise LimitError(
                problem=f"the alias *{anchor} is inside the value it names (a loop)",
                problem_mark=mark,
            )
        if anchor not in self.anchored:
            raise ComposerError(
                None, None, f"the alias *{anchor} names no anchor (&{anchor} above it)", mark
            )
        value, size = self.anchored[anchor]
        self.values += size
        if self.values > MAX_VALUES:
            raise LimitError(
                problem=(
                    f"the alias *{anchor} stands for {size} values; with it the guide has more "
                    f"than {MAX_VALUES} once aliases are written out (aliases of aliases "
                    "multiply)"
                ),
                problem_mark=mark,
            )
        return value

    def _scalar(self, event: Any, loc: Loc) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolve(ScalarNode, event.value, event.implicit)
        if tag == STR_TAG:
            return event.value
        if tag not in _SCALAR_TAGS:
            self._refuse_tag(event.tag or tag, event.start_mark)
        self.out.plain[loc] = event.value
        node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            return self.yaml_constructors[tag](self, node)
        except (ValueError, OverflowError):  # an integer of more than 4300 digits
            raise ConstructorError(
                None, None, "a number too long to read; quote it if it is text", event.start_mark
            ) from None

    def _collection_tag(self, event: Any, kind: type[yaml.Node]) -> None:
        if event.tag not in (None, "!", SEQ_TAG if kind is SequenceNode else MAP_TAG):
            self._refuse_tag(event.tag, event.start_mark)

    def _refuse_tag(self, tag: str, mark: Any) -> None:
        shown = tag.replace("tag:yaml.org,2002:", "!!")
        raise ConstructorError(
            None, None, f"the tag {shown} is not allowed in a guide file (write plain values)", mark
        )

    def _mapping(self, loc: Loc) -> dict[str, Any]:
        value: dict[str, Any] = {}
        first: dict[str, int] = {}  # key → line
        merged: list[Any] = []
        while not self.check_event(MappingEndEvent):
            event = self.peek_event()
            line = event.start_mark.line + 1
            name: Any
            tag = STR_TAG
            if type(event) is ScalarEvent and event.anchor is None:
                self.get_event()
                name = event.value
                if event.tag is None or event.tag == "!":
                    tag = self.resolve(ScalarNode, name, event.implicit)
                elif event.tag != STR_TAG:
                    tag = event.tag
            else:  # an anchored key, an alias, or a list or mapping as a key
                name = self._value((*loc, "<key>"))
                if not isinstance(name, str):
                    tag = ""
            if tag == MERGE_TAG:  # "<<: *base": the keys of base, unless given here
                merged.append((self._value((*loc, "<<")), line))
                continue
            if tag != STR_TAG:
                self._key_problem(line, loc, name, tag)
            elif name in first:
                self.out.problems.append(
                    (
                        line,
                        (*loc, name),
                        f"duplicate key {name!r} (first on line {first[name]}); give each key once",
                    )
                )
            else:
                first[name] = line
                value[name] = self._value((*loc, name))
                continue
            self._value((*loc, "<skipped>"))  # read (and check) the value all the same
        self.get_event()
        if merged:
            value = self._merge(merged, value, loc)
        return value

    def _key_problem(self, line: int, loc: Loc, name: Any, tag: str) -> None:
        if not tag:
            message = "a key here is a list or mapping; keys are plain names"
            self.out.problems.append((line, loc, message))
            return
        what = _READ_AS.get(tag, f"a {tag.rsplit(':', 1)[-1]}")
        written = name if name else "(nothing)"
        self.out.problems.append(
            (
                line,
                (*loc, str(name)),
                f'the key {written} is read as {what}, not as a name; quote it: "{name}": …',
            )
        )

    def _merge(self, merged: list[Any], explicit: dict[str, Any], loc: Loc) -> dict[str, Any]:
        value: dict[str, Any] = {}
        for source, line in reversed(merged):
            sources = source if isinstance(source, list) else [source]
            if not all(isinstance(s, dict) for s in sources):
                message = "<< merges a mapping or a list of mappings into this one"
                self.out.problems.append((line, (*loc, "<<"), message))
                continue
            for s in reversed(sources):  # the first one listed wins
                value.update(s)
        value.update(explicit)
        return value


# Resolvers a guide does without: YAML 1.1's booleans and numbers (replaced below), dates
# (``2024-01-01`` is text, as in YAML 1.2) and the "=" value key (PyYAML cannot construct it).
_DROPPED = frozenset(
    {BOOL_TAG, INT_TAG, FLOAT_TAG, "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value"}
)
# YAML 1.2's core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution).
_BOOL_12 = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_INT_12 = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT_12 = re.compile(
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


def _not_a_number(node: ScalarNode) -> ConstructorError:
    # Only with an explicit tag (!!int 0b101): a plain value that is no number is text.
    return ConstructorError(
        None, None, f"{node.value} is not a number as YAML 1.2 writes one", node.start_mark
    )


def _int_12(loader: Any, node: ScalarNode) -> int:
    """``12``, ``012`` (twelve: no octal by a leading zero), ``0o14``, ``0xC``."""
    text = str(node.value)
    if not _INT_12.match(text):
        raise _not_a_number(node)
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _float_12(loader: Any, node: ScalarNode) -> float:
    """``1.5``, ``1e3``, ``.5``, ``-.inf``, ``.nan``; and an integer tagged ``!!float``."""
    text = str(node.value)
    if _INT_12.match(text):
        return float(_int_12(loader, node))
    if not _FLOAT_12.match(text):
        raise _not_a_number(node)
    if text.lower().endswith((".inf", ".nan")):
        return float(text.replace(".", ""))  # Python writes them inf and nan
    return float(text)


def _yaml12_scalars(cls: Any) -> None:
    """The YAML 1.2 core schema's booleans and numbers; everything else that is not null is
    text. Only true/false (any case) are booleans: YAML 1.1 also reads yes, no, on and off
    as booleans, which turns the language code ``no:`` or the text ``en: No`` into false.
    YAML 1.1's sexagesimal (``10:30`` as 630), leading-zero octal (``012`` as 10) and
    underscores (``1_000``) are not numbers; ``0o17`` and ``1e3`` are. Dates stay text
    (YAML 1.2 has no date type)."""
    cls.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
        for first, resolvers in cls.yaml_implicit_resolvers.items()
    }
    cls.add_implicit_resolver(BOOL_TAG, _BOOL_12, list("tTfF"))
    cls.add_implicit_resolver(INT_TAG, _INT_12, list("-+0123456789"))
    cls.add_implicit_resolver(FLOAT_TAG, _FLOAT_12, list("-+.0123456789"))
    cls.add_constructor(INT_TAG, _int_12)
    cls.add_constructor(FLOAT_TAG, _float_12)


class PureGuideLoader(_GuideBuilder, yaml.SafeLoader):
    """The pure-Python guide loader (better error messages)."""


_yaml12_scalars(PureGuideLoader)

GUIDE_LOADER: Any = PureGuideLoader
if SAFE_LOADER is not yaml.SafeLoader:

    class FastGuideLoader(_GuideBuilder, SAFE_LOADER):  # type: ignore[misc]
        """libyaml's parser; the values are built in Python, an event at a time."""

    _yaml12_scalars(FastGuideLoader)
    GUIDE_LOADER = FastGuideLoader


def _build(loader_class: Any, text: str) -> GuideYAML:
    loader = loader_class(text)
    try:
        return loader.build()  # type: ignore[no-any-return]
    finally:
        loader.dispose()


def load_guide_yaml(text: str) -> GuideYAML:
    """Read guide text (YAML 1.2 booleans and numbers, bounded depth and aliases, keys given
    once).

    A syntax error libyaml finds is looked for again by the pure-Python parser, whose
    message says more ("found character '\\t'…" rather than "…cannot start any token"); it
    reads only up to just past the error, so a large file costs no more than a small one.
    """
    try:
        return _build(GUIDE_LOADER, text)
    except LimitError:
        raise
    except yaml.YAMLError as fast:
        if GUIDE_LOADER is PureGuideLoader:
            raise
        mark = getattr(fast, "problem_mark", None)
        head = text
        if mark is not None:
            head = "\n".join(text.split("\n", mark.line + 3)[: mark.line + 3])
        try:
            _build(PureGuideLoader, head)
        except yaml.YAMLError as pure:
            pure_mark = getattr(pure, "problem_mark", None)
            if mark is None or (pure_mark is not None and pure_mark.line == mark.line):
                raise pure from None
        raise
