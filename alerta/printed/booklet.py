"""The booklet: every page of one language on A5, with a numbered table of contents and a footer on every page.

The pages are the offline build's, as the single file takes them (same
order, same pages left out). Chromium numbers pages but cannot look up
where a link lands, so the table of contents is filled in a second pass
from the PDF's own named destinations, and checked.
"""

from __future__ import annotations

import html
from pathlib import Path

from alerta.offline.single_file import SKIP_PAGES, page_path, rewrite_article, slug
from alerta.printed.engine import FONT_FAMILY, Printer, destinations
from alerta.printed.sheets import document

e = html.escape
PASSES = 3  # the numbers are usually right on the second pass; a third settles a contents page that grew


def css_string(value: str) -> str:
    """A CSS string literal (for the footer of every page)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


def booklet_css(footer: str) -> str:
    return f"""
@page {{ size: 148mm 210mm; margin: 13mm 12mm 16mm;
  @bottom-left {{ content: {css_string(footer)}; font: 6.5pt {FONT_FAMILY}; color: #555; width: 80%; white-space: pre-wrap; vertical-align: top; padding-top: 3mm; }}
  @bottom-right {{ content: counter(page); font: 700 9pt {FONT_FAMILY}; vertical-align: top; padding-top: 3mm; }} }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 0; font-family: {FONT_FAMILY}; font-size: 9.5pt; line-height: 1.42; color: #111; }}
a {{ color: inherit; text-decoration: none; }}
.page {{ break-before: page; }}
.cover h1 {{ font-size: 20pt; color: #7a1a38; margin: 0 0 3mm; }}
.help {{ background: #7a1a38; color: #fff; padding: 2.5mm 4mm; border-radius: 2mm; font-size: 11pt; font-weight: 700; }}
.help a.tel {{ font-size: 16pt; }}
.toc ol {{ list-style: none; padding: 0; }}
.toc li {{ display: flex; gap: 2mm; margin: 1.6mm 0; }}
.toc li .title {{ flex: 1; border-bottom: 0.3mm dotted #888; }}
.meta {{ font-size: 7.5pt; color: #444; }}
h1 {{ font-size: 15pt; line-height: 1.2; color: #7a1a38; margin: 0 0 3mm; }}
h2 {{ font-size: 11.5pt; margin: 5mm 0 1.5mm; break-after: avoid; }}
h3 {{ font-size: 10pt; margin: 4mm 0 1mm; break-after: avoid; }}
p, li {{ orphans: 2; widows: 2; }}
img {{ max-width: 100%; max-height: 55mm; height: auto; display: block; margin: 2mm auto; }}
.md-content__button, .headerlink {{ display: none; }}
.admonition {{ border-left: 1.2mm solid #0b5f86; background: #eef5f9; padding: 0.5mm 3mm; margin: 3mm 0; break-inside: avoid; }}
.admonition.danger, .admonition.warning {{ border-color: #a8071a; background: #fdeeee; }}
.admonition-title {{ font-weight: 700; }}
.task-list-item {{ list-style: none; }}
.task-list-item input {{ margin: 0 1.5mm 0 -4.5mm; }}
.contact {{ border: 0.3mm solid #ccc; border-radius: 1mm; padding: 1mm 2.5mm; margin: 2mm 0; break-inside: avoid; }}
.contact__name {{ font-weight: 700; margin: 0; }}
.contact__meta {{ font-size: 8pt; color: #444; }}
.contact__status {{ color: #8a4b00; }}
a.tel {{ font-weight: 700; white-space: nowrap; }}
table {{ border-collapse: collapse; font-size: 8.5pt; }}
td, th {{ border: 0.3mm solid #ccc; padding: 0.8mm 1.5mm; }}
.notice, .site-notice {{ font-size: 8pt; font-style: italic; border-left: 1mm solid #0b5f86; padding-left: 2mm; }}
"""


def sections(site: Path, lang: str, nav: list[str], default: str) -> tuple[list[tuple[str, str]], list[str]]:
    """[(anchor, title html)] and each page's section, from the offline build."""
    sources = [s for s in nav if s not in SKIP_PAGES]
    pages = {page_path(lang, s): slug(s) for s in sources}
    toc, parts = [], []
    for source in sources:
        built = site / page_path(lang, source)
        page_html = built.read_text(encoding="utf-8")
        article, title = rewrite_article(page_html, slug(source), built.parent, site, pages)
        fallback = ' lang="' + default + '"' if "site-notice--fallback" in page_html and lang != default else ""
        toc.append((slug(source), title))
        parts.append(f'<section class="page" id="{slug(source)}"{fallback}>{article}</section>')
    return toc, parts


def booklet_html(lang: str, title: str, help_html: str, toc: list[tuple[str, str]], parts: list[str], numbers: dict[str, int], strings: dict, meta: str, footer: str) -> str:
    items = "".join(f'<li><a class="title" href="#{anchor}">{name}</a><span class="number">{numbers.get(anchor, "")}</span></li>' for anchor, name in toc)
    cover = f"""<section class="cover"><h1>{e(title)}</h1><p class="help">{help_html}</p>
<nav class="toc"><h2>{e(strings["single_toc"])}</h2><ol>{items}</ol></nav><p class="meta">{meta}</p></section>"""
    return document(lang, booklet_css(footer), cover + "".join(parts))


def render_booklet(printer: Printer, lang: str, title: str, help_html: str, site: Path, nav: list[str], default: str, strings: dict, meta: str, footer: str) -> bytes:
    """The booklet PDF; the contents' page numbers are those where each page really starts."""
    toc, parts = sections(site, lang, nav, default)
    numbers: dict[str, int] = {}
    for _ in range(PASSES):
        pdf = printer.pdf(booklet_html(lang, title, help_html, toc, parts, numbers, strings, meta, footer))
        landed = destinations(pdf)
        found = {anchor: landed.get(anchor, 0) for anchor, _ in toc}
        if found == numbers:
            return pdf
        numbers = found
    return pdf
