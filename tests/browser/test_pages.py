"""Every page of every language in a real browser: accessibility, layout, search."""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import LANGUAGES
from tests.support.browser import new_context, poll

CSP_WATCH = "window.__csp=[];document.addEventListener('securitypolicyviolation',e=>window.__csp.push(e.violatedDirective+' '+e.blockedURI));"
VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}


def site_pages(site) -> list[str]:
    """Every HTML page of the site, relative to its root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if not {"assets", "downloads"} & set(p.parts) and p.name != "404.html")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_page_has_no_axe_violation_no_csp_violation_no_console_error_no_outside_request(chrome, served_site, built_site, viewport):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context, guard = new_context(chrome, served_site, VIEWPORTS[viewport])
    context.add_init_script(CSP_WATCH)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(f"{page.url}: {e}"))
    problems = []
    pages = site_pages(built_site)
    assert len(pages) >= 40
    for path in pages:
        page.goto(served_site + path)
        for violation in axe.run(page).response["violations"]:
            targets = [n["target"] for n in violation["nodes"]][:3]
            problems.append(f"{path}: {violation['id']} ({violation['impact']}) {targets}")
        csp = page.locator("meta[http-equiv=Content-Security-Policy]").get_attribute("content")
        if "default-src 'none'" not in csp or "unsafe-inline" in csp:
            problems.append(f"{path}: weak policy {csp}")
        if viewport == "phone":
            # With search open and used, the page's own policy blocks nothing.
            page.click("label[data-search-open]")
            page.fill(".md-search__input", "a")
        problems += [f"{path}: CSP blocked {v}" for v in page.evaluate("window.__csp")]
    assert problems == []
    assert console == []
    assert guard.blocked == []
    context.close()


def test_no_horizontal_overflow_at_320_px_and_title_readable(chrome, served_site, built_site):
    context, guard = new_context(chrome, served_site, {"width": 320, "height": 640})
    page = context.new_page()
    overflowing = []
    for path in site_pages(built_site):
        page.goto(served_site + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            overflowing.append(f"{path}: {width}px")
        title = page.locator(".site-title__link")
        box = title.bounding_box()
        # The whole site title is shown (it wraps; it is never cut off).
        assert page.evaluate("e => e.scrollWidth <= e.clientWidth + 1", title.element_handle()), path
        assert box["x"] + box["width"] <= 320
        # The language list opens inside the screen, every name whole.
        page.focus(".md-select .md-header__button")
        languages = page.locator(".md-select__inner").bounding_box()
        if languages["x"] < 0 or languages["x"] + languages["width"] > 320:
            overflowing.append(f"{path}: language list spans {languages['x']:.0f}-{languages['x'] + languages['width']:.0f}px")
        # Open search does not make the page scroll sideways.
        page.click("label[data-search-open]")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            overflowing.append(f"{path}: {width}px with search open")
    assert overflowing == []
    context.close()


def wait_for_index(page) -> None:
    poll(page, lambda: page.evaluate("window.siteSearchIndex !== undefined"), "the search index did not load")


def index_words(site, lang: str) -> set[str]:
    text = (site / "assets" / "search" / f"{lang}.js").read_text(encoding="utf-8")
    entries = json.loads(text[text.index("=") + 1 : text.rindex(";")])
    return {w for e in entries for w in e["w"].split()}


# When each file of a page started, against the load event; and whether it held up the first paint.
TIMES = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  return {load: nav.loadEventStart, files: performance.getEntriesByType("resource").map(e => (
    {name: e.name.split("/").pop(), start: e.startTime, blocking: e.renderBlockingStatus}))};
}"""


def started(page, prefix: str) -> dict:
    """When the page's file named prefix... started, and the load event."""

    def read():
        times = page.evaluate(TIMES)
        found = [f for f in times["files"] if f["name"].startswith(prefix)]
        return {**found[0], "load": times["load"]} if found else None

    return poll(page, read, f"no request for {prefix}...")


@pytest.mark.parametrize("path", ["formas.html", "qu/formas.html"])
def test_a_phone_gets_the_print_and_wide_screen_rules_after_the_load_event_a_wide_screen_before_its_first_paint(chrome, served_site, path):
    for viewport, first in ((VIEWPORTS["phone"], False), (VIEWPORTS["desktop"], True)):
        context, guard = new_context(chrome, served_site, viewport)
        page = context.new_page()
        page.add_init_script(CSP_WATCH)
        page.goto(served_site + path)
        rules = started(page, "media.")
        if first:
            assert rules["blocking"] == "blocking" and rules["start"] < rules["load"], rules
        else:
            assert rules["blocking"] == "non-blocking" and rules["start"] >= rules["load"], rules
        page.wait_for_load_state("networkidle")
        assert page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.media)") == ["print, (min-width: 30em)"]
        assert page.evaluate("window.__csp") == [] and guard.blocked == []
        context.close()


def test_the_file_check_page_loads_its_list_and_script_after_the_load_event_then_shows_the_form(chrome, served_site):
    context, guard = new_context(chrome, served_site)
    page = context.new_page()
    page.add_init_script(CSP_WATCH)
    page.goto(served_site + "en/comprobar.html")
    # check.js, and the published list before it when the site has bundles to list.
    names = [url.rsplit("/", 1)[-1] for url in page.get_attribute("script[data-after-load]", "data-after-load").split()]
    assert names[-1].startswith("check.") and set(names[:-1]) <= {"SHA256SUMS.js"}, names
    for name in names:
        file = started(page, name)
        assert file["start"] >= file["load"], file
    page.wait_for_selector("[data-file-check]:not([hidden])")
    said = page.locator(".file-check__list").inner_text() + page.locator(".file-check__result").inner_text()
    assert said.strip(), "check.js ran: it says which list it compares with, or that there is none"
    assert page.evaluate("window.__csp") == [] and guard.blocked == []
    context.close()


def test_no_search_download_before_search_opens_then_only_its_language(chrome, served_site):
    context, guard = new_context(chrome, served_site)
    page = context.new_page()
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served_site + "qu/formas.html")
    page.wait_for_load_state("load")
    assert not [u for u in requests if "/assets/search/" in u or "search_index" in u or "lunr" in u or "worker" in u]
    page.click("label[data-search-open]")
    wait_for_index(page)
    loaded = [u for u in requests if "/assets/search/" in u]
    assert loaded == [served_site + "assets/search/qu.js"]
    context.close()


def test_search_stays_in_the_pages_language(chrome, served_site, built_site):
    """A word found only in the Aymara pages: nothing from Spanish, its page from Aymara."""
    aymara_only = sorted(w for w in index_words(built_site, "ay") - set().union(*(index_words(built_site, lang) for lang in LANGUAGES if lang != "ay")) if len(w) > 6 and w.isalpha())
    assert aymara_only, "the Aymara pages have words of their own"
    word = aymara_only[0]
    context, guard = new_context(chrome, served_site)
    page = context.new_page()

    page.goto(served_site + "formas.html")
    page.click("label[data-search-open]")
    wait_for_index(page)
    page.fill(".md-search__input", word)
    page.wait_for_timeout(150)
    assert page.locator(".md-search-result__item").count() == 0

    page.goto(served_site + "ay/formas.html")
    page.click("label[data-search-open]")
    wait_for_index(page)
    page.fill(".md-search__input", word)
    page.wait_for_selector(".md-search-result__item")
    hrefs = [a.get_attribute("href") for a in page.locator(".md-search-result__link").all()]
    assert hrefs and all(re.match(r"(\.\./)?ay/", h) or h.startswith("../ay/") for h in hrefs), hrefs
    context.close()


def test_search_matches_without_accents_and_by_prefix(chrome, served_site):
    context, guard = new_context(chrome, served_site)
    page = context.new_page()
    page.goto(served_site + "index.html")
    page.click("label[data-search-open]")
    page.fill(".md-search__input", "senal")  # "señales", typed without ñ, cut short
    page.wait_for_selector(".md-search-result__item")
    assert "se%C3%B1ales.html" in page.locator(".md-search-result__link").first.get_attribute("href")
    context.close()


def test_on_a_wide_screen_typing_in_the_header_field_shows_the_results(chrome, served_site):
    """Without Material's script, the field must open search itself, or its results stay hidden."""
    context, guard = new_context(chrome, served_site, VIEWPORTS["desktop"])
    page = context.new_page()
    page.goto(served_site + "index.html")
    page.click(".md-search__input")
    page.keyboard.type("trata")
    page.wait_for_selector(".md-search-result__item")
    box = page.locator(".md-search-result__item").first.bounding_box()
    shown = page.evaluate("([x, y]) => !!document.elementFromPoint(x, y)?.closest('.md-search-result__item')", [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2])
    assert box["height"] > 0 and shown
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    context.close()
