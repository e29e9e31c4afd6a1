"""In Chromium from file://, network blocked: the single file's quick exit, and the file-check page of an offline copy."""

from __future__ import annotations

import pytest

from alerta.offline.meta import bundle_name
from tests.support.browser import new_context

NAME = bundle_name()


def opened(chrome, path):
    context, guard = new_context(chrome)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: console.append(str(error)))
    page.goto(path.as_uri())
    return context, guard, page, console


@pytest.mark.parametrize("how", ["click", "shift"])
def test_single_file_quick_exit_blanks_the_page(chrome, dist, how):
    context, guard, page, console = opened(chrome, dist / f"{NAME}-qu.html")
    assert page.locator("a.quick-exit__button[data-quick-exit]").is_visible()
    before = page.evaluate("history.length")
    if how == "click":
        page.click("a.quick-exit__button")
    else:
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url("about:blank")
    assert page.evaluate("document.body.innerText") == ""
    assert page.evaluate("history.length") == before, "the guide's entry was replaced, not kept behind Back"
    assert guard.blocked == []
    assert not [m for m in console if "Content Security Policy" in m], console
    context.close()


def test_file_check_page_in_an_offline_copy(chrome, dist, unpacked, tmp_path):
    """A published file is "original"; the same file with one byte changed is "altered"; nothing leaves the phone."""
    context, guard, page, console = opened(chrome, unpacked / f"{NAME}-es" / "sitio" / "comprobar.html")
    page.wait_for_selector("[data-file-check]:not([hidden])")  # check.js comes after the load event
    page.set_input_files("#file-check-input", str(dist / f"{NAME}-qu.zim"))
    page.wait_for_selector(".file-check__result[data-verdict=original]")
    assert f"«{NAME}-qu.zim»" in page.inner_text(".file-check__result")

    changed = tmp_path / f"{NAME}-qu.zim"
    data = bytearray((dist / changed.name).read_bytes())
    data[len(data) // 2] ^= 0x01
    changed.write_bytes(data)
    page.set_input_files("#file-check-input", str(changed))
    page.wait_for_selector(".file-check__result[data-verdict=altered]")
    assert page.inner_text(".file-check__result").startswith("NO es el original")
    assert guard.blocked == [] and console == []
    context.close()
