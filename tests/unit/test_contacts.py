"""The referral directory: what was read kept apart from what was checked, every problem at once, in Spanish."""

from __future__ import annotations

import datetime as dt
from html import escape as html_escape
from pathlib import Path

import pytest

from alerta.contacts import due, is_valid_tel, load_contacts, oldest_as_of, published_numbers
from alerta.directory import as_of_sentence, reading_order, render_compact, render_department, render_directory
from alerta.problems import ProblemError
from alerta.strings import load_strings

TODAY = dt.date(2026, 11, 23)
GOOD = """\
- id: police-emergency
  kind: emergency
  name: Policía
  area: national
  phones:
    - national: "110"
  description:
    es: Emergencias.
    en: Emergencies.
  sources:
    - name: example source
      date: 2025-12
  confirmed: null
"""
SECOND = """\
- id: felcv
  kind: police
  name: FELCV
  area: national
  phones:
    - national: "800140348"
      free: true
    - e164: "+59172000000"
  description:
    es: Violencia contra las mujeres. No es una línea para la trata.
    en: Violence against women. Not a trafficking line.
  sources:
    - name: older source
      date: 2020
  confirmed: {date: 2026-10-01, by: MQ}
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "docs" / "contacts.yml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def problems_for(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(ProblemError) as info:
        load_contacts(write(tmp_path, text), today=TODAY, root=tmp_path)
    return [str(p) for p in info.value.problems]


def test_what_was_read_and_what_was_checked(tmp_path):
    first, second = load_contacts(write(tmp_path, GOOD + SECOND), today=TODAY, root=tmp_path)
    assert (first.confirmed, first.review_due, first.read_on, first.as_of) == (None, True, "2025-12", "2025-12")
    assert (second.confirmed, second.confirmed_by, second.review_due, second.as_of) == ("2026-10-01", "MQ", False, "2026-10-01")
    assert [p.free for p in second.phones] == [True, False]
    assert due([first, second]) == [first]
    old = load_contacts(write(tmp_path, GOOD + SECOND), today=dt.date(2028, 1, 1), root=tmp_path)
    assert [c.review_due for c in old] == [True, True], "a call more than a year old is due again"


def test_summary_shows_the_oldest_date_not_the_newest(tmp_path):
    contacts = load_contacts(write(tmp_path, GOOD + SECOND), today=TODAY, root=tmp_path)
    assert oldest_as_of(contacts) == "2025-12"
    strings = load_strings()
    assert as_of_sentence(contacts, strings["es"]) == "La información más antigua de este directorio es de 2025-12. 1 de 2 contactos no fueron confirmados por una llamada."
    assert as_of_sentence(contacts[:1], strings["en"]) == "The oldest information in this directory is from 2025-12. No number has been confirmed by a call yet."


def test_withheld_number_is_shown_nowhere_until_confirmed(tmp_path):
    text = GOOD.replace("  confirmed: null", "  withheld: true\n  confirmed: null")
    (contact,) = load_contacts(write(tmp_path, text), today=TODAY, root=tmp_path)
    assert contact.phones and contact.shown_phones == [] and published_numbers([contact]) == set()
    html = render_directory([contact], "es", load_strings()["es"])
    assert "tel:110" not in html and "No lo publicamos hasta que una persona lo confirme llamando" in html
    confirmed = text.replace("confirmed: null", "confirmed: {date: 2026-11-01}")
    (contact,) = load_contacts(write(tmp_path, confirmed), today=TODAY, root=tmp_path)
    assert published_numbers([contact]) == {"110"}


@pytest.mark.parametrize("lang", ["es", "en", "qu", "ay"])
def test_every_entry_says_how_sure_we_are_in_each_language(tmp_path, lang):
    strings = load_strings()[lang]
    contacts = load_contacts(write(tmp_path, GOOD + SECOND), today=TODAY, root=tmp_path)
    for html in (render_directory(contacts, lang, strings), render_compact(contacts, lang, strings)):
        assert html.count(html_escape(strings["contacts_not_confirmed"])) == 1
        assert html_escape(strings["contacts_confirmed"].format(date="2026-10-01")) in html
    assert "example source (2025-12)" in render_directory(contacts, lang, strings) and "older source (2020)" in render_directory(contacts, lang, strings)
    assert f"{strings['contacts_source']}: 2025-12" in render_compact(contacts, lang, strings)  # the card: the newest source's date


def test_only_a_free_flag_says_free(tmp_path):
    strings = load_strings()["es"]
    html = render_directory(load_contacts(write(tmp_path, GOOD + SECOND), today=TODAY, root=tmp_path), "es", strings)
    # One free line in the fixture: the mobile number beside it, and 110, are not announced as free.
    assert html.count("(línea gratuita)") == 1
    assert 'href="tel:800140348">800 14 0348</a> <span class="contact__free">(línea gratuita)</span>' in html


def test_help_page_lists_the_whole_country_and_links_each_department_to_its_page(tmp_path):
    text = GOOD + GOOD.replace("police-emergency", "oruro-office").replace("area: national", "area: {department: Oruro, municipality: Huanuni}")
    contacts = load_contacts(write(tmp_path, text), today=TODAY, root=tmp_path)
    strings = load_strings()["es"]
    national, departments = render_directory(contacts, "es", strings).split('id="area-departments"')
    assert 'id="contact-police-emergency"' in national and "contact-oruro-office" not in departments
    assert '<li id="area-oruro"><a href="ayuda-oruro.html">Oruro</a></li>' in departments
    assert "No encontramos contactos con fuente en Chuquisaca, La Paz, Cochabamba, Potosí, Tarija, Santa Cruz, Beni, Pando." in departments
    page = render_department(contacts, "Oruro", "es", strings)
    assert 'id="contact-oruro-office"' in page and "contact-police-emergency" not in page and "Huanuni, Oruro" in page
    assert '<a href="ayuda.html">' in page
    assert reading_order(["index.md", "ayuda.md", "acerca.md"], "ayuda.md", contacts) == ["index.md", "ayuda.md", "ayuda-oruro.md", "acerca.md"]


@pytest.mark.parametrize(
    "change, expected",
    [
        (("area: national", "area: Oruro"), "Contacto 'police-emergency': el área (area) 'Oruro' no se entiende."),
        (('national: "110"', 'national: "72006607"'), "el número nacional '72006607' no es un código corto de Bolivia"),
        (('national: "110"', 'e164: "7200 6607"'), "el teléfono '7200 6607' no está en formato internacional (E.164)"),
        (('- national: "110"', '- national: "110"\n      label: gratis'), "la etiqueta 'label' de un teléfono ya no se usa (toda etiqueta se mostraba como «línea gratuita»)"),
        (("kind: emergency", "kind: hotline"), "el tipo (kind) 'hotline' no existe"),
        (("  sources:\n    - name: example source\n      date: 2025-12\n", ""), "faltan las fuentes (sources)"),
        (("date: 2025-12", "date: ayer"), "la fecha de la fuente 'example source' es 'ayer'"),
        (("  confirmed: null\n", ""), "falta 'confirmed'"),
        (("confirmed: null", "confirmed: {date: 2026-11}"), "la fecha de la llamada es '2026-11'"),
        (("confirmed: null", "confirmed: {date: 2027-01-01}"), "la fecha de la llamada (2027-01-01) está en el futuro"),
        (("confirmed: null", "verified: 2025-12"), "el campo 'verified' ya no se usa. Qué hacer: 'verified' guardaba la fecha de la noticia, no la de una llamada."),
        (("area: national", "coverage: national"), "el campo 'coverage' ya no se usa"),
        (("  confirmed: null", "  hours: 24 h\n  confirmed: null"), "el horario (hours) no dice de dónde viene"),
        (("es: Emergencias.", "es: Ver [aquí](https://x.example)."), "el campo 'description.es' tiene marcas de HTML o Markdown"),
        (("    en: Emergencies.\n", ""), "la descripción no tiene texto en 'en'"),
        (("id: police-emergency", "id: Police Emergency"), "el campo 'id' es 'Police Emergency'"),
    ],
)
def test_bad_entries_name_file_line_entry_and_fix(tmp_path, change, expected):
    (message,) = [m for m in problems_for(tmp_path, GOOD.replace(*change)) if expected.lower() in m.lower()]
    assert message.startswith("docs/contacts.yml, línea 1: ") and "Qué hacer: " in message


def test_every_problem_of_every_entry_at_once(tmp_path):
    text = GOOD.replace('national: "110"', 'national: "72006607"') + SECOND.replace("kind: police", "kind: nope") + GOOD
    messages = problems_for(tmp_path, text)
    starts = [n for n, line in enumerate(text.split("\n"), 1) if line.startswith("- id:")]
    assert [m.split(":", 1)[0] for m in messages] == [f"docs/contacts.yml, línea {n}" for n in starts]
    assert "el id se usa dos veces" in messages[2]


def test_invalid_yaml_names_the_line(tmp_path):
    (message,) = problems_for(tmp_path, GOOD + "- id: [broken\n")
    assert message.startswith(("docs/contacts.yml, línea 14: ", "docs/contacts.yml, línea 15: ")) and "no se puede leer" in message


def test_tel_numbers():
    assert all(is_valid_tel(n) for n in ("110", "800140348", "+59172006607"))
    assert not any(is_valid_tel(n) for n in ("72006607", "+591 7200 6607", "8001403", "tel:110"))


def test_real_directory_is_valid_and_every_entry_is_sourced():
    contacts = load_contacts()
    assert {c.kind for c in contacts} >= {"emergency", "police", "prosecutor", "child-protection", "ombudsman", "shelter"}
    for contact in contacts:
        assert contact.sources, contact.id
        assert contact.confirmed is None or contact.confirmed_by, f"{contact.id}: a confirmation says who called"
    # The announced line 122 is never published as working until someone calls it (facts §8.1).
    announced = next(c for c in contacts if any(p.number == "122" for p in c.phones))
    assert announced.withheld and "122" not in published_numbers(contacts)


def test_contacts_due_lists_an_entry_made_old_and_writes_the_call_sheet(tmp_path, capsys):
    from scripts import contacts_due

    fresh = GOOD.replace("confirmed: null", "confirmed: {date: 2026-11-01, by: MQ}")
    old = SECOND.replace("2026-10-01", "2024-10-01")
    path = write(tmp_path, fresh + old)
    sheet = tmp_path / "review" / "llamar.html"
    assert contacts_due.main(["--contacts", str(path), "--sheet", str(sheet), "--today", "2026-11-23"]) == 1
    out = capsys.readouterr().out
    assert "1 de 2 contactos esperan una llamada" in out
    assert "- felcv (docs/contacts.yml, línea 14): FELCV: 800 14 0348, +591 7200 0000; última llamada 2024-10-01" in out
    assert "police-emergency" not in out
    page = sheet.read_text(encoding="utf-8")
    assert "800 14 0348 (dicen: gratuita)" in page and "¿Es gratuita desde Entel, Tigo y Viva?" in page and 'class="box"' in page
    assert contacts_due.main(["--contacts", str(write(tmp_path, fresh)), "--sheet", str(sheet), "--today", "2026-11-23"]) == 0


def test_a_withheld_number_may_not_hide_in_the_text(tmp_path):
    text = GOOD.replace("  confirmed: null", "  withheld: true\n  confirmed: null").replace("name: example source", "name: example source (línea 110)")
    (message,) = problems_for(tmp_path, text)
    assert "el número 110 no se publica (withheld) pero aparece escrito en el nombre, la descripción o las fuentes" in message


@pytest.mark.parametrize("lang", ["es", "en", "qu", "ay"])
def test_languages_a_source_names_are_shown_in_the_readers_language(tmp_path, lang):
    text = GOOD.replace("  description:", "  languages: [es, qu, ay]\n  description:", 1)
    strings = load_strings()[lang]
    html = render_directory(load_contacts(write(tmp_path, text), today=TODAY, root=tmp_path), lang, strings)
    names = ", ".join(strings[f"contacts_language_{code}"] for code in ("es", "qu", "ay"))
    assert f"{html_escape(strings['contacts_languages'])}: {html_escape(names)}" in html
    # No languages line where no source names any.
    assert strings["contacts_languages"] + ":" not in render_directory(load_contacts(write(tmp_path, GOOD), today=TODAY, root=tmp_path), lang, strings)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("  description:", "  languages: [es, guarani]\n  description:"), "Contacto 'police-emergency': los idiomas (languages) ['es', 'guarani'] no se entienden."),
        (("  area: national", "  organization: ''\n  area: national"), "Contacto 'police-emergency': 'organization' debe ser el nombre de la institución."),
    ],
)
def test_languages_and_organization_are_checked(tmp_path, change, expected):
    (message,) = problems_for(tmp_path, GOOD.replace(*change, 1))
    assert expected in message


def test_departmental_units_have_sources_and_no_invented_numbers():
    contacts = load_contacts()
    by_department = {c.department for c in contacts if not c.national}
    assert {"La Paz", "Oruro", "Cochabamba", "Santa Cruz", "Potosí"} <= by_department
    for contact in contacts:
        if not contact.national and contact.id not in {"dna-la-paz"}:
            # The facts give no number for any departmental unit (facts §8.6, §8.7): none is published.
            assert contact.phones == [], contact.id
    government = [c for c in contacts if c.kind == "government"]
    assert government and all(c.organization != c.name for c in government)
