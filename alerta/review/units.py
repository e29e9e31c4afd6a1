"""A page cut into the pieces a reviewer reads, each with its exact place in the file, and paired with the Spanish.

A page is read as blocks: the front matter's title and description,
headings, admonition titles, paragraphs, list items and image alt texts.
Paragraphs and list items are cut into sentences. The blocks of a
translation are paired with those of its Spanish page in order (headings by
their id, so a missing paragraph does not shift the rest); inside a pair of
blocks with as many sentences on each side, sentence pairs with sentence.
When the numbers differ, the whole block is one piece, flagged: a sentence
may have been added or left out. Each piece of the translation gets a number,
in page order: the number on the review sheet and in the corrections file.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass

from alerta.pages import FRONT_MATTER, HEADING, MARKER, Page, masked_lines

# The type, then other classes the theme reads (the card's «!!! danger share poster forward "..."»), then the title.
ADMONITION = re.compile(r'^(!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+[\w-]+)*(?:[ \t]+"([^"\n]*)")?[ \t]*$')
ITEM = re.compile(r"^([ \t>]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?")
IMAGE_ONLY = re.compile(r"^[ \t]*!\[([^\]\n]*)\]\([^)\n]*\)(?:\{[^{}\n]*\})?[ \t]*$")
MARKER_ONLY = re.compile(r"^[ \t]*(?:\[\[[^\[\]\n]*\]\][ \t]*)+$")
REFERENCE = re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]")
TRAILING_ATTRS = re.compile(r"[ \t]*\{[^{}\n]*\}[ \t]*#*[ \t]*$")
# A sentence ends at . ! ? or … (after closing marks such as ** or ») when the next one starts with a capital letter or an opening mark.
SENTENCE_BREAK = re.compile(r"(?<=[.!?…])(?:\*\*|[*_\"'»”’)\]])*(?:[ \t]+\n?|\n)[ \t]*(?=[¿¡«\"“(*\[]*[A-ZÁÉÍÓÚÑÜ])")
SAFETY = re.compile(r"\bculpa\b|\bsalir rápido\b|\bpeligro\b", re.I)
FRONT_KEYS = ("title", "description")


@dataclass
class Piece:
    """One piece of text of a page: where it is in the file (start, end, line) and what it says."""

    kind: str  # title, description, heading, admonition, sentence, block, alt
    start: int
    end: int
    line: int
    text: str


@dataclass
class Block:
    """A heading, admonition title, paragraph, list item or image of a page."""

    kind: str  # heading, admonition, paragraph, item, alt
    key: str  # what pairs it with its Spanish block: "heading#sources", "item", "paragraph"...
    start: int
    end: int
    line: int
    context: str = ""  # the admonition it sits in (danger, note...), or ""
    section: str = ""  # the id of the heading above it

    def piece(self, text: str) -> Piece:
        return Piece("block", self.start, self.end, self.line, text[self.start : self.end])

    def sentences(self, text: str) -> list[Piece]:
        """The block's sentences (a heading, title or alt text is one)."""
        if self.kind not in ("paragraph", "item"):
            return [Piece(self.kind, self.start, self.end, self.line, text[self.start : self.end])]
        out, start = [], self.start
        chunk = text[self.start : self.end]
        for match in SENTENCE_BREAK.finditer(chunk):
            end = self.start + match.start()
            closing = re.match(r"(?:\*\*|[*_\"'»”’)\]])*", chunk[match.start() :])
            end += len(closing.group(0)) if closing else 0
            out.append(self._sentence(text, start, end))
            start = self.start + match.end()
        out.append(self._sentence(text, start, self.end))
        return [p for p in out if p.text.strip()]

    def _sentence(self, text: str, start: int, end: int) -> Piece:
        line = self.line + text.count("\n", self.start, start)
        return Piece("sentence", start, end, line, text[start:end])


@dataclass
class Pair:
    """A piece of the translation and its Spanish counterpart (either may be missing)."""

    number: int  # 0 for a Spanish piece the translation lacks
    source: str | None
    draft: Piece | None
    flag: str = ""  # "", "count" (the block has another number of sentences), "extra" (no Spanish counterpart), "missing"
    context: str = ""
    section: str = ""
    priority: bool = False
    counts: tuple[int, int] = (1, 1)  # sentences in the Spanish block and in the translated one


def front_matter_pieces(page: Page) -> list[Piece]:
    """The title and description values, as written between the --- lines."""
    match = FRONT_MATTER.match(page.text)
    if not match:
        return []
    out = []
    offset = page.text.index(match.group(1))
    for number, line in enumerate(match.group(1).split("\n"), 2):
        found = re.match(rf"^({'|'.join(FRONT_KEYS)})[ \t]*:[ \t]*(.*?)[ \t]*$", line)
        if found and found.group(2):
            start = offset + found.start(2)
            value = found.group(2)
            try:
                shown = str(json.loads(value)) if value.startswith('"') else value.strip("'")
            except ValueError:
                shown = value.strip('"')
            out.append(Piece(found.group(1), start, start + len(value), number, shown))
        offset += len(line) + 1
    return out


def blocks(page: Page) -> list[Block]:
    """The blocks of a page's body, in order, with their spans in page.text."""
    body_start = len(page.text) - len(page.body)
    real = page.body.split("\n")
    lines = masked_lines(page.body)
    starts, position = [], body_start
    for line in real:
        starts.append(position)
        position += len(line) + 1
    out: list[Block] = []
    section, context, context_indent = "", "", -1
    i = 0
    while i < len(lines):
        line = lines[i]
        indent = len(line) - len(line.lstrip(" "))
        if not line.strip():
            i += 1
            continue
        if context and indent <= context_indent:
            context = ""
        number = page.body_line + i
        heading = HEADING.match(line)
        admonition = ADMONITION.match(line.strip())
        if heading:
            text_start = starts[i] + heading.start(2)
            attrs = TRAILING_ATTRS.search(heading.group(2))
            text_end = text_start + (attrs.start() if attrs else len(heading.group(2)))
            hid = re.search(r"#([\w-]+)", attrs.group(0)) if attrs else None
            section = hid.group(1) if hid else section
            out.append(Block("heading", f"heading#{hid.group(1) if hid else heading.group(1)}", text_start, text_end, number, section=section))
            i += 1
        elif admonition:
            context, context_indent = admonition.group(2), indent
            if admonition.group(3):
                start = starts[i] + line.index('"') + 1
                out.append(Block("admonition", f"admonition:{context}", start, start + len(admonition.group(3)), number, context, section))
            i += 1
        elif IMAGE_ONLY.match(line):
            alt = IMAGE_ONLY.match(line)
            start = starts[i] + alt.start(1)
            out.append(Block("alt", "alt", start, start + len(alt.group(1)), number, context, section))
            i += 1
        elif MARKER_ONLY.match(line) or REFERENCE.match(line) or line.lstrip().startswith("|"):
            i += 1
        else:
            item = ITEM.match(line)
            kind = "item" if item else "paragraph"
            start = starts[i] + (item.end() if item else indent)
            j = i + 1
            while j < len(lines) and lines[j].strip() and not (HEADING.match(lines[j]) or ITEM.match(lines[j]) or ADMONITION.match(lines[j].strip()) or IMAGE_ONLY.match(lines[j])):
                j += 1
            end = starts[j - 1] + len(real[j - 1].rstrip())
            out.append(Block(kind, f"{kind}:{context}" if context else kind, start, end, number, context, section))
            i = j
    return out


def _sentence_pairs(src: Block, src_text: str, dst: Block, dst_text: str) -> list[Pair]:
    """The pairs of one pair of blocks: sentence by sentence, or the whole block when the numbers differ."""
    theirs, ours = src.sentences(src_text), dst.sentences(dst_text)
    if len(theirs) == len(ours):
        return [Pair(0, s.text, d, "", dst.context, dst.section) for s, d in zip(theirs, ours, strict=True)]
    return [Pair(0, src_text[src.start : src.end], dst.piece(dst_text), "count", dst.context, dst.section, counts=(len(theirs), len(ours)))]


def pair_page(source: Page, draft: Page) -> list[Pair]:
    """Every piece of the translation with its Spanish counterpart, numbered in page order; Spanish pieces it lacks, unnumbered."""
    pairs: list[Pair] = []
    theirs = {p.kind: p for p in front_matter_pieces(source)}
    for piece in front_matter_pieces(draft):
        spanish = theirs.get(piece.kind)
        pairs.append(Pair(0, spanish.text if spanish else None, piece, "" if spanish else "extra"))
    src_blocks, dst_blocks = blocks(source), blocks(draft)
    matcher = difflib.SequenceMatcher(None, [b.key for b in src_blocks], [b.key for b in dst_blocks], autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op in ("equal", "replace") and a2 - a1 == b2 - b1:
            for src, dst in zip(src_blocks[a1:a2], dst_blocks[b1:b2], strict=True):
                pairs += _sentence_pairs(src, source.text, dst, draft.text)
            continue
        for src in src_blocks[a1:a2]:
            pairs.append(Pair(0, source.text[src.start : src.end], None, "missing", src.context, src.section))
        for dst in dst_blocks[b1:b2]:
            for piece in dst.sentences(draft.text):
                pairs.append(Pair(0, None, piece, "extra", dst.context, dst.section))
    number = 0
    for pair in pairs:
        if pair.draft is not None:
            number += 1
            pair.number = number
        both = (pair.source or "") + " " + (pair.draft.text if pair.draft else "")
        pair.priority = pair.context == "danger" or "[[tel:" in both or bool(SAFETY.search(pair.source or ""))
    return pairs


def markers_of(text: str) -> list[str]:
    """The [[markers]] in a piece of text, in order."""
    return [f"[[{m}]]" for m in MARKER.findall(text)]
