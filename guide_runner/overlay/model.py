"""Plain data the overlay takes and gives back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypedDict


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


SignalKind = Literal["activated", "button", "cant_find", "vanished", "followed", "early"]


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
    - ``early``: the in-page matcher found the target the moment it appeared and outlined
      it before Python looked (see :class:`PageQuery`); Python's look confirms or corrects.
    """

    kind: SignalKind
    show_id: int
    button_id: str | None = None
    via: str | None = None
    frame_url: str = ""


@dataclass(frozen=True)
class PageQuery:
    """A target described for the overlay's in-page matcher (match.js), which outlines it in
    the very frame it appears instead of after a round trip through Python.

    Describes the same element as the Playwright locator it goes with, filtered to visible
    elements: ``role`` is ``get_by_role(role, name=name, exact=exact)``, ``css`` is
    ``locator(css)``, ``test_id`` is ``get_by_test_id(test_id)``. A list of them means "the
    first one that matches exactly one visible element". ``kind="other"`` stands for a
    locator the matcher does not model (labels, text, frames): it stops there and leaves the
    finding to Python. The matcher answers only where it is sure to agree with Playwright;
    Python's locator remains the authority either way.
    """

    kind: Literal["role", "css", "test_id", "other"]
    role: str | None = None
    name: str | None = None
    exact: bool = False
    css: str | None = None
    test_id: str | None = None

    @classmethod
    def by_role(cls, role: str, name: str | None = None, *, exact: bool = False) -> PageQuery:
        return cls("role", role=role, name=name, exact=exact)

    @classmethod
    def by_css(cls, css: str) -> PageQuery:
        return cls("css", css=css)

    @classmethod
    def by_test_id(cls, test_id: str) -> PageQuery:
        return cls("test_id", test_id=test_id)

    @classmethod
    def other(cls) -> PageQuery:
        return cls("other")

    def payload(self) -> dict[str, Any]:
        """What match.js reads."""
        return {
            "kind": self.kind,
            "role": self.role,
            "name": self.name,
            "exact": self.exact,
            "css": self.css,
            "testId": self.test_id,
        }
