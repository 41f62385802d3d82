"""Shared pieces: the local page server, the browser, statistics and machine facts."""

from __future__ import annotations

import contextlib
import functools
import os
import platform
import statistics
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Playwright

from guide_runner.browser import discover

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
PROBE = HERE / "probes" / "probe.js"
REPO = HERE.parent


@dataclass(frozen=True)
class Settings:
    """How much to measure: the full run, or a quick run that only proves the harness works."""

    quick: bool
    latency_trials: int
    advance_trials: int
    idle_seconds: float
    idle_reps: int
    tracking_runs: int
    help_runs: int
    startup_runs: int

    @classmethod
    def make(cls, quick: bool) -> Settings:
        if quick:
            return cls(True, 5, 2, 0.5, 1, 1, 3, 1)
        # Start-up runs are a few seconds each and vary by ±100 ms: 9 for a steadier median.
        return cls(False, 200, 20, 5.0, 3, 3, 10, 9)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


@contextlib.contextmanager
def serve_pages() -> Iterator[str]:
    """Serve benchmarks/pages/ on 127.0.0.1; yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(PAGES))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright: Playwright) -> Browser:
    """The browser guide-runner itself would pick (guide_runner.browser.discover), headless."""
    choice = discover(playwright=playwright)
    return playwright.chromium.launch(headless=True, **choice.launch_kwargs())


def percentiles(values: Sequence[float]) -> dict[str, float | None]:
    """p50 and p95 (nearest rank), rounded to 0.1 ms; None for no values."""
    if not values:
        return {"p50": None, "p95": None}
    ordered = sorted(values)

    def rank(p: float) -> float:
        index = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
        return round(ordered[index], 1)

    return {"p50": rank(50), "p95": rank(95)}


def median(values: Sequence[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def machine(browser_version: str | None) -> dict[str, Any]:
    """The facts docs/performance.md's table needs about where the figures came from."""
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram_gb: float | None = None
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    load: list[float] | None = None
    with contextlib.suppress(OSError):
        load = [round(v, 2) for v in os.getloadavg()]
    from importlib.metadata import version

    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "ram_gb": ram_gb,
        "load_avg_1_5_15": load,
        "chromium": browser_version,
        "python": platform.python_version(),
        "playwright": version("playwright"),
        "os": platform.platform(),
    }
