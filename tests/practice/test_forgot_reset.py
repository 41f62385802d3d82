"""Forgot password, human check, mailbox, new password rules, one-time sign-in link."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from guide_runner.practice import KARI, MAIL_SENDER, PracticeSite

from .helpers import ACCOUNT_SETTINGS, INBOX, enter_email

NEW_PASSWORD = "Nytt-Passord2#"


def _forgot(page: Page) -> None:
    enter_email(page, KARI.email)
    page.get_by_role("link", name="Glemt ditt passord?").click()
    page.wait_for_url("https://connect.visma.com/forgotpassword?**")


def _tick_human(page: Page) -> None:
    page.frame_locator("iframe[title]").get_by_role(
        "checkbox", name="Bekreft at du er et menneske"
    ).check()


def test_both_buttons_disabled_until_the_human_check_passes(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    _forgot(page)
    expect(page.locator("#Email")).to_have_value(KARI.email)
    expect(page.locator("#Email")).to_have_attribute("readonly", "")
    reset = page.get_by_role("button", name="Tilbakestill passord")
    link = page.get_by_role("button", name="Engangs innloggingslenke")
    expect(reset).to_be_disabled()
    expect(link).to_be_disabled()
    _tick_human(page)
    expect(reset).to_be_enabled()
    expect(link).to_be_enabled()
    expect(page.get_by_role("link", name="Tilbake til innlogging")).to_be_visible()


def test_posting_without_the_human_check_is_refused(nb: tuple[PracticeSite, Page]) -> None:
    site, page = nb
    _forgot(page)
    page.evaluate("document.getElementById('ResetPasswordButton').disabled = false")
    page.get_by_role("button", name="Tilbakestill passord").click()
    expect(page.locator(".validation-summary-errors")).to_have_text(
        "Bekreft at du er et menneske før du fortsetter."
    )
    assert site.state.mails == []


def test_reset_by_mail_rules_mismatch_and_change(nb: tuple[PracticeSite, Page]) -> None:
    site, page = nb
    _forgot(page)
    _tick_human(page)
    page.get_by_role("button", name="Tilbakestill passord").click()
    page.wait_for_url("https://connect.visma.com/forgotpassword/sent?**")
    expect(page.get_by_role("status")).to_contain_text(KARI.email)

    # The mailbox: newest first, sender, a link that opens in a new tab.
    page.goto(INBOX)
    first = page.locator(".mail-item").first
    expect(first).to_contain_text(MAIL_SENDER)
    expect(first).to_contain_text("Tilbakestill passordet ditt")
    first.locator("a").click()
    link = page.get_by_role("link", name="Tilbakestill passord")
    expect(link).to_have_attribute("target", "_blank")
    with page.context.expect_page() as new_tab:
        link.click()
    reset = new_tab.value
    reset.wait_for_url("https://connect.visma.com/resetpassword?token=*")

    new = reset.get_by_label("Nytt passord", exact=True)
    confirm = reset.get_by_label("Bekreft passord", exact=True)
    rules = reset.locator("#password-rules .rule")
    expect(rules).to_have_count(5)
    expect(reset.locator("#password-rules .rule.met")).to_have_count(0)
    new.press_sequentially("abc")
    expect(reset.locator('.rule[data-rule="lower"]')).to_have_class(re.compile(r"\bmet\b"))
    expect(reset.locator('.rule[data-rule="upper"]')).not_to_have_class(re.compile(r"\bmet\b"))
    expect(reset.locator('.rule[data-rule="lower"] .rule-state')).to_have_text("oppfylt")
    reset.get_by_role("button", name="Endre passord").click()
    expect(reset.locator("#rules-error")).to_have_text("Passordet oppfyller ikke kravene.")
    new.fill("")
    new.press_sequentially(NEW_PASSWORD)
    expect(reset.locator("#password-rules .rule.met")).to_have_count(5)
    green = reset.locator(".rule.met").first.evaluate("e => getComputedStyle(e).color")
    assert green == "rgb(30, 138, 60)"
    confirm.fill(NEW_PASSWORD + "x")
    expect(reset.locator("#mismatch-error")).to_have_text("Passordene er ikke like.")
    confirm.fill(NEW_PASSWORD)
    expect(reset.locator("#mismatch-error")).to_be_hidden()
    reset.get_by_role("button", name="Endre passord").click()
    reset.wait_for_url("https://connect.visma.com/resetpassword/done?**")
    expect(reset.get_by_role("heading", name="Passordet ditt er endret")).to_be_visible()
    account = site.state.account(KARI.email)
    assert account is not None and account.password == NEW_PASSWORD
    assert [m.kind for m in site.state.mails] == ["reset", "password-changed"]

    # The link works once.
    reset.goto(site.state.mails[0].link_url or "")
    expect(reset.get_by_role("heading", name="Ugyldig bekreftelseslenke")).to_be_visible()

    # The password-changed mail is on top of the inbox.
    page.goto(INBOX)
    expect(page.locator(".mail-item").first).to_contain_text("Passordet ditt er endret")

    # Sign in with the new password.
    reset.get_by_role("link", name="Klikk her for å be om en ny gyldig lenke").click()
    reset.locator("#Username").fill(KARI.email)
    reset.locator("#LoginButton").click()
    reset.locator("input#Password").fill(NEW_PASSWORD)
    reset.locator("#LoginButton").click()
    reset.wait_for_url(ACCOUNT_SETTINGS)


def test_server_rejects_weak_and_mismatched_passwords(nb: tuple[PracticeSite, Page]) -> None:
    site, page = nb
    _forgot(page)
    _tick_human(page)
    page.get_by_role("button", name="Tilbakestill passord").click()
    page.wait_for_url("**/forgotpassword/sent?**")
    page.goto(site.state.mails[-1].link_url or "")
    page.evaluate("document.getElementById('reset-form').noValidate = true")
    page.evaluate(
        "() => { const f = document.getElementById('reset-form');"
        " f.addEventListener('submit', e => e.stopImmediatePropagation(), true); }"
    )
    page.get_by_label("Nytt passord", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Bekreft passord", exact=True).fill("Annet-Passord3!")
    page.get_by_role("button", name="Endre passord").click()
    expect(page.locator(".validation-summary-errors")).to_have_text("Passordene er ikke like.")
    page.evaluate(
        "() => { const f = document.getElementById('reset-form');"
        " f.addEventListener('submit', e => e.stopImmediatePropagation(), true); }"
    )
    page.get_by_label("Nytt passord", exact=True).fill(KARI.password)
    page.get_by_label("Bekreft passord", exact=True).fill(KARI.password)
    page.get_by_role("button", name="Endre passord").click()
    expect(page.locator(".validation-summary-errors")).to_have_text(
        "Du kan ikke bruke et av de siste 5 passordene."
    )


def test_one_time_sign_in_link_signs_in_once(nb: tuple[PracticeSite, Page]) -> None:
    site, page = nb
    _forgot(page)
    _tick_human(page)
    page.get_by_role("button", name="Engangs innloggingslenke").click()
    page.wait_for_url("**/forgotpassword/sent?**")
    mail = site.state.mails[-1]
    assert mail.kind == "one-time-link" and mail.sender == MAIL_SENDER
    page.goto(INBOX)
    page.locator(".mail-item a").first.click()
    with page.context.expect_page() as new_tab:
        page.get_by_role("link", name="Logg inn").click()
    tab = new_tab.value
    tab.wait_for_url(ACCOUNT_SETTINGS)
    assert site.state.connect_user == KARI.email
    tab.goto(mail.link_url or "")
    expect(tab.get_by_role("heading", name="Ugyldig bekreftelseslenke")).to_be_visible()


def test_empty_mailbox(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    page.goto(INBOX)
    expect(page.get_by_text("Ingen e-post ennå.")).to_be_visible()
