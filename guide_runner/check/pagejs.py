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


def reach_js() -> str:
    """``(els) => {state, by}`` for ``Locator.evaluate_all`` (one round trip): the one
    element scrolled into view if needed, and what a click at its centre would reach;
    state "gone" when the locator no longer matches exactly one element."""
    reach = f"({source('reach')})(els[0], {source('hit_test')}, {source('describe')})"
    return f'(els) => els.length === 1 ? {reach} : {{ state: "gone", by: null }}'


def covered_by_js() -> str:
    """``(el, other) => bool``: the element over the target also holds ``other``."""
    return source("covered_by")
