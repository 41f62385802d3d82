"""Watching a guide-runner command run as a process of its own, line by line on stderr."""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager


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
