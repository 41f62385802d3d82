"""The organisation's Visma Enterprise entry page (a practice stand-in host).

The article goes from signing in to Visma Enterprise straight to the account page with
the linked eID, so "Sign in" goes through Visma Connect to Account Settings.
"""

from __future__ import annotations

from guide_runner.practice.accounts import KARI
from guide_runner.practice.http import Response
from guide_runner.practice.server.accountsettings import SIGN_IN_URL
from guide_runner.practice.server.base import Ctx, Routes

routes = Routes()


@routes.get("/")
def entry(ctx: Ctx) -> Response:
    kari = ctx.state.account(KARI.email)
    wrong_link = kari is not None and kari.eid_provider is not None
    return ctx.render("index.html", sign_in_url=SIGN_IN_URL, show_error=wrong_link)
