"""The pytest plugin, run in inner pytest sessions (subprocesses) with pytester.

The plugin is installed through the ``pytest11`` entry point, so it is loaded in the outer
session too: there it is inactive (no ``--guides``), which the first test also shows.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import make_variant
from .guides import guide_file

pytest_plugins = ["pytester"]
pytestmark = pytest.mark.browser

ROOT_CONFTEST = Path(__file__).parents[1] / "conftest.py"


@pytest.fixture
def inner(pytester: pytest.Pytester, tmp_path: Path) -> pytest.Pytester:
    """A project with the guides (patched where needed) and the browser discovery conftest."""
    guides = pytester.path / "guides"
    guides.mkdir()
    shutil.copy(guide_file("feil-epost-bankid", tmp_path / "patched"), guides)
    pytester.makeconftest(ROOT_CONFTEST.read_text(encoding="utf-8"))
    pytester.makeini("[pytest]\n")  # the rootdir (where the conftest applies) is this folder
    return pytester


def test_inactive_without_guides(inner: pytest.Pytester) -> None:
    inner.makepyfile(test_plain="def test_plain():\n    assert True\n")
    result = inner.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1)
    help_text = inner.runpytest_subprocess("--help").stdout.str()
    assert "--guides" in help_text and "--guide-site" in help_text


def test_collects_one_item_per_guide_language_step(inner: pytest.Pytester) -> None:
    result = inner.runpytest_subprocess("--guides", "guides", "--collect-only", "-q")
    lines = [line for line in result.stdout.lines if "::" in line]
    assert len(lines) == 22 * 3
    assert "feil-epost-bankid[nb]::03-skriv-epost" in lines
    assert "feil-epost-bankid[sv]::22-lukk-nettleseren" in lines


def test_ini_option_and_every_step_passes(inner: pytest.Pytester) -> None:
    inner.makeini("[pytest]\nguides = guides\n")
    result = inner.runpytest_subprocess("--guide-lang", "nb", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=22)


def test_drift_fails_the_changed_step_with_the_check_message(inner: pytest.Pytester) -> None:
    pages = make_variant(
        inner.path / "pages",
        "connect.visma.com",
        "password.html",
        "{{ password.forgot }}",
        "Problemer med å logge inn?",
    )
    junit = inner.path / "junit.xml"
    result = inner.runpytest_subprocess(
        "--guides",
        "guides",
        "--guide-lang",
        "nb",
        "--guide-pages",
        str(pages),
        "--junitxml",
        str(junit),
        "-p",
        "no:cacheprovider",
        "-rs",
    )
    result.assert_outcomes(passed=4, failed=1, skipped=17)
    out = result.stdout.str()
    assert "feil-epost-bankid[nb]::05-glemt-passord: missing" in out
    assert 'closest on the page: link "Problemer med å logge inn?"' in out
    assert "step 05-glemt-passord could not be completed" in out
    xml = junit.read_text(encoding="utf-8")
    assert 'classname="feil-epost-bankid[nb]"' in xml and 'name="05-glemt-passord"' in xml


def test_xdist_two_workers(inner: pytest.Pytester) -> None:
    result = inner.runpytest_subprocess(
        "--guides",
        "guides",
        "--guide-lang",
        "nb",
        "--guide-lang",
        "en",
        "-n",
        "2",
        "--dist",
        "loadgroup",
        "-p",
        "no:cacheprovider",
    )
    result.assert_outcomes(passed=44)


@pytest.mark.parametrize(
    "recording", [("--tracing", "on"), ("--screenshot", "only-on-failure"), ("--video", "on")]
)
def test_a_signed_in_session_is_never_recorded(
    inner: pytest.Pytester, recording: tuple[str, str]
) -> None:
    state = inner.path / "state.json"
    state.write_text('{"cookies": [], "origins": []}', encoding="utf-8")
    session = ("--guides", "guides", "--guide-site", "live", f"--guide-storage-state={state}")
    result = inner.runpytest_subprocess(*session, *recording, "-p", "no:cacheprovider")
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    assert f"--guide-storage-state does not go with {' '.join(recording)}" in result.stderr.str()
    assert "test session starts" not in result.stdout.str()  # refused before any browser
    # Without the recording option, or without the session, it is collected as usual.
    for args in (session, ("--guides", "guides", "--guide-site", "live", *recording)):
        allowed = inner.runpytest_subprocess(
            *args, "--collect-only", "-q", "-p", "no:cacheprovider"
        )
        assert allowed.ret == pytest.ExitCode.OK
