"""The overlay installed once on a whole browser context, before its pages open.

An :class:`~guide_runner.overlay.Overlay` made on its own exposes its signal binding and
adds its init script to its page: two round trips, the first of which evaluates in the
page's blank document (~25-35 ms at start-up, on the way to the first page). Installed on
the context first, every page created afterwards gets both as part of being created, and
an Overlay made on it with ``installed=`` makes no call at all. The runner's commands do
this before opening their first page; a tab or popup the person opens has the overlay from
its first document on.

The one binding serves every page of the context: each call is handed to the Overlay made
on the page it came from, and dropped when there is none (nothing can be showing there, so
nothing the page says can count). What a signal must carry to count is unchanged (the show
id, a pinned origin: see overlay.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from playwright.sync_api import BrowserContext, Page

from .assets import BINDING_NAME, init_script

if TYPE_CHECKING:
    from .overlay import Overlay


class ContextInstall:
    """The overlay's binding and init script on ``context``; see the module docstring.

    ``origins`` and ``inspectable`` mean what they mean for Overlay; every Overlay made with
    this install must ask for the same ones. The install lasts as long as the context.
    """

    def __init__(
        self, context: BrowserContext, *, origins: Iterable[str], inspectable: bool = False
    ) -> None:
        self.context = context
        self.origins = sorted(origins)
        self.inspectable = inspectable
        self._overlays: dict[Page, Overlay] = {}
        context.expose_binding(BINDING_NAME, self._on_binding)
        context.add_init_script(init_script(inspectable=inspectable, origins=self.origins))

    def covers(self, page: Page) -> bool:
        """Whether ``page`` belongs to this install's context."""
        return page.context is self.context

    def adopt(self, page: Page, overlay: Overlay, *, origins: list[str] | None) -> None:
        """Route ``page``'s binding calls to ``overlay`` (Overlay's constructor calls this).

        Raises ValueError for a page of another context or other settings, and OverlayError
        when the page already has an overlay."""
        from .overlay import OverlayError

        if not self.covers(page):
            raise ValueError("this page belongs to another browser context")
        if origins != self.origins:
            raise ValueError(f"the context's overlay is pinned to {self.origins}, not {origins}")
        if page in self._overlays:
            raise OverlayError("this page already has an overlay")
        self._overlays[page] = overlay
        page.once("close", self._forget)

    def _forget(self, page: Page) -> None:
        self._overlays.pop(page, None)

    def release(self, page: Page, overlay: Overlay) -> None:
        """``overlay`` is destroyed: the page's calls go nowhere until another is made."""
        if self._overlays.get(page) is overlay:
            del self._overlays[page]

    def _on_binding(self, source: dict[str, Any], payload: Any) -> None:
        overlay = self._overlays.get(source.get("page"))  # type: ignore[arg-type]
        if overlay is not None:
            overlay._on_binding(source, payload)
