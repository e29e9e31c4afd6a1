"""Consistency of the drafts a native speaker has not reviewed yet (languages in mkdocs.yml extra.review).

In docs/<lang>/*.md, data/strings/<lang>.yml and the <lang> descriptions of
docs/contacts.yml, against data/glossary/<lang>.yml:
  - a variant the glossary says to avoid, with the preferred term (not inside
    a name the glossary keeps in Spanish, such as Código Niña, Niño y Adolescente);
  - words left in Spanish (known to the Spanish dictionary, alerta.review.spanish),
    in prose, headings, alt texts, link texts, titles and interface strings;
    not reported: the glossary's loanwords, native words and preferred terms,
    a Spanish gloss in brackets of up to four words ("manu (deuda)", as the
    glossary asks), the Sources section (titles of documents are cited as
    published), [[markers]], links' targets and attribute lists;
  - a sentence with no counterpart in the Spanish page (alerta.review.units).
Warnings while a page is a draft; a page marked reviewed must be clean (errors).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from alerta.html import elements, inner_span, outer_span, parse
from alerta.pages import SOURCE_LANGUAGE, Page, page_files, read_page
from alerta.problems import Problem, ProblemError, say
from alerta.review import review_settings
from alerta.review.glossary import Glossary, load_glossary, phrase_pattern
from alerta.review.spanish import PACKAGES, available, spanish_words
from alerta.review.units import blocks, front_matter_pieces, pair_page
from alerta.review.yaml_text import scalars

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
GLOSS = re.compile(r"\(([^()\n]*)\)")
GLOSS_WORDS = 4
MARKUP = re.compile(r"\[\[[^\[\]\n]*\]\]|\]\([^)\n]*\)|\{[^{}\n]*\}|<?https?://[^\s>)]+>?|`[^`\n]*`")
SOURCES = "sources"


@dataclass
class Text:
    """A piece of reader-facing text: where it is (file, first line) and how strict to be."""

    rel: str
    line: int
    text: str
    level: str = "warning"


def _blank(text: str, start: int, end: int) -> str:
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def plain(text: str) -> str:
    """The words a reader sees, at their places: markup, markers, link targets and HTML tags blanked."""
    text = MARKUP.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    if "<" in text:
        for element in elements(parse(text, fragment=True)):
            (outer_start, outer_end), (inner_start, inner_end) = outer_span(element), inner_span(element)
            text = _blank(_blank(text, inner_end, outer_end), outer_start, inner_start)
    return text


def page_texts(page: Page) -> list[Text]:
    """The title, description and every block of a page, but the Sources section's content."""
    level = "error" if page.meta.get("translation") == "reviewed" else "warning"
    out = [Text(page.rel, p.line, p.text, level) for p in front_matter_pieces(page)]
    for block in blocks(page):
        if block.section == SOURCES and block.kind != "heading":
            continue
        out.append(Text(page.rel, block.line, page.text[block.start : block.end], level))
    return out


def yaml_texts(path: Path, rel: str, wanted) -> list[Text]:
    """The values of a YAML file whose key path `wanted(path)` accepts."""
    try:
        values = scalars(path.read_text(encoding="utf-8")) if path.is_file() else []
    except (UnicodeDecodeError, yaml.YAMLError):
        return []  # the strings and contacts loaders report an unreadable file, with its line
    return [Text(rel, s.line, s.value) for s in values if wanted(s.path)]


def names_blanked(glossary: Glossary, text: str) -> str:
    """The text with the names the glossary keeps in Spanish (its loanwords of several words) blanked."""
    for name in glossary.loanwords:
        if " " in name.strip():
            text = phrase_pattern(name, prefix=True).sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return text


def avoided(glossary: Glossary, texts: list[Text]) -> list[Problem]:
    """Every avoided variant, with the preferred term."""
    out = []
    # A variant inside a name kept in Spanish (Código Niña, Niño y Adolescente) is the name, not a translator's choice.
    shown = [names_blanked(glossary, plain(item.text)) for item in texts]
    for term in glossary.terms:
        for variant in term.avoid:
            pattern = phrase_pattern(variant, prefix=True)
            for item, text in zip(texts, shown, strict=True):
                for match in pattern.finditer(text):
                    line = item.line + item.text.count("\n", 0, match.start())
                    out.append(
                        Problem(
                            item.rel,
                            line,
                            say(f"«{match.group(0)}» es una forma que el glosario pide evitar (concepto: {term.es})", f"'{match.group(0)}' is a form the glossary says to avoid (concept: {term.es})"),
                            say(f"escriba «{term.term}» ({glossary.rel}, línea {term.line})", f"write '{term.term}' ({glossary.rel}, line {term.line})"),
                            level=item.level,
                        )
                    )
    return out


def leftovers(glossary: Glossary, texts: list[Text]) -> list[Problem]:
    """Words left in Spanish, one problem per line, with the words."""
    # Accepted words are not Spanish leftovers; avoided variants are reported by avoided(), once.
    accepted = [phrase_pattern(p, prefix=True) for p in sorted(glossary.accepted() + [v for t in glossary.terms for v in t.avoid], key=len, reverse=True)]
    found: dict[tuple[str, int, str], list[str]] = {}
    candidates = []
    for item in texts:
        text = plain(item.text)
        for match in GLOSS.finditer(text):
            if len(WORD.findall(match.group(1))) <= GLOSS_WORDS:
                text = _blank(text, match.start(), match.end())
        for pattern in accepted:
            text = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
        for match in WORD.finditer(text):
            word = match.group(0).casefold()
            if "'" not in word and "’" not in word and word not in glossary.native_words:
                candidates.append((item, match, word))
    spanish = spanish_words(word for _, _, word in candidates)
    for item, match, word in candidates:
        if word in spanish:
            line = item.line + item.text.count("\n", 0, match.start())
            words = found.setdefault((item.rel, line, item.level), [])
            if match.group(0) not in words:
                words.append(match.group(0))
    return [
        Problem(
            rel,
            line,
            say(f"texto en español sin traducir: {', '.join(f'«{w}»' for w in words)}", f"text left in Spanish: {', '.join(repr(w) for w in words)}"),
            say(
                f"tradúzcalo con los términos del glosario ({glossary.rel}); si es un préstamo aceptado o un nombre, agréguelo a loanwords: en ese archivo",
                f"translate it with the glossary's terms ({glossary.rel}); if it is an accepted loanword or a name, add it to loanwords: in that file",
            ),
            level=level,
        )
        for (rel, line, level), words in found.items()
    ]


def unmatched(source: Page, page: Page) -> list[Problem]:
    """Sentences with no counterpart in the Spanish page, and blocks with another number of sentences: to review."""
    out = []
    for pair in pair_page(source, page):
        if pair.draft is None or pair.flag not in ("extra", "count"):
            continue
        beginning = " ".join(WORD.findall(plain(pair.draft.text))[:6])
        if pair.flag == "extra":
            what = say(f"esta frase no tiene equivalente en la página en español («{beginning}...»)", f"this sentence has no counterpart in the Spanish page ('{beginning}...')")
        else:
            theirs, ours = pair.counts
            more = ours > theirs
            what = say(
                f"este bloque tiene {_sentences(ours)} y en español {_sentences(theirs)}: "
                + ("una puede decir algo que el español no dice" if more else "puede faltar algo que el español dice")
                + f" («{beginning}...»)",
                f"this block has {ours} sentence(s) where the Spanish has {theirs}: " + ("one may say something the Spanish does not" if more else "something the Spanish says may be missing") + f" ('{beginning}...')",
            )
        if pair.flag == "count" and pair.counts[1] < pair.counts[0]:
            fix = say(f"compárelo con {source.rel} y agregue lo que falte, una frase por cada frase en español", f"compare it with {source.rel} and add what is missing, one sentence for each Spanish sentence")
        else:
            fix = say(
                f"compárelo con {source.rel}: quite lo que el español no dice; una explicación de un préstamo va entre paréntesis en la misma frase",
                f"compare it with {source.rel}: remove what the Spanish does not say; an explanation of a loanword goes in brackets in the same sentence",
            )
        out.append(Problem(page.rel, pair.draft.line, what, fix, level="warning"))
    return out


def _sentences(count: int) -> str:
    return "1 frase" if count == 1 else f"{count} frases"


def check_consistency(docs_dir: Path) -> list[Problem]:
    """Every finding of this module in a project's reviewed languages."""
    root = docs_dir.parent
    problems: list[Problem] = []
    sources = page_files(docs_dir, SOURCE_LANGUAGE)
    for lang in review_settings().languages:
        try:
            glossary = load_glossary(root, lang)
        except ProblemError as exc:
            problems += exc.problems
            continue
        if glossary is None:
            continue
        texts: list[Text] = []
        for name, path in page_files(docs_dir, lang).items():
            try:
                page = read_page(path, docs_dir)
                source = read_page(sources[name], docs_dir) if name in sources else None
            except UnicodeDecodeError:
                continue  # reported by lint_docs, with the line of the first odd character
            texts += page_texts(page)
            if source is not None:
                problems += unmatched(source, page)
        texts += yaml_texts(root / "data" / "strings" / f"{lang}.yml", f"data/strings/{lang}.yml", lambda path: len(path) == 1 and path[0] != "language_name")
        texts += yaml_texts(docs_dir / "contacts.yml", f"{docs_dir.name}/contacts.yml", lambda path, lang=lang: path[1:] == ("description", lang))
        problems += avoided(glossary, texts) + leftovers(glossary, texts)
    if review_settings().languages and not available():
        problems.append(missing_dictionary())
    return problems


def missing_dictionary() -> Problem:
    return Problem(
        "",
        0,
        say("no se revisó si quedan palabras en español en las traducciones: falta el diccionario de español (hunspell-es)", "Spanish leftovers were not checked: the Spanish dictionary (hunspell-es) is missing"),
        say(f"ejecute make spanish-dictionary (instala los paquetes de Debian {PACKAGES})", f"run make spanish-dictionary (it installs Debian's {PACKAGES})"),
        level="warning",
    )
