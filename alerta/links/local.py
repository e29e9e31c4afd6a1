"""Local links of a built site: every file exists, every #fragment is an id of its page, phones are published.

Each finding names the Markdown source (docs/<lang>/X.md) of the page and the
line where the link appears in it, or the built file for pages that are not
Markdown pages. --offline checks the folder as file:// opens it (an offline
bundle): a link to a folder, ending in "/" or starting with "/" only works
over http. Each page must exist in every language present in the folder,
translated or as a declared fallback (an element with class site-notice--fallback).
"""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

from alerta.config import site_config
from alerta.contacts import is_valid_tel, load_contacts, published_numbers
from alerta.csp import source_hash
from alerta.links.model import Finding, Link, Options, Page, Site
from alerta.links.parse import parse_css, parse_page
from alerta.problems import Text, say

LANGUAGES = site_config().codes
DEFAULT_LANGUAGE = site_config().default.code
OTHER_LANGUAGES = site_config().translations
FALLBACK_CLASS = "site-notice--fallback"
# Sites with this many HTML/CSS files are parsed on all processors (up to MAX_PROCESSES).
PARALLEL_MIN_FILES = 300
MAX_PROCESSES = 8
# Served by web servers only, never opened from file://, never translated.
HTTP_ONLY_PAGES = ("404.html",)
# Top-level folders of the site that hold files, not pages.
ASSET_DIRS = ("assets", "downloads")
HTML_SUFFIXES = (".html", ".htm")
# Fragments a browser always accepts (HTML spec: "top" scrolls to the top).
ALWAYS_FRAGMENTS = ("", "top")
IGNORED_SCHEMES = ("data",)
BLANK = "about:blank"  # where a single file's quick exit goes: a blank page every browser has, no request
EXTERNAL_SCHEMES = ("http", "https")
EMAIL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$")
MAILTO_FIELD = re.compile(r"^[A-Za-z0-9-]+=[^&]*$")


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


def add(findings: list[Finding], site: Site, page: str, link: Link | None, url: str, kind: str, reason: Text) -> None:
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
        add(findings, site, page.path, link, link.url, "offline", say(f"{link.where} empieza con '/': funciona en internet, pero abierto desde el teléfono (file://) apunta a la raíz del disco; escríbalo relativo a {page.path}", f"{link.where} starts with '/': it works over http but from file:// it points to the root of the disk; write it relative to {page.path}"))
        return
    target = resolve(site, page.path, path) if path else page.path
    if target is None:
        add(findings, site, page.path, link, link.url, kind, say(f"{link.where} apunta fuera de la carpeta del sitio", f"{link.where} points outside the site folder"))
        return
    if target in site.dirs or path.endswith("/"):
        index = posixpath.join(target, "index.html")
        if offline:
            hint = f"; link {index}" if index in site.files else ""
            add(findings, site, page.path, link, link.url, "offline", say(f"{link.where} apunta a una carpeta: funciona en internet pero no desde el teléfono (file://){hint}", f"{link.where} points to a folder: it works over http but not from file://{hint}"))
            return
        if index not in site.files:
            add(findings, site, page.path, link, link.url, kind, say(f"la carpeta {target or '.'}/ no tiene index.html", f"folder {target or '.'}/ has no index.html"))
            return
        target = index
    elif target not in site.files:
        add(findings, site, page.path, link, link.url, kind, say(f"{target} no existe ({link.where})", f"{target} not found ({link.where})"))
        return
    if kind == "hreflang":
        check_hreflang_language(findings, site, page, link, target)
    if fragment not in ALWAYS_FRAGMENTS and target.endswith(HTML_SUFFIXES):
        ids = site.pages[target].ids if target in site.pages else set()
        if fragment not in ids and parts.fragment not in ids:
            add(findings, site, page.path, link, link.url, "anchor", say(f"el ancla #{fragment} no existe en {target}", f"anchor #{fragment} not found in {target}"))


def check_hreflang_language(findings: list[Finding], site: Site, page: Page, link: Link, target: str) -> None:
    """An alternate for language X must be a page of language X."""
    lang = link.hreflang.lower().split("-")[0]
    place = split_language(site, target)
    if lang in LANGUAGES and place is not None and place[0] != lang:
        add(findings, site, page.path, link, link.url, "hreflang", say(f"la versión en '{link.hreflang}' apunta a {target}, una página en '{place[0]}'", f"alternate for '{link.hreflang}' points to {target}, a page in '{place[0]}'"))


def check_tel(findings: list[Finding], site: Site, page: Page, link: Link) -> None:
    """A tel: number is E.164 or a Bolivian short/free number, and published in the contacts."""
    number = unquote(link.url[4:]).strip()
    if not is_valid_tel(number):
        add(findings, site, page.path, link, link.url, "tel", say(f"'{number}' no es un número internacional (+591 y cifras, sin espacios) ni un número corto o gratuito de Bolivia (110, 800xxxxxx)", f"'{number}' is neither E.164 (+591 and digits, no spaces) nor a Bolivian short/free number (110, 800xxxxxx)"))
    elif number not in site.numbers:
        owners = site.tel_ids.get(number)
        why = say(f"es de '{owners[0]}', que no se muestra hasta que alguien lo confirme (withheld)", f"belongs to '{owners[0]}', which is withheld until someone confirms it") if owners else say("no está en el archivo de contactos", "is not in the contacts file")
        add(findings, site, page.path, link, link.url, "tel-unknown", say(f"{number} {why.es}; las páginas solo enlazan números publicados de docs/contacts.yml ([[tel:ID]])", f"{number} {why.en}; pages may only link published numbers of docs/contacts.yml ([[tel:ID]])"))


def check_mailto(findings: list[Finding], site: Site, page: Page, link: Link) -> None:
    """A mailto: link has one or more well-formed addresses and key=value fields."""
    target, _, query = link.url[len("mailto:"):].partition("?")
    addresses = [unquote(a).strip() for a in target.split(",")] if target else []
    bad = [a for a in addresses if not EMAIL.match(a)]
    if not addresses:
        add(findings, site, page.path, link, link.url, "mailto", say("no hay dirección de correo después de 'mailto:'", "no e-mail address after 'mailto:'"))
    elif bad:
        add(findings, site, page.path, link, link.url, "mailto", say(f"'{bad[0]}' no es una dirección de correo bien escrita", f"'{bad[0]}' is not a well-formed e-mail address"))
    elif query and not all(MAILTO_FIELD.match(part) for part in query.split("&")):
        add(findings, site, page.path, link, link.url, "mailto", say("lo que va después de '?' deben ser campos como subject=...&body=...", "the part after '?' must be fields like subject=...&body=..."))


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
            add(findings, site, page.path, link, url, "offline", say(f"{link.where} no dice https: funciona en internet, pero desde el teléfono (file://) significa file:{url}; escriba https:{url}", f"{link.where} has no scheme: it works over http but from file:// it means file:{url}; write https:{url}"))
        else:
            site.external.setdefault("https:" + url.split("#", 1)[0], []).append((page.path, link))
    elif scheme == "tel":
        check_tel(findings, site, page, link)
    elif scheme == "mailto":
        check_mailto(findings, site, page, link)
    elif scheme == "javascript":
        add(findings, site, page.path, link, url, "javascript", say("los enlaces javascript: están bloqueados por la política de seguridad del sitio y no hacen nada sin JavaScript; enlace una página", "javascript: URLs are blocked by the site's Content-Security-Policy and do nothing without JavaScript; link a page instead"))
    elif scheme in IGNORED_SCHEMES or url == BLANK:
        return
    elif scheme:
        add(findings, site, page.path, link, url, "scheme", say(f"los enlaces '{scheme}:' no se revisan y pueden no abrir en un teléfono; use una página, https:, tel: o mailto:", f"'{scheme}:' links are not checked and may not open on a phone; use a page, https:, tel: or mailto:"))
    else:
        check_local(findings, site, page, link, kind)


def check_inline_code(findings: list[Finding], site: Site, page: Page) -> None:
    """Inline <script>/<style> blocks run only if the page's policy lists their hash: a missing one is a broken page."""
    if page.csp is None:
        return
    directives = {part.split()[0]: part.split()[1:] for part in page.csp.split(";") if part.split()}
    for kind, code, number in page.inline:
        allowed = directives.get(f"{kind}-src", directives.get("default-src", []))
        if source_hash(code) not in allowed:
            # Named in the built file: inline code comes from templates or hooks, not from the Markdown.
            reason = say(
                f"su huella {source_hash(code)} no está en la política de seguridad de la página; el código que lo inserta debe registrarla (alerta.csp)",
                f"its hash {source_hash(code)} is not in the page's Content-Security-Policy; the code that inlines it must register it (alerta.csp)",
            )
            findings.append(Finding(posixpath.join(site.options.site_label, page.path), number, page.path, f"<{kind}>", reason, "csp"))


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
                add(findings, site, existing, None, missing, "counterpart", say(f"{existing} no tiene versión en '{lang}': {missing} no existe (sí en {', '.join(have)}); agregue docs/{lang}/{md} o deje que se publique la versión en español", f"{existing} has no '{lang}' counterpart: {missing} does not exist (present in {', '.join(have)}); add docs/{lang}/{md} or let the i18n fallback publish it"))
    if site.options.docs is None:
        return
    for lang in present:
        if lang == DEFAULT_LANGUAGE:
            continue
        for inner, path in sorted(by_lang[lang].items()):
            source = markdown_source(site, path)
            if source is not None and not source[1] and not site.pages[path].fallback:
                shown = source[0].relative_to(site.options.docs.parent).as_posix()
                add(findings, site, path, None, path, "fallback", say(f"{path} muestra {shown} (sin traducir) sin el aviso de página no traducida (un elemento con la clase {FALLBACK_CLASS})", f"{path} shows {shown} (not translated) without the fallback notice (an element with class {FALLBACK_CLASS})"))


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


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """One finding per page, link and kind, in file and line order."""
    unique = {(f.page, f.link, f.kind, f.reason): f for f in findings}
    return sorted(unique.values(), key=lambda f: (f.file, f.line or 0, f.page, f.link, f.kind))
