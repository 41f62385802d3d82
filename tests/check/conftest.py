"""Helpers for the checker's tests: walk a guide on the practice site, make drift variants."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from guide_runner.check.run import CheckConfig, Job, walk_job
from guide_runner.check.verdicts import StepResult
from guide_runner.guide import Guide
from guide_runner.practice.files import BUILTIN_DIR

from .guides import load

Walker = Callable[..., list[StepResult]]


@pytest.fixture(scope="session")
def guides(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Guide]:
    folder = tmp_path_factory.mktemp("guides")
    return {gid: load(gid, folder) for gid in ("feil-epost-bankid", "ny-mobil-tvastegs")}


@pytest.fixture
def walk_practice(browser: Browser, guides: dict[str, Guide]) -> Walker:
    """``walk_practice("feil-epost-bankid", "nb", pages=DIR)`` -> the step results."""

    def run(
        guide_id: str, lang: str, pages: Path | None = None, **config: object
    ) -> list[StepResult]:
        cfg = CheckConfig(pages_dir=pages, **config)  # type: ignore[arg-type]
        return list(walk_job(browser, Job(guides[guide_id], lang), cfg))

    return run


def make_variant(folder: Path, host: str, rel: str, old: str, new: str) -> Path:
    """Copy a built-in practice page into ``folder`` (an override folder) with one change."""
    source = BUILTIN_DIR / host / rel
    text = source.read_text(encoding="utf-8")
    assert old in text, f"{host}/{rel} no longer contains {old!r}: update the variant"
    target = folder / host / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def by_step(results: list[StepResult]) -> dict[str, StepResult]:
    return {r.step: r for r in results}


def only_changed(results: list[StepResult], changed: str, after: str = "ok") -> None:
    """Every step before ``changed`` is ok; every step after it has verdict ``after``."""
    seen = False
    hint = "\n".join(r.message() for r in results if r.step == changed)
    for r in results:
        if r.step == changed:
            seen = True
            continue
        if r.cause == "branch":
            continue
        expected = after if seen else "ok"
        assert r.verdict.value == expected, f"{r.message()}\nchanged step: {hint}"
    assert seen


__all__ = ["BUILTIN_DIR", "by_step", "make_variant", "only_changed", "shutil"]
