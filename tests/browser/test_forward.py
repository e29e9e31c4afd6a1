"""The message to forward: its copy button works with no other script, allowed by its hash alone."""

from __future__ import annotations

import pytest

from tests.browser.test_pages import CSP_WATCH
from tests.conftest import LANGUAGES
from tests.support.browser import new_context


@pytest.mark.parametrize("lang", LANGUAGES)
def test_copy_button_copies_the_message_without_any_other_script(chrome, served_site, lang):
    context, guard = new_context(chrome, served_site)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served_site.rstrip("/"))
    context.add_init_script(CSP_WATCH)
    # No script file at all: only the button's own inline script may run.
    context.route("**/*.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(served_site + ("" if lang == "es" else f"{lang}/") + "descargas.html")
    message = page.locator("#forward-text").input_value()
    assert "110" in message and len(message) < 700
    button = page.locator("#forward-copy")
    assert button.is_visible()
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == message
    assert page.locator("#forward-status").inner_text() == button.get_attribute("data-done")
    assert page.evaluate("window.__csp") == [] and guard.blocked == []
    context.close()


def test_without_script_the_message_is_still_there_to_select(chrome, built_site):
    context = chrome.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((built_site / "descargas.html").as_uri())
    assert "110" in page.locator("#forward-text").input_value()
    assert not page.locator("#forward-copy").is_visible()  # no button that would do nothing
    context.close()
