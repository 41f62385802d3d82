"""connect.visma.com: sign-in (email, password, two-step), forgot/reset password, sign-out.

Modelled on public facts (shared/reference/visma-pages.md); where the real page is not
public the page file says so in a comment.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from urllib.parse import urlsplit

from guide_runner.practice.accounts import AUTHENTICATOR_CODE
from guide_runner.practice.http import Response
from guide_runner.practice.language import FOOTER_CULTURES
from guide_runner.practice.server.base import Ctx, Routes, with_query
from guide_runner.practice.state import (
    ACCOUNT_SETTINGS,
    HOME,
    LOCKOUT_SECONDS,
    MAX_FAILURES,
    Account,
    PendingTwoStep,
)

routes = Routes()

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
EXTERNAL_PROVIDERS = ("Facebook", "GitHub", "Google", "LinkedIn", "ID-porten")
PASSWORD_RULES: dict[str, Callable[[str], bool]] = {
    "length": lambda p: len(p) >= 8,
    "upper": lambda p: any(c.isupper() for c in p),
    "lower": lambda p: any(c.islower() for c in p),
    "digit": lambda p: any(c.isdigit() for c in p),
    "special": lambda p: any(not c.isalnum() and not c.isspace() for c in p),
}


# Shared page values -------------------------------------------------------------------


def _flow(ctx: Ctx) -> tuple[str, str]:
    """(client id, return url) of this sign-in, from the query or the posted form."""
    req = ctx.request
    client_id = req.arg("clientId", "ClientId") or req.field("ClientId") or ""
    raw = req.arg("ReturnUrl", "returnUrl") or req.field("ReturnUrl") or None
    if not raw and ctx.state.pending is not None:
        raw = ctx.state.pending.return_url
    return_url = ctx.return_url(raw)
    if not client_id:
        client_id = _client_for(return_url)
    return client_id, return_url


def _client_for(return_url: str) -> str:
    host = urlsplit(return_url).hostname or ""
    return {ACCOUNT_SETTINGS: "accountsettings", HOME: "visma.net"}.get(host, "visma_connect")


def _client_name(ctx: Ctx, return_url: str) -> str:
    host = urlsplit(return_url).hostname or ""
    key = {ACCOUNT_SETTINGS: "signin.client_accountsettings", HOME: "signin.client_home"}
    return ctx.t(key.get(host, "signin.client_default"))


def _page(ctx: Ctx, rel: str, status: int = 200, **values: object) -> Response:
    client_id, return_url = _flow(ctx)
    footer = [
        {"code": code, "name": ctx.t(key), "current": code == values.get("culture_code")}
        for code, key in FOOTER_CULTURES
    ]
    base = {
        "client_id": client_id,
        "return_url": return_url,
        "client_name": _client_name(ctx, return_url),
        "flow_query": with_query("", clientId=client_id, returnUrl=return_url)[1:],
        "token": secrets.token_urlsafe(32),
        "footer_cultures": footer,
        "show_cookie_banner": ".cookieInformation" not in ctx.request.cookies,
        "errors": [],
    }
    return ctx.render(rel, status, **{**base, **values})


def _to(ctx: Ctx, path: str) -> Response:
    """Redirect within the sign-in flow, keeping clientId and returnUrl."""
    client_id, return_url = _flow(ctx)
    return Response.redirect(with_query(path, clientId=client_id, returnUrl=return_url))


# Email step ---------------------------------------------------------------------------


@routes.get("/")
def email_step(ctx: Ctx) -> Response:
    remembered = ctx.state.remembered_email
    return _page(
        ctx,
        "index.html",
        username=remembered or "",
        remember_checked=bool(remembered),
        providers=list(EXTERNAL_PROVIDERS),
    )


@routes.post("/")
def email_posted(ctx: Ctx) -> Response:
    email = ctx.request.field("Username").strip()
    remember = "true" in ctx.request.fields("RememberUsername")
    error = None
    if not EMAIL_RE.match(email):
        error = ctx.t("signin.invalid_email")
    elif ctx.state.account(email) is None:
        error = ctx.t("signin.unknown_email")
    if error:
        # MEASURED: a rejected step is the same page again, HTTP 200, validation summary.
        return _page(
            ctx,
            "index.html",
            username=email,
            remember_checked=remember,
            providers=list(EXTERNAL_PROVIDERS),
            errors=[error],
        )
    ctx.state.login_email = email.lower()
    ctx.state.remembered_email = email.lower() if remember else None
    return _to(ctx, "/password")


# Password step ------------------------------------------------------------------------


def _password_page(ctx: Ctx, errors: list[str]) -> Response:
    client_id, return_url = _flow(ctx)
    return _page(
        ctx,
        "password.html",
        email=ctx.state.login_email,
        errors=errors,
        back_url=with_query("/", ReturnUrl=return_url, clientId=client_id),
    )


@routes.get("/password")
def password_step(ctx: Ctx) -> Response:
    if ctx.state.login_email is None:
        return _to(ctx, "/")
    return _password_page(ctx, [])


@routes.post("/login/password")
def password_posted(ctx: Ctx) -> Response:
    account = ctx.state.account(ctx.state.login_email)
    if account is None:
        return _to(ctx, "/")
    now = ctx.state.now()
    if account.locked(now):
        return _password_page(ctx, [ctx.t("password.locked")])
    if ctx.request.field("Password") != account.password:
        account.failures += 1
        if account.failures >= MAX_FAILURES:
            account.locked_until = now + LOCKOUT_SECONDS
            account.failures = 0
            return _password_page(ctx, [ctx.t("password.locked")])
        return _password_page(ctx, [ctx.t("password.wrong")])
    account.failures = 0
    return _signed_in_with_password(ctx, account)


def _signed_in_with_password(ctx: Ctx, account: Account) -> Response:
    client_id, return_url = _flow(ctx)
    if account.two_step:
        ctx.state.pending = PendingTwoStep(account.email, return_url, client_id)
        return _to(ctx, "/totp")
    ctx.state.sign_in_connect(account.email)
    return Response.redirect(return_url)


# Two-step verification ----------------------------------------------------------------


def _pending_account(ctx: Ctx) -> Account | None:
    pending = ctx.state.pending
    return ctx.state.account(pending.email) if pending else None


@routes.get("/login/password")
def password_get(ctx: Ctx) -> Response:
    return _to(ctx, "/password")


@routes.get("/totp/auth")
def totp_auth_get(ctx: Ctx) -> Response:
    return _to(ctx, "/totp")


@routes.get("/totp")
def totp_page(ctx: Ctx) -> Response:
    if _pending_account(ctx) is None:
        return _to(ctx, "/")
    return _page(ctx, "totp.html")


@routes.get("/totp/methods")
def totp_methods(ctx: Ctx) -> Response:
    if _pending_account(ctx) is None:
        return _to(ctx, "/")
    return _page(ctx, "totp/methods.html")


@routes.get("/totp/recovery")
def totp_recovery(ctx: Ctx) -> Response:
    if _pending_account(ctx) is None:
        return _to(ctx, "/")
    return _page(ctx, "totp/recovery.html")


@routes.post("/totp/auth")
def totp_posted(ctx: Ctx) -> Response:
    account = _pending_account(ctx)
    if account is None or ctx.state.pending is None:
        return _to(ctx, "/")
    code = ctx.request.field("AuthCode").strip()
    recovery = ctx.request.field("Method") == "recovery"
    if not recovery and code == AUTHENTICATOR_CODE:
        ctx.state.sign_in_connect(account.email)
        pending_url = ctx.state.pending.return_url if ctx.state.pending else _flow(ctx)[1]
        return Response.redirect(pending_url)
    if recovery and account.one_time_matches(code):
        account.renew_one_time_code()
        ctx.state.pending.new_code_shown = True
        return _to(ctx, "/totp/newcode")
    page = "totp/recovery.html" if recovery else "totp.html"
    return _page(ctx, page, errors=[ctx.t("totp.wrong_code")])


@routes.get("/totp/newcode")
def totp_new_code(ctx: Ctx) -> Response:
    account = _pending_account(ctx)
    if account is None or ctx.state.pending is None or not ctx.state.pending.new_code_shown:
        return _to(ctx, "/")
    return _page(ctx, "totp/newcode.html", new_code=account.one_time_code)


@routes.post("/totp/newcode")
def totp_new_code_stored(ctx: Ctx) -> Response:
    account = _pending_account(ctx)
    pending = ctx.state.pending
    if account is None or pending is None or not pending.new_code_shown:
        return _to(ctx, "/")
    if "true" not in ctx.request.fields("CodeStored"):
        return _page(ctx, "totp/newcode.html", new_code=account.one_time_code)
    return_url = pending.return_url
    ctx.state.sign_in_connect(account.email)
    return Response.redirect(return_url)


# Forgot password ----------------------------------------------------------------------


@routes.get("/forgotpassword")
def forgot_page(ctx: Ctx) -> Response:
    if ctx.state.login_email is None:
        return _to(ctx, "/")
    return _page(ctx, "forgotpassword.html", email=ctx.state.login_email)


@routes.get("/challenge/human")
def human_check(ctx: Ctx) -> Response:
    token = secrets.token_urlsafe(16)
    ctx.state.human_tokens.add(token)
    return ctx.render("challenge/human.html", human_token=token)


@routes.post("/challenge/human")
def human_checked(ctx: Ctx) -> Response:
    token = str(ctx.request.json().get("token", ""))
    if token not in ctx.state.human_tokens:
        return Response.json({"ok": False}, 400)
    ctx.state.human_tokens.discard(token)
    ctx.state.human_passed.add(token)
    return Response.json({"ok": True})


@routes.post("/forgotpassword")
def forgot_posted(ctx: Ctx) -> Response:
    account = ctx.state.account(ctx.state.login_email)
    if account is None:
        return _to(ctx, "/")
    token = ctx.request.field("HumanToken")
    if token not in ctx.state.human_passed:
        return _page(
            ctx, "forgotpassword.html", email=account.email, errors=[ctx.t("forgot.human_required")]
        )
    ctx.state.human_passed.discard(token)
    _, return_url = _flow(ctx)
    if ctx.request.field("Action") == "onetimelink":
        link = ctx.state.new_link_token(account.email, "one-time-link", return_url)
        ctx.state.send_mail(
            account.email,
            "one-time-link",
            ctx.t("mail.onetime_subject"),
            [ctx.t("mail.greeting", name=account.first_name), ctx.t("mail.onetime_text")],
            ctx.t("mail.onetime_link"),
            f"https://connect.visma.com/onetimelink?token={link}",
        )
    else:
        link = ctx.state.new_link_token(account.email, "reset", return_url)
        ctx.state.send_mail(
            account.email,
            "reset",
            ctx.t("mail.reset_subject"),
            [ctx.t("mail.greeting", name=account.first_name), ctx.t("mail.reset_text")],
            ctx.t("mail.reset_link"),
            f"https://connect.visma.com/resetpassword?token={link}",
        )
    return _to(ctx, "/forgotpassword/sent")


@routes.get("/forgotpassword/sent")
def forgot_sent(ctx: Ctx) -> Response:
    return _page(ctx, "forgotpassword/sent.html", email=ctx.state.login_email or "")


# New password -------------------------------------------------------------------------


def _rules(ctx: Ctx, password: str) -> list[dict[str, object]]:
    return [
        {"id": rule, "text": ctx.t(f"reset.rule_{rule}"), "met": check(password)}
        for rule, check in PASSWORD_RULES.items()
    ]


@routes.get("/resetpassword")
def reset_page(ctx: Ctx) -> Response:
    token = ctx.request.arg("token") or ""
    if ctx.state.valid_link(token, "reset") is None:
        return _page(ctx, "invalid-link.html")
    return _page(ctx, "resetpassword.html", reset_token=token, rules=_rules(ctx, ""))


@routes.post("/resetpassword")
def reset_posted(ctx: Ctx) -> Response:
    token = ctx.request.field("Token")
    link = ctx.state.valid_link(token, "reset")
    account = ctx.state.account(link.email) if link else None
    if link is None or account is None:
        return _page(ctx, "invalid-link.html")
    new = ctx.request.field("NewPassword")
    confirm = ctx.request.field("ConfirmPassword")
    errors = []
    if not all(check(new) for check in PASSWORD_RULES.values()):
        errors.append(ctx.t("reset.rules_failed"))
    elif new != confirm:
        errors.append(ctx.t("reset.mismatch"))
    elif account.reuses_password(new):
        errors.append(ctx.t("reset.reused"))
    if errors:
        return _page(
            ctx, "resetpassword.html", reset_token=token, rules=_rules(ctx, ""), errors=errors
        )
    link.used = True
    account.change_password(new)
    # DOCS: "Changing your password will log you out immediately."
    ctx.state.sign_out_everywhere(account.email)
    ctx.state.send_mail(
        account.email,
        "password-changed",
        ctx.t("mail.changed_subject"),
        [ctx.t("mail.greeting", name=account.first_name), ctx.t("mail.changed_text")],
        ctx.t("mail.changed_link"),
        "https://accountsettings.connect.visma.com/",
    )
    return Response.redirect(with_query("/resetpassword/done", returnUrl=link.return_url))


@routes.get("/resetpassword/done")
def reset_done(ctx: Ctx) -> Response:
    return _page(ctx, "resetpassword/done.html")


# One-time sign-in link, external sign-in, sign-out ------------------------------------


@routes.get("/onetimelink")
def one_time_link(ctx: Ctx) -> Response:
    link = ctx.state.valid_link(ctx.request.arg("token"), "one-time-link")
    account = ctx.state.account(link.email) if link else None
    if link is None or account is None:
        return _page(ctx, "invalid-link.html")
    link.used = True
    ctx.state.login_email = account.email
    if account.two_step:
        ctx.state.pending = PendingTwoStep(
            account.email, link.return_url, _client_for(link.return_url)
        )
        return Response.redirect(with_query("/totp", returnUrl=link.return_url))
    ctx.state.sign_in_connect(account.email)
    return Response.redirect(link.return_url)


@routes.get("/external/login")
@routes.post("/external/login")
def external_login(ctx: Ctx) -> Response:
    provider = ctx.request.field("ProviderName") or ctx.request.arg("provider") or ""
    return _page(ctx, "external/login.html", provider=provider)


@routes.get("/logout")
def logout(ctx: Ctx) -> Response:
    ctx.state.sign_out_everywhere(ctx.state.connect_user)
    ctx.state.connect_user = None
    ctx.state.pending = None
    return Response.redirect(with_query("/", ReturnUrl=ctx.request.arg("ReturnUrl", "returnUrl")))
