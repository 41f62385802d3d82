"""The only page interface the walk-through runner gets: it can look, never touch.

``SafePage``, ``SafeLocator`` and ``SafeFrameLocator`` wrap Playwright's objects and expose
navigation (navigation is not input), the address, and *reading*: finding, counting,
visibility, bounding boxes and a fixed allow-list of read-only scripts. They have no
click, fill, type, press, check, uncheck, select_option, drag_to, set_input_files,
dispatch_event, tap, hover or focus, no keyboard and no mouse, and no way to read what
was typed (no input_value, inner_text or text_content). There is no ``__getattr__``
pass-through: what is not written here does not exist. Screenshots exist only when the
page was wrapped with ``screenshots=True`` (the demo), never in ``run``.

The objects duck-type the parts of Playwright's Page/Locator that guide_runner.locate and
guide_runner.completion use, so the shared resolution and completion code runs unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any, Literal

from playwright.sync_api import FrameLocator, Locator, Page

from guide_runner.completion import ONE_MATCHES_JS
from guide_runner.locate import COUNT_JS
from guide_runner.redirects import follow_client_redirects
from guide_runner.runner.picture import Camera, Settled, settle
from guide_runner.wake import WAKE_JS

# Methods the run path must never have; tests/runner assert none of the wrappers has one.
INPUT_METHODS = frozenset(
    {
        "click",
        "dblclick",
        "fill",
        "type",
        "press",
        "press_sequentially",
        "check",
        "uncheck",
        "set_checked",
        "select_option",
        "select_text",
        "drag_to",
        "drag_and_drop",
        "set_input_files",
        "dispatch_event",
        "tap",
        "hover",
        "focus",
        "blur",
        "clear",
        "keyboard",
        "mouse",
        "touchscreen",
        "input_value",
        "inner_text",
        "text_content",
        "inner_html",
        "all_inner_texts",
        "all_text_contents",
        "evaluate_handle",
        "element_handle",
        "element_handles",
        "add_script_tag",
        "expose_function",
        "expose_binding",
    }
)

# Every field that can hold what a person typed (masked in screenshots of sensitive steps).
TYPED_FIELDS = (
    "input:not([type=submit]):not([type=button]):not([type=reset]):not([type=checkbox])"
    ":not([type=radio]):not([type=hidden]):not([type=image]), textarea, [contenteditable]"
)

# completion.py asks only "does the element match this selector?" — a yes or no.
MATCHES_JS = "(el, selector) => el.matches(selector)"


@cache
def _script(name: str) -> str:
    return (resources.files("guide_runner.runner") / name).read_text(encoding="utf-8")


def allowed_scripts() -> frozenset[str]:
    """Every script the runner may evaluate: each returns booleans, a count or public names."""
    return frozenset({MATCHES_JS, ONE_MATCHES_JS, COUNT_JS, _script("names.js")})


class ForbiddenScript(PermissionError):
    pass


def _check_script(expression: str) -> None:
    if expression not in allowed_scripts():
        raise ForbiddenScript("the runner evaluates only its read-only scripts")


class _Finders:
    """Finding elements (Playwright's locator builders), shared by the three look-only
    wrappers: each returns a look-only locator, never Playwright's own."""

    __slots__ = ()
    _inner: Locator | FrameLocator | Page

    def get_by_role(
        self, role: Any, *, name: str | None = None, exact: bool = False
    ) -> SafeLocator:
        return SafeLocator(self._inner.get_by_role(role, name=name, exact=exact))

    def get_by_label(self, text: str, *, exact: bool = False) -> SafeLocator:
        return SafeLocator(self._inner.get_by_label(text, exact=exact))

    def get_by_text(self, text: str, *, exact: bool = False) -> SafeLocator:
        return SafeLocator(self._inner.get_by_text(text, exact=exact))

    def get_by_test_id(self, test_id: str) -> SafeLocator:
        return SafeLocator(self._inner.get_by_test_id(test_id))

    def locator(self, selector: str) -> SafeLocator:
        return SafeLocator(self._inner.locator(selector))

    def frame_locator(self, selector: str) -> SafeFrameLocator:
        return SafeFrameLocator(self._inner.frame_locator(selector))


class SafeLocator(_Finders):
    """A Playwright locator that can be found, counted and measured, nothing else."""

    __slots__ = ("_inner",)
    _inner: Locator

    def __init__(self, inner: Locator):
        self._inner = inner

    # finding -----------------------------------------------------------------------------
    def filter(self, *, visible: bool | None = None, has_text: str | None = None) -> SafeLocator:
        return SafeLocator(self._inner.filter(visible=visible, has_text=has_text))

    def or_(self, other: SafeLocator) -> SafeLocator:
        return SafeLocator(self._inner.or_(other._inner))

    def nth(self, index: int) -> SafeLocator:
        return SafeLocator(self._inner.nth(index))

    @property
    def first(self) -> SafeLocator:
        return SafeLocator(self._inner.first)

    # reading -----------------------------------------------------------------------------
    def count(self) -> int:
        return self._inner.count()

    def is_visible(self) -> bool:
        return self._inner.is_visible()

    def bounding_box(self, timeout: float = 1000) -> dict[str, float] | None:
        box = self._inner.bounding_box(timeout=timeout)
        if box is None:
            return None
        return {k: float(box[k]) for k in ("x", "y", "width", "height")}

    def evaluate(self, expression: str, arg: Any = None, timeout: float = 2000) -> Any:
        """Only the allow-listed read-only scripts (e.g. ``el.matches(selector)``)."""
        _check_script(expression)
        return self._inner.evaluate(expression, arg, timeout=timeout)

    def evaluate_all(self, expression: str, arg: Any = None) -> Any:
        """Only the allow-listed read-only scripts, on every element matched now."""
        _check_script(expression)
        return self._inner.evaluate_all(expression, arg)

    def __repr__(self) -> str:
        return f"SafeLocator({self._inner!r})"


class SafeFrameLocator(_Finders):
    __slots__ = ("_inner",)
    _inner: FrameLocator

    def __init__(self, inner: FrameLocator):
        self._inner = inner


WaitUntil = Literal["commit", "domcontentloaded", "load", "networkidle"]


class SafePage(_Finders):
    """A page the runner can navigate and look at."""

    __slots__ = ("_camera", "_inner", "_screenshots")
    _inner: Page

    def __init__(self, inner: Page, *, screenshots: bool = False):
        self._inner = inner
        self._screenshots = screenshots
        self._camera: Camera | None = None  # the demo's pictures, made on first use

    # navigation (not input) ----------------------------------------------------------------
    def goto(self, url: str, *, timeout: float = 30_000, wait_until: WaitUntil = "commit") -> None:
        self._inner.goto(url, timeout=timeout, wait_until=wait_until)

    def follow_client_redirects(self, timeout: float) -> None:
        """Wait (at most ``timeout`` seconds) while the document redirects itself with a meta
        refresh; see guide_runner/redirects.py (it reads one tag, nothing else)."""
        follow_client_redirects(self._inner, timeout)

    @property
    def url(self) -> str:
        return self._inner.url

    def is_closed(self) -> bool:
        return self._inner.is_closed()

    def wait_for_timeout(self, ms: float) -> None:
        """Let time pass while Playwright delivers events (new pages, signals)."""
        self._inner.wait_for_timeout(ms)

    def wait_for_change(self, last: str | None, cap_ms: float) -> str:
        """Wait in the page until its document changes, or ``cap_ms`` pass; returns the
        document's change token (see guide_runner/wake.js: it only observes, it sends no
        events and reads no field). Raises Playwright's Error when the document goes away."""
        return str(self._inner.evaluate(WAKE_JS, [last, cap_ms]))

    # reading -------------------------------------------------------------------------------
    def accessible_names(self, limit: int = 200) -> list[dict[str, str]]:
        """Roles and names of the visible controls and headings (for drift notes).

        Names only — never what a field contains.
        """
        result = self._inner.evaluate(_script("names.js"), limit)
        return [dict(item) for item in result] if isinstance(result, list) else []

    def screenshot(self, *, mask_inputs: bool, mask: Sequence[Locator] = ()) -> bytes:
        """Only for the demo's report: the viewport, every field that can hold typed text
        (in every frame) masked when ``mask_inputs``, and the elements of ``mask``."""
        self._require_pictures()
        typed = [frame.locator(TYPED_FIELDS) for frame in self._inner.frames] if mask_inputs else []
        masks = [*typed, *mask]
        if not masks:
            return self._own_camera().take()
        # Playwright draws the masks.
        return self._inner.screenshot(
            mask=masks,
            mask_color="#5b6770",
            animations="disabled",
            caret="hide",
        )

    def screenshot_if_still(self) -> bytes | None:
        """Only for the demo's report: the viewport, unmasked, or None when the page did not
        hold still while it was taken (see guide_runner/runner/picture.py)."""
        return self._own_camera().take_if_still()

    def settle(self, cap_ms: float) -> Settled:
        """Only for the demo's pictures: wait until the page holds still (it only reads; see
        guide_runner/runner/picture.js). "still", "timeout" or "leaving"."""
        self._require_pictures()
        return settle(self._inner, cap_ms)

    def _require_pictures(self) -> None:
        if not self._screenshots:
            raise PermissionError("screenshots are not allowed here")

    def _own_camera(self) -> Camera:
        self._require_pictures()
        if self._camera is None:
            self._camera = Camera(self._inner)
        return self._camera

    def same(self, other: SafePage) -> bool:
        return self._inner is other._inner

    def __repr__(self) -> str:
        return f"SafePage({self._inner!r})"


def unwrap_page(page: SafePage) -> Page:
    """Playwright's page behind ``page`` — only for the overlay adapter (drawing) and the
    practice-only demo autopilot. The run path never calls this for input."""
    return page._inner


def unwrap_locator(locator: SafeLocator) -> Locator:
    """Playwright's locator behind ``locator`` — only for the overlay adapter and the demo."""
    return locator._inner
