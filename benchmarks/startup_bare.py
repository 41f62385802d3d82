"""The bare baseline for first_highlight_ms: a plain Playwright script that launches the same
browser guide-runner picks, installs the practice site and opens the same page; prints the
wall-clock time (epoch ms) of the end of the first frame rendered after the load of the page
it lands on (the start address redirects to sign-in).

Run by processes.py as ``python benchmarks/startup_bare.py URL``.
"""

from __future__ import annotations

import json
import sys
import time

from playwright.sync_api import Error, sync_playwright

from guide_runner.browser import discover
from guide_runner.practice import PracticeSite
from guide_runner.redirects import follow_client_redirects

_FIRST_FRAME = """() => new Promise((resolve) => requestAnimationFrame(() => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => resolve(performance.timeOrigin + performance.now());
  channel.port2.postMessage(0);
}))"""


def main(url: str) -> None:
    with sync_playwright() as playwright:
        choice = discover(playwright=playwright)
        browser = playwright.chromium.launch(headless=True, **choice.launch_kwargs())
        context = browser.new_context()
        PracticeSite().install(context)
        page = context.new_page()
        page.goto(url)
        # The start address redirects (to sign-in): the frame that counts is the landing
        # page's, as for guide-runner, not the redirect page's.
        follow_client_redirects(page, timeout=10)
        drawn = None
        why = ""
        for _ in range(10):
            try:
                page.wait_for_load_state("load")
                drawn = float(page.evaluate(_FIRST_FRAME))
                break
            except Error as exc:  # the document was replaced while we asked
                why = str(exc).splitlines()[0]
        if drawn is None:
            raise SystemExit(f"the page never settled ({page.url}): {why}")
        print(
            json.dumps({"drawn_epoch_ms": drawn, "url": page.url, "python_ms": time.time() * 1000})
        )
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1])
