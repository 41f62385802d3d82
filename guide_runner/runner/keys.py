"""Where the person's key presses come from: the terminal, nowhere, or a test.

``TerminalKeys`` puts a real terminal in cbreak mode (one key at a time, no echo, Ctrl-C
still interrupts) and reads without blocking; the terminal is restored on exit, also after
an error. When stdin is not a terminal there are no keys: the bubble's buttons still work.
"""

from __future__ import annotations

import os
import queue
import sys
from types import TracebackType
from typing import Protocol, TextIO

# The keys the runner understands, by the name it uses.
ENTER = "enter"
KNOWN = {"\r": ENTER, "\n": ENTER, "b": "b", "s": "s", "h": "h", "q": "q", "r": "r"}


def normalize(raw: str) -> str | None:
    """A raw character as a key name: enter, b, s, h, q, r or a digit."""
    if raw in KNOWN:
        return KNOWN[raw]
    lowered = raw.lower()
    if lowered in KNOWN:
        return KNOWN[lowered]
    if raw.isdigit() and len(raw) == 1:
        return raw
    return None


class KeySource(Protocol):
    interactive: bool

    def read(self) -> str | None:
        """The next key pressed since the last call, or None. Never blocks."""

    def close(self) -> None: ...


class NoKeys:
    """stdin is not a terminal: no keys (the bubble's buttons still work)."""

    interactive = False

    def read(self) -> str | None:
        return None

    def close(self) -> None:
        pass


class QueuedKeys:
    """Keys put in by a test (or another thread), e.g. ``keys.put("enter")``."""

    interactive = True

    def __init__(self) -> None:
        self._queue: queue.Queue[str] = queue.Queue()

    def put(self, key: str) -> None:
        self._queue.put(key)

    def read(self) -> str | None:
        try:
            return self._queue.get_nowait()
        except queue.Empty:
            return None

    def close(self) -> None:
        pass


class TerminalKeys:
    """Keys from a real terminal, read without blocking (POSIX termios or Windows msvcrt)."""

    interactive = True

    def __init__(self, stream: TextIO | None = None):
        self._stream = stream or sys.stdin
        self._fd = self._stream.fileno()
        self._saved: object = None
        if os.name == "nt":  # pragma: no cover - Windows
            return
        import termios
        import tty

        self._saved = termios.tcgetattr(self._fd)
        tty.setcbreak(self._fd)

    def read(self) -> str | None:
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            while msvcrt.kbhit():  # type: ignore[attr-defined,unused-ignore]
                key = normalize(msvcrt.getwch())  # type: ignore[attr-defined,unused-ignore]
                if key:
                    return key
            return None
        import select

        while select.select([self._fd], [], [], 0)[0]:
            data = os.read(self._fd, 1)
            if not data:
                return None
            key = normalize(data.decode("utf-8", "ignore"))
            if key:
                return key
        return None

    def close(self) -> None:
        if self._saved is not None and os.name != "nt":
            import termios

            termios.tcsetattr(self._fd, termios.TCSADRAIN, self._saved)  # type: ignore[arg-type]
            self._saved = None

    def __enter__(self) -> TerminalKeys:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def keys_for_stdin() -> KeySource:
    """Terminal keys when stdin is a terminal, else none."""
    try:
        if sys.stdin is not None and sys.stdin.isatty():
            return TerminalKeys(sys.stdin)
    except (OSError, ValueError):
        pass
    return NoKeys()
