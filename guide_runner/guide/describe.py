"""A step as one readable line for `show`: what the person does, where, and whether it is secret."""

from __future__ import annotations

from rich.markup import escape

from guide_runner.guide.model import Guide, Step
from guide_runner.guide.texts import fill, localize

# What the person does, per language: shown as a tag before the instruction.
ACTION_TAGS: dict[str, dict[str, str]] = {
    "click": {"nb": "trykk", "sv": "klicka", "en": "click"},
    "type": {"nb": "skriv", "sv": "skriv", "en": "type"},
    "outside": {
        "nb": "utenfor nettleseren",
        "sv": "utanför webbläsaren",
        "en": "outside the browser",
    },
    "read": {"nb": "les", "sv": "läs", "en": "read"},
}
SENSITIVE_TAG = {
    "nb": "hemmelig – bare du ser det",
    "sv": "hemligt – bara du ser det",
    "en": "secret – only you see it",
}
OPTIONAL_TAG = {"nb": "hvis den vises", "sv": "om den visas", "en": "if shown"}
CHOICE_TAG = {"nb": "valg", "sv": "val", "en": "choice"}


def _tag(table: dict[str, str], lang: str) -> str:
    return table.get(lang, table["en"])


def describe_step(guide: Guide, step: Step, lang: str, number: str) -> str:
    params = {name: p.default for name, p in guide.parameters.items()}
    tags = [_tag(ACTION_TAGS[step.do], lang)]
    if step.sensitive:
        tags.append(f"[red]🔒 {_tag(SENSITIVE_TAG, lang)}[/red]")
    if step.optional:
        tags.append(_tag(OPTIONAL_TAG, lang))
    text = escape(fill(localize(step.say, lang), params))
    line = f"{number} [dim]\\[{', '.join(tags)}][/dim] {text}"
    for choice in step.choices:
        target = guide.steps[guide.step_index(choice.goto)]
        line += (
            f"\n     [cyan]{_tag(CHOICE_TAG, lang)}:[/cyan] {escape(localize(choice.label, lang))}"
            f" → {escape(target.id)}"
        )
    return line
