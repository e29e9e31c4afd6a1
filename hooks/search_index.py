"""Build one small search index per language (assets/search/<lang>.js).

Material's search loads one index of every language on every page, before
anyone searches. Here each language gets its own index, written as a script
(not JSON) so it loads from file:// too, and site.js fetches it only when the
reader opens search. Words are stored without accents and matched by prefix,
which suits Quechua and Aymara suffixes without an English stemmer.
"""

from __future__ import annotations

import html
import json
import re
import sys
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.site_strings import page_language  # noqa: E402

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
SNIPPET_CHARS = 160
_sections: dict[str, list[dict]] = {}


def normalize(text: str) -> str:
    """Lower case without accents: "Señales" and "senales" match."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def words(text: str) -> list[str]:
    """Distinct normalized words of a text, in order of appearance."""
    return list(dict.fromkeys(WORD.findall(normalize(text))))


class _Sections(HTMLParser):
    """Split a page's HTML into (anchor, heading, text) at each h2/h3."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections = [["", "", []]]
        self._heading: list[str] | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("h2", "h3"):
            self.sections.append([dict(attrs).get("id") or "", "", []])
            self._heading = []
        elif tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("h2", "h3") and self._heading is not None:
            self.sections[-1][1] = " ".join("".join(self._heading).split())
            self._heading = None
        elif tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if self._skip:
            return
        if self._heading is not None:
            self._heading.append(data)
        else:
            self.sections[-1][2].append(data)


def page_sections(content: str, url: str, title: str) -> list[dict]:
    """Index entries for one page: its title and each h2/h3 section."""
    parser = _Sections()
    parser.feed(content)
    entries = []
    for anchor, heading, parts in parser.sections:
        text = " ".join(" ".join(parts).split())
        if not text and not heading:
            continue
        entries.append(
            {
                "u": url + (f"#{anchor}" if anchor else ""),
                "t": title,
                "h": heading,
                "x": text[:SNIPPET_CHARS],
                "w": " ".join(words(f"{title} {heading} {text}")),
            }
        )
    return entries


def index_path(lang: str) -> str:
    return f"assets/search/{lang}.js"


def on_pre_build(config):
    _sections[page_language(config)] = []


def on_template_context(context, template_name, config):
    return on_page_context(context, None, config, None)


def on_page_context(context, page, config, nav):
    context["search_index_url"] = index_path(page_language(config))
    return context


def on_page_content(html_content, page, config, files):
    lang = page_language(config)
    title = html.unescape(page.title or "")
    _sections.setdefault(lang, []).extend(page_sections(html_content, page.url, title))
    return html_content


def on_post_build(config):
    lang = page_language(config)
    target = Path(config.site_dir) / index_path(lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(_sections.get(lang, []), ensure_ascii=False, separators=(",", ":"))
    target.write_text(f"window.siteSearchIndex={data};\n", encoding="utf-8")
