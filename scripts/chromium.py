"""The browser that the tests and the benchmark drive, named by one environment variable.

``HANDBOOK_CHROMIUM`` is the path of a Chromium or Chrome binary; by default Debian's ``/usr/bin/chromium``. On
GitHub's hosted Ubuntu runners, where ``apt-get install chromium`` installs only a snap stub, the workflow sets it to
the runner's preinstalled Chrome. Playwright never downloads a browser here (``playwright install`` is not used).
"""
from __future__ import annotations

import os

CHROMIUM = os.environ.get("HANDBOOK_CHROMIUM") or "/usr/bin/chromium"
#: Headless, no sandbox (root in CI), and no background requests to Google's hosts on a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def launch(playwright):
    """Return the browser started headless through Playwright's ``sync_playwright()`` object.

    It runs in UTC whatever the machine's time zone, so that dates the pages show from stored times (a time at
    22:13 UTC is the next day east of UTC+2) read the same on every machine.
    """
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True,
                                      env={**os.environ, "TZ": "UTC"})
