"""Fixtures for the runner's tests: one browser for the module (reachable over CDP so a
simulated person can act from a second connection), one context per test, small pages."""

from __future__ import annotations

import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, BrowserType, Route

from guide_runner.guide import Guide, load_guide

HERE = Path(__file__).parent

MINI_PAGES: dict[str, str] = {
    "https://mini.test/": """<!doctype html><html lang=nb><title>Mini</title>
<div id=cookie style="position:fixed;bottom:0">Informasjonskapsler
  <button onclick="this.parentNode.remove()">OK</button></div>
<h1>Start</h1><p><a href="/two">Neste</a> <a href="/other">Noe annet</a></p>""",
    "https://mini.test/two": """<!doctype html><html lang=nb><title>To</title>
<h1>To</h1><label for=pw>Passord</label> <input id=pw type=password required minlength=4>
<button id=b onclick="document.getElementById('ok').hidden=false">Ferdig</button>
<p id=ok hidden>Ok!</p>""",
    "https://mini.test/other": """<!doctype html><html lang=nb><title>Annet</title>
<h1>Noe annet</h1><button>Avbryt</button><a href="/">Til start</a>""",
    "https://mini.test/renamed": """<!doctype html><html lang=nb><title>Endret</title>
<h1>Endret</h1><a href="/two">Fortsett videre</a><button>Neste side</button>""",
}


@pytest.fixture(autouse=True)
def _state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Drift notes and other state go to the test's own folder, never the real home."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def cdp_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def runner_browser(
    browser_type: BrowserType, browser_type_launch_args: dict[str, Any], cdp_port: int
) -> Iterator[Browser]:
    """One headless browser for the runner tests, also reachable over CDP at ``cdp_port``."""
    args = [*browser_type_launch_args.get("args", []), f"--remote-debugging-port={cdp_port}"]
    kwargs = {**browser_type_launch_args, "args": args, "headless": True}
    browser = browser_type.launch(**kwargs)
    yield browser
    browser.close()


@pytest.fixture
def ctx(runner_browser: Browser) -> Iterator[BrowserContext]:
    context = runner_browser.new_context(service_workers="block", locale="nb-NO")
    yield context
    context.close()


def serve_pages(context: BrowserContext, pages: dict[str, str]) -> None:
    """Answer the listed addresses (query ignored); abort everything else."""

    def handle(route: Route) -> None:
        url = route.request.url.split("?", 1)[0].split("#", 1)[0]
        body = pages.get(url)
        if body is None:
            route.abort()
        else:
            route.fulfill(status=200, body=body, content_type="text/html; charset=utf-8")

    context.route("**/*", handle)


@pytest.fixture
def mini_ctx(ctx: BrowserContext) -> BrowserContext:
    serve_pages(ctx, dict(MINI_PAGES))
    return ctx


@pytest.fixture(scope="session")
def mini_guide() -> Guide:
    return load_guide(HERE / "guides" / "mini.yaml")


@pytest.fixture
def serve(ctx: BrowserContext) -> Callable[[dict[str, str]], BrowserContext]:
    def install(pages: dict[str, str]) -> BrowserContext:
        serve_pages(ctx, pages)
        return ctx

    return install
