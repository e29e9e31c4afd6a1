"""The referral directory (docs/contacts.yml): what we read, and what a person has checked by calling.

The directory is the only place where phone numbers are written. Each entry
keeps apart where its information was read (`sources`, each with that
source's date) and whether a person has called the number and confirmed it
(`confirmed`). Nothing looks more certain than it is: an entry never
confirmed by a call, or confirmed longer ago than the review age, is shown
with a visible mark; a number announced but never seen working can be kept
out of every page (`withheld`) until someone confirms it. The build hook,
the link checker, the lint, the bundles and `make contacts-due` all read it
here, so a number is valid in the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from alerta import contact_fields as fields
from alerta.config import DOCS_DIR, ROOT, relative_name
from alerta.contact_fields import DEPARTMENTS, E164, SERVICE_LANGUAGES, Phone, Source, display_number, is_valid_tel, parse_date
from alerta.problems import Problem, ProblemError, encoding_problem, say

__all__ = ["DEPARTMENTS", "SERVICE_LANGUAGES", "Contact", "Phone", "Source", "display_number", "is_valid_tel", "load_contacts", "parse_date"]

CONTACTS_FILE = DOCS_DIR / "contacts.yml"
REVIEW_DAYS = 365  # after this, a confirmation is due again (extra.contacts.review_days)
KINDS = ("emergency", "police", "prosecutor", "child-protection", "womens-services", "government", "support", "ombudsman", "ngo", "shelter")
REQUIRED_DESCRIPTION_LANGUAGES = ("es", "en")
FIELDS = {"id", "kind", "name", "organization", "area", "phones", "whatsapp", "hours", "languages", "description", "caveat", "sources", "confirmed", "withheld"}
# Fields of the earlier format, with how to move each to this one.
RETIRED = {
    "verified": say(
        "'verified' guardaba la fecha de la noticia, no la de una llamada. Ponga esa fecha en sources (date:) y escriba confirmed: null; "
        "cuando una persona llame y el número responda, escriba confirmed: {date: AAAA-MM-DD, by: sus iniciales}",
        "'verified' held the article's date, not a call's. Move that date to sources (date:) and write confirmed: null; "
        "when a person calls and the number answers, write confirmed: {date: YYYY-MM-DD, by: initials}",
    ),
    "source": say(
        "'source' ahora es una lista 'sources', una fuente por línea con su fecha: sources: [{name: eldeber.com.bo, date: 2019}]",
        "'source' is now a list 'sources', one source each with its date: sources: [{name: eldeber.com.bo, date: 2019}]",
    ),
    "coverage": say(
        "'coverage' ahora es 'area': area: national, o area: {department: La Paz}, o area: {department: La Paz, municipality: El Alto}",
        "'coverage' is now 'area': area: national, or area: {department: La Paz}, or area: {department: La Paz, municipality: El Alto}",
    ),
}
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MARKUP = re.compile(r"<[A-Za-z/!]|\]\(|\[\[|&[#A-Za-z0-9]+;")


@dataclass
class Contact:
    id: str
    kind: str
    name: str
    department: str | None  # None: the whole country
    municipality: str | None
    phones: list[Phone]
    description: dict[str, str]
    sources: list[Source]
    line: int
    caveat: dict[str, str] = field(default_factory=dict)  # the one warning the pocket card must keep, per language
    confirmed: str | None = None  # date a person called and confirmed it
    confirmed_by: str = ""
    withheld: bool = False  # the number is shown nowhere until confirmed
    whatsapp: str = ""
    hours: str = ""
    hours_source: str = ""
    review_due: bool = False  # never confirmed, or confirmed longer ago than the review age
    organization: str = ""  # the institution it belongs to (the export's organization); its own name when absent
    languages: list[str] = field(default_factory=list)  # only when a source says which languages it answers in

    @property
    def national(self) -> bool:
        return self.department is None

    @property
    def shown_phones(self) -> list[Phone]:
        """The numbers a page may show and link: none while withheld and unconfirmed."""
        return [] if self.withheld and not self.confirmed else self.phones

    @property
    def read_on(self) -> str | None:
        """The newest date of the sources it was read in."""
        dates = [s.date for s in self.sources if s.date]
        return max(dates) if dates else None

    @property
    def as_of(self) -> str | None:
        """How current the entry is: the call that confirmed it, else the newest source."""
        return self.confirmed or self.read_on


def _entry_lines(text: str) -> list[int]:
    """Line numbers (1-based) where each top-level list entry starts."""
    return [i for i, line in enumerate(text.splitlines(), 1) if line.startswith("- ")]


def load_contacts(path: Path = CONTACTS_FILE, today: dt.date | None = None, root: Path = ROOT, review_days: int = REVIEW_DAYS) -> list[Contact]:
    """Parse and validate the directory; raise ProblemError with every problem of every entry."""
    today = today or dt.date.today()
    rel = relative_name(path, root)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProblemError([Problem(rel, 0, say("falta el archivo de contactos", "the contacts file is missing"), say("la página de ayuda lo necesita: recupérelo del historial", "the help page needs it: restore it"))]) from None
    except UnicodeDecodeError as exc:
        raise ProblemError([encoding_problem(rel, path.read_bytes(), exc)]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ProblemError(
            [
                Problem(
                    rel,
                    mark.line + 1 if mark else 0,
                    say(f"el archivo no se puede leer ({getattr(exc, 'problem', exc)})", f"not valid YAML ({getattr(exc, 'problem', exc)})"),
                    say("revise la sangría (los espacios al inicio) y las comillas cerca de esa línea", "check the indentation and quotes near that line"),
                )
            ]
        ) from None
    if not isinstance(data, list):
        raise ProblemError([Problem(rel, 0, say("el archivo debe ser una lista de contactos", "must be a list of entries"), say("cada contacto empieza con '- id: ...'", "each entry starts with '- id: ...'"))])
    lines = _entry_lines(text)
    contacts, problems, seen = [], [], set()
    for index, raw in enumerate(data):
        line = lines[index] if index < len(lines) else 0
        entry_problems: list[Problem] = []
        contact = _entry(raw, rel, line, today, review_days, seen, entry_problems)
        problems += entry_problems
        if contact is not None and not entry_problems:
            contacts.append(contact)
    if problems:
        raise ProblemError(problems)
    return contacts


def _entry(raw: object, rel: str, line: int, today: dt.date, review_days: int, seen: set[str], out: list[Problem]) -> Contact | None:
    """One entry, checked field by field; every problem is added to `out`."""

    def problem(what, fix) -> None:
        out.append(Problem(rel, line, what, fix))

    if not isinstance(raw, dict):
        problem(say("cada contacto debe ser una lista de campos", "each entry must be a mapping of fields"), say("escriba id:, kind:, name:... debajo del guion", "write id:, kind:, name:... under the dash"))
        return None
    entry_id = raw.get("id")
    if not isinstance(entry_id, str) or not ID_PATTERN.match(entry_id):
        problem(say(f"el campo 'id' es {entry_id!r}", f"field 'id' is {entry_id!r}"), say("use palabras en minúsculas unidas por guiones, como 'police-emergency'", "use lowercase words joined by dashes, like 'police-emergency'"))
        return None
    label = say(f"contacto '{entry_id}'", f"entry '{entry_id}'")

    def field_problem(what_es: str, what_en: str, fix_es: str, fix_en: str) -> None:
        problem(say(f"{label.es}: {what_es}", f"{label.en}: {what_en}"), say(fix_es, fix_en))

    if entry_id in seen:
        field_problem("el id se usa dos veces", "the id is used twice", "dé a cada contacto su propio id", "give each entry its own id")
    seen.add(entry_id)
    for old in sorted(set(raw) & set(RETIRED)):
        field_problem(f"el campo '{old}' ya no se usa", f"field '{old}' is no longer used", RETIRED[old].es, RETIRED[old].en)
    unknown = sorted(set(raw) - FIELDS - set(RETIRED))
    if unknown:
        field_problem(f"campo(s) desconocido(s): {', '.join(unknown)}", f"unknown field(s) {', '.join(unknown)}", f"los campos son: {', '.join(sorted(FIELDS))}", f"allowed: {', '.join(sorted(FIELDS))}")
    kind = raw.get("kind")
    if kind not in KINDS:
        field_problem(f"el tipo (kind) {kind!r} no existe", f"field 'kind' is {kind!r}, which is not a known kind", f"use uno de: {', '.join(KINDS)}", f"use one of: {', '.join(KINDS)}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        field_problem("falta el nombre (name)", "field 'name' is missing", "escríbalo como texto", "write it as text")
        name = ""
    organization = raw.get("organization", name)
    if not isinstance(organization, str) or not organization.strip():
        field_problem("'organization' debe ser el nombre de la institución", "'organization' must be the institution's name", "escriba organization: y el nombre, o borre la línea si es el mismo que name", "write organization: and the name, or remove the line if it is the same as name")
        organization = name
    department, municipality = fields.area(raw.get("area"), field_problem)
    sources = fields.sources(raw.get("sources"), field_problem)
    phones = fields.phones(raw.get("phones"), field_problem)
    languages = fields.languages(raw.get("languages"), field_problem)
    whatsapp = raw.get("whatsapp") or ""
    if whatsapp and not (isinstance(whatsapp, str) and E164.match(whatsapp)):
        field_problem(f"el WhatsApp {whatsapp!r} no está en formato internacional", f"field 'whatsapp' is {whatsapp!r}, not in international format", 'escríbalo así: "+591XXXXXXXX"', 'write it like "+591XXXXXXXX"')
    hours, hours_source = fields.hours(raw.get("hours"), field_problem)
    description = raw.get("description")
    if not isinstance(description, dict):
        field_problem("la descripción (description) debe tener un texto por idioma", "field 'description' must have one text per language", "escriba es:, en:, ... debajo de description:", "write es:, en:, ... under description:")
        description = {}
    for lang in REQUIRED_DESCRIPTION_LANGUAGES:
        if not isinstance(description.get(lang), str) or not description[lang].strip():
            field_problem(f"la descripción no tiene texto en '{lang}'", f"field 'description' has no '{lang}' text", f"agregue '{lang}: ...' debajo de description", f"add '{lang}: ...' under description")
    caveat = fields.caveat(raw.get("caveat"), field_problem, REQUIRED_DESCRIPTION_LANGUAGES)
    for key, value in [("name", name), ("hours", hours)] + [(f"description.{k}", v) for k, v in description.items() if isinstance(v, str)] + [(f"caveat.{k}", v) for k, v in caveat.items()] + [("sources.name", s.name) for s in sources]:
        if value and MARKUP.search(value):
            field_problem(
                f"el campo '{key}' tiene marcas de HTML o Markdown",
                f"field '{key}' contains HTML or Markdown markup",
                "escriba solo texto: la página lo muestra tal cual, sin enlaces ni etiquetas",
                "write plain text: the page shows it as it is, with no links or tags",
            )
    confirmed, confirmed_by = fields.confirmed(raw.get("confirmed", None), "confirmed" in raw, today, field_problem)
    withheld = raw.get("withheld", False)
    if not isinstance(withheld, bool):
        field_problem("'withheld' debe ser true o false", "'withheld' must be true or false", "escriba withheld: true para no mostrar el número hasta que alguien lo confirme", "write withheld: true to keep the number off the pages until someone confirms it")
        withheld = False
    if withheld and not phones:
        field_problem("'withheld' no tiene sentido sin número", "'withheld' makes no sense without a number", "borre la línea withheld", "remove the withheld line")
    texts = [name, hours] + [v for v in description.values() if isinstance(v, str)] + list(caveat.values()) + [s.name for s in sources]
    for phone in phones if withheld else []:
        if any(re.search(rf"(?<!\d){re.escape(phone.number)}(?!\d)", text or "") for text in texts):
            field_problem(
                f"el número {phone.number} no se publica (withheld) pero aparece escrito en el nombre, la descripción o las fuentes",
                f"number {phone.number} is withheld but written in the name, description or sources",
                "bórrelo de esos textos: un número se muestra solo cuando una persona lo confirmó llamando",
                "remove it from those texts: a number is shown only once a person has confirmed it by calling",
            )
    confirmed_date = parse_date(confirmed) if confirmed else None
    due = confirmed_date is None or (today - confirmed_date).days > review_days
    return Contact(
        id=entry_id,
        kind=kind if kind in KINDS else "ngo",
        name=name.strip(),
        organization=organization.strip(),
        department=department,
        municipality=municipality,
        phones=phones,
        description={k: str(v).strip() for k, v in description.items()},
        caveat=caveat,
        sources=sources,
        line=line,
        confirmed=confirmed,
        confirmed_by=confirmed_by,
        withheld=withheld,
        whatsapp=whatsapp if isinstance(whatsapp, str) else "",
        hours=hours,
        hours_source=hours_source,
        languages=languages,
        review_due=due,
    )



def published_numbers(contacts: list[Contact]) -> set[str]:
    """Every number a page may link with tel: (shown numbers only)."""
    numbers = set()
    for contact in contacts:
        numbers.update(p.number for p in contact.shown_phones)
        if contact.whatsapp and contact.shown_phones is contact.phones:
            numbers.add(contact.whatsapp)
    return numbers


def oldest_as_of(contacts: list[Contact]) -> str:
    """The oldest 'as of' date of the directory: how current its least current entry is."""
    dates = [c.as_of for c in contacts if c.as_of]
    return min(dates) if dates else ""


def due(contacts: list[Contact]) -> list[Contact]:
    """Entries a person should call: never confirmed, or confirmed longer ago than the review age."""
    return [c for c in contacts if c.review_due]


def emergency_phone(contacts: list[Contact], contact_id: str) -> Phone:
    """The number of the help bar on every page: the first shown phone of an entry."""
    contact = next((c for c in contacts if c.id == contact_id and c.shown_phones), None)
    if contact is None:
        raise ProblemError(
            [
                Problem(
                    "mkdocs.yml",
                    0,
                    say(f"el número de emergencia de cada página (extra.emergency_contact: {contact_id}) no es un contacto con un número que se muestre en docs/contacts.yml", f"the emergency number of every page (extra.emergency_contact: {contact_id}) is not an entry with a shown phone in docs/contacts.yml"),
                    say("escriba el id de un contacto con teléfono (por ejemplo police-emergency)", "write the id of an entry with a phone (for example police-emergency)"),
                )
            ]
        )
    return contact.shown_phones[0]
