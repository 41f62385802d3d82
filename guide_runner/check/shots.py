"""Screenshots for the report: the viewport as JPEG, with the target's box for the outline.

The outline is drawn by the report over the image, so the page is never changed. Text
fields are always masked; on sensitive steps every input is.
"""

from __future__ import annotations

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page

from guide_runner.check.verdicts import Screenshot

TEXT_FIELDS = (
    "input:not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button])"
    ":not([type=hidden]):not([type=image]):not([type=reset]), textarea"
)


def capture(page: Page, target: Locator | None, sensitive: bool) -> Screenshot | None:
    """The viewport now, or None when the page cannot be captured."""
    size = page.viewport_size or {"width": 1280, "height": 720}
    box = None
    if target is not None:
        try:
            b = target.bounding_box(timeout=1000)
        except PlaywrightError:
            b = None
        if b is not None:
            box = (b["x"], b["y"], b["width"], b["height"])
    mask = [page.locator("input, textarea, select")] if sensitive else [page.locator(TEXT_FIELDS)]
    try:
        jpeg = page.screenshot(type="jpeg", quality=60, mask=mask, timeout=5000)
    except PlaywrightError:
        return None
    return Screenshot(jpeg, size["width"], size["height"], box, masked=True)
