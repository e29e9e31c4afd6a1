"""Raw HTML and images in a page: a safe list of tags, no script, nothing loaded from elsewhere, alt text.

Raw HTML is read with the project's HTML parser (alerta.html), the way a
browser reads it. Markdown's own syntax around it (autolinks, link targets,
attribute lists) is found with Python-Markdown's patterns.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from alerta.html import attribute, elements, line, parse
from alerta.lint.findings import Finding, line_of
from alerta.pages import AUTOLINKS, Page

# Raw HTML an editor may use; anything else is reported.
SAFE_TAGS = frozenset(
    "a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup "
    "table tbody td tfoot th thead time tr u ul var wbr".split()
)
BLOCKED_TAGS = {
    "script": "pages cannot run their own scripts. Remove it (ask a developer if the page needs a feature)",
    "noscript": "pages cannot run their own scripts. Remove it",
    "iframe": "it shows another website inside the page, which can track readers and does not work offline. "
    "Remove it and link to that page instead: [text](https://...)",
    "frame": "it shows another website inside the page. Remove it and link to that page instead: [text](https://...)",
    "object": "it embeds content from outside the page. Remove it and link to the content instead: [text](https://...)",
    "embed": "it embeds content from outside the page. Remove it and link to the content instead: [text](https://...)",
    "applet": "it embeds a program. Remove it",
    "form": "the site collects no data from its readers. Remove the form",
    "input": "the site collects no data from its readers. Remove it",
    "button": "the site collects no data from its readers. Remove it",
    "textarea": "the site collects no data from its readers. Remove it",
    "select": "the site collects no data from its readers. Remove it",
    "style": "styles live in docs/assets/stylesheets/site.css, not in pages. Remove it (ask a developer for a style)",
    "link": "it loads a file into the page. Remove it; for a link to another page write [text](page.md)",
    "meta": "page settings go in the front matter. Remove it",
    "base": "it changes where every link of the page points. Remove it",
}
EMBED_ATTRS = ("src", "srcset", "poster", "data", "background")
EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.I)
ATTR_LIST = re.compile(r"\{:?([^{}\n]*=[^{}\n]*)\}")
ATTR_NAME = re.compile(r"""([^\s=/>"'{}:]+)\s*=""")
MD_LINK_SCRIPT = re.compile(r"(?:\]\(|\]:\s)\s*<?\s*((?:javascript|vbscript):)", re.I)
MD_IMAGE = re.compile(r"!\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?([^)\s>]*)")
SCRIPT_SCHEMES = ("javascript:", "vbscript:")


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def _scheme(url: str) -> str:
    """The scheme as a browser reads it: ASCII whitespace and controls inside the URL are ignored."""
    return "".join(ch for ch in url if ord(ch) > 32).lower()


def check_html(page: Page, text: str) -> list[Finding]:
    """Raw HTML against the safe list, unsafe URLs and attributes, external embeds, alt text of <img>."""
    out = []
    scan = AUTOLINKS.sub(_blank, text)
    for element in elements(parse(scan, fragment=True)):
        name, attrs = element.name, {k.lower(): str(v) for k, v in (element.attrs or {}).items()}
        where = page.body_line + line(element) - 1
        if name in BLOCKED_TAGS:
            out.append(Finding(page.rel, where, f"raw HTML <{name}> is not allowed: {BLOCKED_TAGS[name]}"))
            continue
        if name not in SAFE_TAGS:
            out.append(Finding(page.rel, where, f"raw HTML <{name}> is not in the list of allowed tags. Remove it, or write the content in Markdown"))
            continue
        for attr in attrs:
            if attr.startswith("on"):
                out.append(Finding(page.rel, where, f"the HTML attribute {attr}= runs a script, which pages may not do. Remove it"))
            elif attr == "style":
                out.append(
                    Finding(page.rel, where, "the HTML attribute style= is blocked by the site's security policy. Remove it (ask a developer for a style)")
                )
        for attr, raw in attrs.items():
            value = _scheme(raw)
            if value.startswith(SCRIPT_SCHEMES):
                scheme = value.split(":", 1)[0] + ":"
                out.append(
                    Finding(page.rel, where, f"a {scheme} link runs a script, which pages may not do. Link to a page (ayuda.md) or a website (https://...) instead")
                )
        if name == "img":
            size = {attrs.get("width", "").strip().lower(), attrs.get("height", "").strip().lower()}
            if size & {"0", "1", "0px", "1px"}:
                out.append(Finding(page.rel, where, "this <img> is 0 or 1 pixel wide or high: it looks like a tracking pixel. Remove it"))
                continue
            if not attrs.get("alt", "").strip():
                out.append(Finding(page.rel, where, '<img> without alt text. Add alt="what the picture shows" inside the tag'))
        external = [a for a in EMBED_ATTRS if a in attrs and EXTERNAL.match(attrs[a])]
        if external:
            out.append(
                Finding(
                    page.rel,
                    where,
                    f'<{name} {external[0]}="{attrs[external[0]]}"> loads a file from another website, '
                    "which tracks readers and does not work offline. "
                    "Upload the file to docs/assets/images/ and use it from there",
                )
            )
    for match in ATTR_LIST.finditer(scan):
        for attr in ATTR_NAME.findall(match.group(1)):
            if attr.lower().startswith("on"):
                out.append(
                    Finding(page.rel, line_of(scan, match.start(), page.body_line), f"the attribute {attr.lower()}= in {{ }} runs a script, which pages may not do. Remove it")
                )
    for match in MD_LINK_SCRIPT.finditer(scan):
        out.append(
            Finding(
                page.rel,
                line_of(scan, match.start(), page.body_line),
                f"a {match.group(1)} link runs a script, which pages may not do. Link to a page (ayuda.md) or a website (https://...) instead",
            )
        )
    return out


def check_images(page: Page, text: str) -> list[Finding]:
    """Markdown and HTML images: alt text (Markdown), nothing from another website, the file there."""
    out = []
    for match in MD_IMAGE.finditer(text):
        where = line_of(text, match.start(), page.body_line)
        src = match.group(2)
        if not match.group(1).strip():
            out.append(
                Finding(
                    page.rel,
                    where,
                    "image without alt text. Describe what the picture shows between the brackets: ![Two women talking at a market](../assets/images/market.jpg)",
                )
            )
        if EXTERNAL.match(src):
            out.append(
                Finding(
                    page.rel,
                    where,
                    f"the image {src} is loaded from another website, which tracks readers and does not work offline. "
                    "Upload it to docs/assets/images/ and write ![alt text](../assets/images/file.jpg)",
                )
            )
        else:
            out += _missing_file(page, src, where)
    for element in elements(parse(AUTOLINKS.sub(_blank, text), fragment=True), "img"):
        src = attribute(element, "src") or ""
        if not EXTERNAL.match(src):
            out += _missing_file(page, src, page.body_line + line(element) - 1)
    return out


def _missing_file(page: Page, src: str, where: int) -> list[Finding]:
    """A local image that is not there (data: and other schemes are left alone)."""
    parts = urlsplit(src)
    if parts.scheme or not parts.path:
        return []
    docs = _docs_dir(page)
    target = (docs / unquote(parts.path).lstrip("/")) if parts.path.startswith("/") else (page.path.parent / unquote(parts.path))
    if target.resolve().is_file():
        return []
    looked = (Path(docs.name) / target.resolve().relative_to(docs.resolve())).as_posix() if target.resolve().is_relative_to(docs.resolve()) else str(target)
    return [Finding(page.rel, where, f"image '{src}' not found (looked for {looked}). Check the name and the ../ in front of it")]


def _docs_dir(page: Page) -> Path:
    """The docs folder a page belongs to (docs/<lang>/page.md, or docs/page.md)."""
    depth = len(Path(page.rel).parts) - 1
    folder = page.path.parent
    for _ in range(depth - 1):
        folder = folder.parent
    return folder
