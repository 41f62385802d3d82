"""Screenshots for the report (``--report DIR`` only): the viewport as JPEG, with the step
shown the way a person would see it guided — the project's overlay outlines the target and
shows the step's instruction in its bubble (``Overlay.show``), the screenshot is taken, and
the overlay is hidden again before the walk goes on. A step with no target on the page
(read, outside, confirm steps; a missing target) is captured as it is: a centred bubble
would hide what the step is about (e.g. the new one-time code to write down), and the report
prints the instruction above every screenshot anyway.

The overlay is installed on a walk's page only when its first screenshot is taken, so a
check without ``--report`` pays nothing for it. When the overlay cannot be shown (e.g. the
page is being replaced) the screenshot is taken without it and the report draws the
target's box over the image instead. Text fields are always masked; on sensitive steps
every input is.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from typing import TYPE_CHECKING

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from guide_runner.check.verdicts import Screenshot
from guide_runner.guide.model import Step
from guide_runner.guide.texts import fill, localize

if TYPE_CHECKING:
    from guide_runner.overlay import Overlay

TEXT_FIELDS = (
    "input:not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button])"
    ":not([type=hidden]):not([type=image]):not([type=reset]), textarea"
)
ALL_FIELDS = "input:not([type=hidden]), textarea, select"
MASK_COLOR = "#6e7781"  # a flat grey box: clearly "hidden on purpose", unlike Playwright's pink
SHOW_TIMEOUT_MS = 1500.0  # the target was just found; this only bounds a page being replaced


def _box(target: Locator | None) -> tuple[float, float, float, float] | None:
    if target is None:
        return None
    try:
        b = target.bounding_box(timeout=1000)
    except PlaywrightError:
        return None
    return None if b is None else (b["x"], b["y"], b["width"], b["height"])


def _jpeg(page: Page, sensitive: bool) -> bytes | None:
    mask = [page.locator(ALL_FIELDS if sensitive else TEXT_FIELDS)]
    try:
        return page.screenshot(
            type="jpeg",
            quality=70,
            mask=mask,
            mask_color=MASK_COLOR,
            animations="disabled",  # the bubble's fade-in is finished, not half-way
            timeout=5000,
        )
    except PlaywrightError:
        return None


def capture(page: Page, target: Locator | None, sensitive: bool) -> Screenshot | None:
    """The viewport now, without the overlay; the report outlines ``target``'s box."""
    size = page.viewport_size or {"width": 1280, "height": 720}
    box = _box(target)
    jpeg = _jpeg(page, sensitive)
    if jpeg is None:
        return None
    return Screenshot(jpeg, size["width"], size["height"], box, masked=True)


class Shooter:
    """Report screenshots of one walk's page, with the project's overlay showing the step."""

    def __init__(self, page: Page, lang: str, params: Mapping[str, str], total: int):
        self.page = page
        self.lang = lang
        self.params = params
        self.total = total
        self._overlay: Overlay | None = None  # installed on the first screenshot
        self._broken = False  # the overlay could not be installed on this page

    def _get_overlay(self) -> Overlay | None:
        if self._overlay is None and not self._broken:
            from guide_runner.overlay import Overlay, OverlayError

            try:
                self._overlay = Overlay(self.page)
            except (OverlayError, PlaywrightError):
                self._broken = True
        return self._overlay

    def _show(self, step: Step, number: int, target: Locator) -> bool:
        """Show the step in the overlay; False when it could not be shown."""
        from guide_runner.overlay import Button

        overlay = self._get_overlay()
        if overlay is None:
            return False
        buttons = [
            Button("confirm", fill(localize(d.confirm, self.lang), self.params))
            for d in step.done_when
            if d.confirm is not None
        ]
        buttons += [
            Button(f"choice:{i}", localize(c.label, self.lang)) for i, c in enumerate(step.choices)
        ]
        try:
            overlay.show(
                target,
                text=fill(localize(step.say, self.lang), self.params),
                step=number,
                total=self.total,
                lang=self.lang,
                buttons=buttons,
                timeout=SHOW_TIMEOUT_MS,
            )
        except Exception:  # a screenshot must never fail a check: take it without
            self._hide()
            return False
        return True

    def _hide(self) -> None:
        if self._overlay is not None:
            with contextlib.suppress(Exception):
                self._overlay.hide()

    def capture(self, step: Step, number: int, target: Locator | None) -> Screenshot | None:
        """The viewport with the step shown by the overlay (outline and bubble)."""
        if self.page.is_closed():
            return None
        if target is None or not self._show(step, number, target):
            return capture(self.page, target, step.sensitive)
        try:
            size = self.page.viewport_size or {"width": 1280, "height": 720}
            jpeg = _jpeg(self.page, step.sensitive)
            box = _box(target)
        finally:
            self._hide()
        if jpeg is None:
            return None
        return Screenshot(jpeg, size["width"], size["height"], box, masked=True, overlay=True)


__all__ = ["ALL_FIELDS", "TEXT_FIELDS", "Shooter", "capture"]
