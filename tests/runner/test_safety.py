"""The safety invariants by construction: the look-only page interface, read-only scripts,
no screenshots in run, addresses without tokens, untrusted button presses ignored.
(The end-to-end proofs with a person acting from outside are in test_end_to_end.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext

from guide_runner.completion import ONE_MATCHES_JS
from guide_runner.guide import Guide
from guide_runner.locate import count_now
from guide_runner.overlay.assets import BINDING_NAME
from guide_runner.runner.addresses import safe_address
from guide_runner.runner.highlight import OverlayHighlighter
from guide_runner.runner.origins import Pins
from guide_runner.runner.safe_page import (
    INPUT_METHODS,
    ForbiddenScript,
    SafeFrameLocator,
    SafeLocator,
    SafePage,
    allowed_scripts,
)
from tests.input_methods import ACTING, READING
from tests.runner.conftest import serve_pages
from tests.runner.helpers import Harness, click, fill_with, press
from tests.runner.spy import count_untrusted_events, record_input_calls


@pytest.mark.parametrize("cls", [SafePage, SafeLocator, SafeFrameLocator])
def test_safe_interface_has_no_input_method(cls: type) -> None:
    present = sorted(name for name in INPUT_METHODS if hasattr(cls, name))
    assert present == []
    assert "__getattr__" not in vars(cls)  # no pass-through to Playwright
    # The guard list covers every method the end-to-end proofs forbid.
    assert set(ACTING + READING) <= INPUT_METHODS


def test_only_read_only_scripts_can_run(mini_ctx: BrowserContext) -> None:
    raw = mini_ctx.new_page()
    raw.goto("https://mini.test/two")
    page = SafePage(raw)
    field = page.get_by_label("Passord", exact=True)
    assert ONE_MATCHES_JS in allowed_scripts()  # the one completion.py uses
    assert field.evaluate_all(ONE_MATCHES_JS, ":invalid") is True
    # Counting (locate.count_now) is allowed: it returns a number, nothing of a field.
    assert count_now(field) == 1  # type: ignore[arg-type]
    assert count_now(page.locator("input, button")) == 2  # type: ignore[arg-type]
    for script in ("el => el.click()", "el => el.value", "(el, s) => el.matches(s) || el.value"):
        with pytest.raises(ForbiddenScript):
            field.evaluate(script)
        with pytest.raises(ForbiddenScript):
            field.evaluate_all(script)


def test_names_never_include_what_was_typed(mini_ctx: BrowserContext) -> None:
    raw = mini_ctx.new_page()
    raw.goto("https://mini.test/two")
    raw.get_by_label("Passord", exact=True).fill("Hemmelig-Kanari-9")
    names = SafePage(raw).accessible_names()
    assert {"role": "button", "name": "Ferdig"} in names
    assert "Hemmelig-Kanari-9" not in repr(names)


def test_no_screenshots_unless_the_demo_asks(mini_ctx: BrowserContext) -> None:
    raw = mini_ctx.new_page()
    raw.goto("https://mini.test/")
    for picture in (
        lambda page: page.screenshot(mask_inputs=True),
        lambda page: page.screenshot(mask_inputs=False),
        lambda page: page.screenshot_if_still(),
        lambda page: page.settle(100),
    ):
        with pytest.raises(PermissionError):
            picture(SafePage(raw))
    assert SafePage(raw, screenshots=True).screenshot(mask_inputs=True)[:4] == b"\x89PNG"


def test_run_writes_no_screenshot_or_trace(
    mini_ctx: BrowserContext, mini_guide: Guide, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    h = Harness(
        mini_guide,
        mini_ctx,
        actions={
            "01-cookie": click,
            "02-neste": click,
            "03-skriv": fill_with("hemmelig-1234"),
            "04-ferdig": click,
            "05-slutt": press("enter"),
        },
    )
    assert h.run().finished
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert written == []


def test_the_spies_do_catch_what_they_look_for(
    mini_ctx: BrowserContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Positive controls: the recorders used by the end-to-end proofs are not blind."""
    untrusted = count_untrusted_events(mini_ctx)
    page = mini_ctx.new_page()
    page.goto("https://mini.test/two")
    with record_input_calls(monkeypatch) as calls:
        page.get_by_role("button", name="Ferdig").click()
        page.keyboard.press("Tab")
        page.get_by_label("Passord", exact=True).input_value()
    assert calls == ["Locator.click", "Keyboard.press", "Locator.input_value"]
    page.evaluate("document.getElementById('b').click()")
    page.wait_for_timeout(100)
    assert ("https://mini.test/two", "click") in untrusted


@pytest.mark.parametrize(
    "url,shown",
    [
        (
            "https://connect.visma.com/resetpassword?token=abc123&email=x",
            "https://connect.visma.com/resetpassword",
        ),
        (
            "https://connect.visma.com/reset/Zk3xQ9aB77LmNpQr2sT5/done#frag",
            "https://connect.visma.com/reset/…/done",
        ),
        ("https://home.visma.com/my-details", "https://home.visma.com/my-details"),
    ],
)
def test_addresses_are_shown_without_query_or_tokens(url: str, shown: str) -> None:
    assert safe_address(url) == shown


def test_button_presses_from_unpinned_frames_are_ignored(
    ctx: BrowserContext, mini_guide: Guide
) -> None:
    """A look-alike page (or an embedded foreign frame) calls the overlay's binding itself."""
    serve_pages(
        ctx,
        {
            "https://mini.test/": "<h1>Ok</h1><iframe src='https://evil.example/f'></iframe>",
            "https://evil.example/f": "<p>frame</p>",
        },
    )
    raw = ctx.new_page()
    raw.goto("https://mini.test/")
    hl = OverlayHighlighter(Pins(mini_guide.origins))
    from guide_runner.runner.ui import Bubble

    hl.message(SafePage(raw), Bubble("Hei", 1, 2, "nb"))
    payload = {"kind": "button", "showId": 1, "buttonId": "confirm"}
    call = f"(p) => window['{BINDING_NAME}'](p)"
    raw.frames[1].evaluate(call, payload)  # the foreign frame presses "confirm"
    raw.main_frame.evaluate(call, payload)  # the pinned page does
    raw.wait_for_timeout(200)
    signals = hl.signals()
    assert [s.kind for s in signals] == ["button"]  # only the pinned document's press counts
    hl.close()
