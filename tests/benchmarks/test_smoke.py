"""The benchmark runs end to end in --quick mode and reports every required figure.

No timing assertions: the figures are only checked to be numbers (or null when a part is
not available or not run in --quick mode).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]

REQUIRED = [
    "highlight_latency_ms.ours.p50",
    "highlight_latency_ms.ours.p95",
    "highlight_latency_ms.playwright.p50",
    "highlight_latency_ms.playwright.p95",
    "advance_latency_ms.same_page.p50",
    "advance_latency_ms.same_page.p95",
    "advance_latency_ms.navigation.p50",
    "advance_latency_ms.navigation.p95",
    *(
        f"idle_cpu_pct.{size}.{mode}"
        for size in ("small", "large")
        for mode in ("none", "ours", "playwright")
    ),
    "tracking_max_px.scroll",
    "tracking_max_px.animation",
    "check_wall_s.workers_1",
    "check_wall_s.workers_2",
    "help_wall_ms",
    "first_highlight_ms.ours",
    "first_highlight_ms.bare",
    "first_highlight_ms.run",  # ours too: the person's path (run --practice), no pictures
]

# Parts that need nothing but the overlay and the browser always produce numbers.
ALWAYS_MEASURED = [
    "highlight_latency_ms.ours.p95",
    "highlight_latency_ms.playwright.p95",
    "advance_latency_ms.same_page.p95",
    "advance_latency_ms.navigation.p95",
    "idle_cpu_pct.large.ours",
    "idle_cpu_pct.large.playwright",
    "tracking_max_px.scroll",
    "tracking_max_px.animation",
    "help_wall_ms",
    "first_highlight_ms.ours",
    "first_highlight_ms.run",
    "first_highlight_ms.bare",
]


def _get(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        assert isinstance(data, dict), f"{dotted}: {part} is not inside an object"
        assert part in data, f"missing key {dotted}"
        data = data[part]
    return data


@pytest.mark.browser
@pytest.mark.slow
def test_quick_benchmark_reports_every_required_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "run.py"), "--quick", "--json", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(out.read_text(encoding="utf-8"))
    for key in REQUIRED:
        value = _get(result, key)
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        assert value is None or is_number, f"{key} = {value!r}"
    for key in ALWAYS_MEASURED:
        assert _get(result, key) is not None, f"{key} was not measured"
    assert result["quick"] is True
    assert result["machine"]["chromium"]
