"""A tiny template language for the page files, so pages stay plain HTML.

- ``{{ signin.next }}`` — a label from labels.yaml in the page's language (HTML-escaped);
  ``{{ forgot.sent_text email=email }}`` fills the label's ``{email}`` placeholder.
- ``{{ email }}``, ``{{ mail.subject }}`` — a value the server passes (HTML-escaped);
  ``{{ qr_svg|raw }}`` inserts it unescaped.
- ``{% if name %}…{% else %}…{% endif %}`` (also ``if not name``, ``if name == "x"``),
  ``{% for item in items %}…{% endfor %}``, ``{% include "_layout/footer.html" %}``.

A name whose first part is a value the server passed wins over a label of the same name.
"""

from __future__ import annotations

import html
import re
import shlex
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from guide_runner.practice.labels import label

_TOKEN = re.compile(r"({{.*?}}|{%.*?%})", re.DOTALL)

Loader = Callable[[str], str]


class TemplateError(Exception):
    pass


@dataclass
class _Node:
    kind: str  # text, var, if, for, include
    text: str = ""
    args: list[str] = field(default_factory=list)
    body: list[_Node] = field(default_factory=list)
    orelse: list[_Node] = field(default_factory=list)


def _parse(source: str) -> list[_Node]:
    root: list[_Node] = []
    stack: list[tuple[_Node | None, list[_Node]]] = [(None, root)]
    for token in _TOKEN.split(source):
        if not token:
            continue
        target = stack[-1][1]
        if token.startswith("{{"):
            target.append(_Node("var", args=shlex.split(token[2:-2].strip(), posix=False)))
        elif token.startswith("{%"):
            words = shlex.split(token[2:-2].strip(), posix=False)
            if not words:
                raise TemplateError("empty {% %} tag")
            tag = words[0]
            if tag in ("if", "for"):
                node = _Node(tag, args=words[1:])
                target.append(node)
                stack.append((node, node.body))
            elif tag == "else":
                node_else = stack[-1][0]
                if node_else is None or node_else.kind != "if":
                    raise TemplateError("else outside if")
                stack[-1] = (node_else, node_else.orelse)
            elif tag in ("endif", "endfor"):
                open_node = stack[-1][0]
                if open_node is None or "end" + open_node.kind != tag:
                    raise TemplateError(f"unexpected {tag}")
                stack.pop()
            elif tag == "include":
                target.append(_Node("include", args=words[1:]))
            else:
                raise TemplateError(f"unknown tag {tag!r}")
        else:
            target.append(_Node("text", text=token))
    if len(stack) != 1:
        raise TemplateError("unclosed {% if %} or {% for %}")
    return root


_MISSING = object()


def _lookup(path: str, ctx: Mapping[str, Any]) -> Any:
    head, *rest = path.split(".")
    if head not in ctx:
        return _MISSING
    value = ctx[head]
    for part in rest:
        if isinstance(value, Mapping):
            value = value.get(part, _MISSING)
        else:
            value = getattr(value, part, _MISSING)
        if value is _MISSING:
            return _MISSING
    return value


def _literal_or_value(token: str, ctx: Mapping[str, Any]) -> Any:
    if len(token) >= 2 and token[0] == token[-1] and token[0] in "\"'":
        return token[1:-1]
    value = _lookup(token, ctx)
    if value is _MISSING:
        raise TemplateError(f"unknown value {token!r}")
    return value


class Renderer:
    """Renders page sources in one language with the server's values."""

    def __init__(self, lang: str, loader: Loader):
        self.lang = lang
        self.loader = loader

    def render(self, source: str, ctx: Mapping[str, Any]) -> str:
        return self._render(_parse(source), dict(ctx), depth=0)

    def _render(self, nodes: list[_Node], ctx: dict[str, Any], depth: int) -> str:
        out: list[str] = []
        for node in nodes:
            if node.kind == "text":
                out.append(node.text)
            elif node.kind == "var":
                out.append(self._var(node.args, ctx))
            elif node.kind == "if":
                branch = node.body if self._truth(node.args, ctx) else node.orelse
                out.append(self._render(branch, ctx, depth))
            elif node.kind == "for":
                if len(node.args) != 3 or node.args[1] != "in":
                    raise TemplateError("use {% for item in items %}")
                items = _literal_or_value(node.args[2], ctx)
                for item in items:
                    out.append(self._render(node.body, {**ctx, node.args[0]: item}, depth))
            elif node.kind == "include":
                if depth > 8:
                    raise TemplateError("includes nested too deep")
                name = str(_literal_or_value(node.args[0], ctx))
                out.append(self._render(_parse(self.loader(name)), ctx, depth + 1))
        return "".join(out)

    def _truth(self, args: list[str], ctx: Mapping[str, Any]) -> bool:
        negate = bool(args) and args[0] == "not"
        if negate:
            args = args[1:]
        if len(args) == 3 and args[1] in ("==", "!="):
            left, right = (_literal_or_value(a, ctx) for a in (args[0], args[2]))
            result = (left == right) == (args[1] == "==")
        elif len(args) == 1:
            value = _lookup(args[0], ctx)
            result = value is not _MISSING and bool(value)
        else:
            raise TemplateError(f"cannot read condition {' '.join(args)!r}")
        return not result if negate else result

    def _var(self, args: list[str], ctx: Mapping[str, Any]) -> str:
        if not args:
            raise TemplateError("empty {{ }}")
        name, _, flt = args[0].partition("|")
        params = {}
        for arg in args[1:]:
            key, eq, raw = arg.partition("=")
            if not eq:
                raise TemplateError(f"expected key=value, got {arg!r}")
            params[key] = str(_literal_or_value(raw, ctx))
        value = _lookup(name, ctx)
        text = label(name, self.lang, **params) if value is _MISSING else str(value)
        if flt == "raw":
            return text
        if flt:
            raise TemplateError(f"unknown filter {flt!r}")
        return html.escape(text, quote=True)
