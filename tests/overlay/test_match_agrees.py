"""The in-page matcher (match.js) against Playwright's own locators: wherever it answers, it
agrees; where it cannot be sure, it says so. Python's look stays the authority, but an early
outline on the wrong element would flash in front of the person."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Locator, Page

from guide_runner.overlay import Overlay, PageQuery

from .helpers import API
from .server import Origins

pytestmark = pytest.mark.browser

# Each case: markup, and whether the matcher must answer (True) or may say "unsure" (None).
# The query is always role=button name="Continue" (not exact) unless the case says else.
CASES: list[tuple[str, bool | None]] = [
    ("<button>Continue</button>", True),
    ("<button>  con\u00adtinue \n</button>", True),  # case, soft hyphen, whitespace
    ("<button>Continue to sign in</button>", True),  # a substring
    ("<button>Continue</button><button>Continue</button>", True),  # two: no unique match
    ("<button style='display:none'>Continue</button>", True),
    ("<button style='visibility:hidden'>Continue</button>", True),
    ("<div aria-hidden='true'><button>Continue</button></div>", True),
    ("<button aria-hidden='true'>Continue</button><button>Continue</button>", True),
    ("<button style='width:0;height:0;padding:0;border:0;overflow:hidden'>Continue</button>", True),
    ("<button aria-label='Next step'>Continue</button>", True),  # the label wins
    ("<button aria-label='Continue'>Go</button>", True),
    ("<button title='Continue'></button>", True),
    ("<button title='Continue'>Go</button>", True),
    ("<input type='submit' value='Continue'>", True),
    ("<input type='submit'>", True),  # named "Submit"
    ("<input type='button' value='Continue' style='display:none'>", True),
    ("<div role='button'>Continue</div>", True),
    ("<div role='button link'>Continue</div>", True),  # the first valid role counts
    ("<div role='foo button'>Continue</div>", True),
    ("<a href='#'>Continue</a>", True),  # a link, not a button
    ("<a role='button' href='#'>Continue</a>", True),
    ("<button>Con<b>tin</b>ue</button>", True),  # inline: no space
    ("<button>Con<div>tinue</div></button>", True),  # a block: spaces around it
    ("<button>Con<span style='display:block'>tinue</span></button>", True),
    ("<button>Continue<span aria-hidden='true'> →</span></button>", True),
    ("<button><span aria-label='Continue'>→</span></button>", True),
    ("<button><span style='display:none'>Hidden </span>Continue</button>", True),
    ("<button><span title='Continue'></span></button>", True),
    ("<button disabled>Continue</button>", True),
    ("<div hidden><button>Continue</button></div><button>Continue</button>", True),
    ("<button role='presentation'>Continue</button>", None),  # conflict resolution
    ("<button aria-labelledby='l'>Go</button><span id='l'>Continue</span>", None),
    ("<label for='b'>Continue</label><button id='b'>Go</button>", None),
    ("<button class='gen'>Go</button>", None),  # generated ::before content
    ("<button class='gen-legacy'>Go</button>", None),  # the same, written :after
    # A rule inside @media print: looked at (in the screen's styles it generates nothing).
    ("<button class='gen-print'>Continue</button>", True),
    ("<button class='gen-none'>Continue</button>", True),  # content: none generates nothing
    ("<p class='gen'>Intro</p><button>Continue</button>", True),  # not on a candidate
    ("<button>Continue <input value='typed by the person'></button>", None),
    ("<button><img alt='Continue'></button>", None),
    ("<button><svg width='9' height='9'></svg>Continue</button>", True),
    ("<button><svg width='9' height='9' aria-label='Continue'></svg></button>", True),
    ("<button><svg width='9' height='9' title='Continue'></svg></button>", True),
    ("<button><svg width='9' height='9'><title>Continue</title></svg></button>", None),
    ("<div id='host'></div>", None),  # an open shadow root
    ("<button style='display:contents'>Continue</button>", None),
    ("<span role='button' style='display:contents'><b>Continue</b></span>", None),
    # Named by rules of their own, whatever their role (alt, placeholder, legend, ...).
    ("<img role='button' alt='Continue' width='20' height='20' src='data:,'>", None),
    ("<textarea role='button'>Continue</textarea>", None),
    ("<fieldset role='button'>Continue</fieldset>", None),
    ("<details role='button'>Continue</details>", None),
    ("<svg role='button' width='20' height='20'><title>Continue</title></svg>", None),
    # A presentational child's title does not count, unless it is focusable.
    ("<button><span role='none' title='Continue'></span></button><button>Continue</button>", True),
    ("<button><a role='presentation' title='Continue'></a></button>", True),
    ("<button><span role='none' tabindex='0' title='Continue'></span></button>", None),
    # What is typed into an editable region is never read.
    ("<div role='button'>Send <div contenteditable>Continue</div></div>", None),
    ("<div role='button' contenteditable>Continue</div>", None),
]
# Generated text found through the style sheets (exact name: "Go Continue" is not it).
EXACT_CASES: list[tuple[str, bool | None]] = [
    ("<button class='a,b'>Continue</button>", None),  # an escaped "," in the selector
    ("<div class='p'><button>Continue</button></div>", None),  # ".p ::before"
    ("<button class='card'>Continue</button>", None),  # @scope
    ("<button><span id='closed'></span>Continue</button>", None),  # a closed shadow root
    ("<button class='clean'>Continue</button>", True),
]
EXACT_STYLE = """<style>.a\\,b::before { content: 'Go '; } .p ::before { content: 'Go '; }
@scope (.card) { :scope::before { content: 'Go '; } }</style>
<script>addEventListener("DOMContentLoaded", () => {
  const host = document.getElementById("closed");
  if (!host) return;
  const root = host.attachShadow({mode: "closed"});
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(":host::before { content: 'Go '; }");
  root.adoptedStyleSheets = [sheet];
});</script>"""
# An SVG link is a link (its name: not modelled).
LINK_CASES: list[tuple[str, bool | None]] = [
    ("<svg width='90' height='20'><a href='#'><text y='15'>Continue</text></a></svg>", None),
    ("<a href='#'>Continue</a>", True),
]
STYLE = """<style>.gen::before { content: 'Continue '; } .gen-legacy:after { content: 'Continue'; }
@media print { .gen-print::before { content: 'Continue'; } }
.gen-none::before { content: none; }</style>"""
SHADOW = """<script>
  const host = document.getElementById("host");
  if (host) host.attachShadow({mode: "open"}).innerHTML = "<button>Continue</button>";
</script>"""

# Other queries on one page: links, exact names, CSS, test ids, checkboxes, headings.
PAGE = """<!doctype html><html lang="nb"><body>
<h1>Logg inn</h1><h2 style="display:none">Logg inn</h2>
<form><label>E-post <input id="Username" type="email"></label>
<input id="Password" type="password" style="display:none"><input id="Password" type="password">
<a href="/forgot">Glemt ditt passord?</a>
<a href="/help" title="Hjelp"><svg width="9" height="9"></svg></a>
<a>Ikke en lenke</a>
<input type="checkbox" id="remember" title="Husk meg"><div role="checkbox">Husk e-post</div>
<button data-testid="next">Neste</button><button>Neste steg</button>
<ul role="menu"><li role="menuitem">Slett</li>
<li role="menuitem" aria-disabled="true">Slett alt</li></ul>
<dialog open aria-label="Informasjonskapsler"><p>Vi bruker informasjonskapsler.</p>
<button>OK</button></dialog>
</form></body></html>"""
QUERIES = [
    PageQuery.by_role("link", "glemt ditt passord"),
    PageQuery.by_role("link", "Glemt ditt passord?", exact=True),
    PageQuery.by_role("link", "glemt ditt passord?", exact=True),  # exact is case-sensitive
    PageQuery.by_role("link", "Hjelp"),  # named by its title: the <svg> gives nothing
    PageQuery.by_role("link", "Ikke en lenke"),  # <a> without href is no link
    PageQuery.by_role("heading", "Logg inn"),
    PageQuery.by_role("heading"),
    PageQuery.by_role("button", "Neste"),  # two: "Neste" and "Neste steg"
    PageQuery.by_role("button", "Neste", exact=True),
    PageQuery.by_role("checkbox", "Husk meg"),
    PageQuery.by_role("checkbox", "Husk e-post"),
    PageQuery.by_role("menuitem", "Slett", exact=True),
    PageQuery.by_role("menuitem", "slett"),
    PageQuery.by_role("dialog", "Informasjonskapsler"),
    PageQuery.by_role("dialog"),
    PageQuery.by_role("textbox", "E-post"),  # a role not modelled: unsure
    PageQuery.by_css("#Password"),  # a hidden twin
    PageQuery.by_css("#Username"),
    PageQuery.by_css("text=Neste"),  # Playwright's own syntax: unsure
    PageQuery.by_css("button:has-text('OK')"),
    PageQuery.by_test_id("next"),
    PageQuery.other(),
]


def playwright_locator(page: Page, query: PageQuery) -> Locator:
    if query.kind == "role":
        locator = page.get_by_role(query.role, name=query.name, exact=query.exact)  # type: ignore[arg-type]
    elif query.kind == "css":
        assert query.css is not None
        locator = page.locator(query.css)
    elif query.kind == "test_id":
        assert query.test_id is not None
        locator = page.get_by_test_id(query.test_id)
    else:
        locator = page.get_by_label("E-post")
    return locator.filter(visible=True)


# "unsure", or whether the matcher's answer is Playwright's: the one element, or none.
COMPARE = f"""(els, queries) => {{
  const found = {API}.match(queries, 1e9);
  if (found === "unsure") return "unsure";
  return els.length === 1 ? found === els[0] : found === null;
}}"""


def compare(page: Page, query: PageQuery) -> Any:
    return playwright_locator(page, query).evaluate_all(COMPARE, [query.payload()])


@pytest.mark.parametrize(("markup", "answers"), CASES, ids=[c[0][:60] for c in CASES])
def test_the_matcher_agrees_with_playwright_or_says_unsure(
    page: Page, markup: str, answers: bool | None
) -> None:
    page.set_content(f"<!doctype html><html><body>{STYLE}{markup}{SHADOW}</body></html>")
    overlay = Overlay(page)
    try:
        outcome = compare(page, PageQuery.by_role("button", "Continue"))
        if answers:
            assert outcome is True
        else:
            assert outcome == "unsure"
    finally:
        overlay.destroy()


def _outcome(page: Page, markup: str, query: PageQuery) -> Any:
    page.set_content(f"<!doctype html><html><head>{EXACT_STYLE}</head><body>{markup}</body></html>")
    overlay = Overlay(page)
    try:
        return compare(page, query)
    finally:
        overlay.destroy()


@pytest.mark.parametrize(("markup", "answers"), EXACT_CASES, ids=[c[0][:60] for c in EXACT_CASES])
def test_generated_text_is_found_through_the_style_sheets(
    page: Page, markup: str, answers: bool | None
) -> None:
    outcome = _outcome(page, markup, PageQuery.by_role("button", "Continue", exact=True))
    assert outcome is True if answers else outcome == "unsure"


@pytest.mark.parametrize(("markup", "answers"), LINK_CASES, ids=[c[0][:60] for c in LINK_CASES])
def test_links_in_svg_are_links(page: Page, markup: str, answers: bool | None) -> None:
    outcome = _outcome(page, markup, PageQuery.by_role("link", "Continue"))
    assert outcome is True if answers else outcome == "unsure"


def test_a_style_sheet_from_another_origin_is_no_error(page: Page, origins: Origins) -> None:
    # Its rules cannot be read (an @import from the other origin): each element is asked,
    # and nothing is thrown in the person's page.
    page.goto(origins.url("light.html"))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.evaluate(
        """(href) => new Promise((done) => {
          const style = document.createElement("style");
          style.textContent = `@import url("${href}");`;
          document.head.append(style);
          const link = document.createElement("link");  // loaded once the import is
          link.rel = "stylesheet"; link.href = href; link.onload = link.onerror = done;
          document.head.append(link);
        })""",
        f"{origins.other}/base.css",
    )
    page.evaluate("() => document.body.insertAdjacentHTML('beforeend', '<button>Gone on</button>')")
    overlay = Overlay(page)
    query = [PageQuery.by_role("button", "Gone on", exact=True).payload()]
    found = page.evaluate(f"(q) => {{ const m = {API}.match(q, 1e9); return m.outerHTML; }}", query)
    assert found == "<button>Gone on</button>" and not errors
    overlay.destroy()


@pytest.mark.parametrize(
    "css",
    [
        "*|button",
        "& button",
        "button:is(:foo, .a)",
        "button:where(.a)",
        "#a /* >> */",
        "button:has(:scope)",
        "button::before",
    ],
)
def test_selectors_playwright_reads_otherwise_are_unsure(page: Page, css: str) -> None:
    page.set_content("<button id='a' class='a'>Continue</button>")
    overlay = Overlay(page)
    query = [PageQuery.by_css(css).payload()]
    assert page.evaluate(f"(q) => {API}.match(q, 1e9)", query) == "unsure"
    overlay.destroy()


def test_the_matcher_agrees_on_links_headings_css_and_test_ids(page: Page) -> None:
    page.set_content(PAGE)
    overlay = Overlay(page)
    outcomes = {repr(q): compare(page, q) for q in QUERIES}
    assert all(o in (True, "unsure") for o in outcomes.values()), outcomes
    unsure = sorted(r for r, o in outcomes.items() if o == "unsure")
    # a textbox, text=, :has-text, a label
    assert len(unsure) == 4, "\n".join(unsure)
    overlay.destroy()


def test_the_first_query_with_one_visible_match_wins(page: Page) -> None:
    page.set_content(PAGE)
    overlay = Overlay(page)
    queries = [
        PageQuery.by_role("button", "Neste"),  # two: passed over
        PageQuery.by_css("#Password"),  # one visible
        PageQuery.by_css("#Username"),
    ]
    found = page.evaluate(
        f"(q) => {{ const el = {API}.match(q, 1e9); return el && el.outerHTML; }}",
        [q.payload() for q in queries],
    )
    assert found == '<input id="Password" type="password">'
    stops = [PageQuery.other(), PageQuery.by_css("#Username")]  # not modelled: stop there
    assert page.evaluate(f"(q) => {API}.match(q, 1e9)", [q.payload() for q in stops]) == "unsure"
    overlay.destroy()


def test_the_matcher_never_reads_a_typed_value(page: Page) -> None:
    # A name that would include a field's value is "unsure" before the value is looked at.
    page.set_content(
        "<button>Send <input id='f'></button><div role='button'>Go <textarea></textarea></div>"
    )
    page.fill("#f", "hunter2")
    overlay = Overlay(page)
    page.evaluate(
        """() => {
          window.valueRead = 0;
          for (const proto of [HTMLInputElement.prototype, HTMLTextAreaElement.prototype]) {
            const real = Object.getOwnPropertyDescriptor(proto, "value");
            Object.defineProperty(proto, "value", {
              get() { window.valueRead += 1; return real.get.call(this); },
              set(v) { real.set.call(this, v); }, configurable: true,
            });
          }
        }"""
    )
    for name in ("hunter2", "Send", "Go"):
        query = [PageQuery.by_role("button", name).payload()]
        assert page.evaluate(f"(q) => {API}.match(q, 1e9)", query) == "unsure"
    assert page.evaluate("() => window.valueRead") == 0
    overlay.destroy()


def test_a_look_that_takes_too_long_says_unsure(page: Page) -> None:
    page.set_content("<button>Continue</button>")
    overlay = Overlay(page)
    query = [PageQuery.by_role("button", "Continue").payload()]
    assert page.evaluate(f"(q) => {API}.match(q, 1e9) instanceof Element", query)
    assert page.evaluate(f"(q) => {API}.match(q, -1)", query) == "unsure"
    overlay.destroy()
