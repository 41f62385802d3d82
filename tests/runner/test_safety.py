"""The safety invariants by construction: the look-only page interface, read-only scripts,
no screenshots in run, addresses without tokens, untrusted button presses ignored.
(The end-to-end proofs with a person acting from outside are in test_end_to_end.py.)"""

from __future__ import annotations

import functools
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from playwright.sync_api import BrowserContext

from guide_runner.cli.main import cli
from guide_runner.completion import ONE_MATCHES_JS
from guide_runner.locate import count_now
from guide_runner.runner import engine as engine_module
from guide_runner.runner.addresses import safe_address
from guide_runner.runner.safe_page import (
    INPUT_METHODS,
    ForbiddenScript,
    SafeFrameLocator,
    SafeLocator,
    SafePage,
    allowed_scripts,
)
from tests.input_methods import ACTING, READING
from tests.runner.conftest import MINI_PAGES, serve_pages
from tests.runner.page_spies import (
    record_cdp,
    record_pictures_and_traces,
    refuse_page_installs,
    tag_init_scripts,
    trap_typed_value_reads,
)
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


@pytest.mark.parametrize(
    "body,expected",
    [
        pytest.param(MINI_PAGES["https://mini.test/two"], ("button", "Ferdig"), id="field"),
        pytest.param(
            "<div role=dialog><p>Skriv koden</p> <div contenteditable id=f></div> <button>OK"
            "</button></div>",
            ("dialog", "Skriv koden OK"),
            id="editable-in-dialog",
        ),
        pytest.param(
            "<label>Notat <span contenteditable id=f style='display:inline-block;min-width:5em'>"
            "</span></label>",
            ("label", "Notat"),
            id="editable-in-label",
        ),
        # React copies a controlled textarea's value into its text (defaultValue).
        pytest.param(
            "<label>Melding <textarea id=f oninput='this.defaultValue = this.value'></textarea>"
            "</label>",
            ("label", "Melding"),
            id="textarea-in-label",
        ),
        # A heading the person types in a rich-text editor is their text, not the page's.
        pytest.param(
            "<h1>Utkast</h1><div contenteditable><h2 id=f>Tittel</h2></div>",
            ("heading", "Utkast"),
            id="heading-in-editor",
        ),
    ],
)
def test_names_never_include_what_was_typed(
    serve: Callable[[dict[str, str]], BrowserContext], body: str, expected: tuple[str, str]
) -> None:
    raw = serve({"https://mini.test/typed": body}).new_page()
    raw.goto("https://mini.test/typed")
    raw.locator("#f, #pw").click()
    raw.keyboard.type("Hemmelig-Kanari-9")
    names = SafePage(raw).accessible_names()
    role, name = expected
    assert {"role": role, "name": name} in names
    assert "Kanari" not in repr(names)


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


# A guide `run` finishes on its own: its practice page plays the person (see CLI_PAGE).
CLI_GUIDE = """id: cli-mini
title: {en: CLI mini}
summary: {en: Run from the command line.}
languages: [en]
default_language: en
origins: [https://mini.test]
start: https://mini.test/
steps:
  - id: 01-type
    do: type
    enters: password
    sensitive: true
    page: {origin: "https://mini.test", path: /}
    say: {en: Type the password.}
    target: [{label: {en: Password}, exact: true}]
    done_when: [{state: ":valid"}]
  - id: 02-saved
    do: read
    end: true
    page: {origin: "https://mini.test", path: /}
    say: {en: Saved.}
    done_when: [{appears: [{text: Saved}]}]
"""

CLI_SECRET = "Kanari-CLI-77"

# When guide-runner's overlay appears (the field is outlined), the page fills the field in
# itself and says "Saved": `run` gets through both steps without anyone acting.
CLI_PAGE = """<!doctype html><html lang=en><title>CLI</title>
<label for=pw>Password</label> <input id=pw type=password required minlength=4>
<p id=saved hidden>Saved</p>
<script>
new MutationObserver(() => {
  if (!document.querySelector("guide-runner-overlay") || !saved.hidden) return;
  pw.value = "SECRET";
  saved.hidden = false;
}).observe(document.documentElement, {childList: true, subtree: true});
</script>""".replace("SECRET", CLI_SECRET)


# What the browser itself writes in a fresh home at start-up (crash-report settings,
# GNOME's dconf): not the runner's doing, and never a picture or trace.
BROWSER_OWN = {"Crash Reports", "dconf"}


def test_run_writes_no_screenshot_or_trace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The real `run` command (click entry point, browser launch, practice context, engine,
    overlay, shutdown) on a page that plays the person: it asks Playwright for no picture,
    trace, video or HAR, and writes no file in the working folder, home or temp folder.
    (It also installs its overlay on the context, never on a page: docs/overlay.md.)"""
    given = tmp_path / "given"
    (given / "guides").mkdir(parents=True)
    (given / "guides" / "cli-mini.yaml").write_text(CLI_GUIDE)
    (given / "pages" / "mini.test").mkdir(parents=True)
    (given / "pages" / "mini.test" / "index.html").write_text(CLI_PAGE)
    # A short path: Chromium's socket in TMPDIR must fit a Unix socket address.
    with tempfile.TemporaryDirectory(prefix="gr-run-") as short:
        home, work, temp = Path(short, "home"), Path(short, "work"), Path(short, "tmp")
        for folder in (home, work, temp):
            folder.mkdir()
        monkeypatch.setenv("HOME", str(home))
        for var, sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache")):
            monkeypatch.setenv(var, str(home / sub))
        monkeypatch.setenv("TMPDIR", str(temp))  # the driver's and the browser's temp files
        monkeypatch.setattr(tempfile, "tempdir", str(temp))  # Python's
        monkeypatch.chdir(work)
        # A safety net, not what is tested: a run that never finishes ends by itself.
        monkeypatch.setattr(
            engine_module, "Settings", functools.partial(engine_module.Settings, max_seconds=40)
        )
        refuse_page_installs(monkeypatch)
        args = ["run", "cli-mini", "--lang", "en", "--practice", "--headless"]
        args += ["--guides", str(given / "guides"), "--pages", str(given / "pages")]
        results: list[Result] = []
        with record_pictures_and_traces(monkeypatch) as pictures:
            # Its own thread: this worker's thread may already run Playwright's sync API.
            thread = threading.Thread(target=lambda: results.append(CliRunner().invoke(cli, args)))
            thread.start()
            thread.join(60)
        assert not thread.is_alive() and results, "the run did not end"
        monkeypatch.chdir(tmp_path)  # out of the folder before it is removed
        # Home, working folder, temp folder, and the XDG state folder (drift notes; conftest).
        written = [
            p
            for p in [*Path(short).rglob("*"), *tmp_path.rglob("*")]
            if p.is_file() and given not in p.parents and not BROWSER_OWN & set(p.parts)
        ]
    result = results[0]
    assert result.exit_code == 0, (result.output, result.exception)
    assert "1/2" in result.output and "Done! You have been through all the steps." in result.output
    assert CLI_SECRET not in result.output
    assert pictures == []
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


FORM_PAGE = """<!doctype html><html lang=nb><title>Skjema</title><form id=f>
<label for=pw>Passord</label>
<input id=pw type=password oninput="document.getElementById('n').textContent = this.value.length">
<textarea id=t aria-label=Melding></textarea><input type=submit value=Send></form>
<p id=n></p>"""


def test_value_trap_counts_reads_by_evaluated_scripts_only(
    ctx: BrowserContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Controls for the end-to-end proof's in-page trap: it sees a typed value read by any
    script Playwright evaluated or by a tagged init script, and nothing else: not the
    page's own scripts, not Playwright acting as the person, not Playwright's selector
    engines reading a button's label."""
    serve_pages(ctx, {"https://mini.test/form": FORM_PAGE})
    reads = trap_typed_value_reads(ctx)
    page = ctx.new_page()
    page.goto("https://mini.test/form")
    field = page.get_by_label("Passord", exact=True)

    def seen() -> list[str]:
        ctx.cookies()  # a round trip: the reports sent before it have arrived
        return [f"{what} {where}" for _, what, where, _ in reads]

    # The person's typing and reading through Playwright (an isolated world), and the
    # page's own oninput handler reading the field: not counted.
    field.fill("hemmelig-1")
    field.press_sequentially("23")
    page.get_by_role("textbox", name="Melding").fill("tekst")
    assert field.input_value() == "hemmelig-123"
    assert page.locator("#n").inner_text() == "12"
    # A main-world query reads the submit button's label: not a typed value.
    assert page.get_by_role("button", name="Send").evaluate_all("els => els.length") == 1
    assert seen() == []
    # A script the runner evaluates, a callback it leaves behind, a form read whole.
    page.evaluate("() => document.getElementById('pw').value.length")
    page.evaluate("() => addEventListener('input', (e) => e.target.selectionStart, true)")
    page.get_by_role("textbox", name="Melding").press_sequentially("x")
    page.evaluate("() => new FormData(document.getElementById('f')) && 0")
    assert seen() == [
        "HTMLInputElement.value input[type=password]#pw",
        "HTMLTextAreaElement.selectionStart textarea#t",
        "FormData form#f",
    ]
    # An init script the runner adds (the overlay's way into every new document).
    with tag_init_scripts(monkeypatch):
        page.add_init_script("addEventListener('input', (e) => e.target.value, true)")
    page.reload()
    field.fill("x")
    assert seen()[3:] == ["HTMLInputElement.value input[type=password]#pw"]
    assert all("hemmelig" not in repr(read) for read in reads)  # never the value itself


def test_cdp_and_picture_spies_see_what_they_look_for(
    ctx: BrowserContext, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = ctx.new_page()
    with record_cdp(monkeypatch) as cdp:
        session = ctx.new_cdp_session(page)
        session.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": "a"})
    assert cdp == ["BrowserContext.new_cdp_session", "CDPSession.send Input.dispatchKeyEvent"]
    with record_pictures_and_traces(monkeypatch) as pictures:
        ctx.tracing.start(screenshots=True)
        page.screenshot()
        page.locator("body").screenshot()
        ctx.tracing.stop(path=tmp_path / "trace.zip")
        ctx.browser.new_context(record_video_dir=tmp_path).close()  # type: ignore[union-attr]
    # (Locator.screenshot takes an ElementHandle's.)
    assert set(pictures) == {
        "Tracing.start",
        "Page.screenshot",
        "Locator.screenshot",
        "ElementHandle.screenshot",
        "Tracing.stop",
        "Browser.new_context(record_video_dir)",
    }


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
        # A run of six digits or more is a number or code, whatever its length.
        (
            "https://connect.visma.com/resetpassword/84739201847362",
            "https://connect.visma.com/resetpassword/…",
        ),
        (
            "https://connect.visma.com/verify/482913?code=482913",
            "https://connect.visma.com/verify/…",
        ),
        ("https://connect.visma.com/u-482913/edit", "https://connect.visma.com/…/edit"),
        ("https://connect.visma.com/%34%38%32%39%31%33", "https://connect.visma.com/…"),
        # Short numbers are page names.
        ("https://mini.test/step/2/of/12345", "https://mini.test/step/2/of/12345"),
        # Without a host the segments are looked at all the same.
        ("file:///tmp/482913/reset.html?t=1", "file:///tmp/…/reset.html"),
    ],
)
def test_addresses_are_shown_without_query_or_tokens(url: str, shown: str) -> None:
    assert safe_address(url) == shown
