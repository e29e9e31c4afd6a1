"""One small search index per language (assets/search/<lang>.js).

Material's search loads one index of every language on every page, before
anyone searches. Here each language gets its own index, written as a script
(not JSON) so it loads from file:// too, and site.js fetches it only when the
reader opens search. Words are stored without accents and matched by prefix,
which suits Quechua and Aymara suffixes without an English stemmer.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from alerta.html import Element, Text, parse

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
SNIPPET_CHARS = 160
SECTION_TAGS = ("h2", "h3")
UNREAD_TAGS = ("script", "style")


def normalize(text: str) -> str:
    """Lower case without accents: "Señales" and "senales" match."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).replace("’", "'")


def words(text: str) -> list[str]:
    """Distinct normalized words of a text, in order of appearance."""
    return list(dict.fromkeys(WORD.findall(normalize(text))))


def _sections(content: str) -> list[tuple[str, str, list[str]]]:
    """(anchor, heading, text pieces) of the content before the first h2/h3 and of each h2/h3 section."""
    sections: list[tuple[str, list[str], list[str]]] = [("", [], [])]

    def walk(node: Element, in_heading: bool) -> None:
        for child in node.children or []:
            if isinstance(child, Text):
                sections[-1][1 if in_heading else 2].append(child.data or "")
            elif isinstance(child, Element) and child.name not in UNREAD_TAGS:
                if child.name in SECTION_TAGS:
                    sections.append(((child.attrs or {}).get("id") or "", [], []))
                    walk(child, True)
                else:
                    walk(child, in_heading)

    walk(parse(content, fragment=True, locations=False), False)
    return [(anchor, " ".join("".join(heading).split()), pieces) for anchor, heading, pieces in sections]


def page_sections(content: str, url: str, title: str) -> list[dict]:
    """Index entries for one page: its title and each h2/h3 section."""
    entries = []
    for anchor, heading, pieces in _sections(content):
        text = " ".join(" ".join(pieces).split())
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


def write_index(site_dir: Path, lang: str, entries: list[dict]) -> None:
    """The index as a script that sets window.siteSearchIndex."""
    target = Path(site_dir) / index_path(lang)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(entries, ensure_ascii=False, separators=(",", ":"))
    target.write_text(f"window.siteSearchIndex={data};\n", encoding="utf-8")
