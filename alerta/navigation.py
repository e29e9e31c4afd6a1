"""Each page's menu: what a reader needs, whatever the size of the site; the whole list on one page.

Material writes the whole nav into every page, so a page grows with the
site (137 KB of HTML at 500 pages per language) and the link checker with
the square of its pages. Here a page's menu keeps, at each level on the way
to the page, at most `limit` entries: the first ones in mkdocs.yml's order
(editors put the most needed first) and the page's own; sections off the way
show as one link (Material's navigation.prune). When anything is left out,
the menu ends with a link to the language's list of every page
(ALL_PAGES_NAME), which this module also writes.
"""

from __future__ import annotations

import copy
import html
import posixpath
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from mkdocs.utils import get_relative_url

ALL_PAGES_NAME = "paginas.md"
DEFAULT_LIMIT = 20


@dataclass
class Menu:
    items: list  # nav items (sections copied when their children were cut)
    trimmed: bool  # some page of the language is not in it


def limit_of(extra: dict) -> int:
    """Entries per menu level: mkdocs.yml extra.nav_limit, or DEFAULT_LIMIT."""
    value = extra.get("nav_limit", DEFAULT_LIMIT)
    if not isinstance(value, int) or isinstance(value, bool) or value < 2:
        raise ValueError(f"mkdocs.yml: extra.nav_limit must be a whole number of at least 2, not {value!r}")
    return value


def menu(items: list, page, limit: int) -> Menu:
    """The entries a page's menu shows, from the language's nav items."""
    shown = list(items)
    trimmed = False
    if len(items) > limit:
        shown = items[: limit - 1]
        on_the_way = [item for item in items[limit - 1 :] if _leads_to(item, page)]
        shown += on_the_way[:1]
        trimmed = True
    out = []
    for item in shown:
        children = getattr(item, "children", None)
        if children:
            if _leads_to(item, page):
                inner = menu(children, page, limit)
                if inner.trimmed:
                    item = copy.copy(item)  # the nav is shared by every page: never change it
                    item.children = inner.items
                trimmed |= inner.trimmed
            else:
                trimmed = True  # pruned to one link
        out.append(item)
    return Menu(out, trimmed)


def _leads_to(item, page) -> bool:
    return item is page or bool(getattr(item, "active", False))


def all_pages_html(items: list, from_url: str, top: bool = True) -> str:
    """Every entry of the nav as nested lists of links, relative to the page at `from_url`."""
    parts = ['<ul class="all-pages">' if top else "<ul>"]
    for item in items:
        title = html.escape(item.title or "")
        children = getattr(item, "children", None)
        if children:
            parts.append(f"<li>{title}{all_pages_html(children, from_url, top=False)}</li>")
        elif getattr(item, "url", None) is not None:
            href = item.url if _external(item.url) else get_relative_url(item.url, from_url)
            parts.append(f'<li><a href="{html.escape(href)}">{title}</a></li>')
    parts.append("</ul>")
    return "".join(parts)


def _external(url: str) -> bool:
    return "://" in url or url.startswith(("mailto:", "tel:"))


def generated_page(config, lang: str, name: str, content: str, beside: str, prefixes: dict[str, str]):
    """A page made by the build (not in docs/), in language `lang`, published beside the page `beside`
    (a dest path), outside the nav; with what the i18n plugin reads to point the language switcher at
    the same page in every language (`prefixes`: {code: "" or "qu/"})."""
    from mkdocs.structure.files import File, InclusionLevel

    file = File.generated(config, f"{lang}/{name}", content=content, inclusion=InclusionLevel.NOT_IN_NAV)
    html_name = posixpath.splitext(name)[0] + ".html"
    file.dest_uri = posixpath.join(posixpath.dirname(beside), html_name)
    file.url = file.dest_uri
    file.abs_dest_path = str(Path(config.site_dir) / file.dest_uri)
    file.locale = file.locale_alternate_of = lang
    file.alternates = {code: SimpleNamespace(url=prefix + html_name) for code, prefix in prefixes.items()}
    return file
