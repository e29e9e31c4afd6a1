#!/usr/bin/env python3
"""Check every link of a built site: pages, anchors, images, CSS, phones, languages.

Usage: check_links.py SITE_DIR [--offline] [--external] [--json] [--contacts PATH] [--docs PATH]
                      [--cache PATH] [--cache-days N] [--timeout S] [--retries N] [--per-host N]

Every HTML file is parsed once (stdlib html.parser); every a[href], area[href],
link[href], img[src|srcset], source[src|srcset], script[src], iframe/video/audio
source, meta refresh and every CSS url()/@import (in .css files, <style>
elements and style attributes) must point to a file of the site, and a
#fragment must be an id (or a[name]) of the target page. tel: numbers must be
well formed AND published in docs/contacts.yml; mailto: must be well formed;
javascript: is refused. Each page must exist in every language present in the
folder, translated or as a declared fallback (an element with class
site-notice--fallback). --offline checks the folder as file:// opens it (an
offline bundle): a link to a folder, ending in "/" or starting with "/" only
works over http. --external also checks http(s) links (concurrent, a few
connections per host, retries, a cache in .cache/external-links.json; TLS
certificates are always verified).

Each finding names the Markdown source (docs/<lang>/X.md) of the page and the
line where the link appears in it, or the built file for pages that are not
Markdown pages. Exit status: 0 clean, 1 findings, 2 bad usage.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import posixpath
import re
import socket
import ssl
import sys
import threading
import time
import unicodedata
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, unquote, urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from scripts.contacts import ContactsError, is_valid_tel, load_contacts, published_numbers  # noqa: E402
from scripts.site_strings import DEFAULT_LANGUAGE, LANGUAGES  # noqa: E402

DOCS_DIR = ROOT / "docs"
CACHE_FILE = ROOT / ".cache" / "external-links.json"
CACHE_VERSION = 1
CACHE_DAYS = 7.0
TIMEOUT = 10.0
RETRIES = 2
BACKOFF = 0.5
PER_HOST = 2
WORKERS = 16
MAX_REDIRECTS = 10
# Sites with this many HTML/CSS files are parsed on all processors (up to MAX_PROCESSES).
PARALLEL_MIN_FILES = 300
MAX_PROCESSES = 8
USER_AGENT = "alerta-trata-check-links/1.0"

# Which attributes of which elements hold one URL.
URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src",),
    "iframe": ("src",),
    "source": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "track": ("src",),
    "embed": ("src",),
    "object": ("data",),
}
SRCSET_TAGS = ("img", "source")
FALLBACK_CLASS = "site-notice--fallback"
OTHER_LANGUAGES = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
# Served by web servers only, never opened from file://, never translated.
HTTP_ONLY_PAGES = ("404.html",)
# Top-level folders of the site that hold files, not pages.
ASSET_DIRS = ("assets", "downloads")
HTML_SUFFIXES = (".html", ".htm")
# Fragments a browser always accepts (HTML spec: "top" scrolls to the top).
ALWAYS_FRAGMENTS = ("", "top")
IGNORED_SCHEMES = ("data",)
EXTERNAL_SCHEMES = ("http", "https")

CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
META_REFRESH_URL = re.compile(r"""^\s*\d+(?:\.\d*)?\s*[;,]\s*url\s*=\s*['"]?([^'"]*)""", re.I)
EMAIL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")
MAILTO_FIELD = re.compile(r"^[A-Za-z0-9-]+=[^&]*$")

RETRY_STATUSES = frozenset({429} | set(range(500, 600)))
HEAD_REFUSED = frozenset({403, 405, 501})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

KIND_LABELS = {
    "missing": "broken link",
    "anchor": "broken link",
    "offline": "http-only link",
    "tel": "bad phone link",
    "tel-unknown": "unknown phone number",
    "mailto": "bad mailto link",
    "javascript": "javascript link",
    "scheme": "unsupported link",
    "counterpart": "missing counterpart",
    "fallback": "undeclared fallback",
    "hreflang": "bad hreflang alternate",
    "external": "broken external link",
}


@dataclass
class Link:
    """One URL found in a file, with where it was found."""

    url: str
    where: str  # "a[href]", "img[srcset]", "url() in CSS"...
    line: int  # line in the built file
    hreflang: str = ""


@dataclass
class Page:
    """What the checker needs of one built file."""

    path: str  # relative to the site folder, with "/"
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    fallback: bool = False


@dataclass
class Finding:
    """One problem, named the way an editor can find it."""

    file: str
    line: int | None
    page: str
    link: str
    reason: str
    kind: str


@dataclass
class Options:
    """Settings of one run."""

    site: Path
    site_label: str
    offline: bool = False
    external: bool = False
    docs: Path | None = None
    contacts: Path | None = None
    cache: Path = CACHE_FILE
    cache_days: float = CACHE_DAYS
    timeout: float = TIMEOUT
    retries: int = RETRIES
    backoff: float = BACKOFF
    per_host: int = PER_HOST
    workers: int = WORKERS


@dataclass
class Site:
    """The files of the built site and how they map to languages and sources."""

    options: Options
    files: dict[str, str]  # NFC relative name -> name on disk
    dirs: set[str]
    root: str  # folder of the site inside SITE_DIR ("" or a bundle's subfolder)
    pages: dict[str, Page] = field(default_factory=dict)
    numbers: set[str] = field(default_factory=set)
    tel_ids: dict[str, list[str]] = field(default_factory=dict)
    languages: tuple[str, ...] = ()
    external: dict[str, list[tuple[str, Link]]] = field(default_factory=dict)
    checked: int = 0
    _sources: dict[str, str] = field(default_factory=dict)
    _texts: dict[Path, str] = field(default_factory=dict)


@dataclass
class ExternalResult:
    """The outcome of checking one outside URL."""

    url: str
    ok: bool
    status: int | None
    final: str
    reason: str


class _PageParser(HTMLParser):
    """Collect the URLs, ids and fallback notice of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[Link] = []
        self.ids: set[str] = set()
        self.fallback = False
        self._style: list[str] | None = None
        self._style_line = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record the element's id, URLs and inline CSS."""
        line = self.getpos()[0]
        values = {name: value for name, value in reversed(attrs) if value is not None}
        ident = values.get("id")
        if ident:
            self.ids.add(ident)
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        css_class = values.get("class")
        if css_class and FALLBACK_CLASS in css_class.split():
            self.fallback = True
        for attr in URL_ATTRS.get(tag, ()):
            if attr in values:
                hreflang = values.get("hreflang", "") if tag == "link" and "alternate" in values.get("rel", "").lower().split() else ""
                self.links.append(Link(values[attr].strip(), f"{tag}[{attr}]", line, hreflang))
        if tag in SRCSET_TAGS and "srcset" in values:
            self.links.extend(Link(url, f"{tag}[srcset]", line) for url in srcset_urls(values["srcset"]))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = META_REFRESH_URL.match(values.get("content", ""))
            if match and match.group(1).strip():
                self.links.append(Link(match.group(1).strip(), "meta[refresh]", line))
        if "style" in values:
            self.links.extend(css_links(values["style"], line, "url() in style attribute"))
        if tag == "style":
            self._style, self._style_line = [], line

    def handle_data(self, data: str) -> None:
        """Keep the text of a <style> element."""
        if self._style is not None:
            self._style.append(data)

    def handle_endtag(self, tag: str) -> None:
        """Scan a finished <style> element for url()."""
        if tag == "style" and self._style is not None:
            self.links.extend(css_links("".join(self._style), self._style_line, "url() in <style>"))
            self._style = None


def srcset_urls(value: str) -> list[str]:
    """The URLs of a srcset attribute (candidates split on commas, descriptors dropped)."""
    urls, pos, size = [], 0, len(value)
    while pos < size:
        while pos < size and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < size and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0
            while pos < size and (depth or value[pos] != ","):
                depth += {"(": 1, ")": -1}.get(value[pos], 0)
                pos += 1
        if url:
            urls.append(url)
    return urls


def css_links(text: str, first_line: int, where: str) -> list[Link]:
    """Every url() and @import of a piece of CSS, with its line."""
    text = CSS_COMMENT.sub(lambda m: "\n" * m.group().count("\n"), text)
    links = []
    for pattern in (CSS_URL, CSS_IMPORT):
        for match in pattern.finditer(text):
            url = next((g for g in match.groups() if g is not None), "").strip()
            if url:
                links.append(Link(url, where, first_line + text.count("\n", 0, match.start())))
    return links


def parse_page(path: str, text: str) -> Page:
    """Parse one HTML file into a Page."""
    parser = _PageParser()
    parser.feed(text)
    parser.close()
    return Page(path, parser.links, parser.ids, parser.fallback)


def parse_css(path: str, text: str) -> Page:
    """A stylesheet as a Page whose links are its url()s."""
    return Page(path, css_links(text, 1, "url() in CSS"))


def nfc(text: str) -> str:
    """Unicode NFC, so "señales" matches however the file system spells it."""
    return unicodedata.normalize("NFC", text)


def scan_folder(site_dir: Path) -> tuple[dict[str, str], set[str]]:
    """Every file (NFC name -> name on disk) and folder under the site folder, relative, with "/"."""
    files, dirs = {}, {""}
    for current, subdirs, names in os.walk(site_dir):
        rel = os.path.relpath(current, site_dir).replace(os.sep, "/")
        rel = "" if rel == "." else rel + "/"
        dirs.update(nfc(rel + d) for d in subdirs)
        files.update((nfc(rel + n), rel + n) for n in names)
    return files, dirs


def find_site_root(site_dir: Path, dirs: set[str]) -> str:
    """The folder that holds the site: SITE_DIR, or the one subfolder of a bundle with assets/."""
    if "assets" in dirs or any(lang in dirs for lang in OTHER_LANGUAGES):
        return ""
    candidates = sorted(d for d in dirs if d and "/" not in d and f"{d}/assets" in dirs)
    return candidates[0] if len(candidates) == 1 else ""


def split_language(site: Site, path: str) -> tuple[str, str] | None:
    """(language, path inside the language) of a page of the site, or None for other files."""
    prefix = f"{site.root}/" if site.root else ""
    if not path.startswith(prefix):
        return None
    inner = path[len(prefix):]
    head, _, rest = inner.partition("/")
    if head in OTHER_LANGUAGES and rest:
        lang, inner = head, rest
    else:
        lang = DEFAULT_LANGUAGE
    if inner.split("/", 1)[0] in ASSET_DIRS:
        return None
    return lang, inner


def page_path(site: Site, lang: str, inner: str) -> str:
    """The site-relative path of a page in a language."""
    prefix = f"{site.root}/" if site.root else ""
    return prefix + (inner if lang == DEFAULT_LANGUAGE else f"{lang}/{inner}")


def markdown_source(site: Site, path: str) -> tuple[Path, bool] | None:
    """The docs/ Markdown file a page was built from and whether it is the page's own language."""
    docs = site.options.docs
    place = split_language(site, path)
    if docs is None or place is None or not path.endswith(".html"):
        return None
    lang, inner = place
    md = inner[: -len(".html")] + ".md"
    for candidate in dict.fromkeys((lang, DEFAULT_LANGUAGE)):
        source = docs / candidate / md
        if source.is_file():
            return source, candidate == lang
    return None


def source_label(site: Site, path: str) -> str:
    """How a finding names a page: its Markdown source, or the built file."""
    if path not in site._sources:
        source = markdown_source(site, path)
        if source is not None:
            site._sources[path] = source[0].relative_to(site.options.docs.parent).as_posix()
        else:
            site._sources[path] = posixpath.join(site.options.site_label, path)
    return site._sources[path]


def line_candidates(site: Site, url: str) -> list[str]:
    """Texts that may show where a link is written in Markdown, most precise first."""
    found = [url, unquote(url)]
    found += [re.sub(r"\.html(?=$|[#?])", ".md", u) for u in found]
    if url.startswith("tel:"):
        number = unquote(url[4:]).strip()
        found += [f"[[tel:{cid}]]" for cid in site.tel_ids.get(number, [])] + ["[[contacts", number]
    path = unquote(urlsplit(url).path).rstrip("/")
    base = path.rsplit("/", 1)[-1]
    if len(base) >= 3:
        found += [base, re.sub(r"\.html$", ".md", base)]
    return list(dict.fromkeys(c for c in found if c))


def find_line(text: str, candidates: list[str]) -> int | None:
    """The first line (1-based) containing the first candidate found."""
    for candidate in candidates:
        index = text.find(candidate)
        if index != -1:
            return text.count("\n", 0, index) + 1
    return None


def locate(site: Site, page: str, link: Link | None) -> tuple[str, int | None]:
    """The file and line a finding points an editor to."""
    label = source_label(site, page)
    source = markdown_source(site, page)
    if source is None:
        return label, (link.line if link else None)
    if link is None:
        return label, None
    if source[0] not in site._texts:
        site._texts[source[0]] = source[0].read_text(encoding="utf-8")
    return label, find_line(site._texts[source[0]], line_candidates(site, link.url))


def add(findings: list[Finding], site: Site, page: str, link: Link | None, url: str, kind: str, reason: str) -> None:
    """Record a finding with its source file and line."""
    file, line = locate(site, page, link)
    findings.append(Finding(file, line, page, url, reason, kind))


def resolve(site: Site, page: str, path: str) -> str | None:
    """The site-relative target of a local URL path, or None when it leaves the folder."""
    if path.startswith("/"):
        joined = posixpath.join(site.root, path.lstrip("/"))
    else:
        joined = posixpath.join(posixpath.dirname(page), path)
    target = posixpath.normpath(joined) if joined else "."
    if target == ".":
        return ""
    if target == ".." or target.startswith("../"):
        return None
    return nfc(target)


def check_local(findings: list[Finding], site: Site, page: Page, link: Link, kind: str) -> None:
    """A link to a file of the site: it exists (as file:// opens it with --offline) and so does its #fragment."""
    parts = urlsplit(link.url)
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    offline = site.options.offline
    if offline and path.startswith("/"):
        add(findings, site, page.path, link, link.url, "offline", f"{link.where} starts with '/': it works over http but from file:// it points to the root of the disk; write it relative to {page.path}")
        return
    target = resolve(site, page.path, path) if path else page.path
    if target is None:
        add(findings, site, page.path, link, link.url, kind, f"{link.where} points outside the site folder")
        return
    if target in site.dirs or path.endswith("/"):
        index = posixpath.join(target, "index.html")
        if offline:
            hint = f"; link {index} instead" if index in site.files else ""
            add(findings, site, page.path, link, link.url, "offline", f"{link.where} points to a folder: it works over http but not from file://{hint}")
            return
        if index not in site.files:
            add(findings, site, page.path, link, link.url, kind, f"folder {target or '.'}/ has no index.html")
            return
        target = index
    elif target not in site.files:
        add(findings, site, page.path, link, link.url, kind, f"{target} not found ({link.where})")
        return
    if kind == "hreflang":
        check_hreflang_language(findings, site, page, link, target)
    if fragment not in ALWAYS_FRAGMENTS and target.endswith(HTML_SUFFIXES):
        ids = site.pages[target].ids if target in site.pages else set()
        if fragment not in ids and parts.fragment not in ids:
            add(findings, site, page.path, link, link.url, "anchor", f"anchor #{fragment} not found in {target}")


def check_hreflang_language(findings: list[Finding], site: Site, page: Page, link: Link, target: str) -> None:
    """An alternate for language X must be a page of language X."""
    lang = link.hreflang.lower().split("-")[0]
    place = split_language(site, target)
    if lang in LANGUAGES and place is not None and place[0] != lang:
        add(findings, site, page.path, link, link.url, "hreflang", f"alternate for '{link.hreflang}' points to {target}, a page in '{place[0]}'")


def check_tel(findings: list[Finding], site: Site, page: Page, link: Link) -> None:
    """A tel: number is E.164 or a Bolivian short/free number, and published in the contacts."""
    number = unquote(link.url[4:]).strip()
    if not is_valid_tel(number):
        add(findings, site, page.path, link, link.url, "tel", f"'{number}' is neither E.164 (+591 and digits, no spaces) nor a Bolivian short/free number (110, 800xxxxxx)")
    elif number not in site.numbers:
        owners = site.tel_ids.get(number)
        why = f"belongs to '{owners[0]}', which is not published (verified: null)" if owners else "is not in the contacts file"
        add(findings, site, page.path, link, link.url, "tel-unknown", f"{number} {why}; pages may only link published numbers of docs/contacts.yml ([[tel:ID]])")


def check_mailto(findings: list[Finding], site: Site, page: Page, link: Link) -> None:
    """A mailto: link has one or more well-formed addresses and key=value fields."""
    target, _, query = link.url[len("mailto:"):].partition("?")
    addresses = [unquote(a).strip() for a in target.split(",")] if target else []
    bad = [a for a in addresses if not EMAIL.match(a)]
    if not addresses:
        add(findings, site, page.path, link, link.url, "mailto", "no e-mail address after 'mailto:'")
    elif bad:
        add(findings, site, page.path, link, link.url, "mailto", f"'{bad[0]}' is not a well-formed e-mail address")
    elif query and not all(MAILTO_FIELD.match(part) for part in query.split("&")):
        add(findings, site, page.path, link, link.url, "mailto", "the part after '?' must be fields like subject=...&body=...")


def check_link(findings: list[Finding], site: Site, page: Page, link: Link) -> None:
    """Check one URL of a page according to its scheme."""
    url = link.url
    if not url:
        return
    site.checked += 1
    kind = "hreflang" if link.hreflang else "missing"
    scheme = urlsplit(url).scheme.lower()
    alternate_lang = link.hreflang.lower().split("-")[0]
    if alternate_lang in LANGUAGES and alternate_lang not in site.languages:
        return  # a bundle without that language: the alternate is metadata only
    if scheme in EXTERNAL_SCHEMES:
        site.external.setdefault(url.split("#", 1)[0], []).append((page.path, link))
    elif url.startswith("//"):
        if site.options.offline:
            add(findings, site, page.path, link, url, "offline", f"{link.where} has no scheme: it works over http but from file:// it means file:{url}; write https:{url}")
        else:
            site.external.setdefault("https:" + url.split("#", 1)[0], []).append((page.path, link))
    elif scheme == "tel":
        check_tel(findings, site, page, link)
    elif scheme == "mailto":
        check_mailto(findings, site, page, link)
    elif scheme == "javascript":
        add(findings, site, page.path, link, url, "javascript", "javascript: URLs are blocked by the site's Content-Security-Policy and do nothing without JavaScript; link a page instead")
    elif scheme in IGNORED_SCHEMES:
        return
    elif scheme:
        add(findings, site, page.path, link, url, "scheme", f"'{scheme}:' links are not checked and may not open on a phone; use a page, https:, tel: or mailto:")
    else:
        check_local(findings, site, page, link, kind)


def check_languages(findings: list[Finding], site: Site) -> None:
    """Every page exists in each language present; a page shown in another language says so."""
    by_lang: dict[str, dict[str, str]] = {}
    for path in site.pages:
        place = split_language(site, path)
        if place and path.endswith(HTML_SUFFIXES) and posixpath.basename(path) not in HTTP_ONLY_PAGES:
            by_lang.setdefault(place[0], {})[place[1]] = path
    present = [lang for lang in LANGUAGES if by_lang.get(lang)]
    for inner in sorted(set().union(*(by_lang[lang] for lang in present))) if present else []:
        have = [lang for lang in present if inner in by_lang[lang]]
        for lang in present:
            if inner not in by_lang[lang]:
                missing = page_path(site, lang, inner)
                existing = by_lang[have[0]][inner]
                md = inner[: -len(".html")] + ".md" if inner.endswith(".html") else inner
                add(findings, site, existing, None, missing, "counterpart", f"{existing} has no '{lang}' counterpart: {missing} does not exist (present in {', '.join(have)}); add docs/{lang}/{md} or let the i18n fallback publish it")
    if site.options.docs is None:
        return
    for lang in present:
        if lang == DEFAULT_LANGUAGE:
            continue
        for inner, path in sorted(by_lang[lang].items()):
            source = markdown_source(site, path)
            if source is not None and not source[1] and not site.pages[path].fallback:
                shown = source[0].relative_to(site.options.docs.parent).as_posix()
                add(findings, site, path, None, path, "fallback", f"{path} shows {shown} (not translated) without the fallback notice (an element with class {FALLBACK_CLASS})")


def parse_files(site_dir: Path, paths: list[tuple[str, str]]) -> list[Page]:
    """Parse some HTML and CSS files of the site (one process's share), given as (name, name on disk)."""
    pages = []
    for path, on_disk in paths:
        text = (site_dir / on_disk).read_text(encoding="utf-8", errors="replace")
        pages.append(parse_css(path, text) if path.endswith(".css") else parse_page(path, text))
    return pages


def parse_all(site_dir: Path, paths: list[tuple[str, str]]) -> list[Page]:
    """Parse every file, on all processors when the site is large."""
    workers = min(os.cpu_count() or 1, MAX_PROCESSES)
    if len(paths) < PARALLEL_MIN_FILES or workers < 2:
        return parse_files(site_dir, paths)
    shares = [paths[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return [page for pages in pool.map(parse_files, [site_dir] * workers, shares) for page in pages]


def load_site(options: Options) -> Site:
    """Scan the folder and parse every HTML and CSS file once."""
    files, dirs = scan_folder(options.site)
    site = Site(options, files, dirs, find_site_root(options.site, dirs))
    paths = sorted((p, disk) for p, disk in files.items() if p.endswith(HTML_SUFFIXES + (".css",)))
    site.pages = {page.path: page for page in sorted(parse_all(options.site, paths), key=lambda page: page.path)}
    langs = {place[0] for path in site.pages if (place := split_language(site, path)) and path.endswith(HTML_SUFFIXES) and posixpath.basename(path) not in HTTP_ONLY_PAGES}
    site.languages = tuple(lang for lang in LANGUAGES if lang in langs)
    return site


def load_numbers(site: Site) -> None:
    """The published phone numbers, and which contact ids carry each one."""
    contacts = load_contacts(site.options.contacts)
    site.numbers = published_numbers(contacts)
    for contact in contacts:
        for number in [p.number for p in contact.phones] + ([contact.whatsapp] if contact.whatsapp else []):
            site.tel_ids.setdefault(number, []).append(contact.id)


def check_site(options: Options) -> tuple[list[Finding], Site]:
    """Every finding of the site folder, sorted by file and line."""
    site = load_site(options)
    if options.contacts is not None:
        load_numbers(site)
    findings: list[Finding] = []
    for path, page in site.pages.items():
        if options.offline and posixpath.basename(path) in HTTP_ONLY_PAGES:
            continue
        for link in page.links:
            check_link(findings, site, page, link)
    check_languages(findings, site)
    if options.external and site.external:
        findings += check_external(site)
    return sort_findings(findings), site


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """One finding per page, link and kind, in file and line order."""
    unique = {(f.page, f.link, f.kind, f.reason): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.file, f.line or 0, f.page, f.link, f.kind))


# --- external links ---------------------------------------------------------


def tls_context() -> ssl.SSLContext:
    """The only TLS context used: certificate and host name always verified."""
    context = ssl.create_default_context()
    context.verify_mode = ssl.CERT_REQUIRED
    context.check_hostname = True
    return context


class HostLimiter:
    """At most N connections at a time to each host."""

    def __init__(self, per_host: int) -> None:
        self.per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    def slot(self, url: str) -> threading.BoundedSemaphore:
        """The semaphore of the URL's host and port."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.hostname}:{parts.port or ''}"
        with self._lock:
            return self._slots.setdefault(key, threading.BoundedSemaphore(self.per_host))


def request_once(url: str, method: str, timeout: float, context: ssl.SSLContext) -> tuple[int, str | None]:
    """One HTTP request; the status and Location header."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout, context=context)
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~-._") + (f"?{quote(parts.query, safe='=&%:@!$()*+,;/?~-._')}" if parts.query else "")
    try:
        conn.request(method, target, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = conn.getresponse()
        return response.status, response.getheader("Location")
    finally:
        conn.close()


def follow(url: str, options: Options, limiter: HostLimiter, context: ssl.SSLContext) -> tuple[int, str]:
    """HEAD (then GET if HEAD is refused), following redirects; the final status and URL."""
    for _ in range(MAX_REDIRECTS + 1):
        if urlsplit(url).scheme not in EXTERNAL_SCHEMES:
            raise ValueError(f"redirected to {url}, not http(s)")
        with limiter.slot(url):
            status, location = request_once(url, "HEAD", options.timeout, context)
            if status in HEAD_REFUSED:
                status, location = request_once(url, "GET", options.timeout, context)
        if status in REDIRECT_STATUSES and location:
            url = urljoin(url, location)
            continue
        return status, url
    raise ValueError(f"more than {MAX_REDIRECTS} redirects")


def check_url(url: str, options: Options, limiter: HostLimiter, context: ssl.SSLContext) -> ExternalResult:
    """Check one outside URL, retrying with back-off on 5xx, 429 and timeouts."""
    reason, status, attempts = "", None, options.retries + 1
    for attempt in range(attempts):
        if attempt:
            time.sleep(options.backoff * 2 ** (attempt - 1))
        try:
            status, final = follow(url, options, limiter, context)
        except ssl.SSLCertVerificationError as exc:
            return ExternalResult(url, False, None, url, f"TLS certificate not valid: {exc.verify_message or exc.reason}")
        except ssl.SSLError as exc:
            return ExternalResult(url, False, None, url, f"TLS error: {exc.reason or exc}")
        except (TimeoutError, socket.timeout):
            reason = f"no answer within {options.timeout:g} s (timeout)"
            continue
        except socket.gaierror:
            return ExternalResult(url, False, None, url, "host name not found")
        except (OSError, http.client.HTTPException) as exc:
            reason = f"connection failed: {getattr(exc, 'strerror', None) or exc!r}"
            continue
        except ValueError as exc:
            return ExternalResult(url, False, None, url, str(exc))
        if status < 400:
            return ExternalResult(url, True, status, final, f"HTTP {status}")
        reason = f"HTTP {status}" + (f" (after redirects, at {final})" if final != url else "")
        if status not in RETRY_STATUSES:
            return ExternalResult(url, False, status, final, reason)
    tries = f" ({attempts} attempts)" if attempts > 1 else ""
    return ExternalResult(url, False, status, url, reason + tries)


def load_cache(path: Path) -> dict[str, dict]:
    """Cached results of earlier runs (URL -> entry); empty when missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or not isinstance(data.get("urls"), dict):
        return {}
    return data["urls"]


def save_cache(path: Path, entries: dict[str, dict]) -> None:
    """Write the cache atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps({"version": CACHE_VERSION, "urls": entries}, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(temp, path)


def check_external(site: Site) -> list[Finding]:
    """Check every outside URL once (cached successes are reused until they expire)."""
    options = site.options
    cache = load_cache(options.cache)
    now = time.time()
    max_age = options.cache_days * 86400
    results: dict[str, ExternalResult] = {}
    todo = []
    for url in sorted(site.external):
        entry = cache.get(url)
        if entry and now - float(entry.get("checked", 0)) < max_age:
            results[url] = ExternalResult(url, True, entry.get("status"), entry.get("final", url), "cached")
        else:
            todo.append(url)
    if todo:
        limiter, context = HostLimiter(options.per_host), tls_context()
        with ThreadPoolExecutor(max_workers=max(1, min(options.workers, len(todo)))) as pool:
            for result in pool.map(lambda u: check_url(u, options, limiter, context), todo):
                results[result.url] = result
                if result.ok:
                    cache[result.url] = {"status": result.status, "final": result.final, "checked": now}
                else:
                    cache.pop(result.url, None)
        save_cache(options.cache, {u: e for u, e in cache.items() if now - float(e.get("checked", 0)) < max_age})
    findings: list[Finding] = []
    for url, uses in site.external.items():
        result = results[url]
        if not result.ok:
            for page, link in uses:
                add(findings, site, page, link, link.url, "external", result.reason)
    return findings


# --- command line -----------------------------------------------------------


def format_finding(finding: Finding) -> str:
    """One line for people: file:line: what 'link' (in page): why."""
    where = f"{finding.file}:{finding.line}" if finding.line else finding.file
    return f"{where}: {KIND_LABELS.get(finding.kind, finding.kind)} '{finding.link}' (in {finding.page}): {finding.reason}"


def summary(findings: list[Finding], site: Site, seconds: float) -> str:
    """The last line of the report."""
    pages = sum(1 for p in site.pages if p.endswith(HTML_SUFFIXES))
    scope = f"{pages} pages, {site.checked} links" + (f", {len(site.external)} outside URLs" if site.options.external else "") + f", {seconds:.2f} s"
    if not findings:
        return f"check_links: no broken links ({scope})."
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    detail = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items()))
    return f"check_links: {len(findings)} finding{'s' if len(findings) != 1 else ''} ({detail}) in {scope}."


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line, as documented at the top of this file."""
    parser = argparse.ArgumentParser(prog="check_links.py", description="Check the links of the built site (or of an unpacked offline bundle).")
    parser.add_argument("site", metavar="SITE_DIR", help="folder written by `mkdocs build`, or an unpacked offline bundle")
    parser.add_argument("--offline", action="store_true", help="check as file:// opens the folder (offline bundles): no folder links, no links starting with /")
    parser.add_argument("--external", action="store_true", help="also check http(s) links (needs the network)")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON (file, line, page, link, reason, kind)")
    parser.add_argument("--contacts", type=Path, help="contacts file whose numbers tel: links may use (default: DOCS/contacts.yml)")
    parser.add_argument("--docs", type=Path, help=f"Markdown sources, to name the file and line of each finding (default: {DOCS_DIR.relative_to(ROOT)})")
    parser.add_argument("--cache", type=Path, default=CACHE_FILE, help=f"cache of external results (default: {CACHE_FILE.relative_to(ROOT)})")
    parser.add_argument("--cache-days", type=float, default=CACHE_DAYS, help=f"days a good external result is trusted (default: {CACHE_DAYS:g}; 0 = always check)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help=f"seconds to wait for an outside server (default: {TIMEOUT:g})")
    parser.add_argument("--retries", type=int, default=RETRIES, help=f"new attempts after a 5xx or a timeout (default: {RETRIES})")
    parser.add_argument("--backoff", type=float, default=BACKOFF, help=f"seconds before the first retry, doubled each time (default: {BACKOFF:g})")
    parser.add_argument("--per-host", type=int, default=PER_HOST, help=f"connections at a time to one host (default: {PER_HOST})")
    return parser.parse_args(argv)


def make_options(args: argparse.Namespace) -> Options | str:
    """Options from the command line, or an error message."""
    site = Path(args.site)
    if not site.is_dir():
        return f"check_links.py: error: site folder '{args.site}' not found. Build the site first (mkdocs build --strict) or give the folder an offline bundle was unpacked into."
    docs = args.docs if args.docs is not None else DOCS_DIR
    if args.docs is not None and not docs.is_dir():
        return f"check_links.py: error: --docs folder '{docs}' not found."
    contacts = args.contacts if args.contacts is not None else docs / "contacts.yml"
    if not contacts.is_file():
        return f"check_links.py: error: contacts file '{contacts}' not found; tel: links are checked against it (give one with --contacts)."
    return Options(
        site=site.resolve(),
        site_label=str(args.site).rstrip("/") or ".",
        offline=args.offline,
        external=args.external,
        docs=docs.resolve() if docs.is_dir() else None,
        contacts=contacts,
        cache=args.cache,
        cache_days=args.cache_days,
        timeout=args.timeout,
        retries=max(0, args.retries),
        backoff=args.backoff,
        per_host=max(1, args.per_host),
    )


def main(argv: list[str] | None = None) -> int:
    """Run the checker; 0 clean, 1 findings, 2 bad usage."""
    started = time.perf_counter()
    try:
        args = parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    options = make_options(args)
    if isinstance(options, str):
        print(options, file=sys.stderr)
        return 2
    try:
        findings, site = check_site(options)
    except ContactsError as exc:
        print(f"check_links.py: error: {exc}", file=sys.stderr)
        return 2
    line = summary(findings, site, time.perf_counter() - started)
    if args.json:
        print(json.dumps([asdict(f) for f in findings], ensure_ascii=False, indent=2))
        print(line, file=sys.stderr)
    else:
        for finding in findings:
            print(format_finding(finding))
        print(line)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
