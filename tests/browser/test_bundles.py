"""Offline bundles in Chromium from file://, with the network blocked."""

from __future__ import annotations

from alerta.offline.meta import bundle_name
from tests.conftest import LANGUAGES
from tests.support.browser import new_context

NAME = bundle_name()


def test_language_bundle_opens_navigates_and_searches_offline(chrome, unpacked):
    start = unpacked / f"{NAME}-es" / "index.html"
    context, guard = new_context(chrome)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(start.as_uri())
    page.click("a[hreflang=es]")
    assert page.title()
    page.click(".help-bar__help")
    page.wait_for_url("**/ayuda.html")  # waits for the page to load, not only for the address
    assert page.locator("a.tel[href='tel:110']").count() >= 1
    # Search from file://: opens, loads only this language's index, finds a page.
    page.click("label[for=__search][data-search-open]")
    page.fill(".md-search__input", "zafra")
    page.wait_for_selector(".md-search-result__item")
    first = page.locator(".md-search-result__link").first.get_attribute("href")
    assert "formas.html" in first
    page.locator(".md-search-result__link").first.click()
    page.wait_for_url("**/formas.html*")
    assert guard.blocked == [] and errors == []
    context.close()


def test_whole_bundle_language_switch_from_file(chrome, unpacked):
    start = unpacked / NAME / "index.html"
    context, guard = new_context(chrome)
    page = context.new_page()
    page.goto(start.as_uri())
    page.click("a[hreflang=qu]")
    assert page.evaluate("document.documentElement.lang") == "qu"
    href = page.locator(".md-select__link[hreflang=en]").get_attribute("href")
    page.goto(page.url.rsplit("/", 1)[0] + "/" + href)
    assert page.evaluate("document.documentElement.lang") == "en"
    assert guard.blocked == []
    context.close()


def test_single_file_opens_and_its_links_work(chrome, dist):
    context, guard = new_context(chrome)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((dist / f"{NAME}-en.html").as_uri())
    page.click("nav.toc a[href='#señales']")
    assert page.url.endswith("#señales") or page.url.endswith("#se%C3%B1ales")
    assert page.locator("#señales").is_visible()
    assert guard.blocked == [] and errors == []
    context.close()


def test_single_files_and_start_page_have_no_axe_violation(chrome, dist, unpacked):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    targets = [dist / f"{NAME}-{lang}.html" for lang in LANGUAGES] + [unpacked / NAME / "index.html", unpacked / f"{NAME}-ay" / "index.html"]
    context, guard = new_context(chrome)
    page = context.new_page()
    problems = []
    for target in targets:
        page.goto(target.as_uri())
        problems += [f"{target.name}: {v['id']} ({v['impact']})" for v in axe.run(page).response["violations"]]
    assert problems == [] and guard.blocked == []
    context.close()
