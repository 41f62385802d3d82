"""The autopilot: a simulated person for the practice site, and for nothing else.

Given a step and its resolved target it does what the step asks, as a person would: clicks
the target, types the practice account's data into it, opens the newest mail's link by
"pasting it into the address bar", and does nothing for steps on the phone or on paper.

It refuses by construction to act anywhere but the practice site: before every action it
checks that the page's context is served by a ``PracticeSite`` (attached with
:func:`serve`, or ``Autopilot.attach``) and that the page's address is an ``https`` address
of one of that site's hosts; otherwise it raises :class:`AutopilotRefused` and does nothing.
Practice values (passwords, codes) come from the site's server-side state, never from a page.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, Locator, Page

from guide_runner.guide.model import Guide, Step
from guide_runner.practice import ACCOUNTS, AUTHENTICATOR_CODE, PracticeSite
from guide_runner.practice.state import Account

# Which practice account walks which guide. Guides not listed: a guide that asks for a
# one-time or app code needs the two-step account, any other the plain one.
GUIDE_ACCOUNTS: dict[str, str] = {
    "feil-epost-bankid": "kari",
    "ny-mobil-tvastegs": "sven",
}
TWO_STEP_ACCOUNT = "sven"
PLAIN_ACCOUNT = "kari"

# New passwords the autopilot picks, in order, skipping any the account has used.
NEW_PASSWORDS = (
    "Nytt-Passord-2026!",
    "Nytt-Passord-2027!",
    "Nytt-Passord-2028!",
    "Nytt-Passord-2029!",
    "Nytt-Passord-2030!",
    "Nytt-Passord-2031!",
    "Nytt-Passord-2032!",
)

MAIL_LINK_KINDS = ("reset", "one-time-link")

# Contexts a PracticeSite serves, recorded when installed through this module.
_SERVED: weakref.WeakKeyDictionary[BrowserContext, PracticeSite] = weakref.WeakKeyDictionary()


class AutopilotRefused(Exception):
    """The autopilot was asked to act outside the practice site."""


class AutopilotError(Exception):
    """The autopilot cannot do what the step asks (no practice value, no mail…)."""


def serve(site: PracticeSite, context: BrowserContext) -> None:
    """``site.install(context)``, remembered so an autopilot may act in that context."""
    site.install(context)
    _SERVED[context] = site


def account_for(guide: Guide) -> str:
    """The key of the practice account (``ACCOUNTS[key]``) that walks ``guide``."""
    if guide.id in GUIDE_ACCOUNTS:
        return GUIDE_ACCOUNTS[guide.id]
    two_step = any(s.enters in ("one-time-code", "app-code") for s in guide.steps)
    return TWO_STEP_ACCOUNT if two_step else PLAIN_ACCOUNT


@dataclass
class Autopilot:
    site: PracticeSite
    account_key: str
    new_password: str | None = field(default=None, repr=False)
    actions: list[str] = field(default_factory=list)  # what it did, without any values

    @classmethod
    def for_guide(cls, site: PracticeSite, guide: Guide) -> Autopilot:
        return cls(site, account_for(guide))

    def attach(self, context: BrowserContext) -> None:
        """Install this autopilot's practice site on ``context`` (see :func:`serve`)."""
        serve(self.site, context)

    # Safety ---------------------------------------------------------------------------

    def ensure_practice(self, page: Page, url: str | None = None) -> None:
        """Raise AutopilotRefused unless ``page`` (and ``url``) are on this practice site."""
        if _SERVED.get(page.context) is not self.site:
            raise AutopilotRefused(
                "the autopilot acts only in a browser context served by its practice site"
            )
        for address in (page.url, *([url] if url is not None else [])):
            parts = urlsplit(address)
            host = (parts.hostname or "").lower()
            if parts.scheme != "https" or host not in self.site.hosts():
                shown = f"{parts.scheme}://{host}" if host else address.split("?")[0]
                raise AutopilotRefused(
                    f"the autopilot does not act on {shown}: not a practice page"
                )

    # Practice values -------------------------------------------------------------------

    @property
    def account(self) -> Account:
        email = ACCOUNTS[self.account_key].email
        found = self.site.state.account(email)
        if found is None:
            raise AutopilotError(f"the practice site has no account {email}")
        return found

    def value_for(self, entry: str) -> str:
        """What the practice person types for ``enters: entry``."""
        account = self.account
        if entry == "email":
            return account.email
        if entry == "password":
            return account.password
        if entry == "new-password":
            if self.new_password is None:
                self.new_password = next(
                    (p for p in NEW_PASSWORDS if not account.reuses_password(p)), None
                )
                if self.new_password is None:
                    raise AutopilotError("every practice new password has been used")
            return self.new_password
        if entry == "one-time-code":
            if not account.one_time_code:
                raise AutopilotError(f"{account.email} has no one-time code")
            return account.one_time_code
        if entry == "app-code":
            return AUTHENTICATOR_CODE
        raise AutopilotError(f"no practice value for {entry!r}")

    def mail_link(self) -> str:
        """The link in the newest mail to the account that carries one (reset, sign-in)."""
        for mail in self.site.state.mails_to(self.account.email):
            if mail.kind in MAIL_LINK_KINDS and mail.link_url:
                return mail.link_url
        raise AutopilotError(f"no mail with a link for {self.account.email}")

    # Acting ----------------------------------------------------------------------------

    def perform(
        self,
        page: Page,
        step: Step,
        target: Locator | None,
        *,
        force: bool = False,
        checked: bool = False,
        timeout: float = 5.0,
    ) -> None:
        """Do what ``step`` asks on ``page``. ``force``: act on the target through a cover.

        ``checked``: the target's usability was checked just now (visible, enabled, reached
        by a click at its centre), so a click does not wait for Playwright's actionability
        checks again.
        """
        self.ensure_practice(page)
        ms = timeout * 1000
        if step.do == "click":
            if target is None:
                raise AutopilotError(f"step {step.id} has no target to click")
            if force:
                # Something covers the target: a mouse click would land on the cover, so
                # the click goes to the element itself (as if the person moved the cover).
                target.dispatch_event("click", timeout=ms)
            else:
                target.click(timeout=ms, force=checked)
            self.actions.append(f"{step.id}: click")
        elif step.do == "type":
            if target is None or step.enters is None:
                raise AutopilotError(f"step {step.id} has no field to type into")
            target.fill(self.value_for(step.enters), force=force, timeout=ms)
            self.actions.append(f"{step.id}: type {step.enters}")
        elif step.do == "outside" and step.via == "email":
            link = self.mail_link()
            self.ensure_practice(page, link)
            page.goto(link, timeout=ms)  # pasted into this window's address bar
            self.actions.append(f"{step.id}: open the mail's link")
        else:
            self.actions.append(f"{step.id}: nothing to do in the browser")
