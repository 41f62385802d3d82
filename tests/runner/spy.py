"""Proof helpers: record every input-like Playwright call made in the runner's thread, and
every untrusted (script-made) input event in the pages."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import BrowserContext
from playwright.sync_api import _generated as generated

from tests.input_methods import forbidden

# Every Playwright method that acts on a page like a person would, or reads what was typed.
SPIED = forbidden(reading=True)


@contextlib.contextmanager
def record_input_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Calls made in *this* thread (the runner's) to any method in SPIED."""
    runner_thread = threading.current_thread()
    calls: list[str] = []

    def spy(cls_name: str, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(original)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if threading.current_thread() is runner_thread:
                calls.append(f"{cls_name}.{name}")
            return original(*args, **kwargs)

        return wrapper

    for cls_name, names in SPIED.items():
        cls = getattr(generated, cls_name)
        for name in names:
            monkeypatch.setattr(cls, name, spy(cls_name, name, getattr(cls, name)))
    yield calls


UNTRUSTED_JS = """(() => {
  const kinds = ["click", "dblclick", "mousedown", "mouseup", "pointerdown", "pointerup",
    "keydown", "keyup", "keypress", "beforeinput", "input", "change", "submit"];
  for (const kind of kinds) {
    window.addEventListener(kind, (e) => {
      if (!e.isTrusted && window.__grUntrusted) window.__grUntrusted(kind);
    }, true);
  }
})();"""


def count_untrusted_events(context: BrowserContext) -> list[tuple[str, str]]:
    """Every script-made input event in any page of ``context``: (address, kind)."""
    seen: list[tuple[str, str]] = []

    def report(source: dict[str, Any], kind: str) -> None:
        seen.append((source["frame"].url.split("?")[0], kind))

    context.expose_binding("__grUntrusted", report)
    context.add_init_script(UNTRUSTED_JS)
    return seen
