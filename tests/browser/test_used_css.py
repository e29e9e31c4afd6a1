"""The reduced stylesheet draws every page exactly as Material's whole one does (alerta/css.py).

Each page is shown in each state a reader can reach (phone and desktop, search
open with results, menu open, language list open, print), photographed with
the stylesheets the site ships (the inlined one and the shared file of rules
that can wait), then again in the same state with that <style> replaced by
Material's whole stylesheet and the site's own, the shared file off: the two
pictures must match up to antialiasing. One page load per page and width,
the states in turn; transitions and animations are switched off so each
picture shows a state's end, and the caret is hidden. The page as loaded and
printed is compared on every page (its content is what differs); the
overlays (search, menu, language list) are drawn by the same rules on every
page, so they are compared on each language's home and help pages.
"""

from __future__ import annotations

import base64
import io
from importlib.resources import files

import pytest
from PIL import Image, ImageChops

from alerta.config import ROOT
from alerta.css_split import MEDIA
from tests.browser.test_pages import site_pages
from tests.support.browser import new_context

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
A4 = {"width": 794, "height": 1123}  # at 96 px per inch
# A difference this small in one channel is antialiasing, not a lost rule.
ANTIALIASING = 24


def whole_stylesheet() -> str:
    """Material's stylesheet as it ships, then the site's own: what pages linked before reduction."""
    theme = next((files("material") / "templates" / "assets" / "stylesheets").glob("main.*.min.css"))
    return theme.read_text(encoding="utf-8") + (ROOT / "docs" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")


# Transitions off: a picture shows where a change ends, not a moment of it.
STILL = "*,*::before,*::after,*::placeholder{transition:none!important;animation:none!important;caret-color:transparent!important}"


def search_open(page) -> None:
    """As a reader opens it: the header's button on a phone, the header's field on a wide screen."""
    button = page.locator("label[data-search-open]")
    page.click("label[data-search-open]" if button.is_visible() else ".md-search__input")
    page.fill(".md-search__input", "trata")
    page.wait_for_selector(".md-search-result__item")


def menu_open(page) -> None:
    page.click(".md-header label[for=__drawer]")


def menu_closed(page) -> None:
    page.evaluate("document.getElementById('__drawer').checked = false")


def languages_open(page) -> None:
    page.focus(".md-select .md-header__button")


def unfocused(page) -> None:
    page.evaluate("document.activeElement.blur()")


def printed(page) -> None:
    """Print media, about an A4 page wide."""
    page.set_viewport_size(A4)
    page.emulate_media(media="print")


def on_screen(page) -> None:
    page.emulate_media(media="screen")
    page.set_viewport_size(DESKTOP)


# Pages on which the overlays are compared too: a home page (pictures, cards) and the longest text page, per language.
OVERLAY_PAGES = ("index.html", "ayuda.html")

# Per width, the states in the order they are visited: (name, open it, leave it, whole page or the screen only);
# the first state and printing on every page, the overlays on OVERLAY_PAGES.
STATES = {
    "phone": (
        PHONE,
        [
            ("as loaded", None, None, True),
            ("language list open", languages_open, unfocused, False),
            ("menu open", menu_open, menu_closed, False),
            ("search open, results", search_open, None, False),
        ],
    ),
    "desktop": (
        DESKTOP,
        [
            ("as loaded", None, None, True),
            ("printed", printed, on_screen, True),
            ("search open, results", search_open, None, False),
        ],
    ),
}


def picture(page, cdp, whole: bool) -> str:
    """The page as drawn (all of it, or the screen): Chromium's fast PNG, base64."""
    params = {"format": "png", "optimizeForSpeed": True}
    if whole:
        width, height = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        params.update(captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1})
    return cdp.send("Page.captureScreenshot", params)["data"]


def difference(first: str, second: str) -> str | None:
    """None when two pictures match up to antialiasing; else where they differ."""
    if first == second:
        return None
    a, b = (Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB") for data in (first, second))
    if a.size != b.size:
        return f"size {a.size} against {b.size}"
    box = ImageChops.difference(a, b).point(lambda v: 255 if v > ANTIALIASING else 0).getbbox()
    return None if box is None else f"pixels differ in {box}"


def use_stylesheet(page, css: str, waiting: bool) -> None:
    """Put `css` in place of the page's inlined stylesheet (the test's context ignores the CSP for it),
    with the shared file of the rules that can wait on (as shipped) or off (the whole stylesheet has them)."""
    page.evaluate(
        "([css, media]) => { document.head.querySelector('style:not(#still)').textContent = css;"
        " document.head.querySelectorAll('link[rel=stylesheet]').forEach(l => { l.media = media; }); }",
        [css, MEDIA if waiting else "not all"],
    )


def compare(page, cdp, whole: bool, shipped_css: str, whole_css: str, tries: int = 3) -> str | None:
    """Where the page differs with the whole stylesheet; a difference must hold on every try
    (a lost rule always shows; a page still settling after a resize does not)."""
    found = None
    for _ in range(tries):
        shipped = picture(page, cdp, whole)
        use_stylesheet(page, whole_css, waiting=False)
        found = difference(shipped, picture(page, cdp, whole))
        use_stylesheet(page, shipped_css, waiting=True)
        if found is None:
            return None
        page.wait_for_timeout(200)
    return found


@pytest.mark.parametrize("width", STATES)
def test_every_page_looks_the_same_with_the_reduced_and_the_whole_stylesheet(chrome, served_site, built_site, width):
    viewport, states = STATES[width]
    whole_css = whole_stylesheet()
    context, guard = new_context(chrome, served_site, viewport, bypass_csp=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    different = []
    pages = site_pages(built_site)
    assert len(pages) >= 40
    for path in pages:
        page.mouse.move(0, 0)  # away from the search field clicked on the page before: no :hover
        page.goto(served_site + path)
        assert page.evaluate("document.head.querySelectorAll('style').length") == 1, f"{path}: one inlined stylesheet"
        assert page.evaluate("[...document.head.querySelectorAll('link[rel=stylesheet]')].map(l => l.media)") == [MEDIA], f"{path}: one waiting file"
        shipped_css = page.evaluate("document.head.querySelector('style').textContent")
        page.add_style_tag(content=STILL).evaluate("e => e.id = 'still'")
        for name, enter, leave, whole in states:
            if name not in ("as loaded", "printed") and path.rsplit("/", 1)[-1] not in OVERLAY_PAGES:
                continue
            if enter:
                enter(page)
            found = compare(page, cdp, whole, shipped_css, whole_css)
            if found:
                different.append(f"{path}, {name}: {found}")
            if leave:
                leave(page)
    assert different == []
    assert guard.blocked == []
    context.close()


def test_the_comparison_sees_a_used_rule_dropped(chrome, served_site):
    """The guard above is not blind: without one rule the shipped pages use, the pictures differ."""
    import tinycss2

    context, guard = new_context(chrome, served_site, PHONE, bypass_csp=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    page.goto(served_site + "index.html")
    shipped_css = page.evaluate("document.head.querySelector('style').textContent")
    rules = tinycss2.parse_stylesheet(shipped_css)
    without = "".join(tinycss2.serialize([r]) for r in rules if not (r.type == "qualified-rule" and tinycss2.serialize(r.prelude).strip() == ".md-typeset h1"))
    assert len(without) < len(shipped_css)
    page.add_style_tag(content=STILL).evaluate("e => e.id = 'still'")
    shipped = picture(page, cdp, True)
    use_stylesheet(page, without, waiting=True)
    assert difference(shipped, picture(page, cdp, True)) is not None
    context.close()
