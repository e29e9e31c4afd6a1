"""The blocks of the Markdown an editor marked for printing and sharing.

A heading marked `{ #id .share }` (or `.poster`, `.forward`) with everything
under it up to the next heading, or an admonition written `!!! danger share
poster forward "…"`, is a block: `share` makes it a square image, `poster`
puts it on the poster, `forward` in the message to forward. The same source gives the card page, the
images, the poster and the message, so a fix in the Markdown fixes them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown

from alerta.config import ROOT, site_config
from alerta.contacts import Contact
from alerta.directory import render_markers
from alerta.html import Element, classes, elements, parse, text
from alerta.pages import read_text, split_front_matter
from alerta.strings import load_strings

KINDS = ("share", "poster", "forward")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
MARKED_LINE = re.compile(r"^(#{1,6}[ \t].*\{[^{}]*\.(share|poster|forward)\b|!!![ \t]+[a-z ]*\b(share|poster|forward)\b)")


@dataclass
class Block:
    """One marked block, as plain text: a title, its paragraphs and its list items."""

    file: str  # the page as editors see it (docs/es/tarjeta.md)
    line: int
    kinds: set[str]
    title: str
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    emergency: bool = False  # an admonition of kind "danger": the emergency number, said big

    @property
    def alt(self) -> str:
        """What the image says, for people who cannot see it: every word of it, in order."""
        return " ".join([_sentence(self.title), *map(_sentence, self.paragraphs), *map(_sentence, self.items)])


def _sentence(value: str) -> str:
    value = value.strip()
    return value if value.endswith((".", "!", "?", "?»", ".»", ":")) else value + "."


def _converter() -> markdown.Markdown:
    """Python-Markdown with the site's own extensions (mkdocs.yml markdown_extensions)."""
    names, configs = [], {}
    for entry in site_config().data.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            for name, options in entry.items():
                names.append(name)
                configs[name] = options or {}
        else:
            names.append(entry)
    return markdown.Markdown(extensions=names, extension_configs=configs)


def page_source(lang: str, name: str, root: Path = ROOT) -> Path:
    """A page of a language, or the default language's when it has none (as the site shows it)."""
    path = root / "docs" / lang / name
    return path if path.is_file() else root / "docs" / site_config().default.code / name


def marked_blocks(lang: str, contacts: list[Contact], root: Path = ROOT) -> list[Block]:
    """Every marked block of a language's pages, in nav order."""
    strings = load_strings()[lang]
    blocks = []
    for name in site_config().nav:
        path = page_source(lang, name, root)
        if not path.is_file():
            continue
        _, body, first = split_front_matter(read_text(path))
        lines = [first + i for i, row in enumerate(body.split("\n")) if MARKED_LINE.match(row)]
        if not lines:
            continue
        rel = path.relative_to(root).as_posix()
        html = _converter().convert(render_markers(body, contacts, lang, strings, rel, first))
        found = _blocks(parse(html, fragment=True, locations=False), rel)
        for block, number in zip(found, lines + [0] * len(found)):
            block.line = number
        blocks += found
    return blocks


def _blocks(root: Element, rel: str) -> list[Block]:
    out: list[Block] = []
    current: Block | None = None
    level = 0
    for node in root.children or []:
        if not isinstance(node, Element):
            continue
        kinds = set(classes(node)) & set(KINDS)
        if node.name in HEADINGS:
            if current is not None and int(node.name[1]) <= level:
                current = None
            if kinds:
                current, level = Block(rel, 0, kinds, text(node).strip()), int(node.name[1])
                out.append(current)
            continue
        if node.name == "div" and "admonition" in classes(node) and kinds:
            title = next((e for e in elements(node, "p") if "admonition-title" in classes(e)), None)
            block = Block(rel, 0, kinds, text(title).strip() if title is not None else "", emergency="danger" in classes(node))
            _fill(block, node, skip=title)
            out.append(block)
            continue
        if current is not None:
            _fill(current, node)
    return out


def _fill(block: Block, node: Element, skip: Element | None = None) -> None:
    """Paragraphs and list items of a node, as plain text."""
    if node.name in ("ul", "ol"):
        block.items += [" ".join(text(li).split()) for li in elements(node, "li")]
    elif node.name == "p" and node is not skip:
        block.paragraphs.append(" ".join(text(node).split()))
    else:
        for child in node.children or []:
            if isinstance(child, Element) and child is not skip:
                _fill(block, child)
