"""Plain data the overlay takes and gives back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypedDict


class Box(TypedDict):
    """A rectangle in the top viewport's CSS pixels."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Button:
    """A button in the bubble: for steps the person confirms and for branch choices.

    ``id`` comes back in the ``button`` signal when it is pressed.
    """

    id: str
    label: str
    primary: bool = False


SignalKind = Literal["activated", "button", "cant_find", "vanished", "followed"]


@dataclass(frozen=True)
class Signal:
    """Something the person (or the page) did, reported by the overlay.

    These are hints, never proof: page scripts can call the exposed binding too, so a step
    completes on its observable result (address, element, dialog), not on a signal.

    - ``activated``: the highlighted target was clicked or got Enter/Space (``via``).
    - ``button``: a bubble button was pressed (``button_id``).
    - ``cant_find``: the "Can't find it?" link was pressed.
    - ``vanished``: the target left the page and nothing took its place (yet).
    - ``followed``: the target was re-rendered and the overlay moved to the replacement
      (found at the old one's place in the DOM, or by the locator again after ``vanished``).
    """

    kind: SignalKind
    show_id: int
    button_id: str | None = None
    via: str | None = None
    frame_url: str = ""
