"""Origin pinning: the overlay and instructions only on the guide's exact HTTPS origins."""

from __future__ import annotations

from collections.abc import Callable

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
PINS_MINI = Pins(["https://mini.test"])


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
        ("https://*.visma.no", "is not an address"),
        ("https://kommune_visma.no", "is not an address"),
        ("https://kommune", "is not an address"),
        ("https://kommune.visma.no:99999", "is not an address"),
    ],
)
def test_https_origin_parameter_is_validated(value: str, error: str) -> None:
    with pytest.raises(ParameterError, match=error):
        https_origin(value)
    assert https_origin("https://Kommune.Visma.no/") == "https://kommune.visma.no"
    assert https_origin("https://kommune.visma.no:443") == "https://kommune.visma.no"
    assert https_origin("https://kommune.visma.no:8443") == "https://kommune.visma.no:8443"


def test_an_address_with_norwegian_letters_is_pinned_as_the_browser_shows_it() -> None:
    origin = https_origin("https://Bærum.kommune.no")
    assert origin == "https://xn--brum-voa.kommune.no"
    assert Pins([origin]).allows("https://xn--brum-voa.kommune.no/login")


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
    assert hl.where and all(PINS_MINI.allows(url) for url in hl.where)


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


def _opens_tab(open_js: str) -> Callable[[Page, object, Harness], None]:
    """A person's action: ``open_js`` opens a tab, and the person waits for it to load."""

    def act(page: Page, target: object, h: Harness) -> None:
        with page.context.expect_page() as opened:
            page.evaluate(open_js)
        opened.value.wait_for_load_state()

    return act


def _warned_in_a_new_tab(ctx: BrowserContext, mini_guide: Guide, open_js: str) -> Harness:
    """Step 03's page opens another page in a new tab while its own tab still matches the
    step: the person now looks at the new one."""
    serve_pages(ctx, _look_alike_pages("https://mini-test.com/two"))

    hl = NullHighlighter()
    h = Harness(
        mini_guide,
        ctx,
        highlighter=hl,
        actions={"01-cookie": click, "02-neste": click, "03-skriv": _opens_tab(open_js)},
    )
    h.on_notice["wrong_origin_detail"] = lambda notice: h.keys.put("q")
    h.run()
    # Warned while the real page, which still matches the step, sits in the tab behind.
    assert h.notices("wrong_origin")
    assert hl.visible is False
    assert all(PINS_MINI.allows(url) for url in hl.where)
    return h


def test_a_look_alike_in_a_new_tab_is_warned_about(ctx: BrowserContext, mini_guide: Guide) -> None:
    h = _warned_in_a_new_tab(ctx, mini_guide, "() => { window.open('https://mini-test.com/two'); }")
    assert "mini-test.com" in h.notices("wrong_origin_detail")[0].text


def test_a_page_made_from_a_blob_in_a_new_tab_is_warned_about(
    ctx: BrowserContext, mini_guide: Guide
) -> None:
    # A blob: document has no http(s) address, but it is a page someone made all the same.
    _warned_in_a_new_tab(
        ctx,
        mini_guide,
        """() => { const html = '<h1>Logg inn</h1><input type=password>';
           window.open(URL.createObjectURL(new Blob([html], { type: 'text/html' }))); }""",
    )


@pytest.mark.parametrize("kind", ["activated", "cant_find", "button"])
def test_signals_from_unpinned_frames_are_ignored(
    ctx: BrowserContext, mini_guide: Guide, kind: str
) -> None:
    """A foreign frame on a pinned page calls the overlay's binding itself."""
    serve_pages(
        ctx,
        {
            "https://mini.test/": "<h1>Ok</h1><iframe src='https://evil.example/f'></iframe>",
            "https://evil.example/f": "<p>frame</p>",
        },
    )
    raw = ctx.new_page()
    raw.goto("https://mini.test/")
    hl = OverlayHighlighter(Pins(mini_guide.origins))
    from guide_runner.overlay.assets import BINDING_NAME
    from guide_runner.runner.safe_page import SafePage
    from guide_runner.runner.ui import Bubble

    hl.message(SafePage(raw), Bubble("Hei", 1, 2, "nb"))
    # The step's own (unguessable) show id: the foreign frame is refused for where it is.
    showing = hl._overlay(SafePage(raw))
    assert showing is not None
    payload = {"kind": kind, "showId": showing.current_show_id, "buttonId": "confirm"}
    # The binding's promise settles once Python's callback has run: each call is delivered.
    call = f"async (p) => {{ await window['{BINDING_NAME}'](p); }}"
    raw.frames[1].evaluate(call, payload)  # the foreign frame
    raw.main_frame.evaluate(call, payload)  # the pinned page
    assert [s.kind for s in hl.signals()] == [kind]
    hl.close()


def test_a_look_alike_cannot_draw_the_runners_bubble(
    ctx: BrowserContext, mini_guide: Guide
) -> None:
    """The page's own script calls the overlay's in-page API: there is none to call."""
    spoof = """<h1>Visma</h1><input id=pw type=password><script>
      window.tried = typeof window.__guideRunnerOverlay;
      if (window.__guideRunnerOverlay) window.__guideRunnerOverlay.show(
        document.getElementById('pw'), { showId: 1, text: 'Skriv passordet her', lang: 'nb' });
    </script>"""
    serve_pages(ctx, {"https://mini.test/": "<h1>Ok</h1>", "https://mini-test.com/": spoof})
    raw = ctx.new_page()
    raw.goto("https://mini.test/")
    hl = OverlayHighlighter(Pins(mini_guide.origins))
    from guide_runner.runner.safe_page import SafePage
    from guide_runner.runner.ui import Bubble

    hl.message(SafePage(raw), Bubble("Hei", 1, 2, "nb"))
    assert raw.locator("guide-runner-overlay").count() == 1
    raw.goto("https://mini-test.com/")
    assert raw.evaluate("() => window.tried") == "undefined"
    assert raw.locator("guide-runner-overlay").count() == 0
    hl.close()


def test_a_foreign_tab_left_open_does_not_stop_the_walk(
    ctx: BrowserContext, mini_guide: Guide
) -> None:
    """A help page (or webmail) opened in a new tab is warned about once; when the person
    goes back to the Visma tab and acts there, the walk goes on."""
    pages = dict(MINI_PAGES)
    pages["https://help.example/"] = "<h1>Hjelp</h1>"
    serve_pages(ctx, pages)

    hl = NullHighlighter()
    h = Harness(
        mini_guide,
        ctx,
        highlighter=hl,
        actions={
            "01-cookie": click,
            "02-neste": click,
            "03-skriv": _opens_tab("() => { window.open('https://help.example/'); }"),
            "04-ferdig": click,
            "05-slutt": press("enter"),
        },
        settings_kw={"max_seconds": 20},
    )

    def go_back_and_type(notice: object) -> None:
        # Warned about the help tab: the person goes back to the Visma tab and types.
        visma = ctx.pages[0]
        visma.bring_to_front()
        visma.get_by_label("Passord", exact=True).fill("hemmelig-1234")

    h.on_notice["wrong_origin_detail"] = go_back_and_type
    assert h.run().finished
    (detail,) = h.notices("wrong_origin_detail")
    assert "i en ny fane eller et nytt vindu" in detail.text and "help.example" in detail.text
    assert not h.notices("back_on_origin")  # the person never came back in that tab
    assert all(PINS_MINI.allows(url) for url in hl.where)


def test_the_engine_never_waits_inside_a_page_it_does_not_trust(
    ctx: BrowserContext, mini_guide: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The wait in the page runs on the page's timers, which a page can stop (setTimeout
    # replaced): on a foreign page the engine waits on Playwright's clock instead.
    from guide_runner.runner.safe_page import SafePage

    waited_on: list[str] = []
    original = SafePage.wait_for_change

    def spy(self: SafePage, token: str | None, ms: float) -> str:
        waited_on.append(self.url)
        # Fails at once rather than waiting forever for the stopped timer.
        assert "mini-test.com" not in self.url, "waited inside the foreign page"
        return original(self, token, ms)

    monkeypatch.setattr(SafePage, "wait_for_change", spy)
    frozen = "<h1>Logg inn</h1><script>window.setTimeout = () => 0;</script>"
    serve_pages(ctx, {**MINI_PAGES, "https://mini-test.com/": frozen})

    def leave(page: Page, target: object, h: Harness) -> None:
        page.goto("https://mini-test.com/")

    # The walk ends by its time limit, after many ticks on the foreign page.
    h = Harness(
        mini_guide,
        ctx,
        actions={"01-cookie": click, "02-neste": leave},
        settings_kw={"max_seconds": 2},
    )
    outcome = h.run()
    assert h.notices("wrong_origin")
    assert outcome.ending == "interrupted"
    assert h.events[-1].text.startswith("Stoppet etter 2 sekunder")  # type: ignore[union-attr]
    assert waited_on and not any("mini-test.com" in url for url in waited_on)
