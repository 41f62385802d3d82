"""Watching a guide-runner command run as a process of its own, line by line on stderr."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def watchdog(process: subprocess.Popen[str], seconds: float = 120) -> Iterator[None]:
    """Kill ``process`` after ``seconds`` (a hung command ends the reads), and on the way out
    if it is still running."""
    timer = threading.Timer(seconds, process.kill)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        if process.poll() is None:
            process.kill()


def stderr_until(process: subprocess.Popen[str], marker: str) -> list[str]:
    """The lines of ``process``'s stderr up to the first holding ``marker`` or a traceback."""
    assert process.stderr is not None
    seen: list[str] = []
    for line in process.stderr:
        seen.append(line)
        if marker in line or "Traceback" in line:
            break
    return seen


@contextmanager
def started_command(args: list[str], **popen: Any) -> Iterator[subprocess.Popen[str]]:
    """``python -m guide_runner ARGS`` as its own process, its stderr to read as text (no
    stdin, stdout ignored), under a ``watchdog``. ``popen``: more ``Popen`` arguments."""
    with (
        subprocess.Popen(
            [sys.executable, "-m", "guide_runner", *args],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            **popen,
        ) as process,
        watchdog(process),
    ):
        yield process
