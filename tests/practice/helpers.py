"""Steps the practice tests share (the guides' paths, done with plain Playwright)."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from guide_runner.practice import KARI, SVEN

ACCOUNT_SETTINGS = "https://accountsettings.connect.visma.com/"
HOME = "https://home.visma.com/"
SIGN_IN = "https://connect.visma.com/?ReturnUrl=https%3A%2F%2Faccountsettings.connect.visma.com%2F"
INBOX = "https://inbox.guide-runner.test/"


def dismiss_cookies(page: Page) -> None:
    button = page.locator("#CookieHideButton")
    if button.is_visible():
        button.click()
        expect(page.locator(".cookie-overlay")).to_have_count(0)


def enter_email(page: Page, email: str, start: str = SIGN_IN) -> None:
    page.goto(start)
    page.wait_for_url("https://connect.visma.com/?**")
    dismiss_cookies(page)
    page.locator("#Username").fill(email)
    page.locator("#LoginButton").click()
    page.wait_for_url("https://connect.visma.com/password?**")


def sign_in(page: Page, email: str, password: str, start: str = SIGN_IN) -> None:
    enter_email(page, email, start)
    page.locator("input#Password").fill(password)
    page.locator("#LoginButton").click()


def sign_in_kari(page: Page) -> None:
    sign_in(page, KARI.email, KARI.password)
    page.wait_for_url(ACCOUNT_SETTINGS)


def sign_in_sven_with_app(page: Page) -> None:
    sign_in(page, SVEN.email, SVEN.password, HOME)
    page.wait_for_url("https://connect.visma.com/totp?**")
    page.locator("#AuthCode").fill("246810")
    page.locator("#ButtonSubmit").click()
    page.wait_for_url(HOME)
