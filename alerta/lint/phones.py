"""Phone numbers typed in pages (or any text file of docs/): they live only in docs/contacts.yml."""

from __future__ import annotations

import re
from pathlib import Path

from alerta.pages import all_page_paths, display_path, line_of, read_text
from alerta.problems import Problem, say

# Phone numbers: a run of 7 or more digits, possibly separated by a space, a
# dot or a dash (800 14 0348, 2-2440123, 72006607), any "+591" number, and
# any hand-written tel: link ([[tel:ID]] is the marker, not a link).
SEPARATOR = r"(?:[ \u00a0\u202f]?[.\-\u2010\u2011\u2013][ \u00a0\u202f]?|[ \u00a0\u202f])"
DIGIT_RUN = re.compile(rf"(?<![\w+])\d(?:{SEPARATOR}?\d){{6,}}(?!\w)")
PLUS_591 = re.compile(rf"\(?\+[ \u00a0]?\(?591\)?(?:{SEPARATOR}?\d)*")
TEL_LINK = re.compile(r"(?<!\[\[)\btel:(?://)?[+\d(%][^\s)\]\"'<>]*", re.I)
YEAR = re.compile(r"^(?:19|20)\d\d$")
DATE = re.compile(r"^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})$")
THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3}){2,}$")  # 1.243.315 in Spanish notation
PHONE_FIX = say(
    "los números viven solo en docs/contacts.yml: agréguelo allí, con su fuente, y escriba [[tel:ID]] para un número o [[contacts]] para la lista",
    "numbers live only in docs/contacts.yml: add it there, then write [[tel:ID]] for one number or [[contacts]] for the list",
)
CONTACTS_NAME = "contacts.yml"
OTHER_TEXT_SUFFIXES = frozenset(".html .htm .yml .yaml .txt .json .csv .xml .js .css .svg .webmanifest".split())
SVG_GEOMETRY = re.compile(r"""\b(?:d|points|viewBox|transform|x|y|x1|x2|y1|y2|cx|cy|r|rx|ry|width|height)\s*=\s*(?:"[^"]*"|'[^']*')""")


def is_phone_number(candidate: str) -> bool:
    """False for what only looks like a number: years, year ranges, dates, 1.243.315."""
    if candidate.lstrip().startswith("+"):
        return True
    compact = re.sub(r"[ \u00a0\u202f]*([.\-\u2010\u2011\u2013])[ \u00a0\u202f]*", r"\1", candidate.strip())
    groups = re.split(r"[ \u00a0\u202f.\-\u2010\u2011\u2013]+", compact)
    if all(YEAR.match(group) for group in groups):
        return False
    return not (DATE.match(compact) or THOUSANDS.match(compact))


def phone_findings(text: str, rel: str, first_line: int = 1) -> list[Problem]:
    """Phone numbers and tel: links typed in a text."""
    out, taken = [], []
    for match in TEL_LINK.finditer(text):
        taken.append(range(match.start(), match.end()))
        out.append(
            Problem(
                rel,
                line_of(text, match.start(), first_line),
                say(f'un enlace tel: escrito a mano ("{match.group(0)}")', f'a tel: link typed by hand ("{match.group(0)}")'),
                say("escriba [[tel:ID]] con el id del contacto en docs/contacts.yml", "write [[tel:ID]] with the contact's id from docs/contacts.yml instead"),
            )
        )
    for pattern in (PLUS_591, DIGIT_RUN):
        for match in pattern.finditer(text):
            if any(match.start() in span for span in taken) or not is_phone_number(match.group(0)):
                continue
            taken.append(range(match.start(), match.end()))
            out.append(
                Problem(
                    rel,
                    line_of(text, match.start(), first_line),
                    say(f'el número de teléfono "{match.group(0).strip()}" está escrito en el texto', f'phone number "{match.group(0).strip()}" typed in the text'),
                    PHONE_FIX,
                )
            )
    return sorted(out)


def phones_in_file(path: Path, docs_dir: Path) -> list[Problem]:
    """Phone numbers in one file of docs/ (SVG drawing coordinates ignored)."""
    text = read_text(path)
    if path.suffix.lower() == ".svg":
        text = SVG_GEOMETRY.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    return phone_findings(text, display_path(path, docs_dir))


def other_text_files(docs_dir: Path) -> list[Path]:
    """Text files of docs/ that are not pages and not the contacts data."""
    return sorted(p for p in docs_dir.rglob("*") if p.is_file() and p.suffix.lower() in OTHER_TEXT_SUFFIXES and p != docs_dir / CONTACTS_NAME)


def phones_in_tree(docs_dir: Path) -> list[Problem]:
    """Phone numbers anywhere in docs/ except docs/contacts.yml: pages and every other text file."""
    return sorted(f for path in all_page_paths(docs_dir) + other_text_files(docs_dir) for f in phones_in_file(path, docs_dir))
