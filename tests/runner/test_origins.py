"""Origin pinning: the overlay and instructions only on the guide's exact HTTPS origins."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page

from guide_runner.guide import Guide
from guide_runner.runner.highlight import OverlayHighlighter
from guide_runner.runner.origins import ParameterError, Pins, https_origin, origin_of
from guide_runner.runner.ui import NullHighlighter
from tests.runner.conftest import MINI_PAGES, serve_pages
from tests.runner.helpers import Harness, click, press

LOOK_ALIKES = [
    "https://mini-test.com/two",  # a dash instead of a dot
    "https://mini.test.evil.example/two",  # the real name as a sub-domain
    "https://xn--mini-tst-z2a.test/two",  # punycode (mini-tést)
    "http://mini.test/two",  # plain http on the real host
    "https://mini.test:8443/two",  # another port
]

PINNED = Pins(["https://connect.visma.com", "https://accountsettings.connect.visma.com"])


@pytest.mark.parametrize(
    "url",
    [
        "https://connect-visma.com/",
        "https://connect.visma.com.evil.example/",
        "https://xn--connect-vsma-kcb.com/",
        "http://connect.visma.com/",
        "https://connect.visma.com:444/",
        "https://evil.example/?https://connect.visma.com",
        "https://connect.visma.com@evil.example/",
        "about:blank",
        "javascript:alert(1)",
        "https://visma.com/",
        "https://accountsettings.connect.visma.com.x/",
    ],
)
def test_look_alikes_are_not_pinned(url: str) -> None:
    assert not PINNED.allows(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://connect.visma.com/",
        "https://CONNECT.visma.com/password?x=1",
        "https://connect.visma.com:443/totp",
        "https://accountsettings.connect.visma.com/#x",
    ],
)
def test_exact_origins_are_pinned(url: str) -> None:
    assert PINNED.allows(url)


def test_parameters_are_filled_in_before_pinning(mini_guide: Guide) -> None:
    from guide_runner.guide import Catalog

    guide = Catalog.default().load("feil-epost-bankid")
    pins = Pins.for_guide(guide, {"enterprise_url": "https://kommune.visma.no"})
    assert pins.allows("https://kommune.visma.no/login")
    assert not pins.allows("https://kommune.visma.no.evil.example/")


@pytest.mark.parametrize(
    "value,error",
    [
        ("http://kommune.visma.no", "must start with https://"),
        ("kommune.visma.no", "must start with https://"),
        ("https://kommune.visma.no/login", "without a path"),
        ("https://user@kommune.visma.no", "is not an address"),
    ],
)
def test_https_origin_parameter_is_validated(value: str, error: str) -> None:
    with pytest.raises(ParameterError, match=error):
        https_origin(value)
    assert https_origin("https://Kommune.Visma.no/") == "https://kommune.visma.no"


def test_origin_of_drops_default_ports() -> None:
    assert origin_of("https://a.example:443/x") == "https://a.example"
    assert origin_of("https://a.example:8443/x") == "https://a.example:8443"


def _look_alike_pages(url: str) -> dict[str, str]:
    pages = dict(MINI_PAGES)
    # The look-alike copies the real page, password field and all.
    pages[url.split("?")[0]] = MINI_PAGES["https://mini.test/two"]
    return pages


@pytest.mark.parametrize("url", LOOK_ALIKES)
def test_look_alike_removes_overlay_warns_and_waits(
    ctx: BrowserContext, mini_guide: Guide, url: str
) -> None:
    serve_pages(ctx, _look_alike_pages(url))
    seen: dict[str, object] = {}

    def to_look_alike(page: Page, target: object, h: Harness) -> None:
        page.goto(url)

    actions = {
        "01-cookie": click,
        "02-neste": click,
        "03-skriv": to_look_alike,
        "04-ferdig": click,
        "05-slutt": press("enter"),
    }
    hl = NullHighlighter()
    h = Harness(mini_guide, ctx, actions=actions, highlighter=hl)
    original = h.listen

    def listen(event: object) -> None:
        original(event)  # type: ignore[arg-type]
        from guide_runner.runner.events import Notice

        if isinstance(event, Notice) and event.key == "wrong_origin":
            seen["visible"] = hl.visible
            seen["shown"] = len(hl.shown)
            page = ctx.pages[-1]
            # While the person stays there, nothing is shown; then they go back.
            page.wait_for_timeout(600)
            seen["shown_after"] = len(hl.shown)
            page.goto("https://mini.test/two")
            page.get_by_label("Passord", exact=True).fill("hemmelig-1234")

    h.listen = listen  # type: ignore[method-assign]
    assert h.run().finished
    (warning,) = h.notices("wrong_origin")
    assert warning.text == "Dette er ikke en Visma-side – ikke skriv inn passordet ditt her."
    assert warning.level == "problem"
    detail = h.notices("wrong_origin_detail")[0].text
    assert url.split("/two")[0] in detail and "?" not in detail
    assert seen["visible"] is False
    assert h.notices("back_on_origin")
    # Nothing was drawn on the look-alike, and its "password" step was not shown there.
    assert seen["shown"] == seen["shown_after"]


@pytest.mark.parametrize(
    "lang,text",
    [
        ("sv", "Det här är inte en Visma-sida – skriv inte in ditt lösenord här."),
        ("en", "This is not a Visma page – do not type your password here."),
    ],
)
def test_warning_in_other_languages(
    ctx: BrowserContext, mini_guide: Guide, lang: str, text: str
) -> None:
    serve_pages(ctx, {"https://mini-test.com/": "<h1>Logg inn</h1>"})
    page = ctx.new_page()
    page.goto("https://mini-test.com/")
    h = Harness(mini_guide, ctx, lang=lang)
    h.guide = h.guide.model_copy(update={"start": "https://mini-test.com/"})
    original = h.listen

    def listen(event: object) -> None:
        original(event)  # type: ignore[arg-type]
        from guide_runner.runner.events import Notice

        if isinstance(event, Notice) and event.key == "wrong_origin":
            h.keys.put("q")

    h.listen = listen  # type: ignore[method-assign]
    h.run()
    assert h.notices("wrong_origin")[0].text == text


def test_overlay_is_removed_from_the_page_on_a_look_alike(
    ctx: BrowserContext, mini_guide: Guide
) -> None:
    """With the real overlay: drawn on the pinned page, gone when a look-alike shows."""
    url = "https://mini.test.evil.example/two"
    serve_pages(ctx, _look_alike_pages(url))
    hl = OverlayHighlighter(Pins(mini_guide.origins))
    drawn: dict[str, object] = {}

    def to_look_alike(page: Page, target: object, h: Harness) -> None:
        drawn["before"] = page.evaluate("() => !!document.querySelector('guide-runner-overlay')")
        page.goto(url)

    h = Harness(
        mini_guide, ctx, highlighter=hl, actions={"01-cookie": click, "02-neste": to_look_alike}
    )
    original = h.listen

    def listen(event: object) -> None:
        original(event)  # type: ignore[arg-type]
        from guide_runner.runner.events import Notice

        if isinstance(event, Notice) and event.key == "wrong_origin":
            page = ctx.pages[-1]
            page.wait_for_timeout(300)
            drawn["after"] = page.evaluate(
                """() => { const h = document.querySelector('guide-runner-overlay');
                   return !!h && h.matches(':popover-open'); }"""
            )
            h.keys.put("q")

    h.listen = listen  # type: ignore[method-assign]
    h.run()
    assert drawn == {"before": True, "after": False}
