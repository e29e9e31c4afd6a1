"""The used-CSS reducer (alerta/css.py): what it keeps, what it drops, and why."""

from __future__ import annotations

import re
from importlib.resources import files

import pytest
import tinycss2

from alerta.csp import source_hash
from alerta.css import broaden, reduce_stylesheet, script_classes
from alerta.css_split import MEDIA
from alerta.site_css import LOADER_HASH, WIDE_SCREEN_LOADER, allow_inlined, join_styles


def page(body: str, html_class: str = "") -> str:
    return f'<!doctype html><html class="{html_class}"><head></head><body>{body}</body></html>'


def kept(css: str, *pages: str, script: str = "", also_used: str = "") -> str:
    return reduce_stylesheet(css, pages, script, also_used)


def test_a_rule_stays_exactly_when_a_page_has_an_element_it_matches():
    css = ".banner{color:red}.other{color:blue}"
    assert kept(css, page('<div class="banner"></div>')) == ".banner{color:red}"
    assert kept(css, page("<p></p>")) == ""
    # Added to any one page of the site: its rule comes back.
    assert ".other{color:blue}" in kept(css, page("<p></p>"), page('<i class="other"></i>'))


def test_states_a_reader_or_the_script_can_reach_are_kept():
    css = (
        "[data-md-toggle=search]:checked~.md-header .md-search__overlay{opacity:1}"
        ".md-nav__link:hover{color:red}"
        ".md-select:focus-within .md-select__inner{max-height:10rem}"
        ".md-typeset a:not(.md-button){color:blue}"
        ".md-search__input::placeholder{color:gray}"
        "li:first-child.absent{color:green}"
    )
    html = page(
        '<input data-md-toggle="search" type="checkbox"><header class="md-header"><label class="md-search__overlay"></label></header>'
        '<a class="md-nav__link"></a><div class="md-select"><div class="md-select__inner"></div></div>'
        '<div class="md-typeset"><a class="md-button"></a></div><input class="md-search__input"><ul><li></li></ul>'
    )
    out = kept(css, html)
    for selector in (":checked~.md-header", ".md-nav__link:hover", ":focus-within", "a:not(.md-button)", "::placeholder"):
        assert selector in out
    # A structural pseudo-class is part of the document: it still has to match.
    assert ".absent" not in out


def test_markup_the_script_creates_is_found_in_a_template_or_in_the_script():
    css = ".md-search-result__item{margin:0}.md-search-result__teaser{color:gray}.result--new{color:red}"
    template = page('<ol><template><li class="md-search-result__item"></li></template></ol>')
    out = kept(css, template, script='item.className = "result--new";')
    assert ".md-search-result__item{margin:0}" in out
    assert ".result--new{color:red}" in out
    assert "teaser" not in out
    assert kept(css, template) == ".md-search-result__item{margin:0}"
    assert {"result--new", "md-search-result__item"} <= script_classes('a = "result--new"; b = \'md-search-result__item x\';')


def test_custom_properties_and_keyframes_only_when_used():
    css = (
        ":root{--used:1px;--chained:var(--deep);--deep:red;--unused:2px;--own:blue}"
        ".a{margin:var(--used);color:var(--chained);animation:spin 1s}"
        "@keyframes spin{to{transform:rotate(1turn)}}@keyframes fade{to{opacity:0}}"
    )
    out = kept(css, page('<div class="a"></div>'), also_used=".mine{color:var(--own)}")
    for name in ("--used:1px", "--chained:var(--deep)", "--deep:red", "--own:blue", "@keyframes spin"):
        assert name in out
    assert "--unused" not in out and "fade" not in out


def test_media_queries_keep_their_used_rules_only():
    css = "@media screen and (max-width:76.2344em){.a{color:red}.b{color:blue}}@media print{.b{display:none}}"
    out = kept(css, page('<div class="a"></div>'))
    assert out == "@media screen and (max-width:76.2344em){.a{color:red}}"


def test_a_selector_the_engine_cannot_read_keeps_its_rule():
    assert kept("svg|a{color:red}", page("<p></p>")) == "svg|a{color:red}"


def test_broaden_drops_changeable_states_and_pseudo_elements_only():
    def text(selector: str) -> str:
        return tinycss2.serialize(broaden(tinycss2.parse_component_value_list(selector))).strip()

    assert text("a:hover::after") == "a"
    assert text(".x:not(.y) > li:nth-child(2n)") == ".x > li:nth-child(2n)"
    assert text(":is(a:focus, .b)") == ":is(a, .b)"
    assert text(":hover > .x") == "* > .x"
    assert text(":is(:focus)") == ":is(*)"


def test_on_materials_own_stylesheet_a_class_added_to_a_page_or_to_the_script_keeps_its_rules():
    material = next((files("material") / "templates" / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    base = page('<div class="md-container"><main class="md-main"><article class="md-content__inner md-typeset"><h1>T</h1></article></main></div>', "no-js")
    before = kept(material, base)
    assert ".md-typeset h1" in before and ".md-banner{" not in before and ".md-tooltip{" not in before
    assert ".md-banner{" in kept(material, base, page('<div class="md-banner"></div>'))
    assert ".md-tooltip{" in kept(material, base, script='tip.classList.add("md-tooltip");')
    assert len(before) < len(material) / 5


def test_inlined_styles_replace_the_links_and_join_the_existing_policy():
    html = (
        '<head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'self\' \'sha256-abc\'; style-src \'self\'">'
        '<link rel="stylesheet" href="assets/stylesheets/main.1.min.css"><link rel="stylesheet" href="assets/stylesheets/site.2.css"></head>'
    )
    out = join_styles(html, "a{b:c}", {"main.1.min.css", "site.2.css"}, "'sha256-xyz'")
    assert out.count("<style>a{b:c}</style>") == 1 and "<link" not in out
    assert "script-src 'self' 'sha256-abc'; style-src 'self' 'sha256-xyz'\"" in out
    allowed = {"style-src": "'sha256-xyz'", "script-src": "'sha256-abc'"}
    assert allow_inlined("  Content-Security-Policy: default-src 'none'; script-src 'self'; style-src 'self'\n", allowed) == (
        "  Content-Security-Policy: default-src 'none'; script-src 'self' 'sha256-abc'; style-src 'self' 'sha256-xyz'\n"
    )
    assert allow_inlined("  Referrer-Policy: no-referrer\n", allowed) == "  Referrer-Policy: no-referrer\n"


def test_the_rules_that_can_wait_come_through_the_loader_allowed_by_its_hash():
    html = (
        '<head><meta http-equiv="Content-Security-Policy" content="default-src \'none\'; script-src \'self\'; style-src \'self\'">'
        '<link rel="stylesheet" href="../assets/stylesheets/main.1.min.css"><link rel="stylesheet" href="../assets/stylesheets/site.2.css"></head>'
    )
    out = join_styles(html, "a{b:c}", {"main.1.min.css", "site.2.css"}, "'sha256-xyz'", "../assets/stylesheets/media.3.css")
    loader = f'<script data-stylesheet="../assets/stylesheets/media.3.css" data-media="{MEDIA}">{WIDE_SCREEN_LOADER}</script>'
    assert f"<style>a{{b:c}}</style>{loader}" in out
    assert f'<noscript><link rel="stylesheet" href="../assets/stylesheets/media.3.css" media="{MEDIA}"></noscript>' in out
    assert f"script-src 'self' {LOADER_HASH}; style-src 'self' 'sha256-xyz'" in out
    assert LOADER_HASH == source_hash(WIDE_SCREEN_LOADER)


def test_the_templates_layout_whitespace_goes_and_preformatted_text_keeps_its_own():
    html = (
        "<body>\n  <nav>\n    <a href=x>\n      One\n    </a>\n\n  </nav>\n"
        "<pre>  keep\n    this\n</pre><p>a <code>x\n   y</code> &amp;\n   b</p>\n"
        '<p title="two\n   lines">t</p><textarea>\n  as typed\n</textarea><template>\n  <li>\n    x</li></template></body>'
    )
    out = join_styles(html, "", set(), None)
    assert out == (
        "<body>\n<nav>\n<a href=x>\nOne\n</a>\n</nav>\n"
        "<pre>  keep\n    this\n</pre><p>a <code>x\n   y</code> &amp;\n   b</p>\n"
        '<p title="two\n   lines">t</p><textarea>\n  as typed\n</textarea><template>\n<li>\nx</li></template></body>'
    )


@pytest.mark.parametrize("dropped", [".md-typeset h1", ".md-header"])
def test_the_reduction_fails_loudly_if_a_used_rule_were_dropped(dropped):
    """The checks above see a missing rule: removing a used one changes what is kept."""
    css = ".md-typeset h1{margin:0}.md-header{color:red}"
    html = page('<header class="md-header"></header><div class="md-typeset"><h1>x</h1></div>')
    assert dropped in kept(css, html)
    without = css.replace(dropped, ".never-used")
    assert dropped not in kept(without, html)


def test_the_sites_own_stylesheet_is_compacted_without_losing_a_declaration():
    from alerta.config import ROOT
    from alerta.css import compact

    own = (ROOT / "docs" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    small = compact(own)
    assert "/*" not in small and "\n" not in small and len(small) < len(own) * 0.7

    def declarations(css: str) -> list[str]:
        return sorted(re.sub(r"\s+", "", d) for d in re.findall(r"[-\w]+\s*:[^;{}]+", re.sub(r"/\*.*?\*/", "", css, flags=re.S)))

    assert declarations(small) == declarations(own)
    assert compact('a[title="two  spaces"] b{x:y}') == 'a[title="two  spaces"] b{x:y}'


def test_one_shared_file_when_not_inlined():
    html = (
        '<head><meta http-equiv="Content-Security-Policy" content="style-src \'self\'">'
        '<link rel="stylesheet" href="../assets/stylesheets/main.1.min.css"><link rel="stylesheet" href="../assets/stylesheets/site.2.css"></head>'
    )
    out = join_styles(html, "a{b:c}", {"main.1.min.css", "site.2.css"}, None)
    assert out == '<head><meta http-equiv="Content-Security-Policy" content="style-src \'self\'"><link rel="stylesheet" href="../assets/stylesheets/main.1.min.css"></head>'


@pytest.mark.parametrize(
    "query, wait",
    [("print", True), ("screen and (min-width:60em)", True), ("(min-width: 480px)", True), ("print, screen and (min-width:76.25em)", True),
     ("screen and (max-width:76.234375em)", False), ("(min-width:20em)", False), ("screen", False), ("print, screen", False), ("not screen and (min-width:60em)", False)],
)
def test_which_media_a_phone_does_not_wait_for(query, wait):
    from alerta.css_split import waits

    assert waits(tinycss2.parse_component_value_list(query)) is wait


@pytest.mark.parametrize(
    "later, moves",
    [
        (".b{color:blue}", True),  # another element
        (".x .a{color:blue}", True),  # more specific: it wins wherever it stands
        (".a{margin:0}", True),  # another property
        (".a{color:blue}", False),  # same element, specificity and property: order decides, so it stays inline
        (".a{border:0}", False),  # a shorthand of the moved one's property
        ("@supports selector(::-webkit-scrollbar){.a{color:blue}}", False),  # a later rule inside @supports counts too
        ("@supports (display:grid){@layer x{.a{color:blue}}}", False),  # at any depth
        ("@keyframes a{0%{color:blue}}", True),  # not a style rule
    ],
)
def test_a_wide_screen_rule_waits_unless_moving_it_changes_the_cascade(later, moves):
    from alerta.css_split import split

    css = "@media screen and (min-width:60em){.a{color:red;border-left-width:2px}}" + later
    html = page('<div class="x"><p class="a"></p><p class="b"></p></div>')
    inline, waiting = split(css, [html])
    assert ("color:red" in waiting) is moves and ("color:red" in inline) is not moves
    assert later in inline
