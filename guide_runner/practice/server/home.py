"""home.visma.com (Visma.net): home page, user menu, My details with two-step settings.

Not public beyond HELP facts (user menu under the name, "My details", "Disable two-step
verification" far down, password prompt, 6-digit prompt with "Lost my phone", one-time
code, "Enable two-step verification" with a QR code and a setup code beneath).
"""

from __future__ import annotations

import time
from urllib.parse import quote

from guide_runner.practice.accounts import AUTHENTICATOR_CODE
from guide_runner.practice.http import Response
from guide_runner.practice.qr import qr_svg
from guide_runner.practice.server.base import Ctx, Routes
from guide_runner.practice.state import HOME, Account, new_setup_code

routes = Routes()

HOME_URL = f"https://{HOME}/"
SIGN_IN_URL = "https://connect.visma.com/?ReturnUrl=" + quote(HOME_URL, safe="")
REAUTH_SECONDS = 15 * 60


def current(ctx: Ctx) -> Account | None:
    """The app session; a Visma Connect session signs in silently (as OpenID Connect does)."""
    account = ctx.state.signed_in(HOME)
    if account is None and ctx.state.connect_user is not None:
        ctx.state.app_sessions[HOME] = ctx.state.connect_user
        account = ctx.state.signed_in(HOME)
    return account


def _page(ctx: Ctx, rel: str, account: Account) -> Response:
    initials = "".join(part[0] for part in account.name.split()[:2])
    return ctx.render(
        rel,
        user=account,
        initials=initials,
        two_step=account.two_step,
        authenticator_code=AUTHENTICATOR_CODE,
    )


@routes.get("/")
def home_page(ctx: Ctx) -> Response:
    account = current(ctx)
    if account is None:
        return Response.redirect(SIGN_IN_URL)
    return _page(ctx, "index.html", account)


@routes.get("/my-details")
def my_details(ctx: Ctx) -> Response:
    account = current(ctx)
    if account is None:
        return Response.redirect(SIGN_IN_URL)
    return _page(ctx, "my-details.html", account)


@routes.get("/logout")
def logout(ctx: Ctx) -> Response:
    """Signs out of Visma.net and of Visma Connect, back to the sign-in page."""
    ctx.state.sign_out_everywhere()
    return Response.redirect(SIGN_IN_URL)


# Two-step settings (JSON, called by js/details.js) ------------------------------------


def _signed_in_json(ctx: Ctx) -> Account | Response:
    account = current(ctx)
    if account is None:
        return Response.json({"ok": False, "error": "signed-out"}, 401)
    return account


def _reauthenticated(ctx: Ctx, account: Account) -> bool:
    when = ctx.state.reauthenticated.get(account.email)
    return when is not None and ctx.state.now() - when < REAUTH_SECONDS


@routes.post("/api/2sv/password")
def check_password(ctx: Ctx) -> Response:
    account = _signed_in_json(ctx)
    if isinstance(account, Response):
        return account
    if str(ctx.request.json().get("password", "")) != account.password:
        return Response.json({"ok": False, "error": ctx.t("home.pw_wrong")}, 403)
    ctx.state.reauthenticated[account.email] = ctx.state.now()
    return Response.json({"ok": True})


@routes.post("/api/2sv/disable")
def disable(ctx: Ctx) -> Response:
    account = _signed_in_json(ctx)
    if isinstance(account, Response):
        return account
    if not _reauthenticated(ctx, account):
        return Response.json({"ok": False, "error": ctx.t("home.pw_wrong")}, 403)
    data = ctx.request.json()
    code = str(data.get("code", "")).strip()
    if data.get("method") == "one_time":
        ok = account.one_time_matches(code)
        if ok:
            account.renew_one_time_code()  # a one-time code works once
    else:
        ok = code == AUTHENTICATOR_CODE
    if not ok:
        return Response.json({"ok": False, "error": ctx.t("totp.wrong_code")}, 403)
    account.two_step = False
    return Response.json({"ok": True, "message": ctx.t("home.disabled_note")})


@routes.post("/api/2sv/enable/start")
def enable_start(ctx: Ctx) -> Response:
    account = _signed_in_json(ctx)
    if isinstance(account, Response):
        return account
    code = new_setup_code()
    ctx.state.setup_codes[account.email] = code
    return Response.json({"ok": True, "setup_code": code, "qr": f"/api/2sv/qr.svg?t={time.time()}"})


@routes.get("/api/2sv/qr.svg")
def qr_image(ctx: Ctx) -> Response:
    account = current(ctx)
    code = ctx.state.setup_codes.get(account.email, "") if account else ""
    uri = f"otpauth://totp/Visma:{account.email if account else ''}?secret={code}"
    return Response(200, qr_svg(uri).encode("utf-8"), "image/svg+xml")


@routes.post("/api/2sv/enable/verify")
def enable_verify(ctx: Ctx) -> Response:
    account = _signed_in_json(ctx)
    if isinstance(account, Response):
        return account
    if account.email not in ctx.state.setup_codes:
        return Response.json({"ok": False, "error": ctx.t("totp.wrong_code")}, 409)
    if str(ctx.request.json().get("code", "")).strip() != AUTHENTICATOR_CODE:
        return Response.json({"ok": False, "error": ctx.t("totp.wrong_code")}, 403)
    new_code = account.renew_one_time_code()
    ctx.state.enrolment_code[account.email] = new_code
    return Response.json({"ok": True, "one_time_code": new_code})


@routes.post("/api/2sv/enable/finish")
def enable_finish(ctx: Ctx) -> Response:
    account = _signed_in_json(ctx)
    if isinstance(account, Response):
        return account
    if ctx.state.enrolment_code.pop(account.email, None) is None:
        return Response.json({"ok": False, "error": "no-enrolment"}, 409)
    ctx.state.setup_codes.pop(account.email, None)
    account.two_step = True
    return Response.json({"ok": True, "message": ctx.t("home.enabled_note")})
