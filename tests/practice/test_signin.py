"""Sign-in behaviour: wrong password, lockout, redirects, languages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from guide_runner.practice import KARI, PracticeSite

from .conftest import MakePage
from .helpers import ACCOUNT_SETTINGS, SIGN_IN, enter_email, sign_in_kari


def test_not_signed_in_account_settings_redirects_to_sign_in(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    page.goto(ACCOUNT_SETTINGS)
    expect(page).to_have_url(SIGN_IN)
    expect(page.locator("h1.client-name-header")).to_have_text("Account Settings")


def test_wrong_password_rerenders_with_summary(nb: tuple[PracticeSite, Page]) -> None:
    site, page = nb
    enter_email(page, KARI.email)
    page.get_by_label("Passord", exact=True).fill("feil")
    with page.expect_response("https://connect.visma.com/login/password") as info:
        page.get_by_role("button", name="Logg inn", exact=True).click()
    assert info.value.status == 200
    expect(page.locator(".validation-summary-errors")).to_have_text(
        "Brukernavnet eller passordet er feil."
    )
    expect(page.locator("#DisplayUsername")).to_have_text(KARI.email)
    assert site.state.connect_user is None


def test_right_password_goes_to_the_return_url(nb: tuple[PracticeSite, Page]) -> None:
    site, page = nb
    sign_in_kari(page)
    expect(page.get_by_role("heading", name="Kontoinnstillinger", level=1)).to_be_visible()
    assert site.state.connect_user == KARI.email


def test_lockout_after_8_failures_for_30_minutes(make_page: MakePage) -> None:
    site, page = make_page("nb-NO")
    now = [1_000_000.0]
    site.state.clock = lambda: now[0]
    enter_email(page, KARI.email)
    summary = page.locator(".validation-summary-errors")
    for attempt in range(1, 9):
        page.locator("input#Password").fill(f"feil-{attempt}")
        page.locator("#LoginButton").click()
        expected = "Kontoen er midlertidig sperret" if attempt == 8 else "Brukernavnet eller"
        expect(summary).to_contain_text(expected)
    page.locator("input#Password").fill(KARI.password)
    page.locator("#LoginButton").click()
    expect(summary).to_contain_text("Kontoen er midlertidig sperret")
    assert site.state.connect_user is None
    now[0] += 30 * 60 + 1
    page.locator("input#Password").fill(KARI.password)
    page.locator("#LoginButton").click()
    page.wait_for_url(ACCOUNT_SETTINGS)


def test_remember_email_prefills_next_time(nb: tuple[PracticeSite, Page]) -> None:
    site, page = nb
    page.goto(SIGN_IN)
    page.locator("#CookieHideButton").click()
    page.locator("#Username").fill(KARI.email)
    page.locator("#login-remember-user-checkbox").check()
    page.locator("#LoginButton").click()
    page.wait_for_url("**/password?**")
    assert site.state.remembered_email == KARI.email
    page.goto(SIGN_IN)
    expect(page.locator("#Username")).to_have_value(KARI.email)
    expect(page.locator("#login-remember-user-checkbox")).to_be_checked()


def test_language_from_browser_locale(make_page: MakePage) -> None:
    for locale, next_label in (("nb-NO", "Neste"), ("sv-SE", "Nästa"), ("en-US", "Next")):
        _, page = make_page(locale)
        page.goto(SIGN_IN)
        expect(page.locator("#LoginButton")).to_have_value(next_label)
        expect(page.locator("html")).to_have_attribute("lang", locale[:2])


def test_language_from_unsupported_locale_is_english(make_page: MakePage) -> None:
    _, page = make_page("de-DE")
    page.goto(SIGN_IN)
    expect(page.locator("#LoginButton")).to_have_value("Next")


def test_language_from_ui_locales(make_page: MakePage) -> None:
    _, page = make_page("en-US")
    page.goto(SIGN_IN + "&ui_locales=sv-SE")
    expect(page.locator("#LoginButton")).to_have_value("Nästa")


def test_language_from_culture_cookie(make_page: MakePage) -> None:
    _, page = make_page("en-US")
    page.context.add_cookies(
        [
            {
                "name": ".AspNetCore.Culture",
                "value": "c=nb-NO|uic=nb-NO",
                "url": "https://connect.visma.com/",
            }
        ]
    )
    page.goto(SIGN_IN)
    expect(page.locator("#LoginButton")).to_have_value("Neste")


def test_language_from_footer_menu_sets_the_cookie(make_page: MakePage) -> None:
    _, page = make_page("en-US")
    page.goto(SIGN_IN + "&ui_locales=en-US")
    page.locator("#CookieHideButton").click()
    toggle = page.locator("#language-dropdown-toggle")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.get_by_role("menuitem", name="Svenska").click()
    expect(page.locator("#LoginButton")).to_have_value("Nästa")
    assert "ui_locales" not in page.url
    cookie = next(c for c in page.context.cookies() if c["name"] == ".AspNetCore.Culture")
    assert cookie["value"] == "c=sv-SE|uic=sv-SE"
    page.goto(ACCOUNT_SETTINGS)  # the same choice on every *.visma.com host
    expect(page.locator("#LoginButton")).to_have_value("Nästa")


def test_logout_ends_the_connect_session(nb: tuple[PracticeSite, Page]) -> None:
    site, page = nb
    sign_in_kari(page)
    page.get_by_role("link", name="Logg ut").click()
    page.wait_for_url("https://connect.visma.com/?**")
    assert site.state.connect_user is None and not site.state.app_sessions
    page.goto("https://connect.visma.com/logout")
    expect(page).to_have_url("https://connect.visma.com/")


def test_only_pages_and_api_calls_wait_for_the_full_headers(
    make_page: MakePage, monkeypatch: pytest.MonkeyPatch
) -> None:
    # all_headers() (with cookies) is a round trip to the browser per request; style sheets
    # and scripts are files that need none, and pages still get their cookies.
    from playwright.sync_api import _generated as generated

    asked: list[str] = []
    real = generated.Request.all_headers

    def all_headers(self: generated.Request) -> dict[str, str]:
        asked.append(self.resource_type)
        return real(self)

    monkeypatch.setattr(generated.Request, "all_headers", all_headers)
    site, page = make_page("nb-NO")
    page.context.add_cookies(
        [{"name": ".AspNetCore.Culture", "value": "c=sv-SE|uic=sv-SE", "url": SIGN_IN}]
    )
    page.goto(SIGN_IN)
    expect(page.locator("#LoginButton")).to_have_text("Nästa")  # the cookie reached the page
    served = [url for _, url, _ in site.served]
    assert any(url.endswith(".css") for url in served)
    assert any(url.endswith(".js") for url in served)
    assert set(asked) == {"document"}
