"""The Python side of the highlight overlay: install it on a page, show steps, hear signals."""

from __future__ import annotations

import contextlib
import secrets
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol, cast
from urllib.parse import urlsplit

from playwright.sync_api import Error, Frame, Locator, Page

from .assets import (
    BINDING_NAME,
    GLOBAL_NAME,
    init_script,
    install_config,
    install_function,
    pinned_top,
)
from .model import Box, Button, PageQuery, Signal
from .signals import SignalCallback, SignalHub, parse_signal
from .targets import place, show_or_find

if TYPE_CHECKING:
    from .context import ContextInstall

_API = f"window.{GLOBAL_NAME}"
_INSTALLED = f"() => !!{_API}"
_WATCH = f"(el, options) => {_API}.watch(el, options)"
_UNWATCH = f"() => {_API} && {_API}.unwatch()"
_HIDE = f"() => {_API} && {_API}.hide()"
_DESTROY = f"() => {_API} && {_API}.destroy()"
_DRAWN_BOX = f"() => ({_API} && {_API}.drawnBox()) || null"
# Without the overlay (a page it is not pinned to) the answer is null at once and Python
# waits itself: a page's own setTimeout may be replaced and never call back.
_WAIT_SIGNAL = f"(cap) => {_API} ? {_API}.waitForSignal(cap) : null"
_DROP_GUESS = f"(showId) => {_API} && {_API}.dropGuess(showId)"
_END_EXPECT = f"() => {_API} && {_API}.endExpectation()"
_WITHDRAW = f"(showIds) => {_API} && {_API}.withdraw(showIds)"
_REFIND_INTERVAL = 0.25  # seconds between locator look-ups for a vanished target
_SIGNAL_CAP_MS = 100.0  # longest wait in the page for a signal before looking again
_REPLACED_PAUSE_MS = 20.0  # the top document is being replaced: look again after


def _show_js(origins: Sequence[str] | None) -> str:
    """Hands the element to the top document's overlay (a call that gives the page a show
    id: the top's origin is checked first, assets.pinned_top)."""
    return f"""(el, options) => {{
  if (!{pinned_top(origins)}) throw new Error("the top document is not on a pinned origin");
  return window.top.{GLOBAL_NAME}.show(el, options);
}}"""


def _show_message_js(origins: Sequence[str] | None) -> str:
    """A bubble without a target; null where there is no overlay (or the top is not pinned)."""
    return f"(options) => {pinned_top(origins)} && {_API} ? {_API}.show(null, options) : null"


def _expect_js(origins: Sequence[str] | None) -> str:
    """Arms the in-page matcher; null where there is no overlay (or the top is not pinned)."""
    return f"(args) => {pinned_top(origins)} && {_API} ? {_API}.expect(args[0], args[1]) : null"


def _new_show_id(previous: int) -> int:
    """A fresh, unguessable show id (exact as a JavaScript number, never the previous one).

    Page scripts can call the overlay's binding; a signal counts only with the id of the
    step showing now, which only the overlay's closure in the page and Python know. With
    counted ids (1, 2, 3) a page could name it: a look-alike that calls the binding and then
    navigates to a pinned origin could have its press read as coming from the pinned page,
    since Python learns a frame's address when it handles the call, not when it was made.
    """
    while True:
        candidate = secrets.randbits(52) + 1
        if candidate != previous:
            return candidate


class _Closable(Protocol):
    def close(self) -> None: ...


class OverlayError(Exception):
    """The overlay cannot do what was asked (destroyed, or the page already has one)."""


@dataclass(frozen=True)
class _Step:
    """What is showing, kept to redraw after the page replaced the target."""

    show_id: int
    options: dict[str, Any]
    locator: Locator | None


@dataclass(frozen=True)
class _Expectation:
    """What expect() armed in the page: a step whose target is not there yet."""

    key: tuple[Any, ...]  # (address, queries, bubble): the same again arms nothing new
    show_id: int
    options: dict[str, Any]


def _bubble_of(options: dict[str, Any]) -> dict[str, Any]:
    """The options that make a bubble look the same (all but the show id and routing)."""
    return {k: v for k, v in options.items() if k not in ("showId", "frameBox", "scroll")}


class Overlay:
    """A highlight outline and instruction bubble drawn over someone else's page.

    Creating it installs the in-page script on every current frame and on every document
    the page loads later, and exposes the signal binding. Nothing is drawn and nothing runs
    in the page until :meth:`show` or :meth:`show_message`.
    """

    def __init__(
        self,
        page: Page,
        *,
        inspectable: bool = False,
        origins: Iterable[str] | None = None,
        installed: ContextInstall | None = None,
    ) -> None:
        """``inspectable`` opens the shadow root (tests and debugging only: page scripts
        could then read and restyle the overlay). ``origins`` (``scheme://host[:port]``)
        limits drawing to top documents from those origins; elsewhere the overlay is not
        installed at all and :meth:`show` finds nothing to draw with. ``installed``: the
        binding and init script are already on the page's context (made with the same
        ``origins`` and ``inspectable``; see context.py), so none are added to the page."""
        self._page = page
        self._inspectable = inspectable
        self._origins = sorted(origins) if origins is not None else None
        self._installed = installed
        # The calls that hand the page a show id, with this overlay's pins written in.
        self._show_js = _show_js(self._origins)
        self._show_message_js = _show_message_js(self._origins)
        self._expect_js = _expect_js(self._origins)
        self._signals = SignalHub()
        self._show_id = 0
        self._step: _Step | None = None
        self._watch_frame: Frame | None = None
        self._destroyed = False
        self._vanished_at: float | None = None  # when the locator was last tried again
        self._expectation: _Expectation | None = None
        self._guessed: _Expectation | None = None  # outlined in the page, not yet confirmed
        self._refused: tuple[Any, ...] | None = None  # an expectation a look contradicted
        self._binding: _Closable | None = None
        self._init_script: _Closable | None = None
        if installed is not None:
            if installed.inspectable != inspectable:
                raise ValueError("the context's overlay was installed with other settings")
            installed.adopt(page, self, origins=self._origins)
        else:
            try:
                # Older Playwright versions return None here: nothing to dispose of later.
                self._binding = page.expose_binding(BINDING_NAME, self._on_binding)
            except Error as exc:
                raise OverlayError(f"this page already has an overlay ({exc.message})") from exc
            self._init_script = page.add_init_script(
                init_script(inspectable=inspectable, origins=self._origins)
            )
        if installed is None:
            for frame in page.frames:
                if not self._refused_by(frame):
                    self._install(frame, check=False)  # documents already open missed it
        # Installed on the context: a page opened since has the script in every document; in
        # one opened before, show(), show_message() and expect() install it where missing.
        # A new document, or a same-document route change, ends the page's expectation.
        page.on("framenavigated", self._on_navigated)

    # ------------------------------------------------------------------ showing

    def show(
        self,
        locator: Locator,
        *,
        text: str,
        step: int | None = None,
        total: int | None = None,
        lang: str = "",
        buttons: Sequence[Button] = (),
        cant_find_label: str | None = None,
        title: str | None = None,
        dim: bool = False,
        scroll: bool = True,
        timeout: float = 5000,
        in_page: Sequence[PageQuery] = (),
    ) -> int:
        """Outline the one element ``locator`` matches and show the bubble beside it.

        Waits up to ``timeout`` ms for the element; Playwright's TimeoutError or strict-mode
        Error propagate when it is missing or ambiguous. Scrolls it into view once when it is
        off-screen (``scroll``). ``in_page`` describes the same target, visible elements
        only, for the overlay's in-page matcher: while waiting, the outline then appears in
        the frame the target does, and Python's next look confirms it. Returns the show id
        that this step's signals carry.
        """
        options = self._options(
            text=text,
            step=step,
            total=total,
            lang=lang,
            buttons=buttons,
            cant_find_label=cant_find_label,
            title=title,
            dim=dim,
            scroll=scroll,
        )
        self._keep_expected_id(options)
        self._step = _Step(show_id=options["showId"], options=options, locator=locator)
        self._vanished_at = None
        try:
            self._draw(locator, options, timeout=timeout, in_page=in_page)
            self._guessed = None  # confirmed, or moved to Playwright's element
        except Exception:
            self.hide()  # never leave the previous step pointing at the wrong thing
            raise
        return int(options["showId"])

    def show_message(
        self,
        *,
        text: str,
        step: int | None = None,
        total: int | None = None,
        lang: str = "",
        buttons: Sequence[Button] = (),
        cant_find_label: str | None = None,
        title: str | None = None,
        position: Literal["center", "corner"] = "center",
    ) -> int:
        """Show the bubble with no target: centred ("I can't find X here"), or in the
        bottom end corner (``position="corner"``) so the page stays readable while the
        person acts elsewhere (reads a mail, writes down a code). Returns the show id."""
        options = self._options(
            text=text,
            step=step,
            total=total,
            lang=lang,
            buttons=buttons,
            cant_find_label=cant_find_label,
            title=title,
            dim=False,
            scroll=False,
        )
        options["position"] = position
        self._expectation = self._guessed = None  # the page ends its expectation too
        self._step = _Step(show_id=options["showId"], options=options, locator=None)
        self._unwatch()
        if self._page.evaluate(self._show_message_js, options) is None:
            self._install(self._page.main_frame)
            self._page.evaluate(self._show_message_js, options)
        return int(options["showId"])

    def expect(
        self,
        in_page: Sequence[PageQuery],
        *,
        text: str,
        step: int | None = None,
        total: int | None = None,
        lang: str = "",
        buttons: Sequence[Button] = (),
        cant_find_label: str | None = None,
        title: str | None = None,
        dim: bool = False,
        scroll: bool = True,
    ) -> int | None:
        """Let the page outline the target itself: now if it is there, else the frame it
        appears.

        For callers that look for the target themselves (the runner's engine, at a step's
        start and between two ticks). The in-page matcher looks for ``in_page`` at once and
        then each frame the page changes; when it finds it, it shows it with this bubble
        (replacing what showed) and sends an ``early`` signal. Found at once, it is drawn
        quietly (not scrolled to, not announced: the caller may still find the step done)
        and the call returns after the frame that shows it (up to 100 ms). A later
        :meth:`show` with the same bubble keeps this show id, so the outline drawn early is
        confirmed without a redraw (and, if quiet, scrolled to and announced then);
        :meth:`drop_guess` takes it away when the caller's own look found nothing,
        :meth:`withdraw` when the caller is done with the step. Until the page finds the
        target, whatever is showing stays (a message, say).

        Costs one round trip the first time for an address and bubble, none when repeated.
        Returns the show id, or None when nothing was armed (nothing the matcher can look
        for, an expectation Python contradicted on this address, no overlay here, or a top
        document not on a pinned origin).
        """
        options = self._options(
            text=text,
            step=step,
            total=total,
            lang=lang,
            buttons=buttons,
            cant_find_label=cant_find_label,
            title=title,
            dim=dim,
            scroll=scroll,
        )
        queries = [q.payload() for q in in_page]
        key = (self._page.url, repr(queries), repr(_bubble_of(options)))
        if not in_page or in_page[0].kind == "other" or key == self._refused:
            self._end_expectation()  # an earlier step's must not draw during this one
            return None
        for known in (self._expectation, self._guessed):
            if known is not None and known.key == key:
                return known.show_id
        main = self._page.main_frame
        # Known before the call: the page may outline it (and say so) before the reply.
        self._expectation = _Expectation(key=key, show_id=options["showId"], options=options)
        try:
            armed = main.evaluate(self._expect_js, [queries, options])
            if armed is None:  # no overlay in this document (yet): install, ask once more
                self._install(main)
                armed = main.evaluate(self._expect_js, [queries, options])
        except Error:  # navigating, or the page broke the call: the next look decides
            armed = None
        if armed is None:
            # Nothing armed there. Not the previous one back either: a navigation meanwhile
            # ended it, or the page's early signal already moved it to what it outlined.
            if self._expectation is not None and self._expectation.show_id == options["showId"]:
                self._expectation = None
            return None
        return int(options["showId"])

    def _end_expectation(self) -> None:
        if self._expectation is not None:
            self._expectation = None
            self._evaluate_quietly(self._page.main_frame, _END_EXPECT)

    def guessed(self) -> bool:
        """Whether the in-page matcher outlined an expected target and no :meth:`show` has
        confirmed it yet (known from its ``early`` signal)."""
        return self._guessed is not None

    def drop_guess(self) -> None:
        """Take away the outline the in-page matcher drew (the caller's own look found no
        such target), and arm nothing more for that address and bubble."""
        guess, self._guessed = self._guessed, None
        if guess is None:
            return
        self._refused = guess.key
        self._expectation = None  # the page's hide() ends any expectation too
        if self._step is not None and self._step.show_id == guess.show_id:
            self._step = None
        self._evaluate_quietly(self._page.main_frame, _DROP_GUESS, guess.show_id)

    def withdraw(self) -> None:
        """The caller is done with the step :meth:`expect` armed before any :meth:`show`
        confirmed it: the expectation ends, and an outline the page drew early for it is
        taken away, whether its ``early`` signal has arrived yet or not. Unlike
        :meth:`drop_guess`, the same step may be armed again later. A step shown with
        :meth:`show` stays. Costs nothing when nothing is pending."""
        pending = [p for p in (self._expectation, self._guessed) if p is not None]
        if not pending:
            return
        self._expectation = self._guessed = None
        ids = [p.show_id for p in pending]
        if self._step is not None and self._step.show_id in ids:
            self._step = None
        self._signals.discard(ids)  # a click on that outline is not the next step's
        self._evaluate_quietly(self._page.main_frame, _WITHDRAW, ids)

    def drawn_box(self) -> Box | None:
        """The outline as drawn now, in viewport CSS pixels; None when nothing is outlined."""
        self._check_alive()
        box = self._page.evaluate(_DRAWN_BOX)
        return cast(Box, box) if box else None

    def hide(self) -> None:
        """Take the outline and bubble away; the overlay stays installed for the next step."""
        self._check_alive()
        self._step = None
        self._expectation = self._guessed = None
        self._unwatch()
        self._evaluate_quietly(self._page.main_frame, _HIDE)

    def destroy(self) -> None:
        """Remove every node, listener and observer from every frame. Idempotent."""
        if self._destroyed:
            return
        self._destroyed = True
        self._step = None
        self._expectation = self._guessed = None
        self._watch_frame = None
        for frame in self._page.frames:
            self._evaluate_quietly(frame, _DESTROY)
        with contextlib.suppress(Exception):
            self._page.remove_listener("framenavigated", self._on_navigated)
        for disposable in (self._init_script, self._binding):
            if disposable is not None:
                with contextlib.suppress(Error):  # the page is already closed
                    disposable.close()
        if self._installed is not None:
            # The context's script still installs in new documents; without an Overlay on
            # the page nothing calls it, so nothing is drawn there.
            self._installed.release(self._page, self)
        self._signals.clear()

    # ------------------------------------------------------------------ signals

    def on_signal(self, callback: SignalCallback) -> Callable[[], None]:
        """Call ``callback`` with each signal of the current step; returns an unsubscribe."""
        return self._signals.subscribe(callback)

    def events(self) -> list[Signal]:
        """Signals of the current step received since the last call (hints, see Signal)."""
        self._follow_vanished()
        return self._signals.drain()

    def wait_for_signal(self, timeout: float) -> Signal | None:
        """The next signal of the current step, waiting up to ``timeout`` ms; None if none.

        Waits in the top document for the overlay's next signal, which ends the wait once
        Python has it; at most ``_SIGNAL_CAP_MS`` at a time, for what the top does not hear
        (a cross-origin frame's signals, a vanished target to look up again).
        """
        deadline = time.monotonic() + timeout / 1000
        while True:
            self._follow_vanished()
            signal = self._signals.pop()
            if signal is not None:
                return signal
            remaining = (deadline - time.monotonic()) * 1000
            if remaining <= 0:
                return None
            cap = min(_SIGNAL_CAP_MS, remaining)
            try:
                if self._page.evaluate(_WAIT_SIGNAL, cap) is None:
                    self._page.wait_for_timeout(cap)  # no overlay here: a driver-side timer
            except Error:
                if self._page.is_closed():
                    return None
                # The top document is being replaced: give the new one a moment to load.
                self._page.wait_for_timeout(min(_REPLACED_PAUSE_MS, remaining))

    @property
    def current_show_id(self) -> int | None:
        """The show id of what is showing now, or None."""
        return self._step.show_id if self._step else None

    # ------------------------------------------------------------------ internals

    def _options(
        self,
        *,
        text: str,
        step: int | None,
        total: int | None,
        lang: str,
        buttons: Sequence[Button],
        cant_find_label: str | None,
        title: str | None,
        dim: bool,
        scroll: bool,
    ) -> dict[str, Any]:
        self._check_alive()
        self._show_id = _new_show_id(self._show_id)
        return {
            "showId": self._show_id,
            "text": text,
            "step": step,
            "total": total,
            "lang": lang,
            "buttons": [{"id": b.id, "label": b.label, "primary": b.primary} for b in buttons],
            "cantFindLabel": cant_find_label,
            "title": title,
            "dim": dim,
            "scroll": scroll,
            "frameBox": False,
        }

    def _keep_expected_id(self, options: dict[str, Any]) -> None:
        """The step that expect() armed (or the page outlined early), shown now with the same
        bubble, keeps its show id: the outline already drawn is confirmed, not redrawn."""
        for known in (self._guessed, self._expectation):
            if known is not None and _bubble_of(known.options) == _bubble_of(options):
                options["showId"] = self._show_id = known.show_id
                break
        self._expectation = None

    def _draw(
        self,
        locator: Locator,
        options: dict[str, Any],
        *,
        timeout: float,
        in_page: Sequence[PageQuery] = (),
    ) -> None:
        # One round trip when the element is there and the top document can draw it: the
        # look-up hands it to the top's overlay. Installing happens only where it is missing.
        self._unwatch()
        element = show_or_find(
            locator,
            options,
            timeout=timeout,
            install=self._install,
            in_page=in_page,
            pins=self._origins,
        )
        if element is None:
            return
        placement = place(element, install=self._install)
        draw_options = {**options, "frameBox": placement.frame_box}
        placement.element.evaluate(self._show_js, draw_options)
        if placement.watch_frame is not None and placement.watch_element is not None:
            placement.watch_element.evaluate(_WATCH, options)
            self._watch_frame = placement.watch_frame

    def _unwatch(self) -> None:
        if self._watch_frame is not None:
            self._evaluate_quietly(self._watch_frame, _UNWATCH)
        self._watch_frame = None

    def _install(self, frame: Frame, *, check: bool = True) -> None:
        """Run overlay.js in ``frame`` now (idempotent); the init script covers later loads.

        With ``check``, sends the whole script (~40 KB to parse) only after a cheap look found
        it missing: a document that missed the init script (it was loading while this overlay
        was made). Callers ask for it only when an answer from the frame said it is missing.
        """
        if check and self._evaluate_quietly(frame, _INSTALLED) is not False:
            return
        self._evaluate_quietly(
            frame,
            install_function(),
            install_config(inspectable=self._inspectable, origins=self._origins),
        )

    def _refused_by(self, frame: Frame) -> bool:
        """Whether overlay.js would install nothing in ``frame``'s document: a top document
        that is not on a pinned origin. Sending it the script anyway costs the page a parse of
        ~45 KB for nothing; a new tab's blank page, about to be navigated, is the usual case.
        Only certain cases count: the lazy install in :meth:`show` covers any other."""
        if self._origins is None or frame.parent_frame is not None:
            return False
        url = frame.url
        if url == "about:blank":
            # Its origin is opaque ("null") unless a page opened it, which it then inherits.
            return self._page.opener() is None
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or "@" in parts.netloc:
            return False
        return f"{parts.scheme}://{parts.netloc}" not in self._origins

    @staticmethod
    def _evaluate_quietly(frame: Frame, expression: str, arg: Any = None) -> Any:
        # Frames detach and navigate under us; a frame that is gone has nothing to undo.
        try:
            return frame.evaluate(expression, arg)
        except Error:
            return None

    def _on_navigated(self, frame: Frame) -> None:
        # The page's expectation ended with its document or address (overlay.js checks the
        # address): the next expect() arms the page again.
        if frame.parent_frame is None:
            self._expectation = None

    def _on_binding(self, source: dict[str, Any], payload: Any) -> None:
        if self._destroyed:
            return
        frame = source.get("frame")
        frame_url = frame.url if isinstance(frame, Frame) else ""
        signal = parse_signal(payload, frame_url)
        if signal is None:
            return
        expected = self._expectation
        if signal.kind == "early" and expected is not None and signal.show_id == expected.show_id:
            # The page outlined the expected target: that step is the one showing now.
            self._step = _Step(show_id=expected.show_id, options=expected.options, locator=None)
            self._expectation, self._guessed = None, expected
        if self._step is None or signal.show_id != self._step.show_id:
            return  # about an earlier step
        if signal.kind == "vanished":
            self._vanished_at = 0.0  # look for the target again at the next chance
        elif signal.kind == "followed":
            self._vanished_at = None
        self._signals.publish(signal)

    def _follow_vanished(self) -> None:
        """When the page replaced the target and the overlay could not find the new one by
        its place in the DOM, find it again with the locator (outside the binding callback,
        so it never interleaves with the caller's own Playwright calls)."""
        step = self._step
        now = time.monotonic()
        if step is None or step.locator is None or self._vanished_at is None:
            return
        if now - self._vanished_at < _REFIND_INTERVAL:
            return
        self._vanished_at = now
        try:
            # Looks once (no waiting): not there yet, or ambiguous, is a TimeoutError/Error.
            self._draw(step.locator, {**step.options, "scroll": False}, timeout=0)
        except Error:
            return
        self._vanished_at = None
        self._signals.publish(Signal(kind="followed", show_id=step.show_id))

    def _check_alive(self) -> None:
        if self._destroyed:
            raise OverlayError("this overlay was destroyed; create a new one")
