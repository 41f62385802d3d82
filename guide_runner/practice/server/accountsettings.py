"""accountsettings.connect.visma.com: the signed-in account page with the linked eID.

Not public beyond HELP/DOCS facts: the eID row, its trash button and both dialogs are
modelled on the article (shared/seeds/000_…), as the page source says.
"""

from __future__ import annotations

from urllib.parse import quote

from guide_runner.practice.http import Response
from guide_runner.practice.server.base import Ctx, Routes
from guide_runner.practice.state import ACCOUNT_SETTINGS, Account

routes = Routes()

HOME_URL = f"https://{ACCOUNT_SETTINGS}/"
SIGN_IN_URL = "https://connect.visma.com/?ReturnUrl=" + quote(HOME_URL, safe="")


def current(ctx: Ctx) -> Account | None:
    """The app session; a Visma Connect session signs in silently (as OpenID Connect does)."""
    account = ctx.state.signed_in(ACCOUNT_SETTINGS)
    if account is None and ctx.state.connect_user is not None:
        ctx.state.app_sessions[ACCOUNT_SETTINGS] = ctx.state.connect_user
        account = ctx.state.signed_in(ACCOUNT_SETTINGS)
    return account


@routes.get("/")
def account_page(ctx: Ctx) -> Response:
    account = current(ctx)
    if account is None:
        return Response.redirect(SIGN_IN_URL)
    return ctx.render("index.html", user=account, has_eid=account.eid_provider is not None)


@routes.post("/api/eid/remove")
def remove_eid(ctx: Ctx) -> Response:
    account = current(ctx)
    if account is None:
        return Response.json({"ok": False, "error": "signed-out"}, 401)
    if str(ctx.request.json().get("password", "")) != account.password:
        return Response.json({"ok": False, "error": ctx.t("account.pw_wrong")}, 403)
    account.eid_provider = None
    account.eid_masked_id = None
    return Response.json({"ok": True, "message": ctx.t("account.removed")})


@routes.get("/logout")
def logout(ctx: Ctx) -> Response:
    ctx.state.sign_out_everywhere()
    return Response.redirect(SIGN_IN_URL)
