"""Page files laid out as ``<host>/<path>``, with an override folder laid over them.

Address -> file rule (docs/practice-site.md):

- ``/`` (or any path ending in ``/``) -> ``index.html`` in that folder;
- ``/password`` -> ``password.html``; ``/totp/methods`` -> ``totp/methods.html``;
- otherwise the path as it is (``/css/connect.css`` -> ``css/connect.css``), then
  ``<path>/index.html``.

Names starting with ``_`` or ``.`` (layout parts such as ``_layout/footer.html``) are never
served on their own. A file in the override folder wins over the built-in one with the same
relative path; hosts that exist only in the override folder are served as they are.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path, PurePosixPath

BUILTIN_DIR = Path(__file__).with_name("site")

_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".json": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".ico": "image/x-icon",
}


def content_type(path: Path | str) -> str:
    suffix = PurePosixPath(str(path)).suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(str(path))[0] or "application/octet-stream"


def candidates(url_path: str) -> list[str]:
    """Relative file paths an address may be served from, in order."""
    parts = [p for p in url_path.split("/") if p]
    if any(p.startswith((".", "_")) or p == ".." for p in parts):
        return []
    rel = "/".join(parts)
    if not rel or url_path.endswith("/"):
        return [f"{rel}/index.html" if rel else "index.html"]
    return [f"{rel}.html", rel, f"{rel}/index.html"]


class PageFiles:
    def __init__(self, override: Path | None = None, builtin: Path = BUILTIN_DIR):
        self.override = Path(override) if override is not None else None
        self.builtin = builtin
        if self.override is not None and not self.override.is_dir():
            raise FileNotFoundError(f"The pages folder {self.override} does not exist.")

    def _roots(self) -> list[Path]:
        return [r for r in (self.override, self.builtin) if r is not None]

    def builtin_hosts(self) -> list[str]:
        return sorted(p.name for p in self.builtin.iterdir() if p.is_dir())

    def hosts(self) -> list[str]:
        found: set[str] = set()
        for root in self._roots():
            found.update(p.name.lower() for p in root.iterdir() if p.is_dir() and "." in p.name)
        return sorted(found)

    def find(self, host: str, rel: str) -> Path | None:
        """The file for ``rel`` on ``host``: the override's copy first."""
        rel_path = PurePosixPath(rel)
        if rel_path.is_absolute() or ".." in rel_path.parts:
            return None
        for root in self._roots():
            path = root / host / rel_path
            if path.is_file():
                return path
        return None

    def for_address(self, host: str, url_path: str) -> Path | None:
        for rel in candidates(url_path):
            found = self.find(host, rel)
            if found is not None:
                return found
        return None

    def read(self, host: str, rel: str) -> str:
        path = self.find(host, rel)
        if path is None:
            raise FileNotFoundError(f"{host}/{rel}")
        return path.read_text(encoding="utf-8")
