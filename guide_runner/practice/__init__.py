"""The practice site: an offline replica of the Visma pages, served at the real addresses.

```python
from guide_runner.practice import PracticeSite, PRACTICE_HOSTS, ACCOUNTS
site = PracticeSite(pages_dir=None)   # pages_dir: an override folder laid out <host>/<path>
context = browser.new_context(**PracticeSite.context_options(), locale="nb-NO")
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
from guide_runner.practice.site import (
    DEAD_END_PROXY,
    ENTERPRISE,
    INBOX,
    LAUNCH_ARGS,
    PRACTICE_HOSTS,
    PracticeSite,
)
from guide_runner.practice.state import SiteState

__all__ = [
    "ACCOUNTS",
    "AUTHENTICATOR_CODE",
    "DEAD_END_PROXY",
    "ENTERPRISE",
    "INBOX",
    "KARI",
    "LAUNCH_ARGS",
    "MAIL_SENDER",
    "PRACTICE_HOSTS",
    "SVEN",
    "PracticeAccount",
    "PracticeSite",
    "SiteState",
]
