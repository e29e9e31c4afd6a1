"""Turn one language of the offline build into a single self-contained HTML file.

The file a Community Defender sends over WhatsApp or Bluetooth: every page of
the language one after the other, the emergency number and a table of
contents at the top, CSS inlined, small images inlined as data: URIs, and
internal links turned into anchors inside the file. A link to a page the
file does not hold goes to that page's online address when mkdocs.yml has a
site_url, else it is removed (its words stay). Its one script is the site's
quick exit (the button, Shift three times, a blank page), taken from
site.js and allowed by its hash in the file's own CSP. A recording is not
embedded: its player becomes a line naming the file and the zip that holds
it (alerta/audio/offline.py).
"""

from __future__ import annotations

import base64
import html
from pathlib import Path
from urllib.parse import quote, unquote

from alerta.audio.offline import single_file_note
from alerta.config import DOCS_DIR, site_config
from alerta.directory import as_of_sentence
from alerta.html import Edit, apply_edits, attribute, classes, edit_start_tag, elements, inner_span, outer_span, parse, start_tag_span, text
from alerta.offline.meta import bundle_name
from alerta.offline.standalone import standalone_page
from alerta.strings import load_strings

# Pages that make no sense inside the single file (it is the download).
SKIP_PAGES = ("descargas.md", "comprobar.md", "tarjeta.md")
INLINE_IMAGE_MAX = 24 * 1024
MIME = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}
KEPT_SCHEMES = ("http://", "https://", "tel:", "mailto:")
EXIT_URL = "about:blank"  # the blank page the quick exit opens: there may be no network, and no other file
SITE_JS = DOCS_DIR / "assets" / "javascripts" / "site.js"
EXIT_SECTION = "/* ---------- Quick exit ---------- */"
SECTION_MARK = "/* ---------- "

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
.quick-exit{position:fixed;right:.6rem;bottom:.6rem;z-index:10}
.quick-exit__button{display:inline-block;min-height:48px;box-sizing:border-box;padding:.7rem 1rem;border:2px solid #fff;border-radius:2rem;background:#a8071a;color:#fff;font-weight:700;font-size:.95rem;text-decoration:none;box-shadow:0 2px 6px rgba(0,0,0,.35)}
.quick-exit__button:focus,.quick-exit__button:hover{background:#7d0514;color:#fff;outline:3px solid #ffbf47;outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
main{padding-bottom:5rem}
@media print{.help,.top-link,.quick-exit{display:none}}
""".strip()


def page_path(lang: str, source: str) -> str:
    """Built path of a nav entry (e.g. 'señales.md') in a language."""
    return site_config().prefix(lang) + source.replace(".md", ".html")


def slug(source: str) -> str:
    """In-file anchor of a page: its file name without extension."""
    return Path(source).stem


def smallest_candidate(srcset: str) -> str:
    """The narrowest candidate of a srcset (the phone-sized copy)."""
    candidates = [part.strip().split() for part in srcset.split(",") if part.strip()]
    candidates.sort(key=lambda c: int(c[1].rstrip("w")) if len(c) > 1 and c[1].endswith("w") else 0)
    return candidates[0][0] if candidates else ""


def inline_image(src: str, page_dir: Path) -> str:
    """A small image as a data: URI; anything else becomes an empty one (the alt text stays)."""
    if src.startswith("data:"):
        return src
    path = (page_dir / src).resolve()
    mime = MIME.get(path.suffix.lower())
    if not path.is_file() or mime is None or path.stat().st_size > INLINE_IMAGE_MAX:
        return "data:,"
    return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode()}"


def local_href(href: str, anchor: str, page_dir: Path, site: Path, pages: dict[str, str]) -> str | None:
    """A link inside the file (#page--fragment), to the online page it does not hold (with site_url), or None: remove the link."""
    if href.startswith(KEPT_SCHEMES):
        return href
    if href.startswith("#"):
        return f"#{anchor}--{href[1:]}"
    path, _, fragment = href.partition("#")
    try:
        rel = (page_dir / path).resolve().relative_to(site.resolve()).as_posix()
    except ValueError:
        rel = ""
    if rel in pages:
        return "#" + pages[rel] + (f"--{fragment}" if fragment else "")
    site_url = site_config().data.get("site_url")
    if site_url and rel:
        return site_url.rstrip("/") + "/" + quote(rel) + (f"#{fragment}" if fragment else "")
    return None


def rewrite_article(page_html: str, anchor: str, page_dir: Path, site: Path, pages: dict[str, str], audio_note=lambda src: "") -> tuple[str, str]:
    """(article content ready for the file, page title as HTML): ids prefixed, links and images made local, players replaced by audio_note(src)."""
    article_element = next(e for e in elements(parse(page_html), "article") if "md-content__inner" in classes(e))
    start, end = inner_span(article_element)
    article = page_html[start:end]
    edits, players = [], []
    for element in elements(parse(article, fragment=True)):
        if players and players[-1][0] <= start_tag_span(element)[0] < players[-1][1]:
            continue  # inside a player that is being replaced
        if element.name == "figure" and "audio-player" in classes(element):
            source = next(elements(element, "source"), None)
            src = attribute(source, "src") if source is not None else None
            players.append(outer_span(element))
            edits.append(Edit(*players[-1], audio_note(src or "")))
            continue
        if element.name == "source":
            edits.append(Edit(*start_tag_span(element), ""))  # one image is enough
            continue
        if element.name == "p" and "site-notice" in classes(element):
            edits.append(Edit(*start_tag_span(element), '<p class="notice">'))
            continue
        changes: dict[str, str | None] = {}
        if attribute(element, "id"):
            changes["id"] = f"{anchor}--{attribute(element, 'id')}"
        if attribute(element, "href") is not None:
            href = local_href(attribute(element, "href"), anchor, page_dir, site, pages)
            if href is None:
                # No address to send the reader to: keep the link's words, drop the link.
                outer, inner = outer_span(element), inner_span(element)
                edits += [Edit(outer[0], inner[0], ""), Edit(inner[1], outer[1], "")]
                continue
            changes["href"] = href
        if element.name == "img":
            src = smallest_candidate(attribute(element, "srcset") or "") or attribute(element, "src") or ""
            changes.update(src=inline_image(src, page_dir), srcset=None, sizes=None)
        if changes:
            edits.append(edit_start_tag(article, element, changes))
    article = apply_edits(article, edits)
    heading = next(elements(parse(article, fragment=True), "h1"), None)
    title = article[slice(*inner_span(heading))].strip() if heading is not None else html.escape(anchor)
    return article, title


def build_single_page(site: Path, lang: str, nav: list[str], meta: dict) -> bytes:
    """The single HTML file of one language, as bytes."""
    strings = load_strings()[lang]
    default = site_config().default.code
    sources = [s for s in nav if s not in SKIP_PAGES]
    pages = {page_path(lang, s): slug(s) for s in sources}
    sections, toc, help_html, exit_html, site_title = [], [], "", "", ""
    for source in sources:
        built = site / page_path(lang, source)
        page_html = built.read_text(encoding="utf-8")
        document = parse(page_html)
        if not help_html:
            help_html = _help(page_html, document)
        if not exit_html:
            exit_html = _quick_exit(page_html, document)
        if not site_title:
            link = next((e for e in elements(document, "a") if "site-title__link" in classes(e)), None)
            site_title = text(link).strip() if link is not None else ""
        anchor = slug(source)
        notice = next((e for e in elements(document, "p") if "site-notice" in classes(e)), None)
        content_lang = default if notice is not None and "site-notice--fallback" in classes(notice) else lang
        article, title = rewrite_article(page_html, anchor, built.parent, site, pages, lambda src: single_file_note(src, lang, strings, bundle_name()))
        toc.append(f'<li><a href="#{anchor}">{title}</a></li>')
        lang_attr = f' lang="{content_lang}"' if content_lang != lang else ""
        sections.append(f'<section class="page" id="{anchor}"{lang_attr}>{article}<p class="top-link"><a href="#top">↑ {html.escape(strings["single_toc"])}</a></p></section>')
    body = f"""{help_html}
{exit_html}
<header class="top" id="top"><h1>{html.escape(site_title)}</h1>
<p>{html.escape(strings["offline_version"])}: {meta["version"]} · {html.escape(strings["offline_built"])}: {meta["built"]} · {html.escape(strings["offline_contacts"])}: {html.escape(as_of_sentence(meta["contacts"], strings))}</p></header>
<main>
<nav class="toc" aria-label="{html.escape(strings["single_toc"])}"><h2>{html.escape(strings["single_toc"])}</h2><ol>{"".join(toc)}</ol></nav>
{"".join(sections)}
</main>"""
    return standalone_page(lang, strings["offline_title"], CSS, body, quick_exit_script()).encode("utf-8")


def quick_exit_script(source: Path = SITE_JS) -> str:
    """The quick-exit section of site.js, on its own: the same button, Shift x3 and blanking as the site."""
    code = source.read_text(encoding="utf-8")
    start = code.index(EXIT_SECTION) + len(EXIT_SECTION)
    section = code[start : code.index(SECTION_MARK, start)]
    # Without indentation and whole-line comments: the file is sent over WhatsApp and every byte counts.
    lines = [line.strip() for line in section.splitlines() if line.strip() and not line.strip().startswith("//")]
    return '(function(){"use strict";\n' + "\n".join(lines) + "\n})();"


def _quick_exit(page_html: str, document) -> str:
    """The page's quick-exit button (overrides/partials/quick-exit.html), sent to a blank page."""
    aside = next((e for e in elements(document, "aside") if "quick-exit" in classes(e)), None)
    if aside is None:
        return ""
    start, end = outer_span(aside)
    edits = []
    for element in elements(aside):
        if element.name == "a" and attribute(element, "data-quick-exit") is not None:
            edits.append(edit_start_tag(page_html, element, {"href": EXIT_URL}))
        elif "md-visually-hidden" in classes(element):
            edits.append(edit_start_tag(page_html, element, {"class": " ".join("visually-hidden" if c == "md-visually-hidden" else c for c in classes(element))}))
    shifted = [Edit(e.start - start, e.end - start, e.new) for e in edits]
    return apply_edits(page_html[start:end], shifted)


def _help(page_html: str, document) -> str:
    """The page's help bar (emergency number, help link), its link pointing at the help section inside the file."""
    bar = next((e for e in elements(document, "div") if "help-bar" in classes(e)), None)
    if bar is None:
        return ""
    start, end = outer_span(bar)
    edits = [edit_start_tag(page_html, bar, {"class": "help"})]
    for link in elements(bar, "a"):
        if "help-bar__help" in classes(link):
            # The help page's section in this file: its anchor is the page's file name.
            edits.append(edit_start_tag(page_html, link, {"href": "#" + slug(unquote(attribute(link, "href") or ""))}))
    shifted = [Edit(e.start - start, e.end - start, e.new) for e in edits]
    return apply_edits(page_html[start:end], shifted)
