"""The Markdown page model: what the editor tools (content lint, translation status) see of a page.

A page is docs/<lang>/<name>.md: a YAML front matter block between two `---`
lines, then Markdown. Spanish (es) is the source; en, qu and ay are
translations with the same file names. Every function takes the docs
directory, so tests can point them at small fixture folders.

The source version a translation follows is `source_hash:` in its front
matter: the first 12 hex characters of the SHA-256 of the Spanish file's
text with its front matter removed (line endings as \\n, blank lines and
spaces at the start and end ignored). See source_hash().
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from markdown.inlinepatterns import AUTOLINK_RE, AUTOMAIL_RE
from mkdocs.utils.meta import YAML_RE as FRONT_MATTER  # what MkDocs does not see as front matter is published as text

from alerta.config import site_config
from alerta.html import elements, parse

SOURCE_LANGUAGE = site_config().default.code
TRANSLATION_LANGUAGES = site_config().translations
LANGUAGES = site_config().codes
HASH_LENGTH = 12
HASH_KEY = "source_hash"
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(.+?)\1")
HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
HEADING_ATTRS = re.compile(r"\{([^{}]*)\}\s*#*\s*$")
ATTR_ID = re.compile(r"#([\w-]+)")
# Markdown's own <https://...> and <name@host> links, which are not HTML tags.
AUTOLINKS = re.compile(f"{AUTOLINK_RE}|{AUTOMAIL_RE}")
MARKER = re.compile(r"\[\[([^\[\]\n]*)\]\]")
# [text](target), [text][ref] and <https://...>; not ![images], [[markers]] or [ ] checkboxes.
LINK = re.compile(r"(?<![!\[])\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\](?:\([^)\n]*\)|\[[^\]\n]*\])|<(?:https?|mailto|ftp):[^>\s]+>")
IMAGE = re.compile(r"!\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\](?:\([^)\n]*\)|\[[^\]\n]*\])")
LIST_ITEM = re.compile(r"^[ \t>]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")


@dataclass
class Page:
    """One Markdown file of docs/."""

    path: Path
    rel: str  # as editors see it: docs/es/formas.md
    lang: str | None  # es, en, qu, ay; None outside the language folders
    name: str  # path inside the language folder: formas.md
    text: str
    meta_text: str | None  # the YAML between the --- lines, None if there is none
    meta: dict[str, Any] = field(default_factory=dict)
    meta_error: str | None = None
    meta_error_line: int = 1
    body: str = ""  # the text after the front matter
    body_line: int = 1  # the file line where body starts

    @property
    def is_source(self) -> bool:
        return self.lang in (None, SOURCE_LANGUAGE)

    def raw_meta(self, key: str) -> str | None:
        """A top-level front matter value as written (quotes removed), without YAML's typing."""
        if self.meta_text is None:
            return None
        pattern = re.compile(rf"^{re.escape(key)}\s*:[ \t]*(.*?)[ \t]*(?:#.*)?$")
        for line in self.meta_text.split("\n"):
            match = pattern.match(line)
            if match:
                return match.group(1).strip("\"'") or None
        return None

    def meta_line(self, key: str) -> int:
        """The file line of a top-level front matter key (the first line when absent)."""
        if self.meta_text is None:
            return 1
        pattern = re.compile(rf"^{re.escape(key)}\s*:")
        for number, line in enumerate(self.meta_text.split("\n"), 2):
            if pattern.match(line):
                return number
        return 1


def normalize_name(name: str) -> str:
    """File names compared as NFC: 'señales.md' typed on a Mac is NFD."""
    return unicodedata.normalize("NFC", name)


def display_path(path: Path, docs_dir: Path) -> str:
    """docs/es/formas.md: the path relative to the folder that holds docs/."""
    return normalize_name((Path(docs_dir.name) / path.relative_to(docs_dir)).as_posix())


def read_text(path: Path) -> str:
    """A file's text with \\n line endings and no byte order mark."""
    text = path.read_text(encoding="utf-8-sig")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """(front matter YAML or None, body, file line where the body starts)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return None, text, 1
    return match.group(1), text[match.end() :], text[: match.end()].count("\n") + 1


def source_hash(text: str) -> str:
    """The version of a Spanish page: 12 hex characters of the SHA-256 of its text without front matter."""
    _, body, _ = split_front_matter(text.replace("\r\n", "\n").lstrip("\ufeff"))
    return hashlib.sha256(body.strip().encode("utf-8")).hexdigest()[:HASH_LENGTH]


def read_page(path: Path, docs_dir: Path) -> Page:
    """Read and split one page; a broken front matter is recorded, never raised."""
    rel_parts = path.relative_to(docs_dir).parts
    lang = rel_parts[0] if len(rel_parts) > 1 and rel_parts[0] in LANGUAGES else None
    name = normalize_name("/".join(rel_parts[1:] if lang else rel_parts))
    text = read_text(path)
    meta_text, body, body_line = split_front_matter(text)
    page = Page(path, display_path(path, docs_dir), lang, name, text, meta_text, body=body, body_line=body_line)
    if meta_text is not None:
        try:
            data = yaml.safe_load(meta_text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            page.meta_error = str(getattr(exc, "problem", None) or exc)
            page.meta_error_line = mark.line + 2 if mark else 2
        else:
            if data is None:
                data = {}
            if isinstance(data, dict):
                page.meta = {str(k): v for k, v in data.items()}
            else:
                page.meta_error = "it must be lines of the form key: value"
                page.meta_error_line = 2
    return page


def page_files(docs_dir: Path, lang: str) -> dict[str, Path]:
    """The pages of one language folder, by name (formas.md, or sub/page.md)."""
    folder = docs_dir / lang
    if not folder.is_dir():
        return {}
    return {normalize_name(p.relative_to(folder).as_posix()): p for p in sorted(folder.rglob("*.md")) if p.is_file()}


def all_page_paths(docs_dir: Path) -> list[Path]:
    """Every Markdown file under docs/, in a stable order."""
    return sorted(p for p in docs_dir.rglob("*.md") if p.is_file())


def masked_lines(body: str) -> list[str]:
    """The body's lines with fenced code blocks emptied and `inline code` blanked (line count kept)."""
    lines, fence = [], None
    for line in body.split("\n"):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            lines.append("")
        elif fence is not None:
            if (
                match
                and match.group(1)[0] == fence[0]
                and len(match.group(1)) >= len(fence)
                and not line.strip()[len(match.group(1)) :].strip()
            ):
                fence = None
            lines.append("")
        else:
            lines.append(INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line))
    return lines


def heading_id(text: str) -> str | None:
    """The explicit id of a heading's text ('Fuentes { #sources }' -> 'sources')."""
    attrs = HEADING_ATTRS.search(text)
    if not attrs:
        return None
    found = ATTR_ID.search(attrs.group(1))
    return found.group(1) if found else None


def headings(lines: list[str]) -> list[tuple[int, int, str, str | None]]:
    """(index in lines, level, text, id) of every ATX heading."""
    result = []
    for index, line in enumerate(lines):
        match = HEADING.match(line)
        if match:
            result.append((index, len(match.group(1)), match.group(2), heading_id(match.group(2))))
    return result


@dataclass
class Structure:
    """What a translation must keep from its source."""

    heading_ids: list[str]
    links: int
    images: int
    list_items: int
    markers: list[str]


def structure(body: str) -> Structure:
    """Count what the parity check compares, outside code."""
    lines = masked_lines(body)
    text = "\n".join(lines)
    raw_html = list(elements(parse(AUTOLINKS.sub(" ", text), fragment=True, locations=False), "a", "img"))
    return Structure(
        heading_ids=[hid for _, _, _, hid in headings(lines) if hid],
        links=len(LINK.findall(text)) + sum(1 for e in raw_html if e.name == "a" and "href" in (e.attrs or {})),
        images=len(IMAGE.findall(text)) + sum(1 for e in raw_html if e.name == "img"),
        list_items=sum(1 for line in lines if LIST_ITEM.match(line)),
        markers=[f"[[{m}]]" for m in MARKER.findall(text)],
    )


def markdown_first_line(source: Path | None, markdown: str) -> int:
    """The file line where the Markdown MkDocs hands to hooks begins (MkDocs strips the front matter and the blank lines after it)."""
    if source is None or not Path(source).is_file():
        return 1
    total = len(Path(source).read_text(encoding="utf-8").splitlines())
    return total - len(markdown.splitlines()) + 1


def line_of(text: str, offset: int, first_line: int) -> int:
    """The file line of a character offset in text that starts at first_line."""
    return first_line + text.count("\n", 0, offset)
