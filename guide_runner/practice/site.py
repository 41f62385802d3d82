"""PracticeSite: serves the practice pages at the real addresses through Playwright routing."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from guide_runner.browser import PRIVACY_ARGS
from guide_runner.practice.files import PageFiles
from guide_runner.practice.http import Request, Response, redirect_page
from guide_runner.practice.labels import load_labels
from guide_runner.practice.server import accountsettings, connect, enterprise, home, inbox
from guide_runner.practice.server.base import Ctx, Routes
from guide_runner.practice.state import SiteState

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext as AsyncBrowserContext
    from playwright.async_api import Route as AsyncRoute
    from playwright.sync_api import BrowserContext, Route
    from playwright.sync_api import Request as PwRequest

ENTERPRISE = "visma-enterprise.kommune.test"
INBOX = "inbox.guide-runner.test"

# The hosts with server behaviour (and built-in pages).
PRACTICE_HOSTS: tuple[str, ...] = (
    "connect.visma.com",
    "accountsettings.connect.visma.com",
    "home.visma.com",
    ENTERPRISE,
    INBOX,
)

# Chromium opens a connection for every navigation even when routing answers it, and Chrome
# services (autofill) talk to Google on their own; routing sees neither. A proxy at a closed
# local port (the discard port) makes all of that fail on this machine instead.
DEAD_END_PROXY = "http://127.0.0.1:9"

# Launch arguments that stop Chromium's own autofill server queries (every launch of ours
# uses them: BrowserChoice.launch_kwargs()).
LAUNCH_ARGS: tuple[str, ...] = PRIVACY_ARGS

SERVERS: dict[str, Routes] = {
    "connect.visma.com": connect.routes,
    "accountsettings.connect.visma.com": accountsettings.routes,
    "home.visma.com": home.routes,
    ENTERPRISE: enterprise.routes,
    INBOX: inbox.routes,
}


# Served as files: their answer depends on the address alone, so Playwright's provisional
# headers (no cookies) do. Pages (rendered in the culture cookie's language) and API calls
# (which answer in it) get ``request.all_headers()``, which costs a round trip to the browser
# for the raw headers: 5-35 ms a request, on the critical path of every page load.
_STATIC_TYPES = frozenset({"stylesheet", "script", "image", "font", "media", "manifest"})


def _is_static(request: Any) -> bool:
    return bool(request.method == "GET" and request.resource_type in _STATIC_TYPES)


class PracticeSite:
    """A replica of the Visma pages for one browser context.

    ``install(context)`` routes every request of the context: practice hosts are answered
    here, everything else is aborted and listed in ``blocked``. Service workers would bypass
    routing: create the context with ``service_workers="block"``.
    """

    def __init__(self, pages_dir: Path | None = None, *, clock: Callable[[], float] = time.time):
        self.pages_dir = Path(pages_dir) if pages_dir is not None else None
        self.files = PageFiles(self.pages_dir)
        self.state = SiteState.fresh(clock)
        self.blocked: list[str] = []
        self.served: list[tuple[str, str, int]] = []  # (method, url, status)
        self.errors: list[str] = []  # tracebacks of server errors (500), for tests

    @staticmethod
    def preload() -> None:
        """Read what every page needs (labels.yaml) now, not in the first request: the
        commands call it on their loading thread while the browser starts."""
        load_labels()

    @staticmethod
    def context_options() -> dict[str, Any]:
        """Options for ``browser.new_context(**…)``: no service workers (they would bypass
        routing) and a dead-end proxy, so nothing that escapes routing leaves the machine."""
        return {"service_workers": "block", "proxy": {"server": DEAD_END_PROXY}}

    def hosts(self) -> list[str]:
        """Every host served: the built-in ones and those only in the override folder."""
        return sorted(set(PRACTICE_HOSTS) | set(self.files.hosts()))

    def serves(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("https", "http") and (parts.hostname or "").lower() in self.hosts()

    # Serving ---------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        """The practice server's answer to one request (redirects still as 3xx)."""
        if request.scheme == "http":
            return Response.redirect("https" + request.url[4:], 301)
        ctx = Ctx(request, self.state, self.files, self.hosts())
        routes = SERVERS.get(request.host)
        response = routes.dispatch(ctx) if routes is not None else None
        if response is None:
            response = ctx.static() if request.method in ("GET", "HEAD") else Response(405)
        return response

    def respond(self, request: Request) -> Response:
        """Like ``handle``, with redirects turned into pages the browser follows (see http)."""
        try:
            response = self.handle(request)
        except Exception:  # a broken page must not hang the browser: show the error
            response = Response(
                500, traceback.format_exc().encode("utf-8"), "text/plain; charset=utf-8"
            )
            self.errors.append(traceback.format_exc())
        self.served.append((request.method, request.url, response.status))
        if response.is_redirect and response.location is not None:
            location = response.location
            if location.startswith("/"):
                location = f"https://{request.host}{location}"
            return redirect_page(location, response.status)
        return response

    # Playwright ------------------------------------------------------------------------

    def install(self, context: BrowserContext | AsyncBrowserContext) -> None:
        """Route every request of ``context`` (sync API) to the practice site.

        With Playwright's async API use ``await site.install_async(context)``.
        """
        from playwright.async_api import BrowserContext as AsyncContext

        if isinstance(context, AsyncContext):
            raise TypeError("an async BrowserContext: use `await site.install_async(context)`")
        context.route("**/*", self._on_route)

    async def install_async(self, context: AsyncBrowserContext) -> None:
        """The async API's install: ``await site.install_async(context)``."""
        await context.route("**/*", self._on_route_async)

    def _request(
        self, method: str, url: str, headers: dict[str, str], body: bytes | None
    ) -> Request:
        return Request(method, url, {k.lower(): v for k, v in headers.items()}, body or b"")

    def _on_route(self, route: Route, request: PwRequest) -> None:
        if not self.serves(request.url):
            self.blocked.append(request.url)
            route.abort("blockedbyclient")
            return
        headers = request.headers if _is_static(request) else request.all_headers()
        req = self._request(request.method, request.url, headers, request.post_data_buffer)
        response = self.respond(req)
        route.fulfill(status=response.status, headers=self._headers(response), body=response.body)

    async def _on_route_async(self, route: AsyncRoute, request: Any) -> None:
        if not self.serves(request.url):
            self.blocked.append(request.url)
            await route.abort("blockedbyclient")
            return
        headers = request.headers if _is_static(request) else await request.all_headers()
        req = self._request(request.method, request.url, headers, request.post_data_buffer)
        response = self.respond(req)
        await route.fulfill(
            status=response.status, headers=self._headers(response), body=response.body
        )

    @staticmethod
    def _headers(response: Response) -> dict[str, str]:
        return {
            "content-type": response.content_type,
            "cache-control": "no-store",
            **response.headers,
        }
