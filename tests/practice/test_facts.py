"""One test per REAL fact of shared/reference/visma-pages.md, on the replica."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from guide_runner.practice import KARI, SVEN, PracticeSite

from .helpers import HOME, SIGN_IN, sign_in

EMAIL_STEP = SIGN_IN


def test_structure_main_container_form_box_headers(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    page.goto(EMAIL_STEP)
    box = page.locator("#main-container > .form-box.form-box-login#page-login-index")
    expect(box).to_have_count(1)
    expect(box.locator("h1.client-name-header")).to_have_count(1)
    expect(box.locator("h3.theme-header")).to_contain_text("Logg inn med")
    expect(box.locator("h3.theme-header span.theme-subheader")).to_have_text(
        "Visma Connect for å fortsette til"
    )


def test_outage_alerts_exist_and_are_hidden(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    page.goto(EMAIL_STEP)
    for alert_id in ("#major-outage-alert", "#partial-outage-alert"):
        alert = page.locator(alert_id)
        expect(alert).to_have_attribute("role", "alert")
        expect(alert).to_be_hidden()
    expect(page.get_by_role("alert")).to_have_count(0)  # hidden alerts are not in the tree


def test_email_input_attributes(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    page.goto(EMAIL_STEP)
    field = page.locator("input#Username")
    for name, value in {
        "name": "Username",
        "type": "email",
        "autocomplete": "username",
        "placeholder": " ",
    }.items():
        expect(field).to_have_attribute(name, value)
    expect(field).to_have_attribute("required", "")


def test_email_label_is_untied(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    page.goto(EMAIL_STEP)
    label = page.locator("#Username ~ label.label-animated")
    expect(label).to_have_text("E-postadresse")
    assert label.get_attribute("for") is None
    expect(page.get_by_label("E-postadresse")).to_have_count(0)
    expect(page.get_by_role("textbox", name="E-postadresse")).to_have_count(0)


def test_hidden_password_input_on_the_email_step(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    page.goto(EMAIL_STEP)
    hidden = page.locator("input#Password")
    expect(hidden).to_have_attribute("type", "password")
    expect(hidden).to_have_class("hidden")
    expect(hidden).to_have_attribute("autocomplete", "current-password")
    expect(hidden).to_be_hidden()
    expect(page.locator("input[type=password]")).to_have_count(1)  # a plain locator matches it


def test_next_is_an_input_submit(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    page.goto(EMAIL_STEP)
    button = page.locator("input#LoginButton")
    expect(button).to_have_attribute("type", "submit")
    expect(button).to_have_attribute("value", "Neste")
    expect(button).to_have_class("btn btn-primary btn-block form-login-button-email")
    expect(page.get_by_role("button", name="Neste", exact=True)).to_have_count(1)


def test_remember_checkbox_wrapped_by_mismatched_label_with_hidden_twin(
    nb: tuple[PracticeSite, Page],
) -> None:
    _, page = nb
    page.goto(EMAIL_STEP)
    box = page.locator("input#login-remember-user-checkbox")
    expect(box).to_have_attribute("type", "checkbox")
    expect(box).to_have_attribute("name", "RememberUsername")
    expect(box).to_have_attribute("value", "true")
    wrapper = page.locator('label[for="RememberUsername"]')
    expect(wrapper.locator("#login-remember-user-checkbox")).to_have_count(1)
    expect(wrapper).to_contain_text("Lagre min e-postadresse til neste gang")
    expect(wrapper).to_contain_text("Ikke anbefalt på offentlig eller delt datamaskin")
    twin = page.locator('input[type=hidden][name="RememberUsername"][value="false"]')
    expect(twin).to_have_count(1)
    assert (
        page.evaluate(
            "() => document.querySelector('#login-remember-user-checkbox')"
            ".closest('.checkbox').querySelector('input[type=hidden]').name"
        )
        == "RememberUsername"
    )
    expect(page.locator("[name=RememberUsername]")).to_have_count(2)
    # HTML: a label whose `for` names no element labels nothing, even when it wraps the
    # input. So, as on the real markup, the checkbox gets no accessible name from it.
    named = page.get_by_role("checkbox", name="Lagre min e-postadresse til neste gang")
    expect(named).to_have_count(0)
    expect(page.locator("#login-remember-user-checkbox")).to_have_count(1)


def test_hidden_fields_and_client_side_error(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    page.goto(EMAIL_STEP)
    form = page.locator("form#login-form")
    for name in ("ClientId", "ReturnUrl", "__RequestVerificationToken"):
        expect(form.locator(f"input[type=hidden][name={name}]")).to_have_count(1)
    expect(form.locator("input[name=ReturnUrl]")).to_have_value(
        "https://accountsettings.connect.visma.com/"
    )
    error = page.locator("span.text-error#ErrorMessage")
    expect(error).to_be_hidden()
    page.locator("#CookieHideButton").click()
    page.locator("#Username").fill("not-an-email")
    page.locator("#LoginButton").click()
    expect(error).to_be_visible()
    expect(error).to_have_text("Ugyldig e-postadresse")


def test_form_posts_to_root_and_rejection_is_200_with_validation_summary(
    nb: tuple[PracticeSite, Page],
) -> None:
    site, page = nb
    page.goto(EMAIL_STEP)
    expect(page.locator("form#login-form")).to_have_attribute("method", "post")
    expect(page.locator("form#login-form")).to_have_attribute("action", "/")
    page.locator("#CookieHideButton").click()
    page.locator("#Username").fill("nobody@example.com")
    with page.expect_response(lambda r: r.request.method == "POST") as info:
        page.locator("#LoginButton").click()
    assert info.value.status == 200
    expect(page).to_have_url("https://connect.visma.com/")
    expect(page.locator(".validation-summary-errors")).to_have_text(
        "Vi finner ingen bruker med denne e-postadressen."
    )
    assert site.served[-1][:2] == ("POST", "https://connect.visma.com/") or any(
        m == "POST" for m, _, _ in site.served
    )


def test_cookie_banner_covers_the_form_until_ok(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    page.goto(EMAIL_STEP)
    overlay = page.locator("div.cookie-overlay")
    expect(overlay).to_be_visible()
    box = page.locator("#Username").bounding_box()
    assert box is not None
    on_top = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('.cookie-overlay') !== null",
        [box["x"] + 5, box["y"] + 5],
    )
    assert on_top, "the banner must cover the email field"
    page.get_by_role("button", name="OK", exact=True).click()
    expect(overlay).to_have_count(0)
    page.reload()
    expect(page.locator("div.cookie-overlay")).to_have_count(0)
    cookies = {c["name"] for c in page.context.cookies("https://connect.visma.com/")}
    assert ".cookieInformation" in cookies


def test_footer_language_menu_structure(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    page.goto(EMAIL_STEP)
    toggle = page.locator("a#language-dropdown-toggle")
    expect(toggle).to_have_attribute("aria-haspopup", "true")
    menu = page.locator("ul#language-dropdown-menu")
    expect(menu).to_have_attribute("role", "menu")
    codes = menu.locator("a[role=menuitem][data-footer-lang-code]")
    expect(codes).to_have_count(7)
    wanted = {
        "da-DK": "Dansk",
        "en-US": "English",
        "nl-NL": "Nederlands",
        "nb-NO": "Norsk",
        "fi-FI": "Suomi",
        "sv-SE": "Svenska",
    }
    for code, name in wanted.items():
        expect(menu.locator(f'[data-footer-lang-code="{code}"]')).to_have_text(name)


def test_external_sign_in_posts_to_external_login(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    page.goto(EMAIL_STEP)
    form = page.locator("form.external-login")
    expect(form).to_have_attribute("action", "/external/login")
    for provider in ("Facebook", "GitHub", "Google", "LinkedIn", "ID-porten"):
        expect(page.get_by_role("button", name=f"Logg på med {provider}")).to_have_count(1)
    expect(
        page.get_by_role("button", name="Logg inn med sikkerhetsnøkkel eller biometri")
    ).to_be_visible()
    expect(page.get_by_text("ELLER", exact=True)).to_be_visible()
    page.locator("#CookieHideButton").click()
    page.get_by_role("button", name="Logg på med ID-porten").click()
    expect(page).to_have_url("https://connect.visma.com/external/login")
    expect(page.get_by_role("status")).to_contain_text("ID-porten")


def test_password_step_address_form_and_layout(nb: tuple[PracticeSite, Page]) -> None:
    _, page = nb
    page.goto(EMAIL_STEP)
    page.locator("#CookieHideButton").click()
    page.locator("#Username").fill(KARI.email)
    page.locator("#LoginButton").click()
    page.wait_for_url("https://connect.visma.com/password?clientId=*&returnUrl=*")
    expect(page.locator("form#password-form")).to_have_attribute("action", "/login/password")
    expect(page.get_by_label("Passord", exact=True)).to_have_attribute("name", "Password")
    expect(page.locator("#DisplayUsername")).to_have_text(KARI.email)
    back = page.get_by_role("link", name="Endre e-postadresse")
    expect(back).to_be_visible()
    expect(page.get_by_role("checkbox")).to_have_count(0)  # no "stay signed in" (MEASURED)
    button = page.get_by_role("button", name="Logg inn", exact=True).bounding_box()
    forgot = page.get_by_role("link", name="Glemt ditt passord?").bounding_box()
    assert button and forgot and forgot["y"] > button["y"], "the link sits below the button"
    back.click()
    expect(page).to_have_url(EMAIL_STEP + "&clientId=accountsettings")


def test_totp_page_structure(sv: tuple[PracticeSite, Page]) -> None:
    _, page = sv
    sign_in(page, SVEN.email, SVEN.password, HOME)
    page.wait_for_url("https://connect.visma.com/totp?**")
    form = page.locator('form[action="/totp/auth"]')
    code = form.locator("input#AuthCode")
    expect(code).to_have_attribute("name", "AuthCode")
    expect(code).to_have_attribute("type", "tel")
    expect(code).to_have_attribute("maxlength", "6")
    submit = form.locator("input#ButtonSubmit")
    expect(submit).to_have_attribute("type", "submit")
    expect(submit).to_have_attribute("value", "Verifiera")
    remember = form.locator("input#RememberCode")
    expect(remember).to_have_attribute("type", "checkbox")
    expect(form.locator('input[type=hidden][name=RememberCode][value="false"]')).to_have_count(1)
    for name in ("DisableRememberDevice", "ClientId", "ReturnUrl", "__RequestVerificationToken"):
        expect(form.locator(f"input[type=hidden][name={name}]")).to_have_count(1)
    expect(page.get_by_role("link", name="Prova ett annat sätt")).to_be_visible()


def test_mail_sender_and_lockout_numbers() -> None:
    from guide_runner.practice import MAIL_SENDER
    from guide_runner.practice.state import LOCKOUT_SECONDS, MAX_FAILURES

    assert MAIL_SENDER == "do.not.reply@mail.connect.visma.com"
    assert (MAX_FAILURES, LOCKOUT_SECONDS) == (8, 30 * 60)
