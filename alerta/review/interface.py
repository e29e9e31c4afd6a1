"""What a reviewer reads besides the pages: the interface strings (data/strings/<lang>.yml) and the contacts' descriptions (docs/contacts.yml).

One sheet per language holds them all, the safety texts first: quick exit,
emergency and help, then every contact (emergency lines first), then the
other strings. Each text is one numbered piece; a correction replaces the
value in its YAML file and nothing else (alerta.review.yaml_text).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from alerta.review.yaml_text import Scalar, scalars

NAME = "interfaz"  # the sheet and corrections file: data/reviews/<lang>/interfaz.yml
# The strings a person in danger meets first, in this order; the rest follow in file order.
FIRST = ("quick_exit", "quick_exit_label", "quick_exit_hint", "quick_exit_press_1", "quick_exit_press_2", "quick_exit_leaving", "emergency", "help_bar_label", "help_link", "draft_notice", "reviewed_notice", "fallback_notice")
SKIP = ("language_name",)
CONTACT_ORDER = ("emergency", "police", "prosecutor", "child-protection", "womens-services", "shelter", "support", "ombudsman", "ngo")


@dataclass
class Entry:
    """One interface text: its number, what it is, the Spanish, the draft and where the draft lives."""

    number: int
    label: str  # "quick_exit" or "contacto felcv"
    source: str
    draft: str | None
    file: str  # data/strings/qu.yml or docs/contacts.yml
    path: tuple  # the keys leading to the value in that file
    line: int
    priority: bool


def _values(path: Path) -> dict[tuple, Scalar]:
    return {s.path: s for s in scalars(path.read_text(encoding="utf-8"))} if path.is_file() else {}


def interface_entries(root: Path, lang: str, source_lang: str = "es") -> list[Entry]:
    """Every interface text of a language, numbered in the order the sheet shows them."""
    strings_dir = root / "data" / "strings"
    spanish, draft = _values(strings_dir / f"{source_lang}.yml"), _values(strings_dir / f"{lang}.yml")
    keys = [p[0] for p in spanish if len(p) == 1 and p[0] not in SKIP]
    ordered = [k for k in FIRST if k in keys] + [k for k in keys if k not in FIRST]
    strings_rel = f"data/strings/{lang}.yml"
    out = []
    for key in ordered[: len([k for k in FIRST if k in keys])]:
        out.append(_string(key, spanish, draft, strings_rel, True))
    contacts_path = root / "docs" / "contacts.yml"
    if contacts_path.is_file():
        contacts = yaml.safe_load(contacts_path.read_text(encoding="utf-8")) or []
        values = _values(contacts_path)
        order = sorted(range(len(contacts)), key=lambda i: CONTACT_ORDER.index(contacts[i].get("kind")) if contacts[i].get("kind") in CONTACT_ORDER else len(CONTACT_ORDER))
        for index in order:
            contact = contacts[index]
            description = contact.get("description") or {}
            if not isinstance(description, dict) or not description.get(source_lang):
                continue
            found = values.get((index, "description", lang))
            line = found.line if found else (values.get((index, "description", source_lang)).line if values.get((index, "description", source_lang)) else 0)
            out.append(Entry(0, f"contacto {contact.get('id')}", str(description[source_lang]).strip(), found.value if found else None, "docs/contacts.yml", (index, "description", lang), line, True))
    for key in ordered[len([k for k in FIRST if k in keys]) :]:
        out.append(_string(key, spanish, draft, strings_rel, False))
    for number, entry in enumerate(out, 1):
        entry.number = number
    return out


def _string(key: str, spanish: dict, draft: dict, rel: str, priority: bool) -> Entry:
    found = draft.get((key,))
    return Entry(0, key, spanish[(key,)].value, found.value if found else None, rel, (key,), found.line if found else 0, priority)
