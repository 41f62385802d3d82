"""Turning untrusted payloads from the page binding into Signals, and handing them out."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import Any, get_args

from .model import Signal, SignalKind

SignalCallback = Callable[[Signal], None]

_KINDS: frozenset[str] = frozenset(get_args(SignalKind))


def parse_signal(payload: Any, frame_url: str) -> Signal | None:
    """A Signal from the page's payload, or None when it is malformed (any page can call us)."""
    if not isinstance(payload, dict):
        return None
    kind = payload.get("kind")
    show_id = payload.get("showId")
    if kind not in _KINDS or not isinstance(show_id, int) or isinstance(show_id, bool):
        return None
    button_id = payload.get("buttonId")
    via = payload.get("via")
    return Signal(
        kind=kind,
        show_id=show_id,
        button_id=button_id if isinstance(button_id, str) else None,
        via=via if isinstance(via, str) else None,
        frame_url=frame_url,
    )


class SignalHub:
    """A queue for pollers plus callbacks for listeners."""

    def __init__(self) -> None:
        self._queue: deque[Signal] = deque()
        self._callbacks: list[SignalCallback] = []

    def publish(self, signal: Signal) -> None:
        self._queue.append(signal)
        for callback in list(self._callbacks):
            callback(signal)

    def subscribe(self, callback: SignalCallback) -> Callable[[], None]:
        self._callbacks.append(callback)

        def unsubscribe() -> None:
            if callback in self._callbacks:
                self._callbacks.remove(callback)

        return unsubscribe

    def pop(self) -> Signal | None:
        return self._queue.popleft() if self._queue else None

    def drain(self) -> list[Signal]:
        items = list(self._queue)
        self._queue.clear()
        return items

    def discard(self, show_ids: Iterable[int]) -> None:
        """Forget queued signals of these steps (ended: what they said no longer counts)."""
        ids = set(show_ids)
        self._queue = deque(s for s in self._queue if s.show_id not in ids)

    def clear(self) -> None:
        self._queue.clear()
        self._callbacks.clear()
