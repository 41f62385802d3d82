"""Figures measured on whole processes: ``guide-runner --help``, ``guide-runner check``, and
start-up to the first outline (``guide-runner demo``) against a bare Playwright script."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .common import HERE, REPO, Settings, median

BIN = Path(sys.executable).parent


def _cli() -> list[str]:
    found = BIN / "guide-runner"
    if found.exists():
        return [str(found)]
    on_path = shutil.which("guide-runner")
    return [on_path] if on_path else [sys.executable, "-m", "guide_runner"]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    return env


def help_wall_ms(settings: Settings) -> dict[str, Any]:
    """Median wall time of ``guide-runner --help`` (one warm-up run first)."""
    times: list[float] = []
    for i in range(settings.help_runs + 1):
        started = time.perf_counter()
        done = subprocess.run([*_cli(), "--help"], capture_output=True, env=_env(), check=False)
        elapsed = (time.perf_counter() - started) * 1000
        if done.returncode != 0:
            return {"median": None, "error": done.stderr.decode(errors="replace")[-500:]}
        if i:
            times.append(elapsed)
    return {"median": median(times), "runs": [round(t, 1) for t in times]}


def _has_command(name: str) -> bool:
    done = subprocess.run(
        [*_cli(), name, "--help"], capture_output=True, env=_env(), check=False, timeout=60
    )
    return done.returncode == 0


def _check_workers_supported() -> bool:
    done = subprocess.run(
        [*_cli(), "check", "--help"], capture_output=True, env=_env(), check=False, timeout=60
    )
    return done.returncode == 0 and b"--workers" in done.stdout


def check_wall_s(settings: Settings) -> dict[str, Any]:
    """Wall time of ``guide-runner check --all --all-langs`` (practice site), 1 and 2 workers.

    Skipped in --quick mode (null figures): only the command and its options are looked up.
    """
    if not _has_command("check"):
        return {"workers_1": None, "workers_2": None, "note": "not available: no check command"}
    workers = _check_workers_supported()
    if settings.quick:
        # A single guide x language already takes ~20 s on a loaded 2-core machine: the
        # smoke test only proves the command and its options are there.
        return {
            "workers_1": None,
            "workers_2": None,
            "workers_option": workers,
            "note": "--quick: not run (check and its options were found)",
        }
    selection = ["--all", "--all-langs"]
    out: dict[str, Any] = {"selection": " ".join(selection), "exit_codes": {}}
    for n in (1, 2):
        args = [*_cli(), "check", *selection, "--json"]
        started = time.perf_counter()
        if workers:
            done = subprocess.run(
                [*args, "--workers", str(n)], capture_output=True, env=_env(), check=False
            )
            codes = [done.returncode]
        else:
            out["note"] = "check has no --workers: N processes splitting the guides"
            procs = [
                subprocess.Popen(
                    [*_cli(), "check", *guides, "--all-langs", "--json"],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    env=_env(),
                )
                for guides in _split_guides(n)
            ]
            codes = [p.wait() for p in procs]
        elapsed = time.perf_counter() - started
        out["exit_codes"][f"workers_{n}"] = codes
        # Exit 1 means drift was found (the walk still completed); 2 is a failure.
        ok = all(code in (0, 1) for code in codes)
        out[f"workers_{n}"] = round(elapsed, 2) if ok else None
    return out


def _split_guides(n: int) -> list[list[str]]:
    from guide_runner.guide.catalog import Catalog

    ids = sorted(Catalog.default().files())
    return [ids[i::n] for i in range(n) if ids[i::n]]


def _first_guide() -> tuple[str, str]:
    """The first guide's id and its start address (what the demo opens first)."""
    from guide_runner.guide.catalog import Catalog

    catalog = Catalog.default()
    first = sorted(catalog.files())[0]
    return first, str(catalog.load(first).start)


def _bare_once(url: str) -> tuple[float | None, str | None, str]:
    started = time.time() * 1000
    done = subprocess.run(
        [sys.executable, str(HERE / "startup_bare.py"), url],
        capture_output=True,
        env={**_env(), "PYTHONPATH": str(REPO)},
        check=False,
        timeout=120,
    )
    if done.returncode != 0:
        return None, None, done.stderr.decode(errors="replace")[-300:]
    mark = json.loads(done.stdout.decode().strip().splitlines()[-1])
    return float(mark["drawn_epoch_ms"]) - started, str(mark["url"]), ""


def _probe_once(command: str, guide: str) -> tuple[float | None, str, str]:
    """Process start to the first outline of ``guide-runner demo`` or ``run --practice``."""
    started = time.time() * 1000
    with tempfile.TemporaryDirectory() as report_dir:
        if command == "demo":
            args = ["demo", guide, "--lang", "nb", "--out", report_dir]
        else:  # the person's path; headless only for the benchmark, stdin not a terminal
            args = ["run", guide, "--lang", "nb", "--practice", "--headless"]
        done = subprocess.run(
            [sys.executable, str(HERE / "startup_demo.py"), *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env={**_env(), "PYTHONPATH": str(REPO)},
            check=False,
            timeout=180,
        )
    lines = done.stdout.decode(errors="replace").strip().splitlines()
    marks = [json.loads(line) for line in lines if line.startswith('{"first_outline')]
    if marks:
        # "show" (Overlay.show drew it), "expect" (the page did, as Overlay.expect armed it)
        # or "early" (the page did, later)
        return float(marks[0]["first_outline_epoch_ms"]) - started, "", str(marks[0]["by"])
    return None, done.stderr.decode(errors="replace")[-300:], ""


def first_highlight_ms(settings: Settings) -> dict[str, Any]:
    """Process start to the first outline drawn (demo; and run --practice) vs. to the
    first frame (bare).

    Runs alternate bare, demo, run, bare, demo, run, … so all see the same machine load.
    """
    guide, url = _first_guide()
    demo = _has_command("demo")
    bare: list[float] = []
    ours: list[float] = []
    run: list[float] = []
    errors: list[str] = []
    landed: str | None = None
    drawn_by: dict[str, dict[str, int]] = {"ours": {}, "run": {}}  # runs per way drawn
    for _ in range(settings.startup_runs):
        value, where, error = _bare_once(url)
        if value is None:
            errors.append("bare: " + error)
        else:
            bare.append(value)
            landed = where
        if demo:
            got, error, how = _probe_once("demo", guide)
            if got is None:
                errors.append("demo: " + error)
            else:
                ours.append(got)
                drawn_by["ours"][how] = drawn_by["ours"].get(how, 0) + 1
            got, error, how = _probe_once("run", guide)
            if got is None:
                errors.append("run: " + error)
            else:
                run.append(got)
                drawn_by["run"][how] = drawn_by["run"].get(how, 0) + 1
    out: dict[str, Any] = {
        "page": url,
        "landed": landed,
        "bare": median(bare),
        "bare_runs": [round(v) for v in bare],
        "ours": median(ours) if demo else None,
        "ours_runs": [round(v) for v in ours],
        "run": median(run) if demo else None,
        "run_runs": [round(v) for v in run],
        "first_outline_drawn_by": drawn_by,
        "demo_args": [guide, "--lang", "nb"],
    }
    if not demo:
        out["note"] = "not available: guide-runner has no demo command yet"
    if errors:
        out["errors"] = errors[:3]
    return out
