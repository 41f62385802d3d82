"""What the engine asks of the in-page UI and of the person, independent of how it is drawn.

The engine talks to a :class:`Highlighter` (the overlay in the browser, or nothing in a
test) and hears back :class:`Signal`s. Signals come from the page, where a page script
could fake them, so the engine treats them as hints or as the person's explicit choice of
a bubble button — never as proof that a step happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Protocol

from guide_runner.runner.safe_page import SafeLocator, SafePage

if TYPE_CHECKING:
    from guide_runner.overlay.model import PageQuery

SignalKind = Literal["activated", "button", "cant_find", "vanished"]


@dataclass(frozen=True)
class Signal:
    kind: SignalKind
    value: str | None = None  # the button id for kind == "button"


@dataclass(frozen=True)
class Button:
    id: str  # confirm, back, skip, retry, quit, choice:<n>
    label: str


@dataclass(frozen=True)
class Bubble:
    text: str
    step: int
    total: int
    lang: str
    buttons: tuple[Button, ...] = ()
    cant_find_label: str | None = None
    tone: Literal["step", "problem"] = "step"


class Highlighter(Protocol):
    def prepare(self, page: SafePage) -> None:
        """Get ready to draw on ``page``; cheapest before it loads its first document."""

    def show(self, page: SafePage, target: SafeLocator, bubble: Bubble) -> None:
        """Outline ``target`` on ``page`` with the bubble next to it (hides it elsewhere)."""

    def message(self, page: SafePage, bubble: Bubble) -> None:
        """A centred bubble without a target."""

    def expect(self, page: SafePage, queries: Sequence[PageQuery], bubble: Bubble) -> None:
        """The target is not on ``page`` yet: outline it, with the bubble, the moment it
        appears, without waiting for the next look (whatever shows stays until then).
        Repeating the same call is free."""

    def guessed(self, page: SafePage) -> bool:
        """Whether an expected target was outlined on ``page`` that no ``show`` has
        confirmed yet."""

    def drop_guess(self, page: SafePage) -> None:
        """Take that outline away: the engine's own look on ``page`` did not find the target."""

    def withdraw(self) -> None:
        """The step is over: end what ``expect`` armed and take away an outline drawn for it
        that no ``show`` confirmed. Free when nothing is pending."""

    def hide(self) -> None:
        """Remove what is shown, on every page."""

    def signals(self) -> list[Signal]:
        """Signals received since the last call."""

    def has_signals(self) -> bool:
        """Whether signals arrived since the last ``signals()`` (the engine then looks again
        without waiting)."""

    def close(self) -> None: ...


@dataclass
class NullHighlighter:
    """Draws nothing; records what would have been drawn (tests, and when no overlay exists)."""

    shown: list[tuple[str, Bubble]] = field(default_factory=list)
    pending: list[Signal] = field(default_factory=list)
    visible: bool = False
    prepared: list[str] = field(default_factory=list)  # the page's address when prepared
    where: list[str] = field(default_factory=list)  # the page's address at each of shown
    expected: list[tuple[str, list[PageQuery]]] = field(default_factory=list)
    withdrawn: int = 0  # steps ended (withdraw calls)

    def prepare(self, page: SafePage) -> None:
        self.prepared.append(page.url)

    def show(self, page: SafePage, target: SafeLocator, bubble: Bubble) -> None:
        self.shown.append(("target", bubble))
        self.where.append(page.url)
        self.visible = True

    def message(self, page: SafePage, bubble: Bubble) -> None:
        self.shown.append(("message", bubble))
        self.where.append(page.url)
        self.visible = True

    def expect(self, page: SafePage, queries: Sequence[PageQuery], bubble: Bubble) -> None:
        self.expected.append((page.url, list(queries)))

    def guessed(self, page: SafePage) -> bool:
        return False

    def drop_guess(self, page: SafePage) -> None:
        pass

    def withdraw(self) -> None:
        self.withdrawn += 1

    def hide(self) -> None:
        self.visible = False

    def signals(self) -> list[Signal]:
        out, self.pending = self.pending, []
        return out

    def has_signals(self) -> bool:
        return bool(self.pending)

    def close(self) -> None:
        self.visible = False
