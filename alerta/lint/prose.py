"""Markers, heading ids and plain language (sentence length)."""

from __future__ import annotations

import re

from alerta.html import parse
from alerta.html import text as text_of
from alerta.pages import MARKER, Page, headings, line_of
from alerta.problems import Problem, say

FIXED_MARKERS = ("contacts", "contacts:national", "contacts:verified", "downloads", "forward", "file-check")
MARKER_HELP = "[[tel:ID]], [[contacts]], [[contacts:national]], [[contacts:verified]], [[downloads]], [[forward]] or [[file-check]]"
SENTENCE_MAX_WORDS = 35
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")
NOT_PROSE = re.compile(r"^\s*(?:$|#|\||!!!|\?\?\?|\[[^\]]+\]:\s)")
LIST_START = re.compile(r"^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'»”’)\]]*\s+")


def check_markers(page: Page, text: str, tel_ids: list[str] | None) -> list[Problem]:
    """Only the markers the hooks render, with a known contact id."""
    out = []
    for match in MARKER.finditer(text):
        inner = match.group(1)
        line = line_of(text, match.start(), page.body_line)
        if inner in FIXED_MARKERS:
            continue
        if re.fullmatch(r"tel:[a-z0-9]+(?:-[a-z0-9]+)*", inner):
            contact = inner[4:]
            if tel_ids is not None and contact not in tel_ids:
                out.append(
                    Problem(
                        page.rel,
                        line,
                        say(f"[[tel:{contact}]] no es un contacto publicado con teléfono en docs/contacts.yml", f"[[tel:{contact}]] does not name a published contact with a phone in docs/contacts.yml"),
                        say(f"use uno de estos: {', '.join(tel_ids)}", f"use one of: {', '.join(tel_ids)}"),
                    )
                )
            continue
        out.append(
            Problem(
                page.rel,
                line,
                say(f"la marca [[{inner}]] no existe", f"unknown marker [[{inner}]]"),
                say(f"use {MARKER_HELP.replace(' or ', ' o ')}, escritas exactamente así", f"use {MARKER_HELP}, spelled exactly so"),
            )
        )
    return out


def check_headings(page: Page, lines: list[str]) -> list[Problem]:
    """Every h2/h3 has its own explicit id."""
    out, seen = [], set()
    for index, level, text, hid in headings(lines):
        line = page.body_line + index
        if hid is None and level in (2, 3):
            out.append(
                Problem(
                    page.rel,
                    line,
                    say(f'el título "{text.strip()}" no tiene identificador', f'heading "{text.strip()}" has no id'),
                    say(
                        "agregue { #un-id } al final de la línea, con el mismo id en todos los idiomas (cópielo de la página en español)",
                        "add { #an-id } at the end of the line, with the same id in every language (copy it from the Spanish page)",
                    ),
                )
            )
        elif hid in seen:
            out.append(
                Problem(page.rel, line, say(f"el identificador #{hid} se usa dos veces en esta página", f"the heading id #{hid} is used twice on this page"), say("dé a cada título su propio id", "give each heading its own id"))
            )
        seen.add(hid)
    return out


def _prose(line: str) -> str:
    """A line reduced to its words: no links, markup, markers or ids."""
    line = re.sub(r"\{[^{}]*\}", " ", line)
    line = MARKER.sub(" ", line)
    line = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", line)
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line)
    if "<" in line:
        line = " ".join(text_of(piece) for piece in parse(line, fragment=True, locations=False).children or [])
    line = re.sub(r"^[ \t>]*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?", "", line)
    return re.sub(r"[*_]+", "", line)


def _blocks(lines: list[str]) -> list[list[tuple[int, str]]]:
    """Paragraphs and list items as lists of (line index, prose); headings, tables and admonition titles left out."""
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for index, line in enumerate(lines):
        skip = bool(NOT_PROSE.match(line))
        if skip or LIST_START.match(line):
            if current:
                blocks.append(current)
            current = []
        if not skip:
            current.append((index, _prose(line)))
    if current:
        blocks.append(current)
    return blocks


def check_sentences(page: Page, lines: list[str]) -> list[Problem]:
    """HINT for each sentence of more than 35 words."""
    out = []
    for block in _blocks(lines):
        text, starts = "", []
        for index, prose in block:
            starts.append((len(text), index))
            text += prose.strip() + " "
        position = 0
        for sentence in SENTENCE_END.split(text):
            words = WORD.findall(sentence)
            offset = text.find(sentence, position)
            position = offset + len(sentence)
            if len(words) > SENTENCE_MAX_WORDS:
                index = max(i for start, i in starts if start <= max(offset, 0))
                beginning = " ".join(words[:6])
                out.append(
                    Problem(
                        page.rel,
                        page.body_line + index,
                        say(f'una frase de {len(words)} palabras ("{beginning}...")', f'a sentence of {len(words)} words ("{beginning}...")'),
                        say(
                            f"lenguaje claro: divídala en frases de {SENTENCE_MAX_WORDS} palabras o menos",
                            f"plain language: split it into sentences of {SENTENCE_MAX_WORDS} words or fewer",
                        ),
                        level="hint",
                    )
                )
    return out
