"""A screenshot of every practice page in nb and sv, saved under test-results/practice/.

The pictures were looked at by hand when the pages were built; the test checks that each
page renders (no server error, its main element visible) and keeps the PNGs for review.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from guide_runner.practice import KARI, SVEN, PracticeSite

from .conftest import SHOTS, MakePage
from .helpers import HOME, INBOX, SIGN_IN, dismiss_cookies, enter_email, sign_in, sign_in_kari


def _email(page: Page, site: PracticeSite) -> None:
    page.goto(SIGN_IN)


def _password_wrong(page: Page, site: PracticeSite) -> None:
    enter_email(page, KARI.email)
    page.locator("input#Password").fill("feil")
    page.locator("#LoginButton").click()
    expect(page.locator(".validation-summary-errors")).to_be_visible()


def _forgot(page: Page, site: PracticeSite) -> None:
    enter_email(page, KARI.email)
    page.locator("#ForgotPasswordLink").click()
    page.wait_for_url("**/forgotpassword?**")


def _forgot_sent(page: Page, site: PracticeSite) -> None:
    _forgot(page, site)
    page.frame_locator("iframe[title]").locator("#human-checkbox").check()
    page.locator("#ResetPasswordButton").click()
    page.wait_for_url("**/forgotpassword/sent?**")


def _reset(page: Page, site: PracticeSite) -> None:
    _forgot_sent(page, site)
    page.goto(site.state.mails[-1].link_url or "")
    page.locator("#NewPassword").press_sequentially("Abcdefg1")
    page.locator("#ConfirmPassword").fill("Abc")


def _reset_done(page: Page, site: PracticeSite) -> None:
    _forgot_sent(page, site)
    page.goto(site.state.mails[-1].link_url or "")
    page.locator("#NewPassword").fill("Nytt-Passord2#")
    page.locator("#ConfirmPassword").fill("Nytt-Passord2#")
    page.locator("#ChangePasswordButton").click()
    page.wait_for_url("**/resetpassword/done?**")


def _mailbox(page: Page, site: PracticeSite) -> None:
    _forgot_sent(page, site)
    page.goto(INBOX)


def _mail(page: Page, site: PracticeSite) -> None:
    _mailbox(page, site)
    page.locator(".mail-item a").first.click()


def _account_password_dialog(page: Page, site: PracticeSite) -> None:
    sign_in_kari(page)
    page.locator("#remove-eid-button").click()
    page.locator("#confirm-yes").click()
    page.locator("#confirm-password").fill("feil")
    page.locator("#pw-continue").click()
    expect(page.locator("#pw-error")).to_be_visible()


def _account_confirm(page: Page, site: PracticeSite) -> None:
    sign_in_kari(page)
    page.locator("#remove-eid-button").click()


def _account(page: Page, site: PracticeSite) -> None:
    sign_in_kari(page)


def _enterprise(page: Page, site: PracticeSite) -> None:
    page.goto("https://visma-enterprise.kommune.test/")


def _totp(page: Page, site: PracticeSite) -> None:
    sign_in(page, SVEN.email, SVEN.password, HOME)
    page.wait_for_url("**/totp?**")


def _methods(page: Page, site: PracticeSite) -> None:
    _totp(page, site)
    page.locator("#TryAnotherWay").click()
    page.wait_for_url("**/totp/methods?**")


def _recovery(page: Page, site: PracticeSite) -> None:
    _methods(page, site)
    page.locator("#method-one-time").click()
    page.wait_for_url("**/totp/recovery?**")


def _newcode(page: Page, site: PracticeSite) -> None:
    _recovery(page, site)
    page.locator("#AuthCode").fill(SVEN.one_time_code or "")
    page.locator("#ButtonSubmit").click()
    page.wait_for_url("**/totp/newcode?**")


def _home_menu(page: Page, site: PracticeSite) -> None:
    _totp(page, site)
    page.locator("#AuthCode").fill("246810")
    page.locator("#ButtonSubmit").click()
    page.wait_for_url(HOME)
    page.locator("#user-menu-button").click()


def _details_code_dialog(page: Page, site: PracticeSite) -> None:
    _home_menu(page, site)
    page.locator("#menu-my-details").click()
    # The button shows before the deferred details.js has bound it: wait for load.
    page.wait_for_url("**/my-details")
    page.locator("#disable-2sv-button").click()
    page.locator("#home-password").fill(SVEN.password)
    page.locator("#pw-continue").click()
    page.locator("#lost-phone-button").click()


def _details_wizard_qr(page: Page, site: PracticeSite) -> None:
    _details_code_dialog(page, site)
    page.locator("#one-time-method-button").click()
    account = site.state.account(SVEN.email)
    page.locator("#one-time-code").fill(account.one_time_code or "")  # type: ignore[union-attr]
    page.locator("#one-time-form button[type=submit]").click()
    page.locator("#enable-2sv-button").click()
    page.locator("#wizard-next").click()
    expect(page.locator("#setup-code")).not_to_be_empty()


PAGES: dict[str, Callable[[Page, PracticeSite], None]] = {
    "01-email": _email,
    "02-password-wrong": _password_wrong,
    "03-forgot": _forgot,
    "04-forgot-sent": _forgot_sent,
    "05-reset-rules": _reset,
    "06-reset-done": _reset_done,
    "07-mailbox": _mailbox,
    "08-mail": _mail,
    "09-enterprise": _enterprise,
    "10-account": _account,
    "11-account-confirm": _account_confirm,
    "12-account-password": _account_password_dialog,
    "13-totp": _totp,
    "14-totp-methods": _methods,
    "15-totp-recovery": _recovery,
    "16-totp-newcode": _newcode,
    "17-home-menu": _home_menu,
    "18-details-code-dialog": _details_code_dialog,
    "19-details-wizard-qr": _details_wizard_qr,
}


@pytest.mark.parametrize("locale", ["nb-NO", "sv-SE"])
@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_screenshot(make_page: MakePage, name: str, locale: str) -> None:
    site, page = make_page(locale, viewport={"width": 1280, "height": 720})
    PAGES[name](page, site)
    if name == "01-email":
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"00-email-cookie-banner-{locale[:2]}.png"))
        dismiss_cookies(page)
    assert not site.errors, site.errors
    assert all(status < 500 for _, _, status in site.served)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog_open = bool(page.locator("dialog[open]").count())
    page.screenshot(path=str(SHOTS / f"{name}-{locale[:2]}.png"), full_page=not dialog_open)
