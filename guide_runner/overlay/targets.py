"""Where to draw a locator's element: in the top document directly, or as its frame's box.

The overlay draws in the top document only. An element in a same-origin frame is handed
to the top document's overlay through ``window.top``; an element in a frame the top cannot
reach (cross-origin) is drawn as the outermost reachable iframe's box, and its own frame
watches it for activation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import ElementHandle, Frame, Locator

from .assets import GLOBAL_NAME

_REACHES_TOP = f"() => window.{GLOBAL_NAME}.reachesTop()"


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


def reaches_top(frame: Frame) -> bool:
    """Whether scripts in ``frame`` can call the top document's overlay (same origin).

    The overlay must already be installed in ``frame``.
    """
    if frame.parent_frame is None:
        return True
    return bool(frame.evaluate(_REACHES_TOP))


def place(locator: Locator, *, timeout: float, prepare: Callable[[Frame], None]) -> Placement:
    """Resolve ``locator`` to exactly one element (Playwright's strict mode) and route it.

    ``prepare`` runs for every frame from the element's up to the top before it is asked
    anything (it installs the overlay there).
    """
    element = locator.element_handle(timeout=timeout)
    frame = element.owner_frame()
    if frame is None:
        raise TargetError("the element is not in any frame")
    ancestor: Frame | None = frame
    while ancestor is not None:
        prepare(ancestor)
        ancestor = ancestor.parent_frame
    if reaches_top(frame):
        return Placement(frame=frame, element=element, frame_box=False)
    child = frame
    while child.parent_frame is not None:
        parent = child.parent_frame
        if reaches_top(parent):
            return Placement(
                frame=parent,
                element=child.frame_element(),
                frame_box=True,
                watch_frame=frame,
                watch_element=element,
            )
        child = parent
    raise TargetError("no frame between the element and the top document can draw it")
