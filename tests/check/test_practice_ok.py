"""On the practice site every step of both guides, in nb, sv and en, is ok."""

from __future__ import annotations

import pytest

from .conftest import Walker

CASES = [
    (g, lang) for g in ("feil-epost-bankid", "ny-mobil-tvastegs") for lang in ("nb", "sv", "en")
]


@pytest.mark.browser
@pytest.mark.parametrize(("guide_id", "lang"), CASES, ids=[f"{g}[{lang}]" for g, lang in CASES])
def test_every_step_ok_on_practice_site(walk_practice: Walker, guide_id: str, lang: str) -> None:
    results = walk_practice(guide_id, lang)
    problems = [r.message() for r in results if r.verdict.value != "ok" and r.cause != "branch"]
    assert not problems, "\n".join(problems)
    branch = [r for r in results if r.cause == "branch"]
    assert all(r.verdict.value == "not-walked" for r in branch)
    assert all(not r.drift for r in results)
