"""The URLs, ids and fallback notice of one built file (HTML with alerta.html, CSS with tinycss2)."""

from __future__ import annotations

import re

import tinycss2

from alerta.html import classes, elements, line, parse, text
from alerta.links.model import Link, Page

# Which attributes of which elements hold one URL.
URL_ATTRS = {
    "a": ("href",),
    "area": ("href",),
    "link": ("href",),
    "img": ("src",),
    "script": ("src", "data-stylesheet"),  # data-stylesheet: the print and wide-screen rules (alerta/site_css.py)
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
META_REFRESH_URL = re.compile(r"""^\s*\d+(?:\.\d*)?\s*[;,]\s*url\s*=\s*['"]?([^'"]*)""", re.I)


def parse_page(path: str, source: str) -> Page:
    """Parse one HTML file into a Page."""
    page = Page(path)
    for element in elements(parse(source)):
        tag, values, where = element.name, {k: str(v) for k, v in (element.attrs or {}).items()}, line(element)
        if values.get("id"):
            page.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            page.ids.add(values["name"])
        if FALLBACK_CLASS in classes(element):
            page.fallback = True
        for attr in URL_ATTRS.get(tag, ()):
            if attr in values:
                alternate = tag == "link" and "alternate" in values.get("rel", "").lower().split()
                page.links.append(Link(values[attr].strip(), f"{tag}[{attr}]", where, values.get("hreflang", "") if alternate else ""))
        if tag == "script" and "data-after-load" in values:  # scripts site.js loads after the load event
            page.links.extend(Link(url, "script[data-after-load]", where) for url in values["data-after-load"].split())
        if tag in SRCSET_TAGS and "srcset" in values:
            page.links.extend(Link(url, f"{tag}[srcset]", where) for url in srcset_urls(values["srcset"]))
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = META_REFRESH_URL.match(values.get("content", ""))
            if match and match.group(1).strip():
                page.links.append(Link(match.group(1).strip(), "meta[refresh]", where))
        if "style" in values:
            page.links.extend(css_links(values["style"], where, "url() in style attribute", declarations=True))
        if tag == "style":
            page.links.extend(css_links(text(element), where, "url() in <style>"))
            page.inline.append(("style", text(element), where))
        if tag == "script" and "src" not in values:
            page.inline.append(("script", text(element), where))
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            page.csp = values.get("content", "")
    return page


def parse_css(path: str, source: str) -> Page:
    """A stylesheet as a Page whose links are its url()s."""
    return Page(path, css_links(source, 1, "url() in CSS"))


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


def css_links(css: str, first_line: int, where: str, declarations: bool = False) -> list[Link]:
    """Every url() and @import of a stylesheet (or of a style attribute's declarations), with its line."""
    nodes = tinycss2.parse_blocks_contents(css) if declarations else tinycss2.parse_stylesheet(css)
    return [Link(url, where, first_line + number - 1) for url, number in _urls(nodes)]


def _urls(nodes) -> list[tuple[str, int]]:
    """(url, line) of the url() tokens and @import targets in parsed CSS."""
    found = []
    for node in nodes or []:
        kind = node.type
        if kind == "url":
            found.append((node.value.strip(), node.source_line))
        elif kind == "function" and node.lower_name == "url":
            strings = [a for a in node.arguments if a.type == "string"]
            if strings:
                found.append((strings[0].value.strip(), node.source_line))
        elif kind == "at-rule":
            if node.lower_at_keyword == "import":
                strings = [a for a in node.prelude if a.type == "string"]
                if strings:
                    found.append((strings[0].value.strip(), node.source_line))
            found += _urls(node.prelude) + _urls(node.content)
        elif kind == "qualified-rule":
            found += _urls(node.prelude) + _urls(node.content)
        elif kind == "declaration":
            found += _urls(node.value)
        elif isinstance(getattr(node, "content", None), list):
            found += _urls(node.content)
        elif isinstance(getattr(node, "arguments", None), list):
            found += _urls(node.arguments)
    return [(url, number) for url, number in found if url]
