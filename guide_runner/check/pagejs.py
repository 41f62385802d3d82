"""The in-page JavaScript the checker runs, read once from the .js files beside this module."""

from __future__ import annotations

from pathlib import Path

from guide_runner.pagejs import load_js

_DIR = Path(__file__).with_name("js")


def source(name: str) -> str:
    return load_js(str(_DIR / f"{name}.js"), f"{name}.js")


def describe_js() -> str:
    """``(el) => "tag#id.class \\"text\\""``."""
    return source("describe")


def hit_test_js() -> str:
    """``(el) => {state, by}``: what a click at the element's centre would reach."""
    return f"(el) => ({source('hit_test')})(el, {source('describe')})"


def covered_by_js() -> str:
    """``(el, other) => bool``: the element over the target also holds ``other``."""
    return source("covered_by")
