"""Suggestions and snapshot cleaning, without a browser."""

from __future__ import annotations

from guide_runner.check.suggest import clean_snapshot, names, rank

SNAPSHOT = """- heading "Logg inn" [level=1]
- textbox "E-postadresse": kari.nordmann@example.com
- textbox "Passord"
- button "Logg inn"
- link "Problemer med å logge inn?":
  - /url: /forgotpassword
- checkbox "Lagre min e-postadresse" [checked]
- text: Ikke anbefalt
"""


def test_clean_snapshot_removes_field_values() -> None:
    cleaned = clean_snapshot(SNAPSHOT)
    assert "kari.nordmann@example.com" not in cleaned
    assert '- textbox "E-postadresse"' in cleaned
    assert '- link "Problemer med å logge inn?":' in cleaned


def test_names_lists_target_roles() -> None:
    found = names(SNAPSHOT)
    assert ("link", "Problemer med å logge inn?") in found
    assert ("checkbox", "Lagre min e-postadresse") in found
    assert all(role != "heading" for role, _ in found)


def test_rank_prefers_the_same_role() -> None:
    best = rank(["Glemt ditt passord?"], names(clean_snapshot(SNAPSHOT)), role="link")
    assert best[0].role == "link" and best[0].name == "Problemer med å logge inn?"


def test_rank_finds_a_small_rewording() -> None:
    available = [("button", "Avbryt"), ("button", "Tilbakestill passordet")]
    best = rank(["Tilbakestill passord"], available)
    assert best[0].name == "Tilbakestill passordet"
