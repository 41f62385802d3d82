"""A local static server for the overlay's test pages, on two origins.

127.0.0.1 and localhost are different sites to Chromium, so a frame from the second origin
is cross-origin (and out-of-process) for a page from the first.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PAGES = Path(__file__).parent / "pages"

# Forbids inline scripts and styles and requires Trusted Types: the overlay must still work.
STRICT_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "require-trusted-types-for 'script'; trusted-types 'none'"
)


class _PageHandler(SimpleHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/favicon.ico":
            # Chromium asks for it on its own, sometimes only after a test has looked: a 404
            # would reach the page's console as an error no page or overlay caused.
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()

    def end_headers(self) -> None:
        if self.path.split("?")[0].endswith("/csp.html"):
            self.send_header("Content-Security-Policy", STRICT_CSP)
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep test output clean


@dataclass(frozen=True)
class Origins:
    main: str  # http://127.0.0.1:PORT
    other: str  # http://localhost:PORT (cross-origin to main)

    def url(self, page: str) -> str:
        return f"{self.main}/{page}"


@contextmanager
def serve_pages() -> Iterator[Origins]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_PageHandler, directory=str(PAGES)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    try:
        yield Origins(main=f"http://127.0.0.1:{port}", other=f"http://localhost:{port}")
    finally:
        server.shutdown()
        server.server_close()
