"""Shared test set-up: one browser per test session, found by guide-runner's own discovery."""

from __future__ import annotations

from typing import Any

import pytest

from guide_runner.browser import BrowserNotFound, discover


@pytest.fixture(scope="session")
def browser_type_launch_args(
    browser_type_launch_args: dict[str, Any], playwright: Any
) -> dict[str, Any]:
    """pytest-playwright's launch options plus the browser guide-runner would pick.

    --browser-channel (pytest-playwright's own option) still wins.
    """
    if "channel" in browser_type_launch_args:
        return browser_type_launch_args
    try:
        choice = discover(playwright=playwright)
    except BrowserNotFound as exc:
        pytest.exit(str(exc), returncode=2)
    return {**browser_type_launch_args, **choice.launch_kwargs()}
