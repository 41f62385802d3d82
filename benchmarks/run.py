"""guide-runner benchmarks, each figure next to its baseline from the same run.

    python benchmarks/run.py [--quick] [--json OUT] [--only NAME ...]

Measures in real, headless Chromium (the browser guide-runner discovers) on local pages
served from 127.0.0.1. docs/performance.md explains every figure and holds the latest table.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from playwright.sync_api import sync_playwright

from benchmarks import advance, idle, latency, processes, tracking
from benchmarks.common import Settings, launch, machine, serve_pages

SECTIONS = ("latency", "advance", "idle", "tracking", "help", "check", "startup")

TARGETS = {
    "highlight p95 <= 20 ms and <= 1/3 of Playwright's": None,
    "idle <= 1 pp above none": None,
    "tracking <= 1 px": None,
    "check <= 20 s (2 workers)": None,
    "--help <= 300 ms": None,
    "first outline <= bare + 300 ms": None,
}


def _in_browser(settings: Settings, only: set[str], log: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not only & {"latency", "advance", "idle", "tracking"}:
        return out
    with sync_playwright() as playwright, serve_pages() as base:
        browser = launch(playwright)
        out["chromium"] = browser.version
        try:
            for name, module in (
                ("latency", latency),
                ("advance", advance),
                ("idle", idle),
                ("tracking", tracking),
            ):
                if name in only:
                    log(name)
                    started = time.monotonic()
                    out[name] = module.measure(browser, base, settings)
                    out.setdefault("section_s", {})[name] = round(time.monotonic() - started, 1)
        finally:
            browser.close()
    return out


def _num(value: Any) -> float | None:
    return value if isinstance(value, (int, float)) else None


def collect(settings: Settings, only: set[str], log: Any = lambda _n: None) -> dict[str, Any]:
    started = time.monotonic()
    load_at_start = [round(v, 2) for v in os.getloadavg()]
    raw = _in_browser(settings, only, log)
    for name, measure in (
        ("help", processes.help_wall_ms),
        ("check", processes.check_wall_s),
        ("startup", processes.first_highlight_ms),
    ):
        if name in only:
            log(name)
            section_started = time.monotonic()
            raw[name] = measure(settings)
            raw.setdefault("section_s", {})[name] = round(time.monotonic() - section_started, 1)

    lat = raw.get("latency", {})
    insert = lat.get("insert", {})
    adv = raw.get("advance", {})
    idle_raw = raw.get("idle", {})
    track = raw.get("tracking", {})
    check = raw.get("check", {})
    startup = raw.get("startup", {})
    blank = {"p50": None, "p95": None}
    result: dict[str, Any] = {
        # Required keys (issue 7). Headline latency = the "insert" scenario.
        "highlight_latency_ms": {
            "ours": insert.get("ours", blank),
            "playwright": insert.get("playwright", blank),
        },
        "advance_latency_ms": {
            name: {k: _num(adv.get(name, {}).get(k)) for k in ("p50", "p95")}
            for name in ("same_page", "navigation")
        },
        "idle_cpu_pct": {
            size: {mode: _num(idle_raw.get(size, {}).get(mode)) for mode in idle.MODES}
            for size in ("small", "large")
        },
        "tracking_max_px": {
            name: _num(track.get(name, {}).get("max")) for name in ("scroll", "animation")
        },
        "check_wall_s": {k: _num(check.get(k)) for k in ("workers_1", "workers_2")},
        "help_wall_ms": _num(raw.get("help", {}).get("median")),
        "first_highlight_ms": {k: _num(startup.get(k)) for k in ("ours", "bare", "run")},
        # More detail.
        "highlight_latency_reveal_ms": lat.get("reveal", {"ours": blank, "playwright": blank}),
        "details": raw,
        "machine": {**machine(raw.get("chromium")), "load_avg_at_start": load_at_start},
        "quick": settings.quick,
        "wall_s": round(time.monotonic() - started, 1),
    }
    result["targets"] = targets(result)
    return result


def targets(r: dict[str, Any]) -> dict[str, bool | None]:
    """Issue 7's targets: True met, False missed, None not measured."""

    def all_known(*values: Any) -> bool:
        return all(isinstance(v, (int, float)) for v in values)

    ours = r["highlight_latency_ms"]["ours"]["p95"]
    theirs = r["highlight_latency_ms"]["playwright"]["p95"]
    idle_ok: bool | None = None
    sizes = r["idle_cpu_pct"]
    if all(all_known(sizes[s]["none"], sizes[s]["ours"]) for s in sizes):
        idle_ok = all(sizes[s]["ours"] - sizes[s]["none"] <= 1.0 for s in sizes)
    track = r["tracking_max_px"]
    first = r["first_highlight_ms"]
    return {
        "highlight_p95": (ours <= 20 and ours <= theirs / 3) if all_known(ours, theirs) else None,
        "idle": idle_ok,
        "tracking": max(track.values()) <= 1 if all_known(*track.values()) else None,
        "check": r["check_wall_s"]["workers_2"] <= 20
        if all_known(r["check_wall_s"]["workers_2"])
        else None,
        "help": r["help_wall_ms"] <= 300 if all_known(r["help_wall_ms"]) else None,
        "first_outline": first["ours"] <= first["bare"] + 300
        if all_known(first["ours"], first["bare"])
        else None,
    }


def table(r: dict[str, Any]) -> str:
    """The figures as a Markdown table (what docs/performance.md shows)."""

    def f(v: Any) -> str:
        return "n/a" if v is None else f"{v:g}"

    hl, rv, adv = (
        r["highlight_latency_ms"],
        r["highlight_latency_reveal_ms"],
        r["advance_latency_ms"],
    )
    idle_pct, fh = r["idle_cpu_pct"], r["first_highlight_ms"]
    rows = [
        (
            "Highlight latency, target inserted (ms)",
            "p50 / p95",
            f"{f(hl['ours']['p50'])} / {f(hl['ours']['p95'])}",
            f"Playwright {f(hl['playwright']['p50'])} / {f(hl['playwright']['p95'])}",
        ),
        (
            "Highlight latency, target revealed (ms)",
            "p50 / p95",
            f"{f(rv['ours']['p50'])} / {f(rv['ours']['p95'])}",
            f"Playwright {f(rv['playwright']['p50'])} / {f(rv['playwright']['p95'])}",
        ),
        (
            "Advance latency, same page (ms)",
            "p50 / p95",
            f"{f(adv['same_page']['p50'])} / {f(adv['same_page']['p95'])}",
            "—",
        ),
        (
            "Advance latency, navigation (ms)",
            "p50 / p95",
            f"{f(adv['navigation']['p50'])} / {f(adv['navigation']['p95'])}",
            "—",
        ),
        (
            "Idle CPU, login-sized page (% of a core)",
            "5 s window",
            f(idle_pct["small"]["ours"]),
            f"none {f(idle_pct['small']['none'])}, Playwright {f(idle_pct['small']['playwright'])}",
        ),
        (
            "Idle CPU, 2,000 links (% of a core)",
            "5 s window",
            f(idle_pct["large"]["ours"]),
            f"none {f(idle_pct['large']['none'])}, Playwright {f(idle_pct['large']['playwright'])}",
        ),
        (
            "Tracking, smooth scroll (px)",
            "max per frame",
            f(r["tracking_max_px"]["scroll"]),
            "target ≤ 1",
        ),
        (
            "Tracking, CSS animation (px)",
            "max per frame",
            f(r["tracking_max_px"]["animation"]),
            "target ≤ 1",
        ),
        (
            "check --all --all-langs (s)",
            "wall",
            f"1 worker {f(r['check_wall_s']['workers_1'])}",
            f"2 workers {f(r['check_wall_s']['workers_2'])}",
        ),
        ("guide-runner --help (ms)", "median wall", f(r["help_wall_ms"]), "target ≤ 300"),
        (
            "Launch to first outline (ms)",
            "median",
            f"demo {f(fh['ours'])}; run --practice {f(fh.get('run'))}",
            f"bare Playwright {f(fh['bare'])}",
        ),
    ]
    lines = ["| Figure | Statistic | Ours | Baseline (same run) |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="few trials; proves the harness")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the results here")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="measure only these")
    args = parser.parse_args(argv)
    settings = Settings.make(args.quick)
    only = set(args.only or SECTIONS)
    result = collect(settings, only, log=lambda n: print(f"… {n}", file=sys.stderr, flush=True))
    text = json.dumps(result, indent=2)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    print(table(result), file=sys.stderr)
    print(json.dumps(result["targets"]), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
