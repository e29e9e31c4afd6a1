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

from alerta.config import DOCS_DIR, ROOT, relative_name
from alerta.problems import Problem, ProblemError, encoding_problem, say

CONTACTS_FILE = DOCS_DIR / "contacts.yml"
REVIEW_DAYS = 365  # after this, a confirmation is due again (extra.contacts.review_days)
KINDS = ("emergency", "police", "prosecutor", "child-protection", "womens-services", "support", "ombudsman", "ngo", "shelter")
DEPARTMENTS = ("Chuquisaca", "La Paz", "Cochabamba", "Oruro", "Potosí", "Tarija", "Santa Cruz", "Beni", "Pando")
REQUIRED_DESCRIPTION_LANGUAGES = ("es", "en")
FIELDS = {"id", "kind", "name", "area", "phones", "whatsapp", "hours", "description", "caveat", "sources", "confirmed", "withheld"}
CAVEAT_MAX = 120  # a caveat is printed on the pocket card: one short sentence
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
# E.164: "+", country code, subscriber number; 8 to 15 digits in all.
E164 = re.compile(r"^\+[1-9]\d{7,14}$")
# Dialled only inside Bolivia: short service codes (110, 156...) and free 800 lines.
BOLIVIAN_NATIONAL = re.compile(r"^(1\d{2}|800\d{6})$")
ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MARKUP = re.compile(r"<[A-Za-z/!]|\]\(|\[\[|&[#A-Za-z0-9]+;")


@dataclass
class Phone:
    number: str  # what goes after "tel:"
    display: str
    free: bool = False  # only when a source says the line costs nothing


@dataclass
class Source:
    name: str
    date: str | None  # as written (YYYY, YYYY-MM or YYYY-MM-DD); None when the source shows none


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


def parse_date(value: object) -> dt.date | None:
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
    department, municipality = _area(raw.get("area"), field_problem)
    sources = _sources(raw.get("sources"), field_problem)
    phones = _phones(raw.get("phones"), field_problem)
    whatsapp = raw.get("whatsapp") or ""
    if whatsapp and not (isinstance(whatsapp, str) and E164.match(whatsapp)):
        field_problem(f"el WhatsApp {whatsapp!r} no está en formato internacional", f"field 'whatsapp' is {whatsapp!r}, not in international format", 'escríbalo así: "+591XXXXXXXX"', 'write it like "+591XXXXXXXX"')
    hours, hours_source = _hours(raw.get("hours"), field_problem)
    description = raw.get("description")
    if not isinstance(description, dict):
        field_problem("la descripción (description) debe tener un texto por idioma", "field 'description' must have one text per language", "escriba es:, en:, ... debajo de description:", "write es:, en:, ... under description:")
        description = {}
    for lang in REQUIRED_DESCRIPTION_LANGUAGES:
        if not isinstance(description.get(lang), str) or not description[lang].strip():
            field_problem(f"la descripción no tiene texto en '{lang}'", f"field 'description' has no '{lang}' text", f"agregue '{lang}: ...' debajo de description", f"add '{lang}: ...' under description")
    caveat = _caveat(raw.get("caveat"), field_problem)
    for key, value in [("name", name), ("hours", hours)] + [(f"description.{k}", v) for k, v in description.items() if isinstance(v, str)] + [(f"caveat.{k}", v) for k, v in caveat.items()] + [("sources.name", s.name) for s in sources]:
        if value and MARKUP.search(value):
            field_problem(
                f"el campo '{key}' tiene marcas de HTML o Markdown",
                f"field '{key}' contains HTML or Markdown markup",
                "escriba solo texto: la página lo muestra tal cual, sin enlaces ni etiquetas",
                "write plain text: the page shows it as it is, with no links or tags",
            )
    confirmed, confirmed_by = _confirmed(raw.get("confirmed", None), "confirmed" in raw, today, field_problem)
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
        review_due=due,
    )


def _area(value: object, field_problem) -> tuple[str | None, str | None]:
    """(department, municipality); (None, None) for the whole country."""
    if value == "national":
        return None, None
    if isinstance(value, dict) and value.get("department") in DEPARTMENTS and set(value) <= {"department", "municipality"}:
        municipality = value.get("municipality")
        if municipality is not None and (not isinstance(municipality, str) or not municipality.strip()):
            field_problem("el municipio del área está vacío", "the area's municipality is empty", "escriba su nombre o borre la línea", "write its name or remove the line")
            return value["department"], None
        return value["department"], (municipality.strip() if municipality else None)
    field_problem(
        f"el área (area) {value!r} no se entiende",
        f"field 'area' is {value!r}",
        f"escriba area: national, o area: {{department: La Paz}} (departamentos: {', '.join(DEPARTMENTS)}), con municipality: si sirve a un municipio",
        f"write area: national, or area: {{department: La Paz}} (departments: {', '.join(DEPARTMENTS)}), with municipality: for one municipality",
    )
    return None, None


def _sources(value: object, field_problem) -> list[Source]:
    """Where the information was read; each source with its date (or date: unknown)."""
    fix_es = "escriba sources: y debajo, por cada fuente, - name: el sitio o documento y date: su fecha (AAAA, AAAA-MM o AAAA-MM-DD, o unknown)"
    fix_en = "write sources: and under it, for each source, - name: the site or document and date: its date (YYYY, YYYY-MM or YYYY-MM-DD, or unknown)"
    if not isinstance(value, list) or not value:
        field_problem("faltan las fuentes (sources)", "field 'sources' is missing", fix_es, fix_en)
        return []
    sources = []
    for item in value:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or "date" not in item:
            field_problem(f"una fuente está incompleta ({item!r})", f"a source is incomplete ({item!r})", fix_es, fix_en)
            continue
        date = item["date"]
        if date == "unknown":
            sources.append(Source(item["name"].strip(), None))
        elif parse_date(date) is None:
            field_problem(f"la fecha de la fuente {item['name']!r} es {date!r}", f"the date of source {item['name']!r} is {date!r}", fix_es, fix_en)
        else:
            sources.append(Source(item["name"].strip(), str(date)))
    return sources


def _phones(value: object, field_problem) -> list[Phone]:
    """Each phone is {e164: "+591..."} or {national: "110"}, with free: true only when a source says so."""
    if value is None:
        field_problem("falta el campo 'phones'", "field 'phones' is missing", "escriba 'phones: []' si no se conoce ningún número", "write 'phones: []' if no number is known")
        return []
    if not isinstance(value, list):
        field_problem("'phones' debe ser una lista", "field 'phones' must be a list", "un '- e164: ...' o '- national: ...' por número", "one '- e164: ...' or '- national: ...' per number")
        return []
    phones = []
    for item in value:
        if isinstance(item, dict) and "label" in item:
            field_problem(
                "la etiqueta 'label' de un teléfono ya no se usa (toda etiqueta se mostraba como «línea gratuita»)",
                "a phone's 'label' is no longer used (any label was shown as 'free line')",
                "escriba free: true solo si una fuente dice que la línea es gratuita; si no, borre la línea",
                "write free: true only if a source says the line is free; otherwise remove the line",
            )
            continue
        if not isinstance(item, dict) or not ({"e164", "national"} & set(item)) or set(item) - {"e164", "national", "free"}:
            field_problem(f"un teléfono no se entiende ({item!r})", f"a phone is not understood ({item!r})", 'escriba e164: "+591..." o national: "110", y free: true si es gratuita', 'write e164: "+591..." or national: "110", and free: true if it is free')
            continue
        if "e164" in item:
            number = str(item["e164"])
            if not E164.match(number):
                field_problem(f"el teléfono {number!r} no está en formato internacional (E.164)", f"phone {number!r} is not in international format (E.164)", 'escriba +591 y el número sin espacios, así: "+59172000000"', "write '+591' and the number without spaces, like \"+59172000000\"")
                continue
        else:
            number = str(item["national"])
            if not BOLIVIAN_NATIONAL.match(number):
                field_problem(
                    f"el número nacional {number!r} no es un código corto de Bolivia (3 cifras que empiezan con 1) ni una línea gratuita (800 y 6 cifras)",
                    f"national number {number!r} is not a Bolivian short code (3 digits starting with 1) or free line (800 and 6 digits)",
                    "los demás números van en 'e164' con +591",
                    "other numbers go under 'e164' with +591",
                )
                continue
        free = item.get("free", False)
        if not isinstance(free, bool):
            field_problem(f"'free' del número {number} debe ser true o false", f"'free' of number {number} must be true or false", "escriba free: true solo si una fuente lo dice", "write free: true only if a source says so")
            free = False
        phones.append(Phone(number=number, display=display_number(number), free=free))
    return phones


def _caveat(value: object, field_problem) -> dict[str, str]:
    """The short warning printed beside the number on the card ("not a line for trafficking"), one text per language."""
    if value is None:
        return {}
    fix_es, fix_en = "escriba caveat: y debajo es: ..., en: ... (una frase corta por idioma)", "write caveat: and under it es: ..., en: ... (one short sentence per language)"
    if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
        field_problem("la advertencia (caveat) debe tener un texto por idioma", "field 'caveat' must have one text per language", fix_es, fix_en)
        return {}
    for lang in REQUIRED_DESCRIPTION_LANGUAGES:
        if lang not in value:
            field_problem(f"la advertencia (caveat) no tiene texto en '{lang}'", f"field 'caveat' has no '{lang}' text", fix_es, fix_en)
    for lang, text in value.items():
        if len(text.strip()) > CAVEAT_MAX:
            field_problem(
                f"la advertencia (caveat) en '{lang}' tiene {len(text.strip())} caracteres, más de {CAVEAT_MAX}: no cabe en la tarjeta",
                f"field 'caveat' in '{lang}' has {len(text.strip())} characters, over {CAVEAT_MAX}: it does not fit the card",
                "acórtela a una frase; lo demás va en description",
                "shorten it to one sentence; the rest belongs in description",
            )
    return {str(k): v.strip() for k, v in value.items()}


def _hours(value: object, field_problem) -> tuple[str, str]:
    """Opening hours, only with the source that gives them."""
    if value is None:
        return "", ""
    if isinstance(value, dict) and isinstance(value.get("text"), str) and isinstance(value.get("source"), str) and value["source"].strip():
        return value["text"].strip(), value["source"].strip()
    field_problem(
        "el horario (hours) no dice de dónde viene",
        "field 'hours' does not say where it comes from",
        'escriba hours: {text: "24 h", source: "la fuente que lo dice"}, o borre el horario si ninguna fuente lo da',
        'write hours: {text: "24 h", source: "the source that says so"}, or remove the hours if no source gives them',
    )
    return "", ""


def _confirmed(value: object, present: bool, today: dt.date, field_problem) -> tuple[str | None, str]:
    """The date (and who) a person last called and confirmed the entry; None when nobody has."""
    fix_es = "cuando una persona llame y el número responda como dice la descripción, escriba confirmed: {date: AAAA-MM-DD, by: sus iniciales}; mientras tanto, confirmed: null"
    fix_en = "when a person calls and the number answers as described, write confirmed: {date: YYYY-MM-DD, by: initials}; until then, confirmed: null"
    if not present:
        field_problem("falta 'confirmed'", "field 'confirmed' is missing", fix_es, fix_en)
        return None, ""
    if value is None:
        return None, ""
    if not isinstance(value, dict) or "date" not in value or set(value) - {"date", "by"}:
        field_problem(f"'confirmed' no se entiende ({value!r})", f"'confirmed' is not understood ({value!r})", fix_es, fix_en)
        return None, ""
    date = parse_date(value["date"])
    if date is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value["date"])):
        field_problem(f"la fecha de la llamada es {value['date']!r}", f"the call's date is {value['date']!r}", "escriba el día completo: AAAA-MM-DD", "write the full day: YYYY-MM-DD")
        return None, ""
    if date > today:
        field_problem(f"la fecha de la llamada ({value['date']}) está en el futuro", f"the call's date ({value['date']}) is in the future", "escriba el día en que realmente se llamó", "write the day the call was really made")
        return None, ""
    return str(value["date"]), str(value.get("by") or "")


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
