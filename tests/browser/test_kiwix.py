"""The Kiwix files as a school or library serves them: Debian's kiwix-serve on 127.0.0.1, read in Chromium."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
import urllib.request

import pytest
from libzim.reader import Archive

from alerta.offline.meta import bundle_name
from tests.site.test_zim import ROOTS, root_pages
from tests.support.browser import new_context

NAME = bundle_name()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def kiwix(dist):
    """kiwix-serve with the Quechua and Aymara files, on loopback only; stopped after the module."""
    binary = shutil.which("kiwix-serve")
    if binary is None:
        pytest.fail("kiwix-serve is missing: `make kiwix` installs Debian's kiwix-tools")
    port = free_port()
    server = subprocess.Popen([binary, "--address", "127.0.0.1", "--port", str(port), str(dist / f"{NAME}-qu.zim"), str(dist / f"{NAME}-ay.zim")],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    origin = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(origin + "/", timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield origin
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("lang", ["qu", "ay"])
def test_kiwix_serve_finds_a_page_by_its_root_word(chrome, kiwix, dist, lang):
    # A page that holds the root word only with suffixes: only the root keywords can find it.
    expected = sorted(root_pages(Archive(dist / f"{NAME}-{lang}.zim"), lang)[0])[0].split("/", 1)[1]
    context, guard = new_context(chrome, allowed_origin=kiwix + "/")
    page = context.new_page()
    page.goto(f"{kiwix}/{NAME}-{lang}/{lang}/index.html")
    assert page.evaluate("document.documentElement.lang") == lang
    page.fill("#kiwixsearchbox", ROOTS[lang])
    page.press("#kiwixsearchbox", "Enter")
    page.wait_for_url("**/search?**")
    link = page.locator(f"a[href$='/{lang}/{expected}']").first
    link.click()
    page.wait_for_url(f"**/{lang}/{expected}")
    assert page.locator("article h1").count() == 1
    assert guard.blocked == []
    context.close()
