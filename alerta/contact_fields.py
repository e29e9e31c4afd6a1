"""The fields of one directory entry, each read and checked on its own (alerta.contacts reads the file).

Each function takes the raw YAML value and `field_problem(what_es, what_en,
fix_es, fix_en)`, which records a problem for the entry, and returns the
field's value (empty when it cannot be read), so every problem of every entry
is listed at once.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

DEPARTMENTS = ("Chuquisaca", "La Paz", "Cochabamba", "Oruro", "Potosí", "Tarija", "Santa Cruz", "Beni", "Pando")
# Languages a service can be said to answer in (only when a source says so); their names are strings keys contacts_language_<code>.
SERVICE_LANGUAGES = ("es", "qu", "ay")
# E.164: "+", country code, subscriber number; 8 to 15 digits in all.
E164 = re.compile(r"^\+[1-9]\d{7,14}$")
# Dialled only inside Bolivia: short service codes (110, 156...) and free 800 lines.
BOLIVIAN_NATIONAL = re.compile(r"^(1\d{2}|800\d{6})$")

@dataclass
class Phone:
    number: str  # what goes after "tel:"
    display: str
    free: bool = False  # only when a source says the line costs nothing


@dataclass
class Source:
    name: str
    date: str | None  # as written (YYYY, YYYY-MM or YYYY-MM-DD); None when the source shows none



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



def area(value: object, field_problem) -> tuple[str | None, str | None]:
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


def sources(value: object, field_problem) -> list[Source]:
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


def phones(value: object, field_problem) -> list[Phone]:
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


def hours(value: object, field_problem) -> tuple[str, str]:
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


def confirmed(value: object, present: bool, today: dt.date, field_problem) -> tuple[str | None, str]:
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



def languages(value: object, field_problem) -> list[str]:
    """The languages a service answers in, only when a source says so."""
    if value is None:
        return []
    if isinstance(value, list) and value and all(code in SERVICE_LANGUAGES for code in value):
        return list(dict.fromkeys(value))
    field_problem(
        f"los idiomas (languages) {value!r} no se entienden",
        f"field 'languages' is {value!r}",
        f"escriba una lista con los códigos {', '.join(SERVICE_LANGUAGES)}, solo los que una fuente nombra; si ninguna lo dice, borre la línea",
        f"write a list of the codes {', '.join(SERVICE_LANGUAGES)}, only those a source names; if none does, remove the line",
    )
    return []


CAVEAT_MAX = 120  # a caveat is printed on the pocket card: one short sentence


def caveat(value: object, field_problem, required: tuple[str, ...]) -> dict[str, str]:
    """The short warning printed beside the number on the card ("not a line for trafficking"), one text per language."""
    if value is None:
        return {}
    fix_es, fix_en = "escriba caveat: y debajo es: ..., en: ... (una frase corta por idioma)", "write caveat: and under it es: ..., en: ... (one short sentence per language)"
    if not isinstance(value, dict) or not all(isinstance(v, str) and v.strip() for v in value.values()):
        field_problem("la advertencia (caveat) debe tener un texto por idioma", "field 'caveat' must have one text per language", fix_es, fix_en)
        return {}
    for lang in required:
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
