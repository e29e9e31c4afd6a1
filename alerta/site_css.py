"""The built site's stylesheets made small: Material's reduced to what the pages use (alerta.css).

Online, the reduced stylesheet and the site's own (compacted) are inlined in
every page, allowed by their hash in the page's CSP and in _headers: a text
page arrives whole in its first round trip, with no render-blocking request on
a phone (BENCHMARKS.md has the numbers beside one shared file). The rules only
print and wide screens use go to one shared file (alerta.css_split) that a wide
screen loads before its first paint and a phone after the page's load event
(WIDE_SCREEN_LOADER). Offline (the
bundles, file://), where latency costs nothing and size does, the pages
share one stylesheet file: Material's, rewritten to hold both.
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path

from alerta.csp import add_source, source_hash
from alerta.css import compact, reduce_stylesheet
from alerta.css_split import MEDIA, WIDE, split
from alerta.html import Edit, apply_edits, attribute, attribute_value, edit_start_tag, elements, layout_whitespace_edits, outer_span, parse

THEME_CSS = "assets/stylesheets/main.*.min.css"
SITE_CSS = "assets/stylesheets/site.*.css"
SITE_JS = "assets/javascripts/site.*.js"
# The rules that can wait, on a wide screen: this script in the page's head writes their link
# there and then (document.write: a link the parser inserts holds up the first paint, as any
# stylesheet in the head does; one a script appends does not, and the wide layout would jump in). A phone's
# screen does not use them: site.js adds the same link after the load event (printing, turning
# the phone sideways), and the page's first load does not wait for those bytes. One text for
# every page (the link comes from its data-* attributes), allowed by its hash.
WIDE_SCREEN_LOADER = (
    '(function(s){matchMedia("%s").matches&&document.write(\'<link rel="stylesheet" href="\'+s.getAttribute("data-stylesheet")'
    '+\'" media="\'+s.getAttribute("data-media")+\'">\')})(document.currentScript)' % WIDE
)
LOADER_HASH = source_hash(WIDE_SCREEN_LOADER)


def pages_of(site: Path) -> list[Path]:
    """Every HTML page of a built site (not assets, not downloads)."""
    return sorted(p for p in site.rglob("*.html") if not {"assets", "downloads"} & set(p.relative_to(site).parts))


def apply(site: Path, inline: bool) -> dict:
    """Reduce Material's stylesheet to what the site's pages use and join the site's own to it:
    inlined in every page when `inline` (but for print and wide screens: one shared file that does
    not hold up a phone's first paint, alerta.css_split), else one shared file (Material's, rewritten)."""
    theme = next(site.glob(THEME_CSS))
    own = next(site.glob(SITE_CSS))
    script = next(site.glob(SITE_JS)).read_text(encoding="utf-8")
    pages = pages_of(site)
    texts = [p.read_text(encoding="utf-8") for p in pages]
    full = theme.read_text(encoding="utf-8")
    own_css = own.read_text(encoding="utf-8")
    reduced = reduce_stylesheet(full, texts, script, also_used=own_css)
    css = reduced + compact(own_css)
    figures = {"theme_css": len(full), "reduced_css": len(reduced), "css": len(css), "pages": len(pages), "inline": inline}
    if inline:
        css, waiting = split(css, texts, script)
        if "</style" in css.lower():
            raise ValueError("a stylesheet to inline contains </style: it would end the element early")
        later = theme.with_name(f"media.{hashlib.sha256(waiting.encode('utf-8')).hexdigest()[:8]}.css")
        later.write_text(waiting, encoding="utf-8")
        figures.update(inlined_css=len(css), waiting_css=len(waiting))
        style = source_hash(css)
        for page, text in zip(pages, texts):
            href = posixpath.relpath(later.relative_to(site).as_posix(), page.parent.relative_to(site).as_posix() or ".")
            page.write_text(join_styles(text, css, {theme.name, own.name}, style, href), encoding="utf-8")
        headers = site / "_headers"
        lines = headers.read_text(encoding="utf-8").splitlines(keepends=True)
        allowed = {"style-src": style, "script-src": LOADER_HASH}
        headers.write_text("".join(allow_inlined(line, allowed) for line in lines), encoding="utf-8")
        theme.unlink()  # no page links it any more
    else:
        for page, text in zip(pages, texts):
            page.write_text(join_styles(text, css, {theme.name, own.name}, None), encoding="utf-8")
        theme.write_text(css, encoding="utf-8")
    own.unlink()
    return figures


def join_styles(page: str, css: str, names: set[str], style_hash: str | None, waiting_href: str | None = None) -> str:
    """The page as published: its links to the named stylesheets made one, a <style> allowed by
    `style_hash` in its CSP (then, with `waiting_href`, the rules that can wait: see WIDE_SCREEN_LOADER),
    or (no hash) the first link alone, whose file now holds them all; and without the templates'
    indentation and blank lines (alerta.html.layout_whitespace_edits), read with the same parse."""
    root = parse(page)
    edits, policy_edits, placed = layout_whitespace_edits(root, page), [], False
    for element in elements(root, "link", "meta"):
        if element.name == "link" and attribute(element, "rel") == "stylesheet" and Path(attribute(element, "href") or "").name in names:
            if placed:
                edits.append(Edit(*outer_span(element), ""))
            elif style_hash:
                edits.append(Edit(*outer_span(element), f"<style>{css}</style>{waiting_rules(waiting_href) if waiting_href else ''}"))
            placed = True
        elif style_hash and element.name == "meta" and (attribute(element, "http-equiv") or "").lower() == "content-security-policy":
            policy = add_source(attribute(element, "content") or "", "style-src", style_hash)
            if waiting_href:
                policy = add_source(policy, "script-src", LOADER_HASH)
            policy_edits.append(edit_start_tag(page, element, {"content": policy}))
    return apply_edits(page, edits + policy_edits if placed else edits)  # no inlined code, no hash allowed


def waiting_rules(href: str) -> str:
    """Where a page gets the rules that can wait: at once on a wide screen, after the load event on a
    phone (site.js), and from a plain link without JavaScript."""
    href = attribute_value(href)
    return (f'<script data-stylesheet="{href}" data-media="{MEDIA}">{WIDE_SCREEN_LOADER}</script>'
            f'<noscript><link rel="stylesheet" href="{href}" media="{MEDIA}"></noscript>')


def allow_inlined(line: str, sources: dict[str, str]) -> str:
    """A line of _headers, its Content-Security-Policy (if it is that line) allowing the inlined code (directive -> hash)."""
    name, colon, value = line.partition(":")
    if name.strip().lower() != "content-security-policy" or not colon:
        return line
    value = value.strip()
    for directive, source in sources.items():
        value = add_source(value, directive, source)
    return f"{name}: {value}\n"
