"""Account Settings: the eID row, the confirm dialog and the password dialog."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from guide_runner.practice import KARI, PracticeSite

from .helpers import sign_in_kari

ENTERPRISE = "https://visma-enterprise.kommune.test/"


def test_eid_row_and_icon_only_trash_button(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    sign_in_kari(page)
    section = page.get_by_role("region", name="Elektronisk ID")
    expect(section).to_contain_text("ID-porten (BankID)")
    expect(section).to_contain_text("010190*****")
    trash = section.get_by_role("button", name="Fjern elektronisk ID")
    expect(trash).to_have_attribute("aria-label", "Fjern elektronisk ID")
    assert trash.inner_text().strip() == ""
    expect(trash.locator("svg")).to_have_count(1)


def test_no_closes_the_confirmation(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    sign_in_kari(page)
    page.get_by_role("button", name="Fjern elektronisk ID").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Vil du fjerne fødselsnummeret fra kontoen din?")
    dialog.get_by_role("button", name="Nei", exact=True).click()
    expect(page.get_by_role("dialog")).to_have_count(0)
    expect(page.locator("#eid-row")).to_be_visible()


def test_wrong_then_right_password_removes_the_link(nb: tuple[PracticeSite, Page]) -> None:
    site, page = nb
    sign_in_kari(page)
    page.get_by_role("button", name="Fjern elektronisk ID").click()
    page.get_by_role("button", name="Ja", exact=True).click()
    dialog = page.get_by_role("dialog", name="Angi ditt passord")
    expect(dialog).to_contain_text("Skriv inn gjeldende passord for å fortsette.")
    dialog.get_by_label("Passord", exact=True).fill("feil")
    dialog.get_by_role("button", name="Fortsett", exact=True).click()
    expect(dialog.get_by_role("alert")).to_have_text("Feil passord. Prøv igjen.")
    assert site.state.account(KARI.email).eid_provider is not None  # type: ignore[union-attr]
    dialog.get_by_role("button", name="Avbryt").click()
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="Fjern elektronisk ID").click()
    page.get_by_role("button", name="Ja", exact=True).click()
    dialog.get_by_label("Passord", exact=True).fill(KARI.password)
    dialog.get_by_role("button", name="Fortsett", exact=True).click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("status")).to_have_text("Koblingen til elektronisk ID er fjernet.")
    expect(page.locator("#eid-row")).to_have_count(0)
    page.reload()
    expect(page.get_by_text("Ingen elektronisk ID er koblet til kontoen.")).to_be_visible()
    page.goto(ENTERPRISE)
    expect(page.get_by_role("alert")).to_have_count(0)


def test_enterprise_page_shows_the_error_and_signs_in_through_connect(
    nb: tuple[PracticeSite, Page],
) -> None:
    _, page = nb
    page.goto(ENTERPRISE)
    expect(page.get_by_role("alert")).to_have_text("En intern feil har oppstått")
    page.get_by_role("link", name="Logg inn", exact=True).click()
    expect(page).to_have_url(
        "https://connect.visma.com/?ReturnUrl=https%3A%2F%2Faccountsettings.connect.visma.com%2F"
    )
