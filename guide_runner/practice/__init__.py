"""The practice site: an offline replica of the Visma pages, served at the real addresses.

```python
from guide_runner.practice import PracticeSite, PRACTICE_HOSTS, ACCOUNTS
site = PracticeSite(pages_dir=None)   # pages_dir: an override folder laid out <host>/<path>
site.install(context)                  # every request of the context goes to the site
```

See docs/practice-site.md.
"""

from guide_runner.practice.accounts import (
    ACCOUNTS,
    AUTHENTICATOR_CODE,
    KARI,
    MAIL_SENDER,
    SVEN,
    PracticeAccount,
)
from guide_runner.practice.site import ENTERPRISE, INBOX, PRACTICE_HOSTS, PracticeSite
from guide_runner.practice.state import SiteState

__all__ = [
    "ACCOUNTS",
    "AUTHENTICATOR_CODE",
    "ENTERPRISE",
    "INBOX",
    "KARI",
    "MAIL_SENDER",
    "PRACTICE_HOSTS",
    "SVEN",
    "PracticeAccount",
    "PracticeSite",
    "SiteState",
]
