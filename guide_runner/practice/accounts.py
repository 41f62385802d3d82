"""The practice accounts: fake people with documented passwords and codes.

See docs/practice-site.md.
"""

from __future__ import annotations

from dataclasses import dataclass

# The practice authenticator: the only 6-digit code the practice site accepts from "the app".
# It is also printed on the practice QR page as "Practice code".
AUTHENTICATOR_CODE = "246810"

MAIL_SENDER = "do.not.reply@mail.connect.visma.com"


@dataclass(frozen=True)
class PracticeAccount:
    """How a practice account starts out; the live copy is in ``PracticeSite.state``."""

    key: str
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


KARI = PracticeAccount(
    key="kari",
    name="Kari Nordmann",
    email="kari.nordmann@example.com",
    password="Ovelse-Passord1!",
    two_step=False,
    one_time_code=None,
    eid_provider="ID-porten (BankID)",
    eid_masked_id="010190*****",
    language="nb",
    phone="+47 400 00 000",
    organisation="Øvingsnes kommune",
)

SVEN = PracticeAccount(
    key="sven",
    name="Sven Svensson",
    email="sven.svensson@example.com",
    password="Ovning-Losen1!",
    two_step=True,
    one_time_code="7K3M-9QXA-4TRD-2PWN-8HVE",
    eid_provider=None,
    eid_masked_id=None,
    language="sv",
    phone="+46 70 000 00 00",
    organisation="Övningsbolaget AB",
)

# By short key: ACCOUNTS["kari"], ACCOUNTS["sven"].
ACCOUNTS: dict[str, PracticeAccount] = {a.key: a for a in (KARI, SVEN)}
