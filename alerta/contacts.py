"""Load and validate the referral directory (docs/contacts.yml).

The directory is the only place where phone numbers are written. This module
is used by the build hook (hooks/contacts.py), the link checker and the
content lint, so a number is valid in the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from alerta.config import DOCS_DIR, ROOT, relative_name

CONTACTS_FILE = DOCS_DIR / "contacts.yml"

KINDS = (
    "emergency",
    "police",
    "prosecutor",
    "child-protection",
    "womens-services",
    "ombudsman",
    "ngo",
    "shelter",
)
REQUIRED_DESCRIPTION_LANGUAGES = ("es", "en")
FIELDS = {"id", "kind", "name", "coverage", "phones", "whatsapp", "hours", "description", "source", "verified"}
# E.164: "+", country code, subscriber number; 8 to 15 digits in all.
E164 = re.compile(r"^\+[1-9]\d{7,14}$")
# Dialled only inside Bolivia: short service codes (110, 156...) and free 800 lines.
BOLIVIAN_NATIONAL = re.compile(r"^(1\d{2}|800\d{6})$")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
STALE_AFTER_DAYS = 365


class ContactsError(ValueError):
    """A malformed directory entry; the message names file, line, entry and field."""


@dataclass
class Phone:
    number: str  # what goes after "tel:"
    display: str
    label: str = ""


@dataclass
class Contact:
    id: str
    kind: str
    name: str
    coverage: str
    phones: list[Phone]
    description: dict[str, str]
    source: str
    verified: str | None
    line: int
    whatsapp: str = ""
    hours: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def published(self) -> bool:
        return self.verified is not None

    @property
    def national(self) -> bool:
        return self.coverage == "national"


def display_number(number: str) -> str:
    """Group digits the way Bolivians read them: 800 14 0348, +591 7200 6607."""
    if number.startswith("+591") and len(number) == 12:
        return f"+591 {number[4:8]} {number[8:]}"
    if number.startswith("800") and len(number) == 9:
        return f"{number[:3]} {number[3:5]} {number[5:]}"
    return number


def is_valid_tel(number: str) -> bool:
    """True for an E.164 number or a Bolivian short/free national number."""
    return bool(E164.match(number) or BOLIVIAN_NATIONAL.match(number))


def _parse_date(value: object) -> dt.date | None:
    """Accept YYYY-MM-DD, YYYY-MM or YYYY; the earliest day they can mean."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and 1900 < value < 3000:
        return dt.date(value, 1, 1)
    if isinstance(value, str):
        for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
            try:
                return dt.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
    return None


def _entry_lines(text: str) -> list[int]:
    """Line numbers (1-based) where each top-level list entry starts."""
    return [i for i, line in enumerate(text.splitlines(), 1) if line.startswith("- ")]


def load_contacts(path: Path = CONTACTS_FILE, today: dt.date | None = None, root: Path = ROOT) -> list[Contact]:
    """Parse and validate the directory; raise ContactsError on the first bad entry. Messages name it relative to root."""
    today = today or dt.date.today()
    rel = relative_name(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContactsError(f"{rel}: file not found. The help page needs it.") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{rel}:{mark.line + 1}" if mark else rel
        raise ContactsError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)}). Check the indentation and quotes near that line.") from None
    if not isinstance(data, list):
        raise ContactsError(f"{rel}: must be a list of entries, each starting with '- id: ...'.")
    lines = _entry_lines(text)
    contacts, seen = [], set()
    for index, raw in enumerate(data):
        line = lines[index] if index < len(lines) else 0
        contacts.append(_validate_entry(raw, f"{rel}:{line}", line, today, seen))
    return contacts


def _validate_entry(raw: object, where: str, line: int, today: dt.date, seen: set[str]) -> Contact:
    """Check one entry field by field; return it as a Contact."""
    if not isinstance(raw, dict):
        raise ContactsError(f"{where}: each entry must be a mapping of fields (id, kind, name...).")
    entry_id = raw.get("id")
    label = f"{where}: entry '{entry_id}'"
    if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id):
        raise ContactsError(f"{where}: field 'id' must be lowercase words joined by dashes, like 'police-emergency' (got {entry_id!r}).")
    if entry_id in seen:
        raise ContactsError(f"{label}: the id is used twice. Give each entry its own id.")
    seen.add(entry_id)
    unknown = sorted(set(raw) - FIELDS)
    if unknown:
        raise ContactsError(f"{label}: unknown field(s) {', '.join(unknown)}. Allowed: {', '.join(sorted(FIELDS))}.")
    kind = raw.get("kind")
    if kind not in KINDS:
        raise ContactsError(f"{label}: field 'kind' is {kind!r}, which is not a known kind. Use one of: {', '.join(KINDS)}.")
    for name in ("name", "coverage"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            raise ContactsError(f"{label}: field '{name}' is missing. Write it as text.")
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        raise ContactsError(f"{label}: field 'source' is missing. Every contact needs the URL or document it comes from.")
    if "verified" not in raw:
        raise ContactsError(f"{label}: field 'verified' is missing. Write the date it was last checked (YYYY-MM-DD), or null to keep it unpublished.")
    verified_raw = raw["verified"]
    warnings = []
    if verified_raw is None:
        verified = None
    else:
        date = _parse_date(verified_raw)
        if date is None:
            raise ContactsError(f"{label}: field 'verified' is {verified_raw!r}; write a date as YYYY-MM-DD (or YYYY-MM), or null.")
        if date > today:
            raise ContactsError(f"{label}: field 'verified' ({verified_raw}) is in the future. Write the day it was really checked.")
        if (today - date).days > STALE_AFTER_DAYS:
            warnings.append(f"{label}: last verified {verified_raw}, more than 12 months ago. Please check it again and update 'verified'.")
        verified = str(verified_raw)
    phones = _validate_phones(raw.get("phones"), label)
    whatsapp = raw.get("whatsapp") or ""
    if whatsapp and not (isinstance(whatsapp, str) and E164.match(whatsapp)):
        raise ContactsError(f"{label}: field 'whatsapp' is {whatsapp!r}; write it in international format, like \"+591XXXXXXXX\".")
    description = raw.get("description")
    if not isinstance(description, dict):
        raise ContactsError(f"{label}: field 'description' must have one text per language (es:, en:, ...).")
    for lang in REQUIRED_DESCRIPTION_LANGUAGES:
        if not isinstance(description.get(lang), str) or not description[lang].strip():
            raise ContactsError(f"{label}: field 'description' has no '{lang}' text. Add '{lang}: ...' under description.")
    return Contact(
        id=entry_id,
        kind=kind,
        name=raw["name"].strip(),
        coverage=raw["coverage"].strip(),
        phones=phones,
        description={k: str(v).strip() for k, v in description.items()},
        source=source.strip(),
        verified=verified,
        line=line,
        whatsapp=whatsapp,
        hours=str(raw.get("hours") or ""),
        warnings=warnings,
    )


def _validate_phones(value: object, label: str) -> list[Phone]:
    """Each phone is {e164: "+591..."} or {national: "110"}, with an optional label."""
    if value is None:
        raise ContactsError(f"{label}: field 'phones' is missing. Write 'phones: []' if no number is known.")
    if not isinstance(value, list):
        raise ContactsError(f"{label}: field 'phones' must be a list (one '- e164: ...' per number).")
    phones = []
    for item in value:
        if not isinstance(item, dict) or not ({"e164", "national"} & set(item)):
            raise ContactsError(f"{label}: each phone needs 'e164: \"+591...\"' or 'national: \"110\"' (got {item!r}).")
        if "e164" in item:
            number = str(item["e164"])
            if not E164.match(number):
                raise ContactsError(
                    f"{label}: phone {number!r} is not in international format (E.164). "
                    "Write '+591' and the number without spaces, like \"+59172000000\"."
                )
        else:
            number = str(item["national"])
            if not BOLIVIAN_NATIONAL.match(number):
                raise ContactsError(
                    f"{label}: national number {number!r} is not a Bolivian short code (3 digits starting with 1) "
                    "or free line (800 and 6 digits). Other numbers go under 'e164' with +591."
                )
        phones.append(Phone(number=number, display=display_number(number), label=str(item.get("label") or "")))
    return phones


def published_numbers(contacts: list[Contact]) -> set[str]:
    """Every number a page may link with tel: (published entries only)."""
    numbers = set()
    for contact in contacts:
        if contact.published:
            numbers.update(p.number for p in contact.phones)
            if contact.whatsapp:
                numbers.add(contact.whatsapp)
    return numbers


def last_verified(contacts: list[Contact]) -> str:
    """The most recent verification date among published entries."""
    dates = [c.verified for c in contacts if c.published]
    return max(dates) if dates else ""




def emergency_phone(contacts: list[Contact], contact_id: str) -> Phone:
    """The number of the help bar on every page: the first phone of a published entry."""
    contact = next((c for c in contacts if c.id == contact_id and c.published and c.phones), None)
    if contact is None:
        raise ContactsError(f"mkdocs.yml: extra.emergency_contact '{contact_id}' is not a published entry with a phone in docs/contacts.yml.")
    return contact.phones[0]
