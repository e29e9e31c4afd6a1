"""A reviewer's corrections, written down by the coordinator from the sheet, applied to the page.

    data/reviews/qu/señales.yml             (one file per page and language)

    version: "3f9a0c12e4b7"      # printed on the sheet: the page as the reviewer read it
    reviewer: {name: "M. Q.", variety: "Norte de Potosí", date: 2025-03-02}
    corrections:
      12: "Llamk'ayqa nisyu allin jina rikhurin."
      15: "..."

Each number is a piece of the sheet; its new text replaces that piece and
nothing else (every other byte of the file stays). A correction that would
drop a [[marker]] or a {placeholder}, or change what the translation must
keep from the Spanish page (heading ids, links, list items), is refused
with the reason, and nothing is written. The review is recorded in the
page's front matter (`reviewers:`); for the interface sheet (interfaz.yml)
the corrections file itself is the record.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from alerta.html import Edit, apply_edits
from alerta.pages import FRONT_MATTER, SOURCE_LANGUAGE, normalize_name, read_page, split_front_matter
from alerta.problems import Problem, ProblemError, say
from alerta.review.interface import NAME as INTERFACE
from alerta.review.interface import interface_entries
from alerta.review.reviewers import EXAMPLE, FIELDS, KEY, Reviewer
from alerta.review.units import markers_of, pair_page
from alerta.review.yaml_text import replace_scalar, scalars
from alerta.translations.status import compare_structure

PLACEHOLDER = re.compile(r"\{\w+\}")


@dataclass
class Corrections:
    """A corrections file, read."""

    rel: str
    lang: str
    name: str  # señales.md, or "interfaz"
    version: str | None
    reviewer: Reviewer
    texts: dict[int, str]
    lines: dict[int, int]  # the file line of each correction


def version_of(pieces: list[tuple[int, str]]) -> str:
    """The version printed on a sheet: 12 hex characters over every numbered piece's text."""
    data = "\n".join(f"{number}\t{text}" for number, text in pieces)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:12]


def read_corrections(path: Path, root: Path) -> Corrections:
    """Read data/reviews/<lang>/<page>.yml; ProblemError with every mistake, in Spanish first."""
    rel = path.resolve().relative_to(root.resolve()).as_posix() if path.resolve().is_relative_to(root.resolve()) else str(path)
    lang, stem = path.parent.name, normalize_name(path.stem)
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ProblemError([Problem(rel, mark.line + 1 if mark else 0, say(f"el archivo no se puede leer ({getattr(exc, 'problem', exc)})", f"not valid YAML ({getattr(exc, 'problem', exc)})"), say('ponga cada texto entre comillas dobles: 12: "..."', 'put each text between double quotes: 12: "..."'))]) from None
    lines = {int(s.path[1]) if str(s.path[1]).isdigit() else s.path[1]: s.line for s in scalars(text) if len(s.path) == 2 and s.path[0] == "corrections"}
    problems = []
    raw = data.get("reviewer") if isinstance(data, dict) else None
    if not isinstance(raw, dict) or any(not str(raw.get(k) or "").strip() for k in FIELDS):
        problems.append(Problem(rel, 0, say("falta quién revisó: reviewer con name, variety y date", "who reviewed is missing: reviewer with name, variety and date"), say(f"escriba reviewer: {EXAMPLE[2:]}", f"write reviewer: {EXAMPLE[2:]}")))
        raw = {}
    date = raw.get("date")
    date = date.isoformat() if isinstance(date, dt.date) else str(date or "")
    if raw and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        problems.append(Problem(rel, 0, say(f'la fecha "{date}" no es AAAA-MM-DD', f'the date "{date}" is not YYYY-MM-DD'), say("escriba la fecha de la revisión así: 2025-03-02", "write the review's date like 2025-03-02")))
    texts: dict[int, str] = {}
    for key, value in ((data.get("corrections") or {}) if isinstance(data, dict) else {}).items():
        if not isinstance(key, int) or not isinstance(value, str) or not value.strip():
            problems.append(Problem(rel, lines.get(key, 0), say(f'"{key}" no es un número de frase con su texto nuevo', f'"{key}" is not a sentence number with its new text'), say('escriba el número de la hoja y el texto entre comillas: 12: "..."', 'write the sheet\'s number and the text in quotes: 12: "..."')))
            continue
        texts[key] = value.strip()
    if not texts and not problems:
        problems.append(Problem(rel, 0, say("no hay ninguna corrección", "there is no correction"), say('escriba debajo de corrections: el número de cada frase y su texto nuevo, 12: "..."', 'write under corrections: each sentence number and its new text, 12: "..."')))
    if problems:
        raise ProblemError(problems)
    name = INTERFACE if stem == INTERFACE else f"{stem}.md"
    # As written: YAML would read a version such as 000000000000 or 12e4... as a number.
    version = next((s.value for s in scalars(text) if s.path == ("version",)), None)
    return Corrections(rel, lang, name, version, Reviewer(str(raw["name"]).strip(), str(raw["variety"]).strip(), date), texts, lines)


def apply_corrections(corrections: Corrections, root: Path) -> list[str]:
    """Apply every correction, or none; the files changed. ProblemError tells why nothing was written."""
    if corrections.name == INTERFACE:
        return _apply_interface(corrections, root)
    docs = root / "docs"
    path, source_path = docs / corrections.lang / corrections.name, docs / SOURCE_LANGUAGE / corrections.name
    if not path.is_file() or not source_path.is_file():
        raise ProblemError([Problem(corrections.rel, 0, say(f"no existe la página docs/{corrections.lang}/{corrections.name} (o su original en español)", f"docs/{corrections.lang}/{corrections.name} (or its Spanish source) does not exist"), say("el nombre del archivo de correcciones debe ser el de la página: data/reviews/qu/señales.yml", "name the corrections file after the page: data/reviews/qu/señales.yml"))])
    page, source = read_page(path, docs), read_page(source_path, docs)
    pairs = {p.number: p for p in pair_page(source, page) if p.draft is not None}
    _check_version(corrections, version_of([(n, p.draft.text) for n, p in pairs.items()]))
    problems, edits = [], []
    for number, new in sorted(corrections.texts.items()):
        where = corrections.lines.get(number, 0)
        pair = pairs.get(number)
        if pair is None:
            problems.append(_no_such(corrections, number, len(pairs)))
            continue
        old = pair.draft.text
        lost = list((Counter(markers_of(old)) - Counter(markers_of(new))).elements())
        if lost:
            problems.append(Problem(corrections.rel, where, say(f"la corrección de la frase {number} quita {', '.join(lost)}", f"the correction of sentence {number} drops {', '.join(lost)}"), say("copie la marca tal como está en la hoja, entre dobles corchetes", "copy the marker exactly as on the sheet, between double brackets")))
            continue
        if "\n" in new and pair.draft.kind in ("title", "description", "heading", "admonition", "alt"):
            problems.append(Problem(corrections.rel, where, say(f"la frase {number} es un título: va en una sola línea", f"sentence {number} is a title: it must be one line"), say("escriba el texto en una sola línea", "write the text on one line")))
            continue
        literal = json.dumps(new, ensure_ascii=False) if pair.draft.kind in ("title", "description") else new
        edits.append(Edit(pair.draft.start, pair.draft.end, literal))
    if problems:
        raise ProblemError(problems)
    updated = apply_edits(page.text, edits)
    _, body, _ = split_front_matter(updated)
    before = set(compare_structure(page.rel, source.body, page.body))
    broken = [m for m in compare_structure(page.rel, source.body, body) if m not in before]
    if broken:
        raise ProblemError([Problem(corrections.rel, 0, say(f"con estas correcciones la página dejaría de tener lo que la página en español tiene: {'; '.join(broken)}", f"with these corrections the page would lose what the Spanish page has: {'; '.join(broken)}"), say("deje en cada frase los enlaces [texto](página.md), los ** y los identificadores { #... } como están en la página", "keep each sentence's links, ** and { #ids } as they are on the page"))])
    out, raw = record_reviewer(updated, corrections.reviewer), path.read_bytes()
    # The page was read with \n line endings and no byte order mark: write it back as the editor saved it.
    out = ("\ufeff" if raw.startswith(b"\xef\xbb\xbf") else "") + (out.replace("\n", "\r\n") if b"\r\n" in raw else out)
    path.write_bytes(out.encode("utf-8"))
    return [page.rel]


def _apply_interface(corrections: Corrections, root: Path) -> list[str]:
    """Corrections of the interface sheet: each value replaced in data/strings/<lang>.yml or docs/contacts.yml."""
    entries = {e.number: e for e in interface_entries(root, corrections.lang)}
    _check_version(corrections, version_of([(n, e.draft or "") for n, e in entries.items()]))
    problems, changes = [], {}
    for number, new in sorted(corrections.texts.items()):
        where = corrections.lines.get(number, 0)
        entry = entries.get(number)
        if entry is None:
            problems.append(_no_such(corrections, number, len(entries)))
        elif entry.draft is None:
            problems.append(Problem(corrections.rel, where, say(f"el texto {number} ({entry.label}) no existe todavía en {entry.file}", f"text {number} ({entry.label}) does not exist yet in {entry.file}"), say(f"agréguelo a mano en {entry.file}", f"add it by hand to {entry.file}")))
        elif sorted(PLACEHOLDER.findall(entry.draft)) != sorted(PLACEHOLDER.findall(new)):
            problems.append(Problem(corrections.rel, where, say(f"la corrección del texto {number} cambia {' '.join(PLACEHOLDER.findall(entry.draft)) or 'las marcas {...}'}", f"the correction of text {number} changes its {{...}} placeholders"), say("deje {n}, {lang}, {date} y las demás marcas entre llaves tal como están", "keep {n}, {lang}, {date} and the other placeholders as they are")))
        else:
            changes.setdefault(entry.file, []).append((entry.path, new))
    if problems:
        raise ProblemError(problems)
    for rel, values in changes.items():
        path = root / rel
        text = path.read_text(encoding="utf-8")
        found = {s.path: s for s in scalars(text)}
        for key, new in sorted(values, key=lambda v: found[v[0]].start, reverse=True):
            text = replace_scalar(text, found[key], new)
        path.write_text(text, encoding="utf-8")
    return sorted(changes)


def _check_version(corrections: Corrections, current: str) -> None:
    if corrections.version is not None and corrections.version != current:
        raise ProblemError([Problem(corrections.rel, 0, say(f"la hoja se imprimió para la versión {corrections.version} y la página ahora es la versión {current}: los números de frase pueden haber cambiado", f"the sheet was printed for version {corrections.version} and the page is now version {current}: the numbers may have moved"), say("imprima una hoja nueva (make review-sheets) y pase las correcciones a sus números, o borre la línea version: si revisó que los números coinciden", "print a new sheet (make review-sheets) and move the corrections to its numbers, or remove the version: line once you checked the numbers match"))])


def _no_such(corrections: Corrections, number: int, total: int) -> Problem:
    return Problem(corrections.rel, corrections.lines.get(number, 0), say(f"la hoja no tiene la frase {number} (tiene de 1 a {total})", f"the sheet has no sentence {number} (it has 1 to {total})"), say("revise el número en la hoja", "check the number on the sheet"))


def record_reviewer(text: str, reviewer: Reviewer) -> str:
    """The page with one more entry under `reviewers:` in its front matter (added before the closing --- if absent)."""
    match = FRONT_MATTER.match(text)
    entry = f"  - {{name: {json.dumps(reviewer.name, ensure_ascii=False)}, variety: {json.dumps(reviewer.variety, ensure_ascii=False)}, date: {reviewer.date}}}"
    if not match:
        return f"---\n{KEY}:\n{entry}\n---\n\n" + text
    lines = text[: match.end()].split("\n")
    closing = len(lines) - 2 if lines[-1] == "" else len(lines) - 1  # the index of the closing --- line
    start = next((i for i in range(1, closing) if re.match(rf"^{KEY}\s*:", lines[i])), None)
    if start is None:
        lines[closing:closing] = [f"{KEY}:", entry]
    else:
        end = start + 1
        while end < closing and (lines[end].startswith((" ", "\t", "-")) or not lines[end].strip()):
            end += 1
        lines.insert(end, entry)
    return "\n".join(lines) + text[match.end() :]
