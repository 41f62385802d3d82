"""Which step does the page the person is on belong to?

A step's ``page`` names an origin and a path pattern. When the person ends up on a page
that does not belong to the current step, the runner looks for the step it does belong
to: the first matching step *after* the current one is preferred (people skip ahead more
often than they go back); otherwise the start of the latest run of matching earlier steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from guide_runner.completion import url_matches
from guide_runner.guide.model import Guide, Place
from guide_runner.guide.texts import fill
from guide_runner.runner.origins import origin_of


def place_matches(url: str, place: Place, params: Mapping[str, str]) -> bool:
    """The address is on the place's exact origin and its path matches the pattern."""
    want = origin_of(fill(place.origin, params))
    if want is None or origin_of(url) != want:
        return False
    path = urlsplit(url).path or "/"
    return url_matches(path, place.path)


def recognize(
    guide: Guide, url: str, current: int, params: Mapping[str, str], candidates: list[int]
) -> int | None:
    """The index (among ``candidates``) of the step this address belongs to, if any."""
    matching = [
        i
        for i in candidates
        if guide.steps[i].page is not None and place_matches(url, guide.steps[i].page, params)  # type: ignore[arg-type]
    ]
    later = [i for i in matching if i > current]
    if later:
        return later[0]
    earlier = [i for i in matching if i < current]
    if not earlier:
        return None
    # The start of the latest run of consecutive matching steps before the current one.
    pos = len(earlier) - 1
    while pos > 0 and candidates.index(earlier[pos - 1]) == candidates.index(earlier[pos]) - 1:
        pos -= 1
    return earlier[pos]
