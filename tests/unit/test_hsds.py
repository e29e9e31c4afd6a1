"""The open export of the directory (Open Referral HSDS 3.0 JSON), validated with jsonschema against the fields it implements."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from alerta.contacts import load_contacts
from alerta.hsds import export, export_bytes, schema
from alerta.strings import load_strings

TODAY = dt.date(2026, 11, 23)
DIRECTORY = """\
- id: police-emergency
  kind: emergency
  name: Policía Boliviana – línea de emergencia
  organization: Policía Boliviana
  area: national
  phones:
    - national: "110"
  description:
    es: Emergencias.
    en: Emergencies.
  sources:
    - name: fuente A
      date: 2025-12
  confirmed: {date: 2026-10-01, by: MQ}

- id: felcc-el-alto
  kind: police
  name: FELCC El Alto
  organization: Policía Boliviana
  area: {department: La Paz, municipality: El Alto}
  phones: []
  description:
    es: División de El Alto.
    en: El Alto division.
  sources:
    - name: fuente B
      date: unknown
  confirmed: null

- id: linea-familia
  kind: support
  name: Línea de apoyo
  area: national
  phones:
    - national: "800113040"
      free: true
  whatsapp: "+59172000000"
  languages: [es, qu, ay]
  description:
    es: Apoyo psicológico.
    en: Psychological support.
  sources:
    - name: fuente C
      date: 2021-09
  confirmed: null

- id: announced
  kind: emergency
  name: Línea anunciada
  area: national
  phones:
    - national: "122"
      free: true
  withheld: true
  description:
    es: Anunciada, sin confirmar.
    en: Announced, unconfirmed.
  sources:
    - name: fuente D
      date: unknown
  confirmed: null
"""


@pytest.fixture
def contacts(tmp_path: Path):
    path = tmp_path / "docs" / "contacts.yml"
    path.parent.mkdir()
    path.write_text(DIRECTORY, encoding="utf-8")
    return load_contacts(path, today=TODAY, root=tmp_path)


@pytest.fixture(scope="module")
def strings() -> dict:
    return load_strings()["es"]


def validator() -> jsonschema.Draft202012Validator:
    jsonschema.Draft202012Validator.check_schema(schema())
    return jsonschema.Draft202012Validator(schema())


def test_export_validates_against_the_hsds_fields_it_implements(contacts, strings):
    data = export(contacts, strings)
    validator().validate(data)
    assert data["total_items"] == data["size"] == len(data["contents"]) == 3
    police, felcc, support = data["contents"]
    # One organization for the services that belong to it, with the HSDS field names.
    assert police["organization"]["name"] == felcc["organization"]["name"] == "Policía Boliviana"
    assert police["organization_id"] == felcc["organization_id"] == police["organization"]["id"]
    assert support["organization"]["name"] == "Línea de apoyo"
    assert felcc["service_areas"][0]["name"] == "El Alto, La Paz, Bolivia"
    assert police["service_areas"][0]["name"] == "Bolivia"
    assert [(lang["code"], lang["name"]) for lang in support["languages"]] == [("es", "castellano"), ("qu", "quechua"), ("ay", "aymara")]
    assert felcc["phones"] == [] and felcc["languages"] == []
    assert [(p["number"], p["type"], p.get("description")) for p in support["phones"]] == [("800 11 3040", "voice", "línea gratuita"), ("+591 7200 0000", "text", "WhatsApp")]


def test_assured_date_only_after_a_confirming_call(contacts, strings):
    police, felcc, support = export(contacts, strings)["contents"]
    assert police["assured_date"] == "2026-10-01"
    assert "assured_date" not in felcc and "assured_date" not in support
    # What a reuser must know travels with the record: nobody has called it, and where it was read.
    assert felcc["alert"] == "No confirmado por llamada. Leído en: fuente B (sin fecha)."
    assert police["alert"].startswith("Confirmado por llamada el 2026-10-01.")


def test_withheld_numbers_are_left_out(contacts, strings):
    text = export_bytes(contacts, strings).decode("utf-8")
    assert "Línea anunciada" not in text and '"122"' not in text and "122" not in text


def test_same_directory_same_bytes(contacts, strings):
    assert export_bytes(contacts, strings) == export_bytes(list(contacts), strings)
    json.loads(export_bytes(contacts, strings))


@pytest.mark.parametrize(
    "break_it",
    [
        lambda d: d["contents"][0].update(unknown_field="x"),  # a field the export does not implement
        lambda d: d["contents"][0].pop("status"),  # HSDS requires status
        lambda d: d["contents"][0].update(status="open"),  # not in HSDS's list
        lambda d: d["contents"][0]["phones"][0].update(type="mobile"),  # not an RFC 6350 type
        lambda d: d["contents"][0].update(id="police-emergency"),  # ids are UUIDs
        lambda d: d["contents"][0]["organization"].pop("description"),  # HSDS requires it
        lambda d: d["contents"][0].update(assured_date="2026-10"),  # a full date
    ],
)
def test_the_schema_refuses_what_hsds_would_not_accept(contacts, strings, break_it):
    data = copy.deepcopy(export(contacts, strings))
    break_it(data)
    with pytest.raises(jsonschema.ValidationError):
        validator().validate(data)


def test_the_real_directory_exports_and_validates(strings):
    data = export(load_contacts(), strings)
    validator().validate(data)
    withheld = [c for c in load_contacts() if c.withheld and not c.confirmed]
    names = {s["name"] for s in data["contents"]}
    assert withheld and not names & {c.name for c in withheld}
