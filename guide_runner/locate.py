"""Turning a step's locator candidates into one Playwright locator.

The first candidate that resolves to exactly one *visible* element wins (hidden twins such
as the email step's ``#Password`` do not count). Used by the runner, the checker and the
demo, so all three agree on what "the target" is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from playwright.sync_api import Frame, FrameLocator, Locator, Page

from guide_runner.guide.model import Locator as Candidate
from guide_runner.guide.texts import fill, localize

if TYPE_CHECKING:
    from guide_runner.overlay.model import PageQuery

Root = Page | Frame | FrameLocator

# Counting runs in the page's main world, where the overlay's own look (``evaluate_all``)
# runs too. Playwright injects its selector script once per document *and world* (~20-60 ms
# of the page's main thread each); ``Locator.count()`` runs in its utility world, so it
# would make every new document pay for a second injection.
COUNT_JS = "(els) => els.length"


def count_now(locator: Locator) -> int:
    """How many elements ``locator`` matches now (like ``count()``, in the main world)."""
    return int(locator.evaluate_all(COUNT_JS))


def describe(candidate: Candidate, lang: str) -> str:
    """A candidate as a person reads it, e.g. ``role=button name="Neste"``."""
    if candidate.role is not None:
        name = localize(candidate.name, lang) if candidate.name is not None else None
        text = f"role={candidate.role}" + (f' name="{name}"' if name is not None else "")
    elif candidate.label is not None:
        text = f'label="{localize(candidate.label, lang)}"'
    elif candidate.text is not None:
        text = f'text="{localize(candidate.text, lang)}"'
    elif candidate.test_id is not None:
        text = f'test_id="{candidate.test_id}"'
    else:
        text = f"css={candidate.css}"
    if candidate.frame:
        text += f" in frame {candidate.frame}"
    return text


def build(root: Root, candidate: Candidate, lang: str, params: Mapping[str, str] = {}) -> Locator:
    """The Playwright locator for one candidate (matching visible and hidden elements)."""
    if candidate.frame:
        root = root.frame_locator(candidate.frame)

    def text(value: object) -> str:
        assert value is not None
        return fill(localize(value, lang), params)  # type: ignore[arg-type]

    exact = candidate.exact
    if candidate.role is not None:
        name = text(candidate.name) if candidate.name is not None else None
        return root.get_by_role(candidate.role, name=name, exact=exact)  # type: ignore[arg-type]
    if candidate.label is not None:
        return root.get_by_label(text(candidate.label), exact=exact)
    if candidate.text is not None:
        return root.get_by_text(text(candidate.text), exact=exact)
    if candidate.test_id is not None:
        return root.get_by_test_id(candidate.test_id)
    assert candidate.css is not None
    return root.locator(candidate.css)


def page_queries(
    candidates: Sequence[Candidate], lang: str, params: Mapping[str, str] = {}
) -> list[PageQuery]:
    """The candidates for the overlay's in-page matcher, in order, each meaning what
    :func:`build` makes of it filtered to visible elements (``other`` where it cannot)."""
    # Here, not at the top: `check` uses this module and never draws (the overlay package
    # costs its processes ~10 ms to import).
    from guide_runner.overlay.model import PageQuery

    queries = []
    for candidate in candidates:
        if candidate.frame:
            queries.append(PageQuery.other())  # the matcher looks in the top document only
        elif candidate.role is not None:
            name = candidate.name
            text = fill(localize(name, lang), params) if name is not None else None
            queries.append(PageQuery.by_role(candidate.role, text, exact=bool(candidate.exact)))
        elif candidate.css is not None:
            queries.append(PageQuery.by_css(candidate.css))
        elif candidate.test_id is not None:
            queries.append(PageQuery.by_test_id(candidate.test_id))
        else:
            queries.append(PageQuery.other())  # labels and text: not modelled in the page
    return queries


@dataclass
class Resolution:
    """What the candidates matched on the page right now."""

    locator: Locator | None = None  # the one visible element, when a candidate won
    index: int | None = None  # which candidate won
    visible_counts: list[int] = field(default_factory=list)  # per candidate tried
    hidden_counts: list[int] = field(default_factory=list)  # matches that exist but are hidden

    @property
    def found(self) -> bool:
        return self.locator is not None

    @property
    def healed(self) -> bool:
        """A later candidate matched while the first did not."""
        return self.index is not None and self.index > 0


def resolve(
    root: Root,
    candidates: Sequence[Candidate],
    lang: str,
    params: Mapping[str, str] = {},
    *,
    count_hidden: bool = True,
) -> Resolution:
    """Try the candidates in order, now, without waiting.

    ``count_hidden=False`` leaves ``hidden_counts`` at 0 (one round trip per candidate
    instead of two) for callers that only ask whether a candidate matched.
    """
    result = Resolution()
    for i, candidate in enumerate(candidates):
        everything = build(root, candidate, lang, params)
        visible = everything.filter(visible=True)
        try:
            n_visible = count_now(visible)
            n_all = count_now(everything) if count_hidden else n_visible
        except Exception:  # a frame that is gone or navigating counts as no match
            n_visible = n_all = 0
        result.visible_counts.append(n_visible)
        result.hidden_counts.append(n_all - n_visible)
        if n_visible == 1:
            result.locator = visible
            result.index = i
            return result
    return result


def any_of(
    root: Root, candidates: Sequence[Candidate], lang: str, params: Mapping[str, str] = {}
) -> Locator:
    """One locator matching what any candidate matches (visible only): for waiting."""
    combined: Locator | None = None
    for candidate in candidates:
        loc = build(root, candidate, lang, params).filter(visible=True)
        combined = loc if combined is None else combined.or_(loc)
    assert combined is not None, "no candidates"
    return combined
