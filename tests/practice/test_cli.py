"""`guide-runner practice`: help, and a clear message without a display."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from guide_runner.cli.main import cli
from guide_runner.cli.practice_cmd import SIGN_IN_URL, _start_address


def test_help_with_dash_h() -> None:
    result = CliRunner().invoke(cli, ["practice", "-h"])
    assert result.exit_code == 0
    assert "--pages" in result.output and "--lang" in result.output


def test_no_display_is_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = CliRunner().invoke(cli, ["practice"])
    assert result.exit_code == 1
    assert "error: no display" in result.output
    assert "Traceback" not in result.output


def test_start_address_of_a_guide_or_the_sign_in_page() -> None:
    assert _start_address(None) == (SIGN_IN_URL, None)
    start, lang = _start_address("ny-mobil-tvastegs")
    assert start == "https://home.visma.com/" and lang is not None


def test_an_unknown_guide_is_a_usage_error_also_without_a_display(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A typo must not silently open the sign-in page instead of the guide's start.
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    result = CliRunner().invoke(cli, ["practice", "ny-mobil-tvastegz"])
    assert result.exit_code == 2
    assert "error: No guide 'ny-mobil-tvastegz'. Did you mean: ny-mobil-tvastegs?" in result.output
    assert "Traceback" not in result.output
