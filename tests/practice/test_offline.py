"""Nothing leaves the machine while the practice site is in use."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import pytest
from playwright.sync_api import Browser, BrowserType, expect

from guide_runner.practice import KARI, LAUNCH_ARGS, PRACTICE_HOSTS, PracticeSite

from .helpers import SIGN_IN


class _Recorder(BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def _record(self) -> None:
        type(self).seen.append(f"{self.command} {self.path}")
        self.send_response(502)
        self.end_headers()

    do_GET = do_POST = do_CONNECT = do_HEAD = _record

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def recording_proxy() -> Iterator[tuple[str, list[str]]]:
    _Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", _Recorder.seen
    server.shutdown()
    server.server_close()


def test_no_request_leaves_the_machine(
    browser: Browser, recording_proxy: tuple[str, list[str]]
) -> None:
    proxy, seen = recording_proxy
    site = PracticeSite()
    context = browser.new_context(proxy={"server": proxy}, service_workers="block", locale="nb-NO")
    try:
        site.install(context)
        page = context.new_page()
        page.goto(SIGN_IN)
        page.locator("#CookieHideButton").click()
        page.locator("#Username").fill(KARI.email)
        page.locator("#LoginButton").click()
        page.wait_for_url("**/password?**")
        page.locator("input#Password").fill(KARI.password)
        page.locator("#LoginButton").click()
        page.wait_for_url("https://accountsettings.connect.visma.com/")
        # Outside addresses from the page itself: fetch, an image, a navigation.
        page.evaluate("fetch('https://example.com/track').catch(() => null)")
        page.evaluate(
            "() => { const i = new Image(); i.src = 'https://www.google-analytics.com/x.gif';"
            " document.body.append(i); }"
        )
        with pytest.raises(Exception, match="ERR_BLOCKED_BY_CLIENT"):
            page.goto("https://www.visma.com/")
        expect(page).not_to_have_url("https://www.visma.com/")
        page.wait_for_timeout(300)
    finally:
        context.close()
    # Chromium opens a connection for every navigation even when routing answers it (and
    # Chrome's autofill calls Google): routing never sees those. Here they reach only the
    # local recorder, which refuses them; with PracticeSite.context_options() they die at
    # a closed local port. No HTTP request is ever sent through.
    assert [s for s in seen if not s.startswith("CONNECT ")] == [], seen
    tunnels = {s.split()[1].rsplit(":", 1)[0] for s in seen}
    assert tunnels <= {*site.hosts(), "www.visma.com", "content-autofill.googleapis.com"}, seen
    assert "https://www.visma.com/" in site.blocked
    assert any(url.startswith("https://example.com/") for url in site.blocked)
    assert any("google-analytics" in url for url in site.blocked)
    assert all(not site.serves(url) for url in site.blocked)


def test_recommended_options_keep_every_connection_local(
    browser_type: BrowserType,
    browser_type_launch_args: dict[str, Any],
    recording_proxy: tuple[str, list[str]],
) -> None:
    """With LAUNCH_ARGS, the only escapes are the navigation connections, all to practice
    hosts; context_options() sends them to a closed local port (checked here by swapping
    that port for the recorder)."""
    proxy, seen = recording_proxy
    browser = browser_type.launch(**{**browser_type_launch_args, "args": list(LAUNCH_ARGS)})
    try:
        site = PracticeSite()
        options = {**PracticeSite.context_options(), "proxy": {"server": proxy}}
        context = browser.new_context(**options, locale="nb-NO")
        site.install(context)
        page = context.new_page()
        page.goto(SIGN_IN)
        page.locator("#CookieHideButton").click()
        page.locator("#Username").fill(KARI.email)
        page.locator("#LoginButton").click()
        page.wait_for_url("**/password?**")
        page.wait_for_timeout(300)
    finally:
        browser.close()
    assert {s.split()[1].rsplit(":", 1)[0] for s in seen} <= set(PRACTICE_HOSTS), seen
    assert all(s.startswith("CONNECT ") for s in seen)


def test_dead_end_proxy_does_not_disturb_the_site(browser: Browser) -> None:
    site = PracticeSite()
    context = browser.new_context(**PracticeSite.context_options(), locale="nb-NO")
    try:
        site.install(context)
        page = context.new_page()
        page.goto("https://accountsettings.connect.visma.com/")
        expect(page).to_have_url(SIGN_IN)
        expect(page.locator("#LoginButton")).to_have_value("Neste")
    finally:
        context.close()
