"""Turning a guide's localized, parameterised text into the string a person reads."""

from __future__ import annotations

from collections.abc import Mapping

from guide_runner.guide.model import PARAM_RE, Localized


def localize(value: Localized, lang: str) -> str:
    """The text for ``lang``; a plain string is the same in every language."""
    if isinstance(value, str):
        return value
    return value[lang]


def fill(text: str, params: Mapping[str, str]) -> str:
    """Replace ``{name}`` with the parameter's value; unknown names are left alone."""
    return PARAM_RE.sub(lambda m: params.get(m.group(1), m.group(0)), text)


def variants(value: Localized) -> list[str]:
    """Every language's text, for checks that look at all of them."""
    return [value] if isinstance(value, str) else list(value.values())
