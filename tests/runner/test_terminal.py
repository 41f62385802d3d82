"""The terminal side: keys (real pty, no tty, queued), the companion's output, the messages."""

from __future__ import annotations

import io
import os
import re
import string

import pytest
from rich.console import Console

from guide_runner.guide import Guide
from guide_runner.runner import messages
from guide_runner.runner.companion import Companion
from guide_runner.runner.events import Ended, Notice, Started, StepEnded, StepStarted
from guide_runner.runner.keys import NoKeys, QueuedKeys, TerminalKeys, keys_for_stdin, normalize


def test_key_names() -> None:
    assert [normalize(c) for c in "\r\nbBsShHqQ3x"] == [
        "enter",
        "enter",
        "b",
        "b",
        "s",
        "s",
        "h",
        "h",
        "q",
        "q",
        "3",
        None,
    ]


@pytest.mark.skipif(os.name == "nt", reason="POSIX terminal")
def test_terminal_keys_read_without_blocking_and_restore_the_terminal() -> None:
    import pty
    import termios

    master, slave = pty.openpty()
    try:
        stream = os.fdopen(slave, "r", closefd=False)
        before = termios.tcgetattr(slave)
        keys = TerminalKeys(stream)
        assert termios.tcgetattr(slave)[3] & termios.ICANON == 0  # one key at a time
        assert termios.tcgetattr(slave)[3] & termios.ISIG  # Ctrl-C still interrupts
        assert keys.read() is None  # nothing pressed: returns at once
        os.write(master, b"b\r")
        assert keys.read() == "b"
        assert keys.read() == "enter"
        keys.close()
        assert termios.tcgetattr(slave) == before
    finally:
        os.close(master)
        os.close(slave)


def test_no_terminal_means_no_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    keys = keys_for_stdin()
    assert isinstance(keys, NoKeys) and keys.read() is None and not keys.interactive
    queued = QueuedKeys()
    queued.put("q")
    assert queued.read() == "q" and queued.read() is None


def test_every_message_in_every_language_with_the_same_placeholders() -> None:
    fields = string.Formatter()
    for key, texts in messages.catalog().items():
        assert set(texts) == {"nb", "sv", "en"}, key
        names = [{f for _, f, _, _ in fields.parse(t) if f} for t in texts.values()]
        assert all(n == names[0] for n in names), key
        assert all(t.strip() for t in texts.values())


def _events(guide: Guide) -> list[object]:
    main = guide.main_path()
    return [
        Started("Miniveiledning", [0, 1, 2, 3, 4], practice=True, interactive=True),
        StepStarted(0, main[0], 1, 5, "Trykk «OK».", [0, 1, 2, 3, 4]),
        StepEnded(0, main[0], "optional", 0.5),
        StepStarted(1, main[1], 2, 5, "Trykk «Neste».", [0, 1, 2, 3, 4]),
        StepEnded(1, main[1], "done", 1.2),
        StepStarted(2, main[2], 3, 5, "Skriv passordet.", [0, 1, 2, 3, 4]),
        Notice("wrong_origin", messages.say("wrong_origin", "nb"), "problem"),
    ]


def test_companion_plain_lines(mini_guide: Guide) -> None:
    buffer = io.StringIO()
    companion = Companion(mini_guide, "nb", {}, Console(file=buffer, width=100), live=False)
    for event in _events(mini_guide):
        companion(event)  # type: ignore[arg-type]
    companion(Ended("quit", messages.say("quit", "nb")))
    text = buffer.getvalue()
    assert "Øvingsmodus" in text and "Enter = bekreft · b = tilbake" in text
    assert "▶ 2/5 Trykk «Neste»." in text and "✓ ferdig" in text
    assert "✋ Dette er ikke en Visma-side – ikke skriv inn passordet ditt her." in text
    assert text.rstrip().endswith("Avsluttet. Ingenting mer skjer i nettleseren; du kan lukke den.")


def test_companion_live_checklist(mini_guide: Guide) -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=100, height=40, force_terminal=True, color_system=None)
    companion = Companion(mini_guide, "sv", {}, console, live=True)
    for event in _events(mini_guide):
        companion(event)  # type: ignore[arg-type]
    screen = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", buffer.getvalue())
    companion.close()
    assert "–  1. Tryck på ”OK”." in screen  # not needed
    assert "✓  2. Tryck på ”Nästa”." in screen  # done
    assert "▶  3. Skriv lösenordet." in screen  # current
    assert "   4. Tryck på ”Klar”." in screen  # to come
    assert "Steg 3 av 5" in screen
