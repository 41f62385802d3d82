"""Two-step verification: /totp, another way, one-time code, new code; Visma.net settings."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from guide_runner.practice import AUTHENTICATOR_CODE, SVEN, PracticeSite

from .helpers import HOME, sign_in, sign_in_sven_with_app


def _to_totp(page: Page) -> None:
    sign_in(page, SVEN.email, SVEN.password, HOME)
    page.wait_for_url("https://connect.visma.com/totp?**")


def test_wrong_app_code_is_rejected_on_the_same_page(sv: tuple[PracticeSite, Page]) -> None:
    site, page = sv
    _to_totp(page)
    page.locator("#AuthCode").fill("123456")
    page.locator("#ButtonSubmit").click()
    expect(page.locator(".validation-summary-errors")).to_have_text(
        "Koden är felaktig. Försök igen."
    )
    assert site.state.connect_user is None


def test_one_time_code_is_used_up_and_a_new_one_is_shown(sv: tuple[PracticeSite, Page]) -> None:
    site, page = sv
    _to_totp(page)
    page.get_by_role("link", name="Prova ett annat sätt").click()
    page.get_by_role("link", name="Engångskod").click()
    page.wait_for_url("https://connect.visma.com/totp/recovery?**")
    code = page.locator("#AuthCode")
    expect(code).to_have_attribute("maxlength", "24")
    expect(code).to_have_attribute("placeholder", "XXXX-XXXX-XXXX-XXXX-XXXX")
    code.fill("AAAA-BBBB-CCCC-DDDD-EEEE")
    page.locator("#ButtonSubmit").click()
    expect(page.get_by_role("alert")).to_have_text("Koden är felaktig. Försök igen.")
    page.locator("#AuthCode").fill(SVEN.one_time_code or "")
    page.locator("#ButtonSubmit").click()
    page.wait_for_url("https://connect.visma.com/totp/newcode?**")
    new_code = page.locator("#NewOneTimeCode").inner_text()
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4}){4}", new_code)
    assert new_code != SVEN.one_time_code
    assert site.state.account(SVEN.email).one_time_code == new_code  # type: ignore[union-attr]
    continue_button = page.get_by_role("button", name="Fortsätt")
    expect(continue_button).to_be_disabled()
    page.get_by_label("Jag har kopierat och sparat den här koden på ett säkert ställe.").check()
    expect(continue_button).to_be_enabled()
    continue_button.click()
    page.wait_for_url(HOME)
    expect(page.get_by_role("button", name="Sven Svensson")).to_be_visible()


def test_disable_with_one_time_code_then_enable_and_sign_in_again(
    sv: tuple[PracticeSite, Page],
) -> None:
    site, page = sv
    sign_in_sven_with_app(page)
    menu_button = page.get_by_role("button", name="Sven Svensson")
    expect(menu_button).to_have_attribute("aria-haspopup", "menu")
    expect(menu_button).to_have_attribute("aria-expanded", "false")
    menu_button.click()
    expect(menu_button).to_have_attribute("aria-expanded", "true")
    page.get_by_role("menuitem", name="Mina uppgifter").click()
    page.wait_for_url("https://home.visma.com/my-details")

    disable = page.get_by_role("button", name="Inaktivera tvåstegsverifiering")
    top = disable.bounding_box()
    assert top is not None and top["y"] > 1.5 * 720, "the button must need scrolling"
    disable.click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading")).to_have_text("Ange ditt lösenord")
    dialog.get_by_label("Lösenord", exact=True).fill("fel")
    dialog.get_by_role("button", name="Fortsätt").click()
    expect(dialog.get_by_role("alert")).to_have_text("Fel lösenord. Försök igen.")
    dialog.get_by_label("Lösenord", exact=True).fill(SVEN.password)
    dialog.get_by_role("button", name="Fortsätt").click()

    code_dialog = page.get_by_role("dialog", name="Ange den sexsiffriga koden")
    expect(code_dialog).to_be_visible()
    code_dialog.get_by_role("button", name="Förlorat min telefon").click()
    code_dialog.get_by_role("button", name="Engångskod").click()
    code_dialog.get_by_label("Engångskod").fill("WRNG-WRNG-WRNG-WRNG-WRNG")
    code_dialog.get_by_role("button", name="Verifiera").click()
    expect(code_dialog.get_by_role("alert")).to_be_visible()
    current = site.state.account(SVEN.email).one_time_code  # type: ignore[union-attr]
    code_dialog.get_by_label("Engångskod").fill(current or "")
    code_dialog.get_by_role("button", name="Verifiera").click()
    expect(code_dialog).to_be_hidden()
    expect(page.get_by_role("status")).to_have_text("Tvåstegsverifiering är inaktiverad.")
    account = site.state.account(SVEN.email)
    assert account is not None and not account.two_step
    assert account.one_time_code != current, "a one-time code works once"

    page.get_by_role("button", name="Aktivera tvåstegsverifiering").click()
    wizard = page.get_by_role("dialog", name="Aktivera tvåstegsverifiering")
    wizard.get_by_role("button", name="Nästa").click()
    expect(wizard.get_by_role("img", name="QR-kod för autentiseringsappen")).to_be_visible()
    expect(wizard.locator("#setup-code")).to_have_text(
        re.compile(r"^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$")
    )
    expect(wizard.get_by_text(f"Övningskod: {AUTHENTICATOR_CODE}")).to_be_visible()
    wizard.get_by_label("Kod", exact=True).fill("000000")
    wizard.get_by_role("button", name="Verifiera").click()
    expect(wizard.get_by_role("alert")).to_be_visible()
    wizard.get_by_label("Kod", exact=True).fill(AUTHENTICATOR_CODE)
    wizard.get_by_role("button", name="Verifiera").click()
    shown = wizard.locator("#wizard-one-time-code")
    expect(shown).to_have_text(re.compile(r"^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$"))
    assert shown.inner_text() == account.one_time_code
    finish = wizard.get_by_role("button", name="Slutför")
    expect(finish).to_be_disabled()
    wizard.get_by_label("Jag har kopierat och sparat den här koden på ett säkert ställe.").check()
    finish.click()
    expect(wizard).to_be_hidden()
    expect(page.get_by_role("status")).to_have_text("Tvåstegsverifiering är aktiverad.")
    assert account.two_step

    page.get_by_role("button", name="Sven Svensson").click()
    page.get_by_role("menuitem", name="Logga ut").click()
    page.wait_for_url("https://connect.visma.com/?ReturnUrl=https%3A%2F%2Fhome.visma.com%2F")
    assert site.state.connect_user is None and not site.state.app_sessions
    page.goto(HOME)
    page.wait_for_url("https://connect.visma.com/?**")
    page.locator("#Username").fill(SVEN.email)
    page.locator("#LoginButton").click()
    page.locator("input#Password").fill(SVEN.password)
    page.locator("#LoginButton").click()
    page.locator("#AuthCode").fill(AUTHENTICATOR_CODE)
    page.locator("#ButtonSubmit").click()
    page.wait_for_url(HOME)
