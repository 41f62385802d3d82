"""Checks a schema cannot express: ids, branches, translations, addresses, parameters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from guide_runner.guide.model import PARAM_RE, Guide, Localized, Locator
from guide_runner.guide.texts import fill

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    loc: Loc
    message: str


def origin_of(url: str) -> str | None:
    """``scheme://host[:port]`` of an address, or None when it has none."""
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def _localized(guide: Guide) -> Iterator[tuple[Loc, Localized]]:
    yield ("title",), guide.title
    yield ("summary",), guide.summary
    for name, param in guide.parameters.items():
        yield ("parameters", name, "prompt"), param.prompt
    for i, step in enumerate(guide.steps):
        base: Loc = ("steps", i)
        yield (*base, "say"), step.say
        if step.help is not None:
            yield (*base, "help"), step.help
        if step.target_name is not None:
            yield (*base, "target_name"), step.target_name
        for j, choice in enumerate(step.choices):
            yield (*base, "choices", j, "label"), choice.label
        for j, loc in enumerate(step.target):
            yield from _locator_texts((*base, "target", j), loc)
        for j, done in enumerate(step.done_when):
            if done.confirm is not None:
                yield (*base, "done_when", j, "confirm"), done.confirm
            for key in ("appears", "disappears"):
                value = getattr(done, key)
                if isinstance(value, list):
                    for k, loc in enumerate(value):
                        yield from _locator_texts((*base, "done_when", j, key, k), loc)


def _locator_texts(base: Loc, loc: Locator) -> Iterator[tuple[Loc, Localized]]:
    for key in ("name", "label", "text"):
        value = getattr(loc, key)
        if value is not None:
            yield (*base, key), value


def _urls(guide: Guide) -> Iterator[tuple[Loc, str]]:
    yield ("start",), guide.start
    for i, step in enumerate(guide.steps):
        if step.open:
            yield ("steps", i, "open"), step.open
        if step.page:
            yield ("steps", i, "page", "origin"), step.page.origin
        for j, done in enumerate(step.done_when):
            if done.url:
                yield ("steps", i, "done_when", j, "url"), done.url


def _css_problem(selector: str) -> str | None:
    """A cheap well-formedness check; the browser is the real judge."""
    if not selector.strip():
        return "empty CSS selector"
    pairs = {"[": "]", "(": ")"}
    stack: list[str] = []
    quote: str | None = None
    for ch in selector:
        if quote:
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch in pairs:
            stack.append(pairs[ch])
        elif ch in "])" and (not stack or stack.pop() != ch):
            return f"unbalanced {ch!r} in CSS selector"
    if quote or stack:
        return "unclosed bracket or quote in CSS selector"
    return None


def check_semantics(guide: Guide) -> list[Problem]:
    problems: list[Problem] = []
    langs = guide.languages
    if len(set(langs)) != len(langs):
        problems.append(Problem(("languages",), "a language is listed twice"))
    if guide.default_language not in langs:
        problems.append(Problem(("default_language",), "not one of the guide's languages"))

    # Every declared language has every text, and no text is in an undeclared language.
    for loc, value in _localized(guide):
        if isinstance(value, str):
            continue
        for lang in langs:
            if not value.get(lang, "").strip():
                problems.append(Problem((*loc, lang), "missing translation"))
        for lang in value:
            if lang not in langs:
                problems.append(Problem((*loc, lang), f"language {lang!r} is not in languages"))

    # Parameters used are declared; every declared one is used.
    declared = set(guide.parameters)
    used: set[str] = set()
    for loc, value in [
        *_localized(guide),
        *_urls(guide),
        *((("origins", i), o) for i, o in enumerate(guide.origins)),
    ]:
        for text in [value] if isinstance(value, str) else value.values():
            for name in PARAM_RE.findall(text):
                used.add(name)
                if name not in declared:
                    problems.append(Problem(loc, f"parameter {{{name}}} is not declared"))
    for name in sorted(declared - used):
        problems.append(Problem(("parameters", name), "declared but never used"))

    defaults = {name: p.default for name, p in guide.parameters.items()}
    for name, param in guide.parameters.items():
        if param.kind == "https-origin" and origin_of(param.default) != param.default.rstrip("/"):
            problems.append(
                Problem(("parameters", name, "default"), "not an origin (https://host)")
            )

    # Origins are HTTPS origins; every address is HTTPS and inside them.
    origins: set[str] = set()
    for i, raw in enumerate(guide.origins):
        value = fill(raw, defaults).rstrip("/")
        origin = origin_of(value)
        if origin is None or origin != value.lower():
            problems.append(Problem(("origins", i), f"{raw!r} is not an origin (https://host)"))
        elif not origin.startswith("https://"):
            problems.append(Problem(("origins", i), f"{raw!r} is not HTTPS"))
        else:
            origins.add(origin)
    for loc, raw in _urls(guide):
        value = fill(raw, defaults)
        origin = origin_of(value)
        if origin is None:
            problems.append(Problem(loc, f"{raw!r} is not an absolute address"))
        elif not origin.startswith("https://"):
            problems.append(Problem(loc, f"{raw!r} is not HTTPS"))
        elif origin not in origins and "*" not in origin:
            problems.append(Problem(loc, f"{origin} is not one of the guide's origins"))

    # Step ids unique; branches and next point at existing steps.
    ids: dict[str, int] = {}
    for i, step in enumerate(guide.steps):
        if step.id in ids:
            problems.append(Problem(("steps", i, "id"), f"duplicate step id {step.id!r}"))
        ids.setdefault(step.id, i)
    for i, step in enumerate(guide.steps):
        for j, choice in enumerate(step.choices):
            if choice.goto not in ids:
                problems.append(
                    Problem(("steps", i, "choices", j, "goto"), f"no step with id {choice.goto!r}")
                )
        if step.next and step.next not in ids:
            problems.append(Problem(("steps", i, "next"), f"no step with id {step.next!r}"))
        if step.page and not step.page.path.startswith("/"):
            problems.append(Problem(("steps", i, "page", "path"), "a path starts with /"))
        for j, candidate in enumerate(step.target):
            problems.extend(_locator_problems(("steps", i, "target", j), candidate))
            if candidate.css is None and any(c.css is not None for c in step.target[:j]):
                problems.append(
                    Problem(
                        ("steps", i, "target", j),
                        "CSS is the last resort: list CSS candidates last",
                    )
                )
        for j, done in enumerate(step.done_when):
            if done.kind in ("state", "activated") and not step.target:
                problems.append(
                    Problem(("steps", i, "done_when", j, done.kind), "needs the step's target")
                )
            if done.disappears == "target" and not step.target:
                problems.append(
                    Problem(("steps", i, "done_when", j, "disappears"), "the step has no target")
                )
            if done.state is not None:
                bad = _css_problem(done.state)
                if bad:
                    problems.append(Problem(("steps", i, "done_when", j, "state"), bad))
        if step.optional and not step.target:
            problems.append(
                Problem(("steps", i, "optional"), "only a step with a target can be optional")
            )
    return problems


_NAME_RE = re.compile(r"\S")


def _locator_problems(base: Loc, loc: Locator) -> list[Problem]:
    problems: list[Problem] = []
    if loc.css is not None:
        bad = _css_problem(loc.css)
        if bad:
            problems.append(Problem((*base, "css"), bad))
    if loc.frame is not None:
        bad = _css_problem(loc.frame)
        if bad:
            problems.append(Problem((*base, "frame"), bad))
    if loc.test_id is not None and not _NAME_RE.search(loc.test_id):
        problems.append(Problem((*base, "test_id"), "empty test id"))
    return problems
