"""Pictures for the demo's report, taken straight from the browser's compositor.

Playwright's ``page.screenshot`` first sets the page up in an isolated world of its own
(created for each new document) and then captures; for the demo's first picture that set-up
was ~20 ms on the way to the next step's outline. Here the set-up is one call in the page
(picture.js) and the capture is Chromium's ``Page.captureScreenshot`` with
``optimizeForSpeed`` (a faster zlib level: larger files, less time). The CDP session is
opened once per page.

``take_if_still`` does not wait for the page to hold still first: it watches the page
while the picture is taken and gives it up when anything changed meanwhile (the caller
then waits with ``settle`` and takes it again). A page that is still — most steps — is
pictured a frame sooner.

Chromium-only, like the rest of guide-runner. Pictures that need parts masked (sensitive
steps) still go through Playwright, which draws the masks. A capture gets Playwright's
screenshot time limit (30 s). Older Playwright versions cannot limit a CDP call; there, a
capture the browser never completes holds the demo up until Ctrl-C.
"""

from __future__ import annotations

import base64
import contextlib
import inspect
import json
from typing import Literal, cast

from playwright.sync_api import CDPSession, Error, Page

from guide_runner.pagejs import load_js
from guide_runner.redirects import MAX_DELAY, PENDING_REFRESH_JS

# picture.js gets the redirect rule the runner and the checker follow (redirect.js), so
# "about to leave" means the same everywhere.
PICTURE_JS = (
    f"(args) => ({load_js(__file__, 'picture.js')})"
    f"(args, {PENDING_REFRESH_JS}, {json.dumps(MAX_DELAY)})"
)

Settled = Literal["still", "timeout", "leaving"]

CAPTURE_TIMEOUT_MS = 30_000.0  # Playwright's own default for page.screenshot
# Older Playwright versions' CDPSession.send takes no time limit.
_SEND_TAKES_TIMEOUT = "timeout" in inspect.signature(CDPSession.send).parameters


def settle(page: Page, cap_ms: float) -> Settled:
    """Wait until the page holds still: "still", "timeout" after ``cap_ms``, or "leaving"
    (a meta refresh is about to take it to another address). See picture.js."""
    return cast(Settled, page.evaluate(PICTURE_JS, ["settle", cap_ms]))


class Camera:
    """Takes viewport pictures of one page."""

    def __init__(self, page: Page) -> None:
        self._page = page
        self._session: CDPSession | None = None

    def take(self) -> bytes:
        """A PNG of the viewport as it is now, animations that end shown at their end and
        the text caret hidden."""
        taken = self._take(watch=False)
        assert taken is not None  # only a watched picture is ever given up
        return taken[0]

    def take_if_still(self) -> bytes | None:
        """Like :meth:`take`, or None when the page is not still: about to redraw the
        outline, about to leave, or changed while the picture was taken."""
        taken = self._take(watch=True)
        return taken[0] if taken is not None and taken[1] == "still" else None

    def _take(self, *, watch: bool) -> tuple[bytes, str] | None:
        verdict = "unwatched"
        prepared = True  # until the page says otherwise: a set-up failing part-way is undone
        try:
            ready = self._page.evaluate(PICTURE_JS, ["prepare", watch])
            if watch and ready != "ready":
                prepared = False  # moving or leaving: nothing was set up, nothing to undo
                return None
            png = self._capture()
        finally:
            if prepared:
                with contextlib.suppress(Error):  # the document is gone: nothing to restore
                    verdict = str(self._page.evaluate(PICTURE_JS, ["restore"]))
        return png, verdict

    def _capture(self) -> bytes:
        try:
            if self._session is None:
                self._session = self._page.context.new_cdp_session(self._page)
            limit = {"timeout": CAPTURE_TIMEOUT_MS} if _SEND_TAKES_TIMEOUT else {}
            shot = self._session.send(
                "Page.captureScreenshot",
                {"format": "png", "optimizeForSpeed": True, "captureBeyondViewport": False},
                **limit,
            )
        except Error:
            # Detached, perhaps, or stuck on a capture: the next picture opens a new one, and
            # this one is let go of in the browser too.
            session, self._session = self._session, None
            if session is not None:
                with contextlib.suppress(Error):  # already detached
                    session.detach()
            raise
        return base64.b64decode(shot["data"])
