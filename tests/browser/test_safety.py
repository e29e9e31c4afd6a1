"""Safe on a shared phone, in Chromium: quick exit, no trace, CSP, print."""

from __future__ import annotations

from pathlib import Path

import pytest

from alerta.config import site_config
from alerta.offline.meta import bundle_name
from alerta.strings import load_strings
from tests.conftest import LANGUAGES
from tests.support.browser import new_context

EXIT_URL = site_config().extra["quick_exit"]["url"]
STRINGS = load_strings()
LONG_PAGE = {lang: site_config().prefix(lang) + "señales.html" for lang in LANGUAGES}


CSP_WATCH = "window.__csp=[];document.addEventListener('securitypolicyviolation',e=>window.__csp.push(e.violatedDirective+' '+e.blockedURI));"


def open_page(chrome, url: str, allowed: str | None):
    """A page in a fresh context; the exit destination answers with a neutral stub."""
    context, guard = new_context(chrome, allowed)
    context.add_init_script(CSP_WATCH)
    context.route(EXIT_URL, lambda route: route.fulfill(status=200, content_type="text/html", body="<title>neutral</title>"))
    page = context.new_page()
    page.goto(url)
    return context, guard, page


def in_viewport(page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    covering = page.evaluate(
        """sel => { const el = document.querySelector(sel); const r = el.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return el.contains(top); }""",
        selector,
    )
    return box is not None and 0 <= box["y"] and box["y"] + box["height"] <= 740 and 0 <= box["x"] and box["x"] + box["width"] <= 360 and covering


@pytest.mark.parametrize("lang", LANGUAGES)
def test_exit_button_visible_top_middle_bottom_and_over_search(chrome, served_site, lang):
    context, guard, page = open_page(chrome, served_site + LONG_PAGE[lang], served_site)
    assert page.locator(".quick-exit__button").inner_text().strip() == STRINGS[lang]["quick_exit"]
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height > 3 * 740, "the page is long enough to test scrolling"
    for y in (0, height / 2, height):
        page.evaluate(f"window.scrollTo(0, {y})")
        assert in_viewport(page, ".quick-exit__button"), (lang, y)
    page.click("label[data-search-open]")
    assert in_viewport(page, ".quick-exit__button"), "covered by search"
    page.keyboard.press("Escape")
    page.click(".md-header label[for=__drawer]")
    assert in_viewport(page, ".quick-exit__button"), "covered by the menu"
    assert guard.blocked == []
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_click_leaves_and_back_does_not_return(chrome, served_site, lang):
    context, guard, page = open_page(chrome, served_site + LONG_PAGE[lang], served_site)
    page.click(".quick-exit__button")
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert not page.url.startswith(served_site)
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_three_shift_presses_leave_with_translated_status(chrome, served_site, lang):
    context, guard, page = open_page(chrome, served_site + LONG_PAGE[lang], served_site)
    status = page.locator(".quick-exit__status")
    page.keyboard.press("Shift")
    assert status.inner_text() == STRINGS[lang]["quick_exit_press_1"]
    page.keyboard.press("Shift")
    assert status.inner_text() == STRINGS[lang]["quick_exit_press_2"]
    page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
    page.go_back()
    assert not page.url.startswith(served_site)
    context.close()


def test_shift_with_another_key_does_not_count(chrome, served_site):
    context, guard, page = open_page(chrome, served_site + "index.html", served_site)
    for _ in range(3):
        page.keyboard.down("Shift")
        page.keyboard.press("A")
        page.keyboard.up("Shift")
    page.wait_for_timeout(200)
    assert page.url.startswith(served_site)
    assert page.locator(".quick-exit__status").inner_text() == ""
    context.close()


def test_offline_exit_reaches_bundled_page_with_network_blocked(chrome, unpacked):
    start = unpacked / f"{bundle_name()}-qu" / "sitio" / "qu" / "index.html"
    context, guard = new_context(chrome)
    page = context.new_page()
    page.goto(start.as_uri())
    page.click(".quick-exit__button")
    page.wait_for_url("**/assets/blank.html")
    assert Path(page.url.replace("file://", "")).is_file()
    assert guard.blocked == []
    context.close()


def test_no_storage_no_cookies_no_outside_request_after_visit_with_search(chrome, served_site):
    context, guard, page = open_page(chrome, served_site + "index.html", served_site)
    page.click("label[data-search-open]")
    page.fill(".md-search__input", "trabajo")
    page.wait_for_selector(".md-search-result__item")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state()
    page.goto(served_site + "en/ayuda.html")
    storage = page.evaluate("[localStorage.length, sessionStorage.length, document.cookie]")
    assert storage == [0, 0, ""]
    assert context.cookies() == []
    assert guard.blocked == []
    context.close()


def test_print_hides_navigation_chrome(chrome, served_site):
    context, guard, page = open_page(chrome, served_site + "tarjeta.html", served_site)
    page.wait_for_load_state("networkidle")  # a phone gets the print rules after the load event
    page.emulate_media(media="print")
    for selector in (".md-header", ".quick-exit", ".help-bar", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article").is_visible()
    context.close()


def test_exit_works_on_a_page_without_its_status_line(chrome, served_site):
    """A page whose markup lacks the spoken status line still exits on the third Shift, with no script error."""
    context, guard = new_context(chrome, served_site)
    context.route(EXIT_URL, lambda route: route.fulfill(status=200, content_type="text/html", body="<title>neutral</title>"))

    def without_status(route):
        body = route.fetch().text()
        start = body.index('<span class="quick-exit__status')
        route.fulfill(status=200, content_type="text/html", body=body[:start] + body[body.index("</span>", start) + 7 :])

    context.route(served_site + "index.html", without_status)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served_site + "index.html")
    assert page.locator(".quick-exit__status").count() == 0
    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(EXIT_URL)
    assert errors == []
    context.close()


def test_search_says_so_when_its_index_cannot_load_then_tries_again(chrome, served_site):
    context, guard, page = open_page(chrome, served_site + "en/index.html", served_site)
    index = "**/assets/search/en.js"
    page.route(index, lambda route: route.abort())
    page.click("[data-search-open]")
    meta = page.locator(".md-search-result__meta")
    for _ in range(100):
        if meta.inner_text() == STRINGS["en"]["search_failed"]:
            break
        page.wait_for_timeout(50)
    assert meta.inner_text() == STRINGS["en"]["search_failed"]
    # The network is back: the next try loads the index and finds pages.
    page.unroute(index)
    page.keyboard.press("Escape")
    page.click("[data-search-open]")
    page.fill(".md-search__input", "traffick")
    page.wait_for_selector(".md-search-result__item")
    context.close()
