"""The glossaries of the reviewed languages (data/glossary/<lang>.yml): one term per concept, the variants to avoid, the Spanish kept on purpose.

    terms:
      - es: trabajo / trabajar          # the concept, in Spanish
        term: llamk'ay                  # the preferred term (alternatives with ";", the Spanish gloss in brackets)
        avoid: [llank'ay]               # variants the pages must not use
        note: "..."
    loanwords: [Policía, Naciones Unidas]   # Spanish words and names kept on purpose
    native_words: [mana, runa]              # words of the language that a Spanish dictionary also knows

A variant matches the start of a word, because suffixes follow it
(llank'ay -> llank'aypi). A loanword or a preferred term is accepted as a
whole word or phrase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from alerta.config import relative_name
from alerta.problems import Problem, ProblemError, say

LETTERS = r"[^\W\d_]"
BEFORE = rf"(?<!{LETTERS})(?<!['’])"
AFTER = rf"(?!{LETTERS})(?!['’]{LETTERS})"


@dataclass(frozen=True)
class Term:
    es: str
    term: str
    avoid: tuple[str, ...]
    note: str
    line: int

    @property
    def forms(self) -> list[str]:
        """The preferred term's alternatives: 'denuncia; denunciata ruway' and 'manu (deuda)' give two each."""
        out = []
        for part in self.term.split(";"):
            inner = re.findall(r"\(([^()]*)\)", part)
            out += [p.strip() for p in [re.sub(r"\([^()]*\)", " ", part), *inner] if p.strip()]
        return out


@dataclass
class Glossary:
    lang: str
    rel: str
    terms: list[Term] = field(default_factory=list)
    loanwords: list[str] = field(default_factory=list)
    native_words: frozenset[str] = frozenset()

    def accepted(self) -> list[str]:
        """Words and phrases accepted as written in Spanish: the loanwords and every preferred term."""
        return self.loanwords + [form for term in self.terms for form in term.forms]


def phrase_pattern(phrase: str, prefix: bool = False) -> re.Pattern:
    """A word or phrase in running text, any case, any spacing; with prefix=True its last word may carry suffixes."""
    words = [re.escape(w) for w in phrase.split()]
    rest = rf"{LETTERS}*(?:['’]{LETTERS}+)*" if prefix else AFTER
    return re.compile(BEFORE + r"\s+".join(words) + rest, re.I)


def glossary_path(root: Path, lang: str) -> Path:
    return root / "data" / "glossary" / f"{lang}.yml"


def load_glossary(root: Path, lang: str) -> Glossary | None:
    """The glossary of a language, None when the project has none; ProblemError when it cannot be read."""
    path = glossary_path(root, lang)
    if not path.is_file():
        return None
    rel = relative_name(path, root)
    text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text)
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ProblemError([Problem(rel, mark.line + 1 if mark else 0, say(f"el glosario no se puede leer ({getattr(exc, 'problem', exc)})", f"the glossary is not valid YAML ({getattr(exc, 'problem', exc)})"), say("ponga entre comillas un texto que tenga ': '", "put quotes around a text that contains ': '"))]) from None
    problems = []
    lines = {}
    for key, value in node.value if isinstance(node, yaml.MappingNode) else []:
        if key.value == "terms" and isinstance(value, yaml.SequenceNode):
            lines = {index: item.start_mark.line + 1 for index, item in enumerate(value.value)}
    terms = []
    for index, entry in enumerate(data.get("terms") or []):
        line = lines.get(index, 0)
        if not isinstance(entry, dict) or not isinstance(entry.get("es"), str) or not isinstance(entry.get("term"), str):
            problems.append(Problem(rel, line, say("cada término necesita es: y term:", "each term needs es: and term:"), say("siga el modelo de los otros términos", "follow the other terms")))
            continue
        avoid = entry.get("avoid") or []
        if isinstance(avoid, str):
            avoid = [avoid]
        if not all(isinstance(v, str) and v.strip() for v in avoid):
            problems.append(Problem(rel, line, say("avoid: debe ser una lista de palabras", "avoid: must be a list of words"), say("escriba avoid: [palabra, otra palabra]", "write avoid: [word, other word]")))
            avoid = []
        terms.append(Term(entry["es"], entry["term"], tuple(v.strip() for v in avoid), str(entry.get("note") or ""), line))
    words = {key: data.get(key) or [] for key in ("loanwords", "native_words")}
    for key, value in words.items():
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(Problem(rel, 0, say(f"{key}: debe ser una lista de palabras", f"{key}: must be a list of words"), say(f"escriba {key}: [palabra, otra palabra]", f"write {key}: [word, other word]")))
            words[key] = []
    if problems:
        raise ProblemError(problems)
    return Glossary(lang, rel, terms, [w.strip() for w in words["loanwords"]], frozenset(w.strip().casefold() for w in words["native_words"]))


def terms_used(glossary: Glossary, text: str) -> list[Term]:
    """The terms whose preferred form appears in a text (the list on a review sheet)."""
    return [term for term in glossary.terms if any(phrase_pattern(form, prefix=True).search(text) for form in term.forms)]
