"""Safe on a shared phone: quick exit, help on every page, no trace, CSP, print."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml

from hooks.security_headers import inline_hashes, policy
from scripts import package_offline
from tests.browser import browser, new_context
from tests.conftest import LANGUAGES, ROOT

EXIT_URL = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))["extra"]["quick_exit"]["url"]
STRINGS = {lang: yaml.safe_load((ROOT / "data" / "strings" / f"{lang}.yml").read_text(encoding="utf-8")) for lang in LANGUAGES}
LONG_PAGE = {lang: ("" if lang == "es" else f"{lang}/") + "señales.html" for lang in LANGUAGES}
FIRST_ROUND_TRIP = 14 * 1024
CSP_WATCH = "window.__csp=[];document.addEventListener('securitypolicyviolation',e=>window.__csp.push(e.violatedDirective+' '+e.blockedURI));"


@pytest.fixture(scope="module")
def chrome():
    with browser() as instance:
        yield instance


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


def test_exit_is_a_plain_link_without_javascript(built_site):
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="quick-exit__button" href="' + re.escape(EXIT_URL) + '"', page)


def test_offline_exit_reaches_bundled_page_with_network_blocked(chrome, tmp_path):
    package_offline.build(tmp_path / "dist")
    with zipfile.ZipFile(tmp_path / "dist" / "guia-qu.zip") as archive:
        archive.extractall(tmp_path)
    start = tmp_path / "guia-qu" / "sitio" / "qu" / "index.html"
    context, guard = new_context(chrome)
    page = context.new_page()
    page.goto(start.as_uri())
    page.click(".quick-exit__button")
    page.wait_for_url("**/assets/blank.html")
    assert Path(page.url.replace("file://", "")).is_file()
    assert guard.blocked == []
    context.close()


def test_emergency_number_and_help_link_in_first_round_trip_of_every_page(built_site):
    pages = sorted(p for p in built_site.rglob("*.html") if "assets" not in p.parts)
    assert len(pages) >= 40
    for page in pages:
        head = page.read_bytes()[:FIRST_ROUND_TRIP]
        assert b'href="tel:110"' in head, page
        assert b'class="help-bar__help" href="' in head, page


def test_help_link_leads_to_the_help_page_of_the_same_language(built_site):
    for lang in LANGUAGES:
        prefix = "" if lang == "es" else f"{lang}/"
        page = built_site / prefix / "formas.html"
        href = re.search(r'class="help-bar__help" href="([^"]+)"', page.read_text(encoding="utf-8")).group(1)
        assert (page.parent / href).resolve() == (built_site / prefix / "ayuda.html").resolve()


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


@pytest.mark.parametrize("lang", LANGUAGES)
def test_csp_present_and_no_violation_on_any_page(chrome, served_site, built_site, lang):
    prefix = "" if lang == "es" else f"{lang}/"
    pages = sorted((built_site / prefix).glob("*.html")) if lang != "es" else sorted(built_site.glob("*.html"))
    context, guard = new_context(chrome, served_site)
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for path in pages:
        page.goto(served_site + prefix + path.name)
        csp = page.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
        assert "default-src 'none'" in csp and "unsafe-inline" not in csp
        page.click("label[data-search-open]")
        page.fill(".md-search__input", "a")
        assert page.evaluate("window.__csp") == [], path.name
    assert errors == [] and guard.blocked == []
    context.close()


def test_inline_blocks_are_allowed_by_hash_only():
    scripts, styles = inline_hashes("<style>a{}</style><script>x()</script><script src='y.js'></script>")
    assert len(scripts) == 1 and len(styles) == 1
    value = policy(scripts, styles)
    assert next(iter(scripts)) in value.split("script-src")[1].split(";")[0]
    assert "unsafe-inline" not in value


def test_headers_file_for_hosts(built_site):
    headers = (built_site / "_headers").read_text()
    assert headers.startswith("/*\n")
    for expected in ("Content-Security-Policy: default-src 'none'", "Referrer-Policy: no-referrer", "X-Content-Type-Options: nosniff", "Permissions-Policy: camera=()", "frame-ancestors 'none'"):
        assert expected in headers


def test_print_hides_navigation_chrome(chrome, served_site):
    context, guard, page = open_page(chrome, served_site + "tarjeta.html", served_site)
    page.emulate_media(media="print")
    for selector in (".md-header", ".quick-exit", ".help-bar", ".md-sidebar--primary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article").is_visible()
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printable_card_per_language(built_site, lang):
    prefix = "" if lang == "es" else f"{lang}/"
    card = (built_site / prefix / "tarjeta.html").read_text(encoding="utf-8")
    assert 'class="contacts contacts--compact"' in card
    assert 'href="tel:110"' in card
    assert 'id="recruitment-red-flags"' in card
