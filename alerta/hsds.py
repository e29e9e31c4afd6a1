"""The referral directory as Open Referral HSDS 3.0 JSON (site/directorio.json), so other directories can reuse it.

The file is one page of the HSDS API's service listing (`total_items`,
`contents`...) holding fully nested services: each with its `organization`,
`phones`, `service_areas`, `languages` and, once a person has called and
confirmed it, `assured_date`. Field names follow HSDS 3.0; the fields written
are exactly those of schema/hsds-directory.schema.json beside this module
(tests validate the file against it). Nothing here looks more certain than
the help page: an entry no one has confirmed says so in `alert`, with where it
was read; an entry whose number is withheld is left out. Identifiers are
UUIDs derived from the entry's id (uuid5), so the same directory gives the
same bytes.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from alerta.contacts import Contact, display_number

SCHEMA_FILE = Path(__file__).with_name("schema") / "hsds-directory.schema.json"
FILE_NAME = "directorio.json"  # neutral: it says "directory", not "trafficking"
# Fixed namespace: identifiers stay the same from build to build.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://alerta-trata-bolivia.invalid/directorio")


def _uuid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def _area_name(contact: Contact) -> str:
    return "Bolivia" if contact.national else ", ".join(filter(None, (contact.municipality, contact.department, "Bolivia")))


def _alert(contact: Contact, strings: dict) -> str:
    """What a reuser must know: whether anyone has checked it, and where it was read."""
    read = "; ".join(f"{s.name} ({s.date or strings['contacts_date_unknown']})" for s in contact.sources)
    if not contact.confirmed:
        status = strings["contacts_not_confirmed"]
    elif contact.review_due:
        status = strings["contacts_review_due"].format(date=contact.confirmed)
    else:
        status = strings["contacts_confirmed"].format(date=contact.confirmed)
    return f"{status}. {strings['contacts_read_in']}: {read}."


def service(contact: Contact, strings: dict, organization_description: str) -> dict:
    """One entry as a fully nested HSDS service (Spanish texts)."""
    service_id = _uuid("service", contact.id)
    organization_id = _uuid("organization", contact.organization)
    hours = f"{strings['contacts_hours']}: {contact.hours} ({strings['contacts_source']}: {contact.hours_source})" if contact.hours else ""
    phones = []
    for phone in contact.shown_phones:
        note = "; ".join(filter(None, (strings["contacts_free_line"] if phone.free else "", hours)))
        phones.append({"id": _uuid("phone", contact.id, phone.number), "service_id": service_id, "number": display_number(phone.number), "type": "voice", **({"description": note} if note else {})})
    if contact.whatsapp and contact.shown_phones:
        phones.append({"id": _uuid("phone", contact.id, contact.whatsapp), "service_id": service_id, "number": display_number(contact.whatsapp), "type": "text", "description": "WhatsApp"})
    record = {
        "id": service_id,
        "organization_id": organization_id,
        "name": contact.name,
        "description": contact.description["es"],
        "status": "active",
        "alert": _alert(contact, strings),
        "organization": {"id": organization_id, "name": contact.organization, "description": organization_description},
        "phones": phones,
        "service_areas": [{"id": _uuid("service_area", contact.id), "service_id": service_id, "name": _area_name(contact)}],
        "languages": [{"id": _uuid("language", contact.id, code), "service_id": service_id, "name": strings[f"contacts_language_{code}"], "code": code} for code in contact.languages],
    }
    if contact.confirmed:
        record["assured_date"] = contact.confirmed
    return record


def export(contacts: list[Contact], strings: dict) -> dict:
    """The whole directory as one HSDS listing page; withheld entries are left out until confirmed."""
    kept = [c for c in contacts if not (c.withheld and not c.confirmed)]
    offers: dict[str, list[str]] = {}
    for contact in kept:
        offers.setdefault(contact.organization, []).append(contact.name)
    services = [service(c, strings, f"{c.organization}. En este directorio: {'; '.join(offers[c.organization])}.") for c in kept]
    return {
        "total_items": len(services),
        "total_pages": 1,
        "page_number": 1,
        "size": len(services),
        "first_page": True,
        "last_page": True,
        "empty": not services,
        "contents": services,
    }


def export_bytes(contacts: list[Contact], strings: dict) -> bytes:
    """The file's bytes: sorted keys and UTF-8, so the same directory gives the same file."""
    return (json.dumps(export(contacts, strings), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def schema() -> dict:
    """The JSON Schema of the fields written here (a subset of HSDS 3.0)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
