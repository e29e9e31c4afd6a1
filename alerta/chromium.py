"""Debian's Chromium, as the tests and the benchmark launch it.

Never a browser download: the binary comes from the `chromium` package
(`make browser`). Without the background-networking flags Chromium tries to
reach Google's hosts at every start, which this project must never do.
"""

from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
