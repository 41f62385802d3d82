"""Browser discovery: order of preference, overrides, and a clear message when none is found."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide_runner import browser
from guide_runner.browser import BrowserNotFound, discover


@pytest.fixture
def nothing_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(browser.ENV_EXECUTABLE, raising=False)
    monkeypatch.delenv(browser.ENV_CHANNEL, raising=False)
    monkeypatch.setattr(browser, "playwright_chromium", lambda playwright=None: None)
    monkeypatch.setattr(browser, "channel_executable", lambda channel: None)
    monkeypatch.setattr(browser, "_system_chromium", lambda: iter(()))


def test_none_found_says_how_to_get_one(nothing_installed: None) -> None:
    with pytest.raises(BrowserNotFound) as info:
        discover()
    message = str(info.value)
    assert "playwright install chromium" in message
    assert "apt-get install chromium" in message
    assert "--executable" in message


def test_playwright_chromium_is_preferred(
    nothing_installed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(browser, "playwright_chromium", lambda playwright=None: "/pw/chrome")
    monkeypatch.setattr(browser, "_system_chromium", lambda: iter(["/usr/bin/chromium"]))
    choice = discover()
    assert choice.source == "playwright"
    assert choice.launch_kwargs()["executable_path"] == "/pw/chrome"


def test_installed_chrome_before_system_chromium(
    nothing_installed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        browser,
        "channel_executable",
        lambda c: "/opt/google/chrome/chrome" if c == "chrome" else None,
    )
    monkeypatch.setattr(browser, "_system_chromium", lambda: iter(["/usr/bin/chromium"]))
    choice = discover()
    assert choice.launch_kwargs()["channel"] == "chrome"
    assert "executable_path" not in choice.launch_kwargs()


def test_system_chromium_last(nothing_installed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser, "_system_chromium", lambda: iter(["/usr/bin/chromium"]))
    choice = discover()
    assert choice.source == "system" and choice.executable_path == "/usr/bin/chromium"
    assert "Playwright's Chromium: not downloaded" in choice.considered


def test_executable_override(tmp_path: Path, nothing_installed: None) -> None:
    exe = tmp_path / "my-chrome"
    exe.write_text("")
    assert discover(executable=str(exe)).launch_kwargs()["executable_path"] == str(exe)
    with pytest.raises(BrowserNotFound, match="does not exist"):
        discover(executable=str(tmp_path / "missing"))


def test_channel_override(nothing_installed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(BrowserNotFound, match="msedge channel is not installed"):
        discover(channel="msedge")
    with pytest.raises(BrowserNotFound, match="Unknown browser channel"):
        discover(channel="firefox")
    monkeypatch.setattr(browser, "channel_executable", lambda c: "/opt/microsoft/msedge/msedge")
    assert discover(channel="msedge").launch_kwargs()["channel"] == "msedge"


def test_every_launch_keeps_autofill_server_queries_off(nothing_installed: None) -> None:
    # A guide runs on sign-in forms: Chromium must not describe them to a server.
    kwargs = browser.BrowserChoice("system", "test", executable_path="/x").launch_kwargs()
    switches = [a for a in kwargs["args"] if a.startswith("--disable-features=")]
    assert len(switches) == 1  # Chromium would honour only the last of several
    assert "AutofillServerCommunication" in switches[0].split("=", 1)[1].split(",")


def test_environment_variable(
    tmp_path: Path, nothing_installed: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = tmp_path / "chrome"
    exe.write_text("")
    monkeypatch.setenv(browser.ENV_EXECUTABLE, str(exe))
    assert discover().executable_path == str(exe)
