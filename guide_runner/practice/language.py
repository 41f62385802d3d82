"""Which language a request gets, chosen like the real site.

Order: ``ui_locales`` in the query, the ``.AspNetCore.Culture`` cookie (set by the footer
menu), the browser's Accept-Language header, else English. Cultures the practice site has
no labels for (da-DK, fi-FI, nl-NL, …) fall back to English.
"""

from __future__ import annotations

from urllib.parse import unquote

from guide_runner.practice.labels import DEFAULT_LANGUAGE, LANGUAGES

CULTURE_COOKIE = ".AspNetCore.Culture"

# Culture code -> practice language.
_ALIASES = {"nb": "nb", "no": "nb", "nn": "nb", "sv": "sv", "en": "en"}

# The footer menu of the real page (REAL): culture code and the language's own name key.
FOOTER_CULTURES: tuple[tuple[str, str], ...] = (
    ("da-DK", "footer.lang_da"),
    ("en-US", "footer.lang_en_us"),
    ("en-GB", "footer.lang_en_gb"),
    ("nl-NL", "footer.lang_nl"),
    ("nb-NO", "footer.lang_nb"),
    ("fi-FI", "footer.lang_fi"),
    ("sv-SE", "footer.lang_sv"),
)

CULTURE_OF = {"nb": "nb-NO", "sv": "sv-SE", "en": "en-US"}


def from_culture(code: str) -> str | None:
    """``nb-NO`` -> ``nb``; unknown -> None."""
    base = code.strip().split("-")[0].split("_")[0].lower()
    return _ALIASES.get(base)


def culture_of(code: str) -> str:
    """The culture a known culture string names; practice languages only."""
    lang = from_culture(code) or DEFAULT_LANGUAGE
    return CULTURE_OF[lang]


def parse_culture_cookie(value: str) -> str | None:
    """``c=nb-NO|uic=nb-NO`` (also URL-encoded) -> the UI culture, ``nb-NO``."""
    value = unquote(value)
    parts = dict(p.split("=", 1) for p in value.split("|") if "=" in p)
    return parts.get("uic") or parts.get("c")


def parse_accept_language(header: str) -> list[str]:
    """Languages in preference order (q-values honoured)."""
    ranked: list[tuple[float, int, str]] = []
    for i, item in enumerate(header.split(",")):
        code, _, params = item.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        if code:
            ranked.append((-q, i, code))
    return [code for _, _, code in sorted(ranked)]


def choose_language(
    ui_locales: str | None, culture_cookie: str | None, accept_language: str | None
) -> str:
    if ui_locales:
        for code in ui_locales.split():
            lang = from_culture(code)
            if lang:
                return lang
        return DEFAULT_LANGUAGE
    if culture_cookie:
        culture = parse_culture_cookie(culture_cookie)
        if culture:
            return from_culture(culture) or DEFAULT_LANGUAGE
    for code in parse_accept_language(accept_language or ""):
        lang = from_culture(code)
        if lang:
            return lang
    return DEFAULT_LANGUAGE


assert set(CULTURE_OF) == set(LANGUAGES)
