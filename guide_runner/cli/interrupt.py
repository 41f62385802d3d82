"""Ctrl-C: every command ends with exit code 130 and one short line, never a traceback.

Kept free of rich and Playwright so that ``guide-runner -h`` stays fast. ``watch`` records
that SIGINT arrived (the engine of ``run`` and ``demo`` catches the KeyboardInterrupt
itself and ends its walk, so the command asks ``interrupted()`` afterwards).
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import FrameType

import click

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a command stopped by Ctrl-C
MESSAGE = "Interrupted (Ctrl-C)."

_seen = False
_deferred = False


def interrupted() -> bool:
    """Whether Ctrl-C (SIGINT) arrived while ``watch`` was active."""
    return _seen


def _on_sigint(signum: int, frame: FrameType | None) -> None:
    global _seen
    first = not _seen
    _seen = True
    if _deferred and first:
        return  # the walk ends at its next look (see deferred)
    signal.default_int_handler(signum, frame)  # raises KeyboardInterrupt, as Python does


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Inside, the first Ctrl-C is only recorded: the engine asks ``interrupted()`` at every
    look and ends its walk between two Playwright calls. A KeyboardInterrupt raised inside
    one would leave its reply to arrive while the browser closes (a traceback on the way
    out). A second Ctrl-C interrupts at once, for a walk stuck in a long call."""
    global _deferred
    _deferred = True
    try:
        yield
    finally:
        _deferred = False


@contextlib.contextmanager
def watch() -> Iterator[None]:
    """Record SIGINT (on the main thread; elsewhere signals cannot be handled anyway)."""
    global _seen
    _seen = False
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGINT)
    if previous is not signal.default_int_handler:  # e.g. ignored, or a debugger's own
        yield
        return
    signal.signal(signal.SIGINT, _on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def stop(message: str = MESSAGE) -> SystemExit:
    """Say ``message`` on stderr; the SystemExit to raise (exit code 130)."""
    with contextlib.suppress(Exception):
        click.echo(message, err=True)
    return SystemExit(EXIT_INTERRUPTED)
