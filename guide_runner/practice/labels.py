"""Every visible label of the practice site, read from labels.yaml (one place, per language)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from guide_runner.yamlfast import safe_load

LABELS_FILE = Path(__file__).with_name("labels.yaml")
LANGUAGES = ("nb", "sv", "en")
DEFAULT_LANGUAGE = "en"


class LabelError(KeyError):
    """A template asked for a label that labels.yaml does not have."""


@lru_cache(maxsize=1)
def load_labels() -> dict[str, dict[str, dict[str, str]]]:
    """``{section: {key: {lang: text}}}`` exactly as written in labels.yaml."""
    data: Any = safe_load(LABELS_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{LABELS_FILE} is not a mapping")
    return data


def has_label(key: str) -> bool:
    section, _, name = key.partition(".")
    return name in load_labels().get(section, {})


def label(key: str, lang: str, **params: str) -> str:
    """The text of ``section.key`` in ``lang`` with ``{param}`` placeholders filled in."""
    section, _, name = key.partition(".")
    try:
        entry = load_labels()[section][name]
    except KeyError:
        raise LabelError(f"no label {key!r} in {LABELS_FILE.name}") from None
    text = entry.get(lang) or entry.get(DEFAULT_LANGUAGE) or next(iter(entry.values()))
    for param, value in params.items():
        text = text.replace("{" + param + "}", value)
    return text


def label_sections() -> frozenset[str]:
    return frozenset(load_labels())
