"""The in-page JavaScript the checker runs, read once from the .js files beside this module."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_DIR = Path(__file__).with_name("js")


@cache
def source(name: str) -> str:
    text = (_DIR / f"{name}.js").read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    return body.strip().rstrip(";")


def describe_js() -> str:
    """``(el) => "tag#id.class \\"text\\""``."""
    return source("describe")


def hit_test_js() -> str:
    """``(el) => {state, by}``: what a click at the element's centre would reach."""
    return f"(el) => ({source('hit_test')})(el, {source('describe')})"


def covered_by_js() -> str:
    """``(el, other) => bool``: the element over the target also holds ``other``."""
    return source("covered_by")
