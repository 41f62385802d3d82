"""The ``--json`` report (schema in docs/checks.md, ``SCHEMA_VERSION`` below)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any

from guide_runner.check.verdicts import StepResult, Verdict

SCHEMA_VERSION = 1


def report_data(
    results: Sequence[StepResult], *, site: str, seconds: float, exit_code: int
) -> dict[str, Any]:
    counts = Counter(r.verdict.value for r in results)
    return {
        "schema_version": SCHEMA_VERSION,
        "site": site,
        "seconds": round(seconds, 3),
        "exit_code": exit_code,
        "drift": any(r.drift for r in results),
        "summary": {v.value: counts.get(v.value, 0) for v in Verdict},
        "results": [r.to_json() for r in results],
    }


def dumps(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
