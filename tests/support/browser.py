"""Real-browser helpers: Debian's Chromium driven by Playwright, network cut off.

Never `playwright install`: the browser is /usr/bin/chromium (installed by
`make browser`). Every request that is not a file:// URL or the test's own
127.0.0.1 server is aborted and recorded, so a test can assert that nothing
left the site.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest

from alerta.chromium import ARGS, CHROMIUM  # noqa: F401  (re-exported for tests)

PHONE = {"width": 360, "height": 740}


def chromium_or_skip():
    """The browser path; fail (not skip) in CI, where it must be installed."""
    import os

    if not shutil.which("chromium") and not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed: `make browser` installs Debian's package")
        pytest.skip("chromium not installed (run `make browser`)")
    return CHROMIUM


@contextmanager
def browser():
    """A headless Chromium for the whole block."""
    from playwright.sync_api import sync_playwright

    path = chromium_or_skip()
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=path, args=ARGS)
        try:
            yield instance
        finally:
            instance.close()


class Guard:
    """Abort and record any request outside file:// and the allowed origin."""

    def __init__(self, allowed_origin: str | None = None) -> None:
        self.allowed = allowed_origin
        self.blocked: list[str] = []

    def __call__(self, route) -> None:
        url = route.request.url
        parsed = urlparse(url)
        if parsed.scheme in ("file", "data", "blob", "about") or (self.allowed and url.startswith(self.allowed)):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()


def new_context(instance, allowed_origin: str | None = None, viewport=PHONE, bypass_csp: bool = False):
    """A fresh context (cold cache, no storage) with the network guard; `bypass_csp` lets a test change the page's styles."""
    context = instance.new_context(viewport=viewport, bypass_csp=bypass_csp)
    context.set_default_timeout(5000)
    guard = Guard(allowed_origin)
    context.route("**/*", guard)
    return context, guard


def poll(page, read, what: str, timeout_ms: int = 5000):
    """The first truthy value of read(), tried every 50 ms from Python (wait_for_function evaluates
    strings, which the site's CSP forbids); AssertionError naming `what` when none comes in time."""
    for _ in range(timeout_ms // 50):
        value = read()
        if value:
            return value
        page.wait_for_timeout(50)
    raise AssertionError(f"{what}: not within {timeout_ms} ms")


@contextmanager
def serve(folder: Path):
    """A folder over http on 127.0.0.1 (a random free port); yields its address."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
