"""The four-language site as built: languages, switcher, notices, strict links, nothing from elsewhere."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest
import yaml

from alerta.config import DOCS_DIR, ROOT, site_config
from alerta.csp import source_hash
from alerta.html import attribute, elements, parse, text
from alerta.theme_assets import prune
from tests.conftest import LANGUAGES
from tests.support.pages import html_lang, tags
from tests.support.project import mkdocs_build
from tests.support.third_party import third_party_resources


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_per_language_with_its_lang(built_site, lang):
    page = built_site / (site_config().prefix(lang) + "index.html")
    assert page.is_file()
    assert html_lang(page) == lang


def test_every_spanish_page_exists_in_every_language(built_site):
    sources = sorted(p.name for p in (DOCS_DIR / "es").glob("*.md"))
    assert len(sources) >= 10
    for lang in LANGUAGES:
        prefix = site_config().prefix(lang)
        for name in sources:
            page = built_site / (prefix + name.replace(".md", ".html"))
            assert page.is_file(), page
            assert html_lang(page) == lang


@pytest.mark.parametrize("page", ["señales.html", "qu/ayuda.html"])
def test_language_switcher_leads_to_same_page_in_each_language(built_site, page):
    path = built_site / page
    switcher = {a["hreflang"]: a["href"] for tag, a in tags(path) if tag == "a" and "md-select__link" in a.get("class", "")}
    assert set(switcher) == set(LANGUAGES)
    name = Path(page).name
    for lang, href in switcher.items():
        target = (path.parent / unquote(href)).resolve()
        expected = (built_site / site_config().prefix(lang) / name).resolve()
        assert target == expected, (lang, href)
        assert html_lang(target) == lang


def test_native_language_names_in_switcher(built_site):
    names = {a["hreflang"]: None for tag, a in tags(built_site / "index.html") if tag == "a" and a.get("hreflang")}
    text = (built_site / "index.html").read_text(encoding="utf-8")
    assert set(names) >= set(LANGUAGES)
    for name in ("Español", "English", "Runa Simi", "Aymar aru"):
        assert name in text


def test_broken_link_in_any_language_fails_the_build_naming_the_file(project_copy, tmp_path):
    page = project_copy / "docs" / "ay" / "derechos.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n[roto](no-existe.md)\n", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "derechos.md" in result.stderr and "no-existe.md" in result.stderr


def test_broken_anchor_fails_the_build_naming_the_file(project_copy, tmp_path):
    page = project_copy / "docs" / "en" / "ayuda.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n[gone](señales.md#no-such-anchor)\n", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "ayuda.md" in result.stderr and "no-such-anchor" in result.stderr


def test_missing_strings_key_fails_with_file_named(project_copy, tmp_path):
    path = project_copy / "data" / "strings" / "qu.yml"
    text = "\n".join(ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("quick_exit:"))
    path.write_text(text, encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "data/strings/qu.yml: Faltan textos: quick_exit. Qué hacer: agréguelos, traducidos de es.yml." in result.stderr


def test_fallback_page_shows_notice_in_readers_language(project_copy, tmp_path):
    (project_copy / "docs" / "qu" / "acerca.md").unlink()
    site = tmp_path / "out"
    result = mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    page = (site / "qu" / "acerca.html").read_text(encoding="utf-8")
    notice = yaml.safe_load((project_copy / "data" / "strings" / "qu.yml").read_text(encoding="utf-8"))["fallback_notice"]
    assert "site-notice--fallback" in page
    assert notice in page
    assert '<html lang="qu"' in page
    # The Spanish content is marked as Spanish for screen readers.
    assert '<div lang="es">' in page
    # A translated page has no such notice.
    assert "site-notice--fallback" not in (site / "qu" / "ayuda.html").read_text(encoding="utf-8")


def test_draft_translation_shows_draft_notice(built_site):
    strings = yaml.safe_load((ROOT / "data" / "strings" / "qu.yml").read_text(encoding="utf-8"))
    drafts = [p for p in (DOCS_DIR / "qu").glob("*.md") if re.search(r"^translation: draft", p.read_text(encoding="utf-8"), re.M)]
    assert drafts, "Quechua pages stay drafts until native review"
    for source in drafts:
        page = (built_site / "qu" / source.name.replace(".md", ".html")).read_text(encoding="utf-8")
        assert 'class="site-notice site-notice--draft"' in page and strings["draft_notice"] in page
    assert 'class="site-notice site-notice--draft"' not in (built_site / "index.html").read_text(encoding="utf-8")


def test_no_third_party_resource_anywhere(built_site):
    assert third_party_resources(built_site) == []


def test_no_google_fonts_and_no_generator_footer(built_site):
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in page and "fonts.gstatic" not in page
    assert "Made with" not in page and "squidfunk" not in page


def test_pages_load_no_theme_bundle_and_no_inline_script_but_the_projects_own_by_hash(built_site):
    """Material's bundle fetches sitemaps and writes localStorage; pages use site.js, and code the
    project inlines (the download page's copy button, the loader of the rules a wide screen needs)
    only with its hash in the page's policy."""
    from alerta.printed.forward import COPY_SCRIPT
    from alerta.site_css import WIDE_SCREEN_LOADER

    inline = set()
    for page in built_site.rglob("*.html"):
        if "downloads" in page.relative_to(built_site).parts:
            continue  # the single files (their quick exit is inline, allowed by hash): tests/site/test_bundles.py
        document = parse(page.read_text(encoding="utf-8"), locations=False)
        scripts = list(elements(document, "script"))
        assert all("bundle." not in (attribute(s, "src") or "") for s in scripts), page
        policy = next(attribute(m, "content") for m in elements(document, "meta") if attribute(m, "http-equiv") == "Content-Security-Policy")
        for script in scripts:
            if not attribute(script, "src"):
                code = text(script)
                assert source_hash(code) in policy.split("script-src")[1].split(";")[0], f"{page}: inline <script> not allowed by its hash"
                inline.add(code)
    assert WIDE_SCREEN_LOADER in inline, "the pages written online load the rules that can wait through the loader"
    assert inline <= {COPY_SCRIPT, WIDE_SCREEN_LOADER}, "no inline code but the project's own two"


def test_the_sites_scripts_are_published_minified_under_the_hash_of_what_is_published(built_site):
    import hashlib

    for name in ("site", "check"):
        source = (ROOT / "docs" / "assets" / "javascripts" / f"{name}.js").read_text(encoding="utf-8")
        [published] = built_site.glob(f"assets/javascripts/{name}.*.js")
        code = published.read_text(encoding="utf-8")
        assert "/*" not in code and "\n  " not in code and len(code) < 0.8 * len(source)
        assert published.name.split(".")[1] == hashlib.sha256(code.encode("utf-8")).hexdigest()[:8]


def test_root_404_page_is_in_the_default_language_and_no_sitemap_without_site_url(built_site):
    assert html_lang(built_site / "404.html") == site_config().default.code
    assert not site_config().data.get("site_url")
    # MkDocs would write sitemaps of "None/..." addresses: they are removed.
    assert not list(built_site.rglob("sitemap.xml*"))


def test_sitemaps_stay_when_site_url_is_set(tmp_path):
    for name in ("sitemap.xml", "qu/sitemap.xml", "assets/javascripts/bundle.1.min.js"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert prune(tmp_path, keep_sitemaps=True) == ["assets/javascripts/bundle.1.min.js"]
    assert (tmp_path / "qu" / "sitemap.xml").is_file()
    assert prune(tmp_path, keep_sitemaps=False) == ["sitemap.xml", "qu/sitemap.xml"]


def test_unused_theme_files_are_not_published(built_site):
    published = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()]
    assert not [p for p in published if p.endswith(".map") or "/lunr/" in p or "/workers/" in p or "bundle." in p or "palette." in p]
