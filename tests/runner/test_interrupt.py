"""Ctrl-C during a walk: recorded first, acted on between two Playwright calls.

A KeyboardInterrupt raised inside a Playwright call abandons it, and its reply then arrives
while the browser closes (a traceback on the way out). So while the engine walks, the first
Ctrl-C is only recorded and the engine stops at its next look; a second one interrupts at
once.
"""

from __future__ import annotations

import os
import signal

import pytest
from playwright.sync_api import BrowserContext

from guide_runner.cli import interrupt
from guide_runner.guide import Guide
from tests.runner.helpers import Harness, click


def test_the_first_ctrl_c_in_a_walk_is_recorded_and_a_second_one_interrupts() -> None:
    with interrupt.watch():
        with interrupt.deferred():
            os.kill(os.getpid(), signal.SIGINT)  # handled before kill() returns
            assert interrupt.interrupted()
            with pytest.raises(KeyboardInterrupt):
                os.kill(os.getpid(), signal.SIGINT)
        assert interrupt.interrupted()


def test_outside_a_walk_ctrl_c_interrupts_at_once() -> None:
    with interrupt.watch():
        with pytest.raises(KeyboardInterrupt):
            os.kill(os.getpid(), signal.SIGINT)
        assert interrupt.interrupted()


def test_a_recorded_stop_ends_the_walk_at_the_next_look(
    mini_ctx: BrowserContext, mini_guide: Guide
) -> None:
    asked = {"stop": False}

    def press_ctrl_c(page: object, target: object, h: Harness) -> None:
        asked["stop"] = True  # as interrupt.interrupted() would say after a Ctrl-C

    h = Harness(
        mini_guide,
        mini_ctx,
        actions={"01-cookie": click, "02-neste": press_ctrl_c},
        stop_requested=lambda: asked["stop"],
    )
    outcome = h.run()
    assert outcome.ending == "interrupted"
    assert h.ended() == [("01-cookie", "done")]
    assert h.events[-1].text.startswith("Avbrutt (Ctrl-C)")  # type: ignore[union-attr]
