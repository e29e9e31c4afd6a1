"""The referral directory: validation with clear messages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from alerta.contacts import ContactsError, is_valid_tel, load_contacts, published_numbers

TODAY = dt.date(2026, 11, 23)


GOOD = """\
- id: police-emergency
  kind: emergency
  name: Policía
  coverage: national
  phones:
    - national: "110"
  description:
    es: Emergencias.
    en: Emergencies.
  source: example source (2026)
  verified: 2026-10-01
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "contacts.yml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> str:
    with pytest.raises(ContactsError) as info:
        load_contacts(write(tmp_path, text), today=TODAY)
    return str(info.value)


def test_good_entry_loads(tmp_path):
    (contact,) = load_contacts(write(tmp_path, GOOD), today=TODAY)
    assert contact.published and contact.phones[0].number == "110" and contact.warnings == []


@pytest.mark.parametrize(
    "change, expected",
    [
        (('national: "110"', 'e164: "72006607"'), "entry 'police-emergency': phone '72006607' is not in international format (E.164)"),
        (('national: "110"', 'national: "4444"'), "entry 'police-emergency': national number '4444' is not a Bolivian short code"),
        (("  source: example source (2026)\n", ""), "entry 'police-emergency': field 'source' is missing"),
        (("kind: emergency", "kind: hotline"), "entry 'police-emergency': field 'kind' is 'hotline', which is not a known kind. Use one of: emergency"),
        (("verified: 2026-10-01", "verified: yesterday"), "field 'verified' is 'yesterday'; write a date as YYYY-MM-DD"),
        (("verified: 2026-10-01", "verified: 2027-01-01"), "field 'verified' (2027-01-01) is in the future"),
        (("  verified: 2026-10-01\n", ""), "field 'verified' is missing"),
        (("    en: Emergencies.\n", ""), "field 'description' has no 'en' text"),
        (("id: police-emergency", "id: Police Emergency"), "field 'id' must be lowercase words joined by dashes"),
        (("coverage: national", "coverage: national\n  fax: 1"), "unknown field(s) fax"),
        (("  source:", "  whatsapp: \"72006607\"\n  source:"), "field 'whatsapp' is '72006607'; write it in international format"),
    ],
)
def test_bad_entries_are_rejected_with_file_line_entry_and_field(tmp_path, change, expected):
    message = error_for(tmp_path, GOOD.replace(*change))
    assert expected in message
    assert message.startswith(f"{tmp_path / 'contacts.yml'}:1:")


def test_duplicate_id_names_the_second_entry_line(tmp_path):
    message = error_for(tmp_path, GOOD + GOOD)
    assert ":12: entry 'police-emergency': the id is used twice" in message


def test_invalid_yaml_names_the_line(tmp_path):
    message = error_for(tmp_path, GOOD + "- id: [broken\n")
    assert re.search(r"contacts.yml:1[23]: not valid YAML", message)


def test_stale_entry_warns_but_loads(tmp_path):
    (contact,) = load_contacts(write(tmp_path, GOOD.replace("2026-10-01", "2025-06")), today=TODAY)
    assert contact.published
    assert contact.warnings == [f"{tmp_path / 'contacts.yml'}:1: entry 'police-emergency': last verified 2025-06, more than 12 months ago. Please check it again and update 'verified'."]


def test_unverified_entry_is_never_published(tmp_path):
    (contact,) = load_contacts(write(tmp_path, GOOD.replace("verified: 2026-10-01", "verified: null")), today=TODAY)
    assert not contact.published
    assert published_numbers([contact]) == set()


def test_tel_numbers():
    assert is_valid_tel("110") and is_valid_tel("800140348") and is_valid_tel("+59172006607")
    assert not is_valid_tel("72006607") and not is_valid_tel("+0591") and not is_valid_tel("4444")


def test_real_directory_is_valid_and_sourced():
    contacts = load_contacts()
    assert {c.kind for c in contacts} >= {"emergency", "police", "prosecutor", "child-protection", "ombudsman", "shelter"}
    for contact in contacts:
        assert contact.source
