"""What every host's server code shares: the request context and a small route table."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

from guide_runner.practice.files import PageFiles, content_type
from guide_runner.practice.http import Request, Response
from guide_runner.practice.labels import label
from guide_runner.practice.language import CULTURE_COOKIE, CULTURE_OF, choose_language
from guide_runner.practice.state import SiteState
from guide_runner.practice.templates import Renderer


@dataclass
class Ctx:
    request: Request
    state: SiteState
    files: PageFiles
    served_hosts: list[str] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.lang = choose_language(
            self.request.arg("ui_locales"),
            self.request.cookies.get(CULTURE_COOKIE),
            self.request.headers.get("accept-language"),
        )

    @property
    def host(self) -> str:
        return self.request.host

    def return_url(self, value: str | None) -> str:
        return safe_return_url(value, self.served_hosts)

    def t(self, key: str, **params: str) -> str:
        """A label in this request's language."""
        return label(key, self.lang, **params)

    def render(self, rel: str, status: int = 200, **values: Any) -> Response:
        """Render a page file of this host with labels and ``values``."""
        renderer = Renderer(self.lang, lambda name: self.files.read(self.host, name))
        base = {
            "lang": self.lang,
            "culture": CULTURE_OF[self.lang],
            "host": self.host,
            "path": self.request.path,
        }
        text = renderer.render(self.files.read(self.host, rel), {**base, **values})
        return Response.html(text, status)

    def static(self) -> Response:
        """The file for this address as it is (HTML files are rendered with labels)."""
        path = self.files.for_address(self.host, self.request.path)
        if path is None:
            return Response.not_found()
        if path.suffix == ".html":
            root = path
            while root.parent.name.lower() != self.host:
                root = root.parent
            rel = str(path.relative_to(root.parent)).replace("\\", "/")
            return self.render(rel)
        return Response(200, path.read_bytes(), content_type(path))


Handler = Callable[[Ctx], Response | None]


class Routes:
    """``routes.get("/password")(fn)``; a handler may return None to fall back to the file."""

    def __init__(self) -> None:
        self._table: list[tuple[str, re.Pattern[str], Handler]] = []

    def add(self, method: str, pattern: str) -> Callable[[Handler], Handler]:
        regex = re.compile("^" + re.sub(r"<(\w+)>", r"(?P<\1>[^/]+)", pattern) + "/?$")

        def register(fn: Handler) -> Handler:
            self._table.append((method, regex, fn))
            return fn

        return register

    def get(self, pattern: str) -> Callable[[Handler], Handler]:
        return self.add("GET", pattern)

    def post(self, pattern: str) -> Callable[[Handler], Handler]:
        return self.add("POST", pattern)

    def dispatch(self, ctx: Ctx) -> Response | None:
        method = "GET" if ctx.request.method == "HEAD" else ctx.request.method
        for want, regex, fn in self._table:
            match = regex.match(ctx.request.path)
            if match and want == method:
                ctx.params = match.groupdict()
                return fn(ctx)
        return None


# Where people go when no ReturnUrl says otherwise (the article's first step).
DEFAULT_RETURN_URL = "https://accountsettings.connect.visma.com/"


def safe_return_url(value: str | None, served_hosts: list[str]) -> str:
    """Only practice addresses (or a path on connect.visma.com) are followed."""
    if not value:
        return DEFAULT_RETURN_URL
    parts = urlsplit(value)
    relative = not parts.scheme and not parts.netloc
    if relative and value.startswith("/") and not value.startswith("//"):
        return "https://connect.visma.com" + value
    if parts.scheme == "https" and (parts.hostname or "") in served_hosts:
        return value
    return DEFAULT_RETURN_URL


def with_query(path: str, **params: str | None) -> str:
    given = {k: v for k, v in params.items() if v}
    return path + ("?" + urlencode(given) if given else "")
