"""Turn one language of the offline build into a single self-contained HTML file.

The file a Community Defender sends over WhatsApp or Bluetooth: every page of
the language one after the other, the emergency number and a table of
contents at the top, CSS inlined, small images inlined as data: URIs, no
script, and internal links turned into anchors inside the file.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from urllib.parse import unquote
from pathlib import Path

from scripts.site_strings import DEFAULT_LANGUAGE, load_strings

# Pages that make no sense inside the single file (it is the download).
SKIP_PAGES = ("descargas.md", "tarjeta.md")
INLINE_IMAGE_MAX = 24 * 1024
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
HELP_BAR = re.compile(r'<div class="help-bar".*?</div>', re.S)
NOTICE = re.compile(r'<p class="site-notice site-notice--(\w+)"[^>]*>(.*?)</p>', re.S)
TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
ID_ATTR = re.compile(r'\bid="([^"]+)"')
HREF = re.compile(r'\bhref="([^"]*)"')
IMG_SRC = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]+)(")')
SRCSET = re.compile(r'\s(?:srcset|sizes)="[^"]*"')
SOURCE_TAG = re.compile(r"<source\b[^>]*>")
MIME = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}

CSS = """
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55;color:#1f1f1f;background:#fff}
main{max-width:42rem;margin:0 auto;padding:0 1rem 3rem}
a{color:#0b5f86}
.help{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.3rem 1rem;background:#fff4d6;padding:.6rem 1rem;font-weight:700}
.help a{font-size:1.15rem}
header.top{background:#7a1a38;color:#fff;padding:.8rem 1rem}
header.top h1{margin:0;font-size:1.3rem;color:#fff}
header.top p{margin:.3rem 0 0;font-size:.8rem}
nav.toc ol{padding-left:1.2rem}
nav.toc li{margin:.35rem 0}
section.page{border-top:3px solid #7a1a38;margin-top:2rem;padding-top:.5rem}
h1{font-size:1.45rem;color:#7a1a38;line-height:1.25}
h2{font-size:1.15rem;margin-top:1.6rem}
h3{font-size:1rem}
img{max-width:100%;height:auto}
table{border-collapse:collapse;display:block;overflow-x:auto}
td,th{border:1px solid #ccc;padding:.3rem .5rem}
.admonition{border-left:4px solid #0b5f86;background:#eef5f9;padding:.2rem .8rem;margin:1rem 0}
.admonition.danger,.admonition.warning{border-color:#a8071a;background:#fdeeee}
.admonition-title{font-weight:700}
.task-list-item{list-style:none}
.task-list-item input{margin-right:.4rem}
.contact{border:1px solid #d0d0d0;border-radius:.3rem;padding:.5rem .8rem;margin:.8rem 0}
.contact__name{font-weight:700;margin:0 0 .3rem}
.contact__meta{font-size:.8rem;color:#4a4a4a}
a.tel{font-weight:700;white-space:nowrap}
.notice{background:#e8f3f9;border-left:4px solid #0b5f86;padding:.4rem .8rem;font-size:.85rem}
.top-link{font-size:.85rem}
@media print{.help,.top-link{display:none}}
""".strip()


def page_path(lang: str, source: str) -> str:
    """Built path of a nav entry (e.g. 'señales.md') in a language."""
    name = source.replace(".md", ".html")
    return name if lang == DEFAULT_LANGUAGE else f"{lang}/{name}"


def slug(source: str) -> str:
    """In-file anchor of a page: its file name without extension."""
    return Path(source).stem


def rewrite_ids(content: str, prefix: str) -> str:
    """Prefix every id so two pages' anchors cannot clash inside one file."""
    return ID_ATTR.sub(lambda m: f'id="{prefix}--{m.group(1)}"', content)


def rewrite_links(content: str, page_dir: Path, site: Path, pages: dict[str, str]) -> str:
    """Links to pages in the file become #anchors; other local links are dropped to text."""

    def replace(match: re.Match) -> str:
        href = html.unescape(match.group(1))
        if href.startswith(("http://", "https://", "tel:", "mailto:")):
            return match.group(0)
        if href.startswith("#"):
            return match.group(0)  # fixed below with the page prefix
        path, _, fragment = href.partition("#")
        target = (page_dir / path).resolve()
        try:
            rel = target.relative_to(site.resolve()).as_posix()
        except ValueError:
            rel = ""
        if rel in pages:
            anchor = pages[rel] + (f"--{fragment}" if fragment else "")
            return f'href="#{html.escape(anchor)}"'
        return 'href="#top"'

    return HREF.sub(replace, content)


IMG_TAG = re.compile(r"<img\b[^>]*>")
SRCSET_VALUE = re.compile(r'\ssrcset="([^"]*)"')


def smallest_candidate(img_tag: str) -> str:
    """The img's src, or its narrowest srcset candidate (the phone-sized copy)."""
    found = SRCSET_VALUE.search(img_tag)
    if found:
        candidates = [part.strip().split() for part in found.group(1).split(",") if part.strip()]
        candidates.sort(key=lambda c: int(c[1].rstrip("w")) if len(c) > 1 and c[1].endswith("w") else 0)
        if candidates:
            return candidates[0][0]
    return ""


def inline_images(content: str, page_dir: Path) -> str:
    """Small images become data: URIs; srcset and <source> go (one image is enough)."""
    content = SOURCE_TAG.sub("", content)
    # Point each img at its narrowest copy before srcset is dropped.
    content = IMG_TAG.sub(lambda m: IMG_SRC.sub(lambda s: s.group(1) + (smallest_candidate(m.group(0)) or s.group(2)) + s.group(3), m.group(0)), content)
    content = SRCSET.sub("", content)

    def replace(match: re.Match) -> str:
        src = html.unescape(match.group(2))
        if src.startswith("data:"):
            return match.group(0)
        path = (page_dir / src).resolve()
        mime = MIME.get(path.suffix.lower())
        if not path.is_file() or mime is None or path.stat().st_size > INLINE_IMAGE_MAX:
            return match.group(1) + "data:," + match.group(3)
        data = base64.b64encode(path.read_bytes()).decode()
        return f"{match.group(1)}data:{mime};base64,{data}{match.group(3)}"

    return IMG_SRC.sub(replace, content)


def build_single_page(site: Path, lang: str, nav: list[str], meta: dict) -> bytes:
    """The single HTML file of one language, as bytes."""
    strings = load_strings()[lang]
    sources = [s for s in nav if s not in SKIP_PAGES]
    pages = {page_path(lang, s): slug(s) for s in sources}
    sections, toc, help_bar = [], [], ""
    for source in sources:
        built = site / page_path(lang, source)
        text = built.read_text(encoding="utf-8")
        if not help_bar:
            match = HELP_BAR.search(text)
            help_bar = match.group(0) if match else ""
        article = ARTICLE.search(text).group(1)
        anchor = slug(source)
        notice = NOTICE.search(text)
        content_lang = DEFAULT_LANGUAGE if notice and notice.group(1) == "fallback" else lang
        article = NOTICE.sub(lambda m: f'<p class="notice">{m.group(2)}</p>', article)
        article = rewrite_ids(article, anchor)
        article = article.replace('href="#', f'href="#{anchor}--')
        article = rewrite_links(article, built.parent, site, pages)
        article = inline_images(article, built.parent)
        title = TITLE.search(article)
        toc.append(f'<li><a href="#{anchor}">{title.group(1).strip() if title else html.escape(anchor)}</a></li>')
        lang_attr = f' lang="{content_lang}"' if content_lang != lang else ""
        sections.append(f'<section class="page" id="{anchor}"{lang_attr}>{article}<p class="top-link"><a href="#top">↑ {html.escape(strings["single_toc"])}</a></p></section>')
    help_html = _help(help_bar)
    site_title = _site_title(site, lang)
    body = f"""{help_html}
<header class="top" id="top"><h1>{html.escape(site_title)}</h1>
<p>{html.escape(strings["offline_version"])}: {meta["version"]} · {html.escape(strings["offline_built"])}: {meta["built"]} · {html.escape(strings["offline_contacts_verified"])}: {meta["contacts_verified"]}</p></header>
<main>
<nav class="toc" aria-label="{html.escape(strings["single_toc"])}"><h2>{html.escape(strings["single_toc"])}</h2><ol>{"".join(toc)}</ol></nav>
{"".join(sections)}
</main>"""
    document = standalone_page(lang, strings["offline_title"], CSS, body)
    return document.encode("utf-8")


def standalone_page(lang: str, title: str, css: str, body: str) -> str:
    """A page that needs no other file: inline CSS allowed by its hash, no script."""
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
    csp = f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:"
    return f"""<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="referrer" content="no-referrer">
<title>{html.escape(title)}</title>
<style>{css}</style>
</head>
<body>
{body}
</body>
</html>
"""


def _help(help_bar: str) -> str:
    """The emergency number and a link to the help section, inside the file."""
    # The help page's section in this file: its anchor is the page's file name.
    bar = re.sub(r'<a class="help-bar__help" href="([^"]*)"', lambda m: f'<a class="help-bar__help" href="#{slug(unquote(m.group(1)))}"', help_bar)
    return bar.replace('class="help-bar"', 'class="help"', 1)


def _site_title(site: Path, lang: str) -> str:
    text = (site / page_path(lang, "index.md")).read_text(encoding="utf-8")
    match = re.search(r'class="site-title__link">([^<]+)<', text)
    return html.unescape(match.group(1)).strip() if match else ""
