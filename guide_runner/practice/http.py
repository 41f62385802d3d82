"""Requests and responses as the practice server sees them, independent of Playwright."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit


@dataclass
class Request:
    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""

    def __post_init__(self) -> None:
        parts = urlsplit(self.url)
        self.scheme = parts.scheme
        self.host = (parts.hostname or "").lower()
        self.path = parts.path or "/"
        self.query_string = parts.query
        self.query: dict[str, list[str]] = parse_qs(parts.query, keep_blank_values=True)

    def arg(self, *names: str) -> str | None:
        """A query value; names are tried in order, case-insensitively (ReturnUrl/returnUrl)."""
        lowered = {k.lower(): v for k, v in self.query.items()}
        for name in names:
            values = self.query.get(name) or lowered.get(name.lower())
            if values:
                return values[0]
        return None

    @property
    def form(self) -> dict[str, list[str]]:
        if "application/x-www-form-urlencoded" not in self.headers.get("content-type", ""):
            return {}
        return parse_qs(self.body.decode("utf-8", "replace"), keep_blank_values=True)

    def field(self, name: str) -> str:
        values = self.form.get(name)
        return values[0] if values else ""

    def fields(self, name: str) -> list[str]:
        return self.form.get(name, [])

    def json(self) -> dict[str, Any]:
        try:
            data = json.loads(self.body.decode("utf-8") or "{}")
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}

    @property
    def cookies(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for piece in self.headers.get("cookie", "").split(";"):
            name, eq, value = piece.strip().partition("=")
            if eq and name:
                found.setdefault(name, value)
        return found


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def html(cls, text: str, status: int = 200) -> Response:
        return cls(status, text.encode("utf-8"))

    @classmethod
    def json(cls, data: Any, status: int = 200) -> Response:
        return cls(status, json.dumps(data).encode("utf-8"), "application/json")

    @classmethod
    def redirect(cls, location: str, status: int = 302) -> Response:
        return cls(status, b"", headers={"location": location})

    @classmethod
    def not_found(cls) -> Response:
        return cls(404, b"<!doctype html><title>404</title><h1>404 Not Found</h1>")

    @property
    def location(self) -> str | None:
        return self.headers.get("location")

    @property
    def is_redirect(self) -> bool:
        return 300 <= self.status < 400 and self.location is not None


def redirect_page(location: str, status: int) -> Response:
    """A redirect as the browser can follow it through Playwright routing.

    Chromium follows a 3xx given to ``route.fulfill`` but the follow-up request bypasses
    routing (it even resolves the host name on the network). So a redirect is sent as a
    200 page with ``<meta http-equiv="refresh" content="0;url=…">``: the browser goes on to
    the new address at once and, as for a real redirect, the intermediate entry is replaced
    in the history. ``X-Practice-Redirect`` keeps the real status for diagnostics.
    """
    target = html.escape(location, quote=True)
    body = (
        '<!doctype html><html><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="0;url={target}">'
        "<title></title></head><body></body></html>"
    )
    return Response(
        200, body.encode("utf-8"), headers={"x-practice-redirect": f"{status} {location}"}
    )
