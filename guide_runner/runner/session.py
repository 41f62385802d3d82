"""The context ``run`` and ``demo`` guide in, and their parameters (launch.py starts the browser).

Shared by both commands so that ``demo`` exercises exactly what ``run`` does, with the
autopilot added. Nothing here takes screenshots or traces for ``run``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from playwright.sync_api import Browser, BrowserContext

from guide_runner.guide.model import Guide
from guide_runner.runner.origins import ParameterError, https_origin

PRACTICE_MAILBOX = "https://inbox.guide-runner.test"

LOCALES = {"nb": "nb-NO", "sv": "sv-SE", "en": "en-GB"}


def locale_for(lang: str) -> str:
    return LOCALES.get(lang, "en-GB")


def parse_params(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``k=v`` pairs from ``--param``."""
    params: dict[str, str] = {}
    for pair in pairs:
        key, eq, value = pair.partition("=")
        if not eq or not key.strip():
            raise ParameterError(f"{pair!r} is not NAME=VALUE")
        params[key.strip()] = value.strip()
    return params


def check_params(guide: Guide, given: Mapping[str, str]) -> dict[str, str]:
    """Known names only; https-origin values validated; missing ones left out."""
    checked: dict[str, str] = {}
    for key, value in given.items():
        if key not in guide.parameters:
            known = ", ".join(guide.parameters) or "none"
            raise ParameterError(f"the guide has no parameter {key!r} (it has: {known})")
        if guide.parameters[key].kind == "https-origin":
            value = https_origin(value)
        checked[key] = value
    return checked


def new_context(
    browser: Browser,
    *,
    lang: str,
    headless: bool,
    viewport: dict[str, int] | None = None,
    practice: bool = False,
) -> BrowserContext:
    """The context ``run`` and ``demo`` guide in: the person's locale, no service workers.
    ``practice`` adds the practice site's context options (a dead-end proxy, so a connection
    that escapes routing goes nowhere)."""
    context_kwargs: dict[str, Any] = {"locale": locale_for(lang), "service_workers": "block"}
    if practice:
        from guide_runner.practice import PracticeSite

        context_kwargs.update(PracticeSite.context_options())
    if viewport is not None:
        context_kwargs["viewport"] = viewport
    elif not headless:
        context_kwargs["no_viewport"] = True  # the window's own size, as a person resizes it
    return browser.new_context(**context_kwargs)
