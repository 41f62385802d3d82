"""inbox.guide-runner.test: the practice mailbox (a practice-only host, like a webmail).

Every mail the practice site sends is here, newest first; links to other hosts open in a
new tab.
"""

from __future__ import annotations

import time

from guide_runner.practice.http import Response
from guide_runner.practice.server.base import Ctx, Routes
from guide_runner.practice.state import Mail

routes = Routes()


def _view(mail: Mail) -> dict[str, object]:
    return {
        "id": mail.id,
        "to": mail.to,
        "sender": mail.sender,
        "subject": mail.subject,
        "paragraphs": mail.paragraphs,
        "link_text": mail.link_text or "",
        "link_url": mail.link_url or "",
        "date": time.strftime("%Y-%m-%d %H:%M", time.localtime(mail.sent_at)),
        "unread": not mail.read,
        "kind": mail.kind,
    }


@routes.get("/")
def mailbox(ctx: Ctx) -> Response:
    who = ctx.request.arg("to")
    mails = [m for m in reversed(ctx.state.mails) if not who or m.to == who.lower()]
    return ctx.render("index.html", mails=[_view(m) for m in mails], has_mails=bool(mails))


@routes.get("/mail/<id>")
def open_mail(ctx: Ctx) -> Response:
    found = next((m for m in ctx.state.mails if str(m.id) == ctx.params.get("id")), None)
    if found is None:
        return Response.not_found()
    found.read = True
    return ctx.render("mail.html", message=_view(found))
