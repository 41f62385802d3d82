"""The demo: the same engine on the practice site, with the autopilot acting as the person.

The autopilot (guide_runner.autopilot) refuses to act anywhere but the practice site. It
gets Playwright's own page here — the engine never does. For each step the demo waits
until the highlight or bubble is showing, then: for a step where something is typed it
types first and takes the screenshot after (inputs masked on sensitive steps, so the
picture shows the field filled but not what is in it; the field a sensitive step typed
into stays masked in every later picture of its document); otherwise it takes the
screenshot first and then acts. Steps the person confirms are confirmed like a person
pressing Enter. Each picture shows the page holding still (picture.js: no DOM change, a
smooth scroll has ended, the bubble is placed and the outline no longer follows a moving
target), rather than after a fixed sleep: a still page is pictured at once and the
picture kept only if nothing changed while it was taken; otherwise the demo waits until it
holds still and takes it again. Other CSS transitions are finished by the picture
(guide_runner/runner/picture.py).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from guide_runner.autopilot import Autopilot
from guide_runner.locate import count_now
from guide_runner.runner.engine import StepView
from guide_runner.runner.keys import ENTER
from guide_runner.runner.report import Recorder
from guide_runner.runner.safe_page import TYPED_FIELDS, unwrap_locator, unwrap_page

SETTLE_CAP_MS = 2000  # a page that never holds still is pictured as it is
PICTURE_TRIES = 3  # a redirect can replace the document between the wait and the picture


def _not(url: str) -> Callable[[str], bool]:
    return lambda now: now != url


_DOCUMENT_JS = "() => performance.timeOrigin"  # tells one document from the next
_UNKNOWN = -1.0  # a secret went into a document that could not be told: the whole page

# Fields that hold secrets by their nature. Where a secret was typed, they are masked with
# the field it went into: a page may copy a code into boxes of its own, or a password into
# a second field.
SECRET_FIELDS = (
    "input[type=password], [autocomplete=one-time-code], [autocomplete=current-password], "
    "[autocomplete=new-password]"
)


def _document(page: Page) -> tuple[int, float]:
    """This page's current document: a new one (navigation, reload) gets a new time origin."""
    return id(page), float(page.evaluate(_DOCUMENT_JS))


@dataclass
class DemoPerson:
    autopilot: Autopilot
    recorder: Recorder
    screenshots: bool = True
    _done: set[int] = field(default_factory=set)  # recorder entries already acted on
    # Per document, the fields sensitive steps typed into: they stay masked in every later
    # picture of it (the next step's "Verify" is pictured with the code still in its field).
    _secret_fields: dict[tuple[int, float], list[Locator]] = field(default_factory=dict)

    def __call__(self, view: StepView) -> str | None:
        visit = len(self.recorder.entries)
        if visit in self._done:
            return None
        self._done.add(visit)
        page = unwrap_page(view.page)
        target = unwrap_locator(view.target) if view.target is not None else None
        step = view.step
        if step.do == "type":
            self.autopilot.perform(page, step, target)
            if step.sensitive:
                self._remember_secret(page, target)
            self._picture(view, page)
        else:
            self._picture(view, page)
            if step.do == "click" or (step.do == "outside" and step.via == "email"):
                self.autopilot.perform(page, step, target)
        if view.confirmable:
            return ENTER
        return None

    def _remember_secret(self, page: Page, target: Locator | None) -> None:
        try:
            key = _document(page)
        except PlaywrightError:
            key = (id(page), _UNKNOWN)  # it moved on at once: every later picture of it
        typed_into = target if target is not None else page.locator(TYPED_FIELDS)
        self._secret_fields.setdefault(key, []).append(typed_into)

    def _picture(self, view: StepView, page: Page) -> None:
        if not self.screenshots:
            return
        sensitive = view.step.sensitive
        png = None
        masks: list[Locator] = []
        for _ in range(PICTURE_TRIES):
            url = page.url
            try:
                masks = self._secret_masks(page)
                # Most pages are still already: pictured at once, given up if anything
                # changed meanwhile. Otherwise, and for masked pictures, wait first.
                if not sensitive and not masks:
                    png = view.page.screenshot_if_still()
                if png is None and view.page.settle(SETTLE_CAP_MS) != "leaving":
                    png = view.page.screenshot(mask_inputs=sensitive, mask=masks)
                if png is not None:
                    break
            except PlaywrightError:
                pass  # the document was replaced while we waited or pictured it
            # A redirect: picture the page it leads to, once that has loaded.
            with contextlib.suppress(PlaywrightError):
                page.wait_for_url(_not(url), timeout=SETTLE_CAP_MS)
                page.wait_for_load_state("load", timeout=SETTLE_CAP_MS)
        if png is not None:
            masked = sensitive or (bool(masks) and self._any_on_screen(masks))
            self.recorder.attach_screenshot(png, masked=masked)

    def _secret_masks(self, page: Page) -> list[Locator]:
        """What to mask for the secrets typed into the page's current document: the fields
        they went into and every secret-holding field, in every frame; none if no secret."""
        if not self._secret_fields:
            return []
        fields = list(self._secret_fields.get((id(page), _UNKNOWN), []))
        try:
            fields += self._secret_fields.get(_document(page), [])
        except PlaywrightError:
            fields.append(page.locator(TYPED_FIELDS))  # cannot tell which document: all
        if not fields:
            return []
        return fields + [frame.locator(SECRET_FIELDS) for frame in page.frames]

    @staticmethod
    def _any_on_screen(masks: list[Locator]) -> bool:
        """Whether a mask covered anything (for the report's note under the picture)."""
        try:
            return any(count_now(mask.filter(visible=True)) > 0 for mask in masks)
        except PlaywrightError:
            return True
