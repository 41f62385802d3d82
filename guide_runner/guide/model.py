"""The guide file format: a strict pydantic schema (unknown keys are rejected).

A guide is data. It says, step by step, what the person does, where (which element, found
how, in which language) and how we know the step is done. docs/guide-format.md explains
every field with examples; `guide-runner schema` prints the JSON Schema for editors.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
StepId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]

# Text in several languages, keyed by language code. A plain string is the same in every
# language (a brand name such as "ID-porten").
Localized = dict[LangCode, str] | str

ARIA_ROLES = frozenset(
    [
        "alert",
        "alertdialog",
        "application",
        "article",
        "banner",
        "blockquote",
        "button",
        "caption",
        "cell",
        "checkbox",
        "code",
        "columnheader",
        "combobox",
        "complementary",
        "contentinfo",
        "definition",
        "deletion",
        "dialog",
        "directory",
        "document",
        "emphasis",
        "feed",
        "figure",
        "form",
        "generic",
        "grid",
        "gridcell",
        "group",
        "heading",
        "img",
        "insertion",
        "link",
        "list",
        "listbox",
        "listitem",
        "log",
        "main",
        "marquee",
        "math",
        "meter",
        "menu",
        "menubar",
        "menuitem",
        "menuitemcheckbox",
        "menuitemradio",
        "navigation",
        "none",
        "note",
        "option",
        "paragraph",
        "presentation",
        "progressbar",
        "radio",
        "radiogroup",
        "region",
        "row",
        "rowgroup",
        "rowheader",
        "scrollbar",
        "search",
        "searchbox",
        "separator",
        "slider",
        "spinbutton",
        "status",
        "strong",
        "subscript",
        "superscript",
        "switch",
        "tab",
        "table",
        "tablist",
        "tabpanel",
        "term",
        "textbox",
        "time",
        "timer",
        "toolbar",
        "tooltip",
        "tree",
        "treegrid",
        "treeitem",
    ]
)

PARAM_RE = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


_LOCATOR_KINDS = ("role", "label", "text", "test_id", "css")


class Locator(Strict):
    """One way of finding the target. Give exactly one of role, label, text, test_id, css.

    A step lists several, most robust first (role + name, label, text, test id, CSS last);
    the first that resolves to exactly one visible element wins.
    """

    role: str | None = Field(None, description="ARIA role, e.g. button, link, textbox.")
    name: Localized | None = Field(None, description="Accessible name (with role), per language.")
    exact: bool = Field(False, description="Match the name or text exactly, not as a substring.")
    label: Localized | None = Field(None, description="Text of the element's label, per language.")
    text: Localized | None = Field(None, description="Visible text, per language.")
    test_id: str | None = Field(None, description="Value of the page's test id attribute.")
    css: str | None = Field(None, description="CSS selector: last resort, it breaks most often.")
    frame: str | None = Field(
        None, description="CSS selector of the iframe holding the target (e.g. a captcha)."
    )

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> Locator:
        given = [k for k in _LOCATOR_KINDS if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of role, label, text, test_id, css"
                + (f" (got {', '.join(given)})" if given else "")
            )
        if self.name is not None and self.role is None:
            raise ValueError("name goes with role")
        if self.role is not None and self.role not in ARIA_ROLES:
            raise ValueError(f"unknown ARIA role {self.role!r}")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in _LOCATOR_KINDS if getattr(self, k) is not None)


Candidates = Annotated[list[Locator], Field(min_length=1)]


class Place(Strict):
    """Where a step belongs: an origin and a path pattern (``*`` matches anything)."""

    origin: str = Field(description="HTTPS origin, one of the guide's origins.")
    path: str = Field("/*", description="Path pattern, e.g. /password or /totp*.")


class DoneWhen(Strict):
    """An observable result that completes the step. Give exactly one field."""

    url: str | None = Field(None, description="The address matches this pattern (* wildcard).")
    appears: Candidates | None = Field(None, description="This element becomes visible.")
    disappears: Candidates | Literal["target"] | None = Field(
        None, description="This element (or the step's target) is gone or hidden."
    )
    state: str | None = Field(
        None,
        description="The target now matches this CSS selector, e.g. ':valid' or ':checked'. "
        "This checks state, never reads what was typed.",
    )
    activated: bool | None = Field(
        None, description="The person activated the target (a hint; prefer an observable result)."
    )
    confirm: Localized | None = Field(
        None, description="The person presses a button with this label in the bubble or terminal."
    )

    @model_validator(mode="after")
    def _exactly_one(self) -> DoneWhen:
        given = [k for k in type(self).model_fields if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of url, appears, disappears, state, activated, confirm"
            )
        if self.activated is False:
            raise ValueError("activated can only be true")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in type(self).model_fields if getattr(self, k) is not None)


class Choice(Strict):
    """A branch: a button in the bubble and terminal that jumps to another step."""

    label: Localized
    goto: StepId


Action = Literal["click", "type", "outside", "read"]
Entry = Literal["email", "password", "new-password", "one-time-code", "app-code", "text"]
Outside = Literal["email", "phone", "paper", "other"]

SECRET_ENTRIES = frozenset({"password", "new-password", "one-time-code", "app-code"})


class Step(Strict):
    id: StepId = Field(description="Stable id, used in reports and test names.")
    say: Localized = Field(description="The instruction shown in the bubble and terminal.")
    do: Action = Field(
        description="click the target, type into it, act outside the browser, or just read."
    )
    enters: Entry | None = Field(None, description="With do: type — what the person types.")
    via: Outside | None = Field(None, description="With do: outside — where the person acts.")
    sensitive: bool = Field(False, description="The person enters a secret on this step.")
    target: list[Locator] = Field(default_factory=list, description="Locator candidates, in order.")
    target_name: Localized | None = Field(
        None,
        description="The target as the person sees it, without quotes (e.g. 'the email field', "
        "'the trash icon'), for messages when it cannot be found. Give it when no candidate has "
        "a name, label or text, or when the name is not visible text (an icon's aria-label).",
    )
    page: Place | None = Field(None, description="Where the step belongs.")
    open: str | None = Field(None, description="Address the runner opens when the step starts.")
    done_when: Annotated[list[DoneWhen], Field(min_length=1)] = Field(
        description="Observable results; the first that happens completes the step."
    )
    choices: list[Choice] = Field(default_factory=list)
    next: StepId | None = Field(None, description="Step that follows (default: the next one).")
    end: bool = Field(False, description="The guide is finished after this step.")
    optional: bool = Field(
        False, description="Skipped when its target is not shown (e.g. a cookie banner)."
    )
    help: Localized | None = Field(None, description="Extra hint shown with 'Can't find it?'.")

    @model_validator(mode="after")
    def _consistent(self) -> Step:
        if self.do in ("click", "type") and not self.target:
            raise ValueError(f"a {self.do} step needs a target")
        if self.do == "type" and self.enters is None:
            raise ValueError("a type step says what the person enters (enters: …)")
        if self.enters is not None and self.do != "type":
            raise ValueError("enters goes with do: type")
        if self.do == "outside" and self.via is None:
            raise ValueError("an outside step says where the person acts (via: …)")
        if self.via is not None and self.do != "outside":
            raise ValueError("via goes with do: outside")
        if self.enters in SECRET_ENTRIES and not self.sensitive:
            # "a password", "an app-code" ("one-time-code" sounds like "won": a).
            article = "an" if self.enters[0] in "aeiu" else "a"
            raise ValueError(f"entering {article} {self.enters} is sensitive: add sensitive: true")
        if self.target_name is not None and not self.target:
            raise ValueError("target_name goes with a target")
        if self.end and self.next:
            raise ValueError("a step cannot both end the guide and name a next step")
        return self


class Parameter(Strict):
    default: str = Field(description="Used when the person gives no value.")
    prompt: Localized = Field(description="Question asked when a value is needed.")
    kind: Literal["text", "https-origin"] = "text"


class Guide(Strict):
    id: StepId = Field(description="The guide's id, also its file name.")
    title: Localized
    summary: Localized
    languages: Annotated[list[LangCode], Field(min_length=1)]
    default_language: LangCode
    origins: Annotated[list[str], Field(min_length=1)] = Field(
        description="HTTPS origins the guide may run on; the overlay shows only there."
    )
    parameters: dict[
        Annotated[str, StringConstraints(pattern=r"^[a-z_][a-z0-9_]*$")], Parameter
    ] = Field(default_factory=dict)
    start: str = Field(description="Address the runner opens first.")
    steps: Annotated[list[Step], Field(min_length=1)]

    def step_index(self, step_id: str) -> int:
        for i, step in enumerate(self.steps):
            if step.id == step_id:
                return i
        raise KeyError(step_id)

    def main_path(self) -> list[Step]:
        """The steps a person walks when taking no branch, in order."""
        path: list[Step] = []
        i = 0
        seen: set[int] = set()
        while 0 <= i < len(self.steps) and i not in seen:
            seen.add(i)
            step = self.steps[i]
            path.append(step)
            if step.end:
                break
            i = self.step_index(step.next) if step.next else i + 1
        return path
