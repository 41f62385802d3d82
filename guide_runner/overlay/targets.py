"""Finding a locator's element, and where to draw it: in the top document or as a frame's box.

Finding waits in the page, not by polling: when the element is not there yet, the top
document's overlay watches for the page's next change (DOM mutations in it, its open shadow
roots and same-origin frames; frame loads; CSS animations and transitions ending) and Python
looks again as soon as one happens, or after a short cap for what no observer sees
(cross-origin frames, style sheets matching by media query).

The overlay draws in the top document only. An element in a same-origin frame is handed
to the top document's overlay through ``window.top``; an element in a frame the top cannot
reach (cross-origin) is drawn as the outermost reachable iframe's box, and its own frame
watches it for activation.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import ElementHandle, Error, Frame, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from .assets import GLOBAL_NAME, pinned_top
from .model import PageQuery

_API = f"window.{GLOBAL_NAME}"
# null: the overlay is not installed in that document (yet).
_REACHES_TOP = f"() => {_API} ? {_API}.reachesTop() : null"


# Arms the change watch and, with queries, the in-page matcher (the outline may then appear
# before Python's next look, which confirms it); without, ends any earlier expectation.
def _arm_js(pins: Sequence[str] | None) -> str:
    return f"""(early) => {{
  if (!{pinned_top(pins)} || !{_API}) return false;
  {_API}.armChanges();
  if (early) {_API}.expect(early[0], early[1]);
  else {_API}.endExpectation();  // an earlier step's must not draw while this one waits
  return true;
}}"""


_WAIT = f"([cap, notBefore]) => {_API} ? {_API}.waitForChange(cap, notBefore) : 'unarmed'"


# Runs on every element the locator matches now, in their frame. Exactly one: hands it to the
# top document's overlay ("shown"), or "route" when the top cannot be reached from that frame
# (cross-origin) or lacks the overlay. Several: how many. None, and `wait` given: waits on the
# top's armed change watch and says how that wait ended ("changed", "timeout", "unarmed"),
# or "none" when the top cannot be reached from where it ran; "dropped" when the in-page
# matcher had outlined something there early (taken away: Playwright disagrees).
def _look_js(pins: Sequence[str] | None) -> str:
    return f"""async (els, args) => {{
  const options = args[0], wait = args[1];
  if (els.length > 1) return els.length;
  let top = null;
  try {{ top = window.top.{GLOBAL_NAME} || null; }} catch (_) {{ top = null; }}
  if (!{pinned_top(pins)}) top = null;  // routed instead; place() refuses to draw there
  if (els.length === 1) return top && top.show(els[0], options) ? "shown" : "route";
  // The in-page matcher outlined what this look does not find: taken away, and said so.
  if (top && top.dropGuess(options.showId)) return "dropped";
  if (!wait || !top) return "none";
  return top.waitForChange(wait[0], wait[1]);
}}"""


CAP_MS = 250.0  # longest wait between two looks when nothing observable changes
CAP_CROSS_ORIGIN_MS = 100.0  # ... when the page has cross-origin frames (not observable)
BUSY_WAKES = 5  # after this many changes that did not bring the target ...
BUSY_GAP_MS = 50.0  # ... look at most this often (pages that change every frame)
_PAUSE_MS = 20.0  # a document being replaced, or no overlay to wait with: look again after


@dataclass(frozen=True)
class Placement:
    """The element to outline, the frame it lives in, and who watches the real target."""

    frame: Frame
    element: ElementHandle
    frame_box: bool
    watch_frame: Frame | None = None
    watch_element: ElementHandle | None = None


class TargetError(Exception):
    """The locator's element cannot be drawn (detached frame, no owner frame)."""


def show_or_find(
    locator: Locator,
    options: dict[str, Any],
    *,
    timeout: float,
    install: Callable[[Frame], None],
    in_page: Sequence[PageQuery] = (),
    pins: list[str] | None = None,
) -> ElementHandle | None:
    """Show the one element ``locator`` matches, waiting up to ``timeout`` ms for it.

    None once the top document's overlay shows it with ``options`` (one round trip when the
    element is there); the element when it must be routed through frames (:func:`place`).
    Playwright's strict-mode Error when it matches several; Playwright's TimeoutError when
    none appeared in time. Like ``locator.element_handle()`` it waits for the element to be
    attached (a locator that matches hidden elements finds them), but it looks again as soon
    as the page changes instead of on Playwright's polling back-off. ``install`` puts the
    overlay into a frame that lacks it (it holds the in-page change watch). ``in_page``
    describes the target for the overlay's own matcher, armed with the change watch: it
    outlines the target in the frame it appears, and the next look confirms it. ``pins``:
    the origins the top document must be on when the page is handed the show id (None: any).
    """
    early = [[q.payload() for q in in_page], options] if in_page else None
    look, arm = _look_js(pins), _arm_js(pins)
    page = locator.page
    deadline = time.monotonic() + timeout / 1000
    armed = False  # the top document's change watch, armed before the look that waits on it
    wakes = 0
    while True:
        left = (deadline - time.monotonic()) * 1000
        gap = BUSY_GAP_MS if wakes >= BUSY_WAKES else 0.0
        wait = [min(_cap(page), left), gap] if armed and left > 0 else None
        try:
            found = locator.evaluate_all(look, [options, wait])
        except Error as exc:
            if "context was destroyed" not in exc.message and "navigat" not in exc.message:
                raise
            found = "replaced"  # looked while the document was being replaced
        if found == "shown":
            return None
        left = (deadline - time.monotonic()) * 1000
        if found == "route" or (isinstance(found, int) and found > 1):
            # To route through frames; or Playwright's own strict-mode error for several.
            return locator.element_handle(timeout=max(left, 1.0))
        if found in ("changed", "timeout"):
            wakes += found == "changed"
            continue  # look again (at least once more, even past the deadline)
        if found == "dropped":
            early = None  # the matcher disagrees with the locator: Python's looks alone
            armed = False
            continue
        if left <= 0:
            raise PlaywrightTimeoutError(f"Timeout {timeout:g}ms exceeded waiting for {locator}")
        if found in ("unarmed", "replaced"):
            armed = False  # a new document: arm it
        main = page.main_frame
        try:
            if found == "replaced":
                page.wait_for_timeout(min(_PAUSE_MS, left))
            elif not armed:
                # Armed before the next look, so a change after that look's query counts.
                armed = bool(main.evaluate(arm, early))
                if not armed:
                    install(main)
                    armed = bool(main.evaluate(arm, early))
                if not armed:
                    page.wait_for_timeout(min(_PAUSE_MS, left))
            else:
                # The look ran where the top is out of reach (a cross-origin frame).
                why = main.evaluate(_WAIT, [min(_cap(page), left), gap])
                armed = why != "unarmed"
                wakes += why == "changed"
        except Error:
            # The document is being replaced (navigation): the new one needs arming.
            armed = False
            page.wait_for_timeout(min(_PAUSE_MS, left))


def _cap(page: Page) -> float:
    """Cross-origin frames change unobserved: look there more often (no round trip)."""
    top = _origin(page.main_frame.url)
    for frame in page.frames:
        origin = _origin(frame.url)
        if origin is not None and origin != top:
            return CAP_CROSS_ORIGIN_MS
    return CAP_MS


def _origin(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme in ("", "about"):
        return None  # about:blank, srcdoc: the parent's origin
    return f"{parts.scheme}://{parts.netloc}"


def reaches_top(frame: Frame, install: Callable[[Frame], None]) -> bool:
    """Whether scripts in ``frame`` can call the top document's overlay (same origin).

    Installs the overlay in ``frame`` first when it lacks it (the top must have it already).
    """
    answer = frame.evaluate(_REACHES_TOP)
    if answer is None:
        install(frame)
        answer = frame.evaluate(_REACHES_TOP)
    return bool(answer)


def place(element: ElementHandle, *, install: Callable[[Frame], None]) -> Placement:
    """Route ``element``: drawn by the top document directly, or as a frame's box.

    ``install`` runs for every frame from the top down to the element's that lacks the
    overlay (frames that existed before it may have missed its init script).
    """
    frame = element.owner_frame()
    if frame is None:
        raise TargetError("the element is not in any frame")
    chain: list[Frame] = []
    ancestor: Frame | None = frame
    while ancestor is not None:
        chain.append(ancestor)
        ancestor = ancestor.parent_frame
    reaches = {f: reaches_top(f, install) for f in reversed(chain)}  # the top first
    if reaches[frame]:
        return Placement(frame=frame, element=element, frame_box=False)
    child = frame
    while child.parent_frame is not None:
        parent = child.parent_frame
        if reaches[parent]:
            return Placement(
                frame=parent,
                element=child.frame_element(),
                frame_box=True,
                watch_frame=frame,
                watch_element=element,
            )
        child = parent
    raise TargetError("no frame between the element and the top document can draw it")
