"""Drift variants (override folders made from the practice pages): one test per verdict.

Each variant changes one thing on one page; the right verdict appears on exactly that step
and every other step is ok (or unreachable after a step nobody could get past).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Walker, by_step, make_variant, only_changed

CONNECT = "connect.visma.com"
FORGOT_LINK = (
    '<a id="ForgotPasswordLink" href="/forgotpassword?{{ flow_query }}">{{ password.forgot }}</a>'
)
CHANGE_BUTTON = (
    '<button type="submit" id="ChangePasswordButton" class="btn btn-primary btn-block">'
    "{{ reset.change }}</button>"
)

pytestmark = pytest.mark.browser


def test_renamed_link_is_missing_with_the_new_text_suggested(
    walk_practice: Walker, tmp_path: Path
) -> None:
    pages = make_variant(
        tmp_path,
        CONNECT,
        "password.html",
        FORGOT_LINK,
        FORGOT_LINK.replace("{{ password.forgot }}", "Problemer med å logge inn?"),
    )
    results = walk_practice("feil-epost-bankid", "nb", pages)
    only_changed(results, "05-glemt-passord", after="unreachable")
    r = by_step(results)["05-glemt-passord"]
    assert r.verdict.value == "missing"
    assert any(s.name == "Problemer med å logge inn?" and s.role == "link" for s in r.suggestions)
    assert r.proposal is not None and "Problemer med å logge inn?" in r.proposal
    assert r.aria_snapshot and "Problemer med å logge inn?" in r.aria_snapshot
    after = by_step(results)["06-bekreft-menneske"]
    assert after.detail == "step 05-glemt-passord could not be completed"


def test_renamed_link_still_found_by_a_later_candidate_is_healed(
    walk_practice: Walker, tmp_path: Path
) -> None:
    # "Glemt ditt passord" without "?": candidate 1 (link "Glemt ditt passord?") no longer
    # matches, candidate 2 (text "Glemt ditt passord") does.
    pages = make_variant(
        tmp_path,
        CONNECT,
        "password.html",
        FORGOT_LINK,
        FORGOT_LINK.replace("{{ password.forgot }}", "Glemt ditt passord"),
    )
    results = walk_practice("feil-epost-bankid", "nb", pages)
    only_changed(results, "05-glemt-passord")
    r = by_step(results)["05-glemt-passord"]
    assert r.verdict.value == "healed"
    assert r.candidate == 2
    assert r.proposal is not None and "Glemt ditt passord" in r.proposal
    assert r.drift


def test_duplicated_button_is_ambiguous(walk_practice: Walker, tmp_path: Path) -> None:
    pages = make_variant(
        tmp_path,
        CONNECT,
        "resetpassword.html",
        CHANGE_BUTTON,
        CHANGE_BUTTON + "\n" + CHANGE_BUTTON.replace('id="ChangePasswordButton"', 'id="Copy"'),
    )
    results = walk_practice("feil-epost-bankid", "nb", pages)
    only_changed(results, "11-endre-passord")
    r = by_step(results)["11-endre-passord"]
    assert r.verdict.value == "ambiguous"
    assert len(r.matches) == 2
    assert any("#ChangePasswordButton" in m for m in r.matches)
    assert any("#Copy" in m for m in r.matches)


def test_banner_over_the_target_is_covered(walk_practice: Walker, tmp_path: Path) -> None:
    banner = (
        '<div style="position:relative">'
        + FORGOT_LINK
        + '<div id="promo-banner" style="position:absolute;inset:-6px -40px;background:#fff3cd;'
        'z-index:10">Nyhet: logg inn med passnøkkel!</div></div>'
    )
    pages = make_variant(tmp_path, CONNECT, "password.html", FORGOT_LINK, banner)
    results = walk_practice("feil-epost-bankid", "nb", pages)
    only_changed(results, "05-glemt-passord")
    r = by_step(results)["05-glemt-passord"]
    assert r.verdict.value == "covered"
    assert r.covered_by is not None and "#promo-banner" in r.covered_by
    assert "passnøkkel" in r.covered_by


def test_hidden_target_is_hidden(walk_practice: Walker, tmp_path: Path) -> None:
    pages = make_variant(
        tmp_path,
        CONNECT,
        "password.html",
        '<a id="ForgotPasswordLink"',
        '<a id="ForgotPasswordLink" style="display:none"',
    )
    results = walk_practice("feil-epost-bankid", "nb", pages)
    only_changed(results, "05-glemt-passord", after="unreachable")
    assert by_step(results)["05-glemt-passord"].verdict.value == "hidden"


def test_disabled_target_is_disabled(walk_practice: Walker, tmp_path: Path) -> None:
    pages = make_variant(
        tmp_path,
        CONNECT,
        "resetpassword.html",
        '<button type="submit" id="ChangePasswordButton"',
        '<button type="submit" disabled id="ChangePasswordButton"',
    )
    results = walk_practice("feil-epost-bankid", "nb", pages)
    only_changed(results, "11-endre-passord", after="unreachable")
    assert by_step(results)["11-endre-passord"].verdict.value == "disabled"


def test_removed_page_makes_the_steps_after_it_unreachable(
    walk_practice: Walker, tmp_path: Path
) -> None:
    gone = tmp_path / CONNECT / "forgotpassword.html"
    gone.parent.mkdir(parents=True)
    gone.write_text("<!doctype html><title>404</title><h1>404 Not Found</h1>", encoding="utf-8")
    results = walk_practice("feil-epost-bankid", "nb", tmp_path)
    only_changed(results, "06-bekreft-menneske", after="unreachable")
    r = by_step(results)["06-bekreft-menneske"]
    assert r.verdict.value == "missing"
    unreachable = [x for x in results if x.verdict.value == "unreachable"]
    assert len(unreachable) == 16
    assert all(x.detail == "step 06-bekreft-menneske could not be completed" for x in unreachable)


def test_result_that_never_happens_is_incomplete(walk_practice: Walker, tmp_path: Path) -> None:
    # The forgot link now leads to the wrong place: the target is fine, the result is not.
    pages = make_variant(
        tmp_path,
        CONNECT,
        "password.html",
        'href="/forgotpassword?{{ flow_query }}"',
        'href="#"',
    )
    results = walk_practice("feil-epost-bankid", "nb", pages, timeout=2.0)
    only_changed(results, "05-glemt-passord", after="unreachable")
    r = by_step(results)["05-glemt-passord"]
    assert r.verdict.value == "incomplete"
    assert "forgotpassword" in r.detail
