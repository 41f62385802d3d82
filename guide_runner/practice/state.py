"""The server-side state of one practice site: what a real server would remember.

One ``PracticeSite`` (so one state) per browser context. Sessions live here, not in
cookies, so a test can read or change them directly.
"""

from __future__ import annotations

import secrets
import string
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from guide_runner.practice.accounts import ACCOUNTS, MAIL_SENDER, PracticeAccount

MAX_FAILURES = 8  # DOCS: lockout after 8 failures ...
LOCKOUT_SECONDS = 30 * 60  # ... for 30 minutes
PASSWORD_HISTORY = 5  # DOCS: the last 5 passwords cannot be reused

CONNECT = "connect.visma.com"
ACCOUNT_SETTINGS = "accountsettings.connect.visma.com"
HOME = "home.visma.com"


def new_one_time_code() -> str:
    """A one-time (emergency) code ``XXXX-XXXX-XXXX-XXXX-XXXX``."""
    # No 0/O, 1/I/L: the person copies the code by hand.
    alphabet = "".join(c for c in string.ascii_uppercase + string.digits if c not in "0O1IL")
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(5))


def new_setup_code() -> str:
    """A base32 authenticator setup key, shown in groups of four."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    raw = "".join(secrets.choice(alphabet) for _ in range(32))
    return " ".join(raw[i : i + 4] for i in range(0, 32, 4))


def normalize_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


@dataclass
class Account:
    """The live copy of a practice account."""

    name: str
    email: str
    password: str
    two_step: bool
    one_time_code: str | None
    eid_provider: str | None
    eid_masked_id: str | None
    language: str
    phone: str
    organisation: str
    failures: int = 0
    locked_until: float | None = None
    old_passwords: list[str] = field(default_factory=list)

    @classmethod
    def from_practice(cls, a: PracticeAccount) -> Account:
        return cls(
            a.name,
            a.email,
            a.password,
            a.two_step,
            a.one_time_code,
            a.eid_provider,
            a.eid_masked_id,
            a.language,
            a.phone,
            a.organisation,
        )

    @property
    def first_name(self) -> str:
        return self.name.split()[0]

    def locked(self, now: float) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def one_time_matches(self, code: str) -> bool:
        return bool(self.one_time_code) and normalize_code(code) == normalize_code(
            self.one_time_code or ""
        )

    def renew_one_time_code(self) -> str:
        """Use up the current one-time code: a new one replaces it."""
        self.one_time_code = new_one_time_code()
        return self.one_time_code

    def change_password(self, new: str) -> None:
        self.old_passwords = [self.password, *self.old_passwords][:PASSWORD_HISTORY]
        self.password = new
        self.failures = 0
        self.locked_until = None

    def reuses_password(self, candidate: str) -> bool:
        return candidate == self.password or candidate in self.old_passwords


@dataclass
class Mail:
    id: int
    to: str
    subject: str
    paragraphs: list[str]
    link_text: str | None
    link_url: str | None
    sent_at: float
    kind: str  # reset, one-time-link, password-changed
    sender: str = MAIL_SENDER
    read: bool = False


@dataclass
class LinkToken:
    email: str
    kind: str  # reset, one-time-link
    return_url: str
    used: bool = False


@dataclass
class PendingTwoStep:
    """Password accepted; the second step is still to come."""

    email: str
    return_url: str
    client_id: str
    new_code_shown: bool = False  # a one-time code was used; the new one is on /totp/newcode


@dataclass
class SiteState:
    clock: Callable[[], float] = time.time
    accounts: dict[str, Account] = field(default_factory=dict)  # by email (lower case)
    connect_user: str | None = None  # signed in to Visma Connect (IdP session)
    app_sessions: dict[str, str] = field(default_factory=dict)  # host -> email
    login_email: str | None = None  # what the email step accepted (tempSession)
    remembered_email: str | None = None  # "Save my email address for next time"
    pending: PendingTwoStep | None = None
    link_tokens: dict[str, LinkToken] = field(default_factory=dict)
    human_tokens: set[str] = field(default_factory=set)
    human_passed: set[str] = field(default_factory=set)
    mails: list[Mail] = field(default_factory=list)
    setup_codes: dict[str, str] = field(default_factory=dict)  # email -> 2SV setup code
    reauthenticated: dict[str, float] = field(default_factory=dict)  # email -> when (home)
    enrolment_code: dict[str, str] = field(default_factory=dict)  # email -> code to store

    @classmethod
    def fresh(cls, clock: Callable[[], float] = time.time) -> SiteState:
        accounts = {a.email: Account.from_practice(a) for a in ACCOUNTS.values()}
        return cls(clock=clock, accounts=accounts)

    def now(self) -> float:
        return self.clock()

    def account(self, email: str | None) -> Account | None:
        return self.accounts.get((email or "").strip().lower())

    # Sessions -------------------------------------------------------------------------

    def signed_in(self, host: str) -> Account | None:
        """Who is signed in on ``host`` (``connect.visma.com`` or an app host)."""
        email = self.connect_user if host == CONNECT else self.app_sessions.get(host)
        return self.account(email)

    def sign_in_connect(self, email: str) -> None:
        self.connect_user = email
        self.pending = None

    def sign_out_everywhere(self, email: str | None = None) -> None:
        """End the Visma Connect session and every app session (of ``email`` if given)."""
        if email is None or self.connect_user == email:
            self.connect_user = None
        for host, who in list(self.app_sessions.items()):
            if email is None or who == email:
                del self.app_sessions[host]

    # Mails and links -------------------------------------------------------------------

    def send_mail(
        self,
        to: str,
        kind: str,
        subject: str,
        paragraphs: list[str],
        link_text: str | None = None,
        link_url: str | None = None,
    ) -> Mail:
        mail = Mail(
            len(self.mails) + 1, to, subject, paragraphs, link_text, link_url, self.now(), kind
        )
        self.mails.append(mail)
        return mail

    def mails_to(self, email: str) -> list[Mail]:
        return [m for m in reversed(self.mails) if m.to == email]

    def new_link_token(self, email: str, kind: str, return_url: str) -> str:
        token = secrets.token_urlsafe(24)
        self.link_tokens[token] = LinkToken(email, kind, return_url)
        return token

    def valid_link(self, token: str | None, kind: str) -> LinkToken | None:
        found = self.link_tokens.get(token or "")
        if found is None or found.used or found.kind != kind:
            return None
        return found
