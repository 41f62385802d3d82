"""Proof helpers for what the runner must not do besides input: open a CDP session (a raw
channel that can send trusted key presses or run scripts unseen), take pictures, traces or
videos, or read a typed field's value in the page.

The Python-side recorders wrap Playwright's implementation classes (``playwright._impl``),
which both the sync and the async API call, so a call through either API, or through an
object's ``_impl_obj``, is seen.

The in-page trap wraps the getters of what a person typed (``value`` and friends of text
fields) in the page's main world and reports reads made by code Playwright evaluated: in
Playwright 1.65 such code shows as ``eval at evaluate (:line:col)`` in a stack (Playwright's
UtilityScript runs it with ``eval``), also in callbacks it left behind that run later;
older versions mark it ``__playwright_evaluation_script__``. The page's own scripts carry
their address instead and are not counted. Playwright's actions (``fill``, ``press``,
``click``, ``input_value``) run in an isolated world with its own prototypes: the trap does
not see them, so the simulated person's typing never trips it.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright._impl import browser as impl_browser
from playwright._impl import browser_context as impl_context
from playwright._impl import browser_type as impl_browser_type
from playwright._impl import cdp_session as impl_cdp
from playwright._impl import element_handle as impl_element_handle
from playwright._impl import locator as impl_locator
from playwright._impl import page as impl_page
from playwright._impl import screencast as impl_screencast
from playwright._impl import tracing as impl_tracing
from playwright.sync_api import BrowserContext

Describe = Callable[[inspect.BoundArguments], str | None]


def _spy(
    monkeypatch: pytest.MonkeyPatch,
    cls: type,
    name: str,
    calls: list[str],
    describe: Describe | None = None,
) -> None:
    """Record ``Class.name`` (or what ``describe`` makes of the call; None: not recorded)."""
    original = getattr(cls, name)
    signature = inspect.signature(original)

    @functools.wraps(original)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        label = f"{cls.__name__}.{name}"
        if describe is not None:
            label_or_none = describe(signature.bind(*args, **kwargs))
            if label_or_none is None:
                return original(*args, **kwargs)
            label = label_or_none
        calls.append(label)
        return original(*args, **kwargs)  # the coroutine: the API awaits it as before

    monkeypatch.setattr(cls, name, wrapper)


@contextlib.contextmanager
def record_cdp(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every CDP session opened and every CDP message sent, in any thread, while active:
    ``BrowserContext.new_cdp_session``, ``CDPSession.send Input.dispatchKeyEvent`` …"""
    calls: list[str] = []
    _spy(monkeypatch, impl_context.BrowserContext, "new_cdp_session", calls)
    _spy(monkeypatch, impl_browser.Browser, "new_browser_cdp_session", calls)
    _spy(
        monkeypatch,
        impl_cdp.CDPSession,
        "send",
        calls,
        lambda call: f"CDPSession.send {call.arguments['method']}",
    )
    yield calls


# Options that make Playwright record videos, HARs or traces of everything.
_RECORDING_OPTIONS = ("record_video_dir", "record_har_path", "traces_dir")


def _with_recording(method: str) -> Describe:
    def describe(call: inspect.BoundArguments) -> str | None:
        used = [o for o in _RECORDING_OPTIONS if call.arguments.get(o) is not None]
        return f"{method}({', '.join(used)})" if used else None

    return describe


@contextlib.contextmanager
def record_pictures_and_traces(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every way Playwright takes a picture, trace, video or HAR, in any thread, while
    active, plus every CDP session (the demo's camera captures through one)."""
    calls: list[str] = []
    for cls, names in (
        (impl_tracing.Tracing, ("start", "start_chunk", "stop", "stop_chunk", "start_har")),
        (impl_page.Page, ("screenshot", "pdf")),
        (impl_locator.Locator, ("screenshot",)),
        (impl_element_handle.ElementHandle, ("screenshot",)),
        (impl_screencast.Screencast, ("start",)),
        (impl_browser.Browser, ("start_tracing", "new_browser_cdp_session")),
        (impl_context.BrowserContext, ("new_cdp_session",)),
    ):
        for name in names:
            _spy(monkeypatch, cls, name, calls)
    for owner, name in (
        (impl_browser.Browser, "new_context"),
        (impl_browser.Browser, "new_page"),
        (impl_browser_type.BrowserType, "launch"),
        (impl_browser_type.BrowserType, "launch_persistent_context"),
    ):
        _spy(monkeypatch, owner, name, calls, _with_recording(f"{owner.__name__}.{name}"))
    yield calls


# Appended to every init script the runner adds while ``tag_init_scripts`` is active, so
# its code is named in a stack (an init script is otherwise an anonymous script, like the
# test's own and the trap itself).
RUNNER_SCRIPT_TAG = "guide-runner-init-script"


@contextlib.contextmanager
def tag_init_scripts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Name the init scripts added while active (the overlay's) ``RUNNER_SCRIPT_TAG``."""
    for cls in (impl_page.Page, impl_context.BrowserContext):
        original = cls.add_init_script

        def tagged(
            self: Any,
            script: str | None = None,
            path: str | Path | None = None,
            *,
            _original: Any = original,
        ) -> Any:
            if script is None and path is not None:
                script = Path(path).read_text(encoding="utf-8")
            if script is not None:
                script = f"{script}\n//# sourceURL={RUNNER_SCRIPT_TAG}\n"
            return _original(self, script=script, path=None)

        monkeypatch.setattr(cls, "add_init_script", tagged)
    yield


VALUE_TRAP_JS = r"""(() => {
  // Code Playwright evaluated (page.evaluate, locator.evaluate_all …, and callbacks that
  // code left behind), or an init script added under tag_init_scripts.
  const RUNNER = new RegExp([
    String.raw`eval at evaluate \((<anonymous>)?:\d+:\d+\)`,
    "__playwright_evaluation_script__",
    "RUNNER_SCRIPT_TAG",
  ].join("|"));
  // A button's value is its label (Playwright's own role and text engines read it).
  const LABELS = new Set(["submit", "button", "reset", "image"]);
  const describe = (el) => el.localName
    + (el.localName === "input" ? `[type=${el.type}]` : "") + (el.id ? `#${el.id}` : "");
  const note = (what, el) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = Infinity; // a runner frame may be deep under Playwright's engines
    const stack = String(new Error().stack);
    Error.stackTraceLimit = limit;
    if (!RUNNER.test(stack) || typeof window.__grValueRead !== "function") return;
    // Where it was read and by what, never the value.
    window.__grValueRead(what, describe(el), stack.split("\n").slice(2, 9).join("\n"));
  };
  const trap = (cls, props, typed) => {
    for (const prop of props) {
      const own = Object.getOwnPropertyDescriptor(cls.prototype, prop);
      if (!own || !own.get) continue;
      Object.defineProperty(cls.prototype, prop, {
        ...own,
        get() {
          if (typed(this)) note(`${cls.name}.${prop}`, this);
          return own.get.call(this);
        },
      });
    }
  };
  const typed = ["value", "valueAsNumber", "valueAsDate", "selectionStart", "selectionEnd"];
  trap(HTMLInputElement, typed, (el) => !LABELS.has(el.type));
  trap(HTMLTextAreaElement, ["value", "textLength", "selectionStart", "selectionEnd"], () => true);
  // new FormData(form) reads every field without their getters.
  window.FormData = new Proxy(window.FormData, {
    construct(target, args, newTarget) {
      if (args[0]) note("FormData", args[0]);
      return Reflect.construct(target, args, newTarget);
    },
  });
})();""".replace("RUNNER_SCRIPT_TAG", RUNNER_SCRIPT_TAG)


def trap_typed_value_reads(context: BrowserContext) -> list[tuple[str, str, str, str]]:
    """Every read of a text field's typed value (or a form's ``FormData``) by code that
    Playwright evaluated, or by an init script tagged by ``tag_init_scripts``, in any page
    of ``context``: (address, what, which field, the stack's first frames). Install before
    the pages open; reports arrive while Playwright is waited on (a round trip delivers
    those sent before it)."""
    reads: list[tuple[str, str, str, str]] = []

    def report(source: dict[str, Any], what: str, field: str, stack: str) -> None:
        reads.append((source["frame"].url.split("?")[0], what, field, stack))

    context.expose_binding("__grValueRead", report)
    context.add_init_script(VALUE_TRAP_JS)
    return reads


def refuse_page_installs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make adding a binding or an init script to a page (rather than to its context) fail:
    the runner's commands install the overlay on the context (docs/overlay.md)."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the overlay was added to a page, not to its context")

    monkeypatch.setattr(impl_page.Page, "expose_binding", refuse)
    monkeypatch.setattr(impl_page.Page, "add_init_script", refuse)
