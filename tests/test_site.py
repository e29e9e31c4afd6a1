"""The four-language site: languages, switcher, UI strings, notices, strict links."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import material
import pytest
import yaml

from tests.conftest import LANGUAGES, ROOT, mkdocs_build

HOME = {"es": "index.html", "en": "en/index.html", "qu": "qu/index.html", "ay": "ay/index.html"}
KEY = re.compile(r'^\s*"([^"]+)":', re.M)


def html_lang(page: Path) -> str:
    return re.search(r'<html lang="([^"]+)"', page.read_text(encoding="utf-8")).group(1)


class Links(HTMLParser):
    """Collect (tag, attributes) of every element."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def elements(page: Path) -> list[tuple[str, dict]]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.elements


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_per_language_with_its_lang(built_site, lang):
    page = built_site / HOME[lang]
    assert page.is_file()
    assert html_lang(page) == lang


def test_every_spanish_page_exists_in_every_language(built_site):
    sources = sorted(p.name for p in (ROOT / "docs" / "es").glob("*.md"))
    assert len(sources) >= 10
    for lang in LANGUAGES:
        prefix = "" if lang == "es" else f"{lang}/"
        for name in sources:
            page = built_site / (prefix + name.replace(".md", ".html"))
            assert page.is_file(), page
            assert html_lang(page) == lang


@pytest.mark.parametrize("page", ["señales.html", "qu/ayuda.html"])
def test_language_switcher_leads_to_same_page_in_each_language(built_site, page):
    path = built_site / page
    switcher = {a["hreflang"]: a["href"] for tag, a in elements(path) if tag == "a" and "md-select__link" in a.get("class", "")}
    assert set(switcher) == set(LANGUAGES)
    name = Path(page).name
    for lang, href in switcher.items():
        target = (path.parent / unquote(href)).resolve()
        expected = (built_site / ("" if lang == "es" else lang) / name).resolve()
        assert target == expected, (lang, href)
        assert html_lang(target) == lang


def test_native_language_names_in_switcher(built_site):
    names = {a["hreflang"]: None for tag, a in elements(built_site / "index.html") if tag == "a" and a.get("hreflang")}
    text = (built_site / "index.html").read_text(encoding="utf-8")
    assert set(names) >= set(LANGUAGES)
    for name in ("Español", "English", "Runa Simi", "Aymar aru"):
        assert name in text


def material_keys(lang: str) -> set[str]:
    path = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{lang}.html"
    return set(KEY.findall(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize("lang", ["qu", "ay"])
def test_quechua_and_aymara_ui_cover_every_material_key(lang):
    path = ROOT / "overrides" / "partials" / "languages" / f"{lang}.html"
    text = path.read_text(encoding="utf-8")
    ours = set(KEY.findall(text))
    missing = material_keys("es") - ours
    assert not missing, f"{path.relative_to(ROOT)} lacks Material keys: {sorted(missing)}"
    assert f'"language": "{lang}"' in text
    assert "draft" in text.lower(), "the file must say it is a draft for native review"


def test_site_strings_have_every_key_in_every_language():
    source = yaml.safe_load((ROOT / "data" / "strings" / "es.yml").read_text(encoding="utf-8"))
    for lang in LANGUAGES:
        strings = yaml.safe_load((ROOT / "data" / "strings" / f"{lang}.yml").read_text(encoding="utf-8"))
        assert set(source) - set(strings) == set(), lang


def test_requirements_are_pinned_exactly():
    lines = [ln.split("#")[0].strip() for ln in (ROOT / "requirements.txt").read_text().splitlines()]
    lines = [ln for ln in lines if ln]
    assert lines
    for line in lines:
        assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][\w.]*", line), line
    assert any(ln.startswith("mkdocs==1.") for ln in lines)


def test_headings_have_explicit_ids_identical_across_languages():
    heading = re.compile(r"^#{2,3} .*\{ ?#([a-z0-9-]+) ?\}\s*$")
    bare = re.compile(r"^#{2,3} (?!.*\{ ?#)")
    for source in sorted((ROOT / "docs" / "es").glob("*.md")):
        ids = {}
        for lang in LANGUAGES:
            path = ROOT / "docs" / lang / source.name
            if not path.is_file():
                continue
            lines = path.read_text(encoding="utf-8").splitlines()
            assert not [ln for ln in lines if bare.match(ln)], f"{path.relative_to(ROOT)}: heading without {{ #id }}"
            ids[lang] = [m.group(1) for ln in lines if (m := heading.match(ln))]
        for lang, found in ids.items():
            assert found == ids["es"], f"docs/{lang}/{source.name}: ids differ from Spanish"


# --- Strict build failures, each in a throw-away copy of the project ---------


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
    assert "data/strings/qu.yml: missing key(s) quick_exit" in result.stderr


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
    drafts = [p for p in (ROOT / "docs" / "qu").glob("*.md") if re.search(r"^translation: draft", p.read_text(encoding="utf-8"), re.M)]
    assert drafts, "Quechua pages stay drafts until native review"
    for source in drafts:
        page = (built_site / "qu" / source.name.replace(".md", ".html")).read_text(encoding="utf-8")
        assert "site-notice--draft" in page and strings["draft_notice"] in page
    assert "site-notice--draft" not in (built_site / "index.html").read_text(encoding="utf-8")


# --- Nothing from a third-party origin ---------------------------------------

RESOURCE_ATTRS = {"script": "src", "img": "src", "iframe": "src", "source": "src", "audio": "src", "video": "src", "embed": "src", "object": "data"}
LINK_RESOURCE_RELS = {"stylesheet", "icon", "preload", "prefetch", "preconnect", "dns-prefetch", "modulepreload", "manifest", "apple-touch-icon"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
JS_ORIGIN = re.compile(r"""(?:fetch|importScripts|XMLHttpRequest|src\s*=|href\s*=|open)\s*\(?\s*['"`](?:https?:)?//""")


def is_external(url: str) -> bool:
    return bool(urlparse(url).scheme in ("http", "https") or url.startswith("//"))


def third_party_resources(site: Path) -> list[str]:
    """Every resource URL in the built site that points outside it."""
    found = []
    for path in site.rglob("*"):
        rel = path.relative_to(site)
        if path.suffix == ".html":
            for tag, attrs in elements(path):
                urls = []
                if tag in RESOURCE_ATTRS and attrs.get(RESOURCE_ATTRS[tag]):
                    urls.append(attrs[RESOURCE_ATTRS[tag]])
                for srcset in (attrs.get("srcset"),):
                    if srcset:
                        urls += [part.strip().split(" ")[0] for part in srcset.split(",")]
                if tag == "link" and set((attrs.get("rel") or "").split()) & LINK_RESOURCE_RELS:
                    urls.append(attrs.get("href", ""))
                if attrs.get("style"):
                    urls += CSS_URL.findall(attrs["style"])
                found += [f"{rel}: <{tag}> {u}" for u in urls if is_external(u)]
            text = path.read_text(encoding="utf-8")
            found += [f"{rel}: inline css url({u})" for u in CSS_URL.findall(text) if is_external(u) and "<style" in text]
        elif path.suffix == ".css":
            found += [f"{rel}: url({u})" for u in CSS_URL.findall(path.read_text(encoding="utf-8")) if is_external(u)]
        elif path.suffix == ".js":
            text = path.read_text(encoding="utf-8")
            found += [f"{rel}: {m.group(0)}" for m in JS_ORIGIN.finditer(text)]
    return found


def test_no_third_party_resource_anywhere(built_site):
    assert third_party_resources(built_site) == []


def test_third_party_scan_catches_a_cdn(tmp_path):
    (tmp_path / "a.html").write_text('<link rel="stylesheet" href="https://fonts.googleapis.com/css"><script src="//cdn.example/x.js"></script><a href="https://source.example/">ok</a>')
    (tmp_path / "b.css").write_text("body{background:url(https://evil.example/p.png)}")
    (tmp_path / "c.js").write_text('fetch("https://tracker.example/ping")')
    found = third_party_resources(tmp_path)
    assert len(found) == 4, found


def test_no_google_fonts_and_no_generator_footer(built_site):
    page = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in page and "fonts.gstatic" not in page
    assert "Made with" not in page and "squidfunk" not in page


def test_offline_config_uses_vendored_iframe_worker_shim():
    data = yaml.safe_load((ROOT / "mkdocs-offline.yml").read_text(encoding="utf-8"))
    polyfills = data["extra"]["polyfills"]
    assert any("iframe-worker" in p and not is_external(p) for p in polyfills)
    for p in polyfills:
        assert (ROOT / "docs" / p).is_file(), p
    # Plugins are mappings, so inheritance appends offline after i18n (pitfall 6).
    parent = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert data["INHERIT"] == "mkdocs.yml"
    assert isinstance(parent["plugins"], dict) and list(parent["plugins"]) == ["i18n"]
    assert list(data["plugins"]) == ["offline"]


def test_pages_load_no_theme_bundle_and_no_inline_script(built_site):
    """Material's bundle fetches sitemaps and writes localStorage; pages use site.js only."""
    for page in built_site.rglob("*.html"):
        scripts = [a for tag, a in elements(page) if tag == "script"]
        assert all("bundle." not in a.get("src", "") for a in scripts), page
        assert all(a.get("src") for a in scripts), f"{page}: inline <script>"


def test_root_404_page_is_spanish_and_no_broken_sitemap(built_site):
    assert html_lang(built_site / "404.html") == "es"
    for sitemap in built_site.rglob("sitemap.xml"):
        assert "None" not in sitemap.read_text(encoding="utf-8"), sitemap


def test_unused_theme_files_are_not_published(built_site):
    published = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*") if p.is_file()]
    assert not [p for p in published if p.endswith(".map") or "/lunr/" in p or "/workers/" in p or "bundle." in p or "palette." in p]
