"""The referral directory rendered into the built pages, and the build's messages about it."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

import jsonschema
import pytest

from alerta.config import site_config
from alerta.contacts import load_contacts, published_numbers
from alerta.hsds import FILE_NAME, schema
from tests.conftest import LANGUAGES
from tests.support.project import mkdocs_build


@pytest.mark.parametrize("lang", LANGUAGES)
def test_help_page_renders_every_published_entry_with_tel_links(built_site, lang):
    prefix = site_config().prefix(lang)
    # The help page and its departments' pages (ayuda-la-paz.html...): every entry is on one of them.
    page = "".join(p.read_text(encoding="utf-8") for p in sorted((built_site / prefix).glob("ayuda*.html")))
    for contact in load_contacts():
        assert f'id="contact-{contact.id}"' in page
        for phone in contact.shown_phones:
            assert f'href="tel:{phone.number}"' in page
        for source in contact.sources:
            assert html.escape(source.name) in page
    # Withheld until a person confirms them by calling: the announced 122 and La Paz's 156.
    assert 'href="tel:156"' not in page and 'href="tel:122"' not in page and ">122<" not in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_home_page_has_110_link_and_every_section(built_site, lang):
    prefix = site_config().prefix(lang)
    page = (built_site / prefix / "index.html").read_text(encoding="utf-8")
    article = page.split('<article class="md-content__inner md-typeset">')[1]
    assert 'href="tel:110"' in article
    for name in site_config().nav[1:]:  # every page of the menu but the home page itself
        assert f'href="{quote(name[:-3])}.html"' in article, name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_warning_signs_are_checklists(built_site, lang):
    prefix = site_config().prefix(lang)
    page = (built_site / prefix / "señales.html").read_text(encoding="utf-8")
    for anchor in ("recruitment-red-flags", "general-indicators", "children-indicators", "domestic-work-indicators", "sexual-exploitation-indicators", "labour-indicators"):
        assert f'id="{anchor}"' in page
    assert page.count('type="checkbox"') >= 30
    # Each checkbox is named by its item's text (tap anywhere on the line).
    assert page.count('<span class="task-list-text">') == page.count('class="task-list-control"')


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_reaches_help_page_in_one_tap(built_site, lang):
    prefix = site_config().prefix(lang)
    for page in sorted((built_site / prefix).glob("*.html")):
        if page.name == "404.html":
            continue
        assert 'class="help-bar__help" href="ayuda.html"' in page.read_text(encoding="utf-8"), page


def test_unknown_tel_marker_fails_the_build_naming_page_and_line(project_copy, tmp_path):
    page = project_copy / "docs" / "en" / "derechos.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append("Call [[tel:no-such-contact]].")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert f"docs/en/derechos.md, línea {len(lines)}: [[tel:no-such-contact]] no es un contacto publicado con teléfono en docs/contacts.yml." in result.stderr


def test_bad_contacts_file_fails_the_build_naming_it(project_copy, tmp_path):
    path = project_copy / "docs" / "contacts.yml"
    path.write_text(path.read_text(encoding="utf-8").replace('national: "800140348"', 'national: "8001403"'), encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/contacts.yml, línea " in result.stderr and "Contacto 'felcv': el número nacional '8001403'" in result.stderr


def test_help_bar_number_must_be_a_published_contact(project_copy, tmp_path):
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("emergency_contact: police-emergency", "emergency_contact: dna-la-paz"), encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "out")
    assert result.returncode != 0
    assert "mkdocs.yml: El número de emergencia de cada página (extra.emergency_contact: dna-la-paz) no es un contacto con un número que se muestre" in result.stderr


def test_directory_is_published_as_hsds_json_that_validates(built_site, offline_site):
    data = json.loads((built_site / FILE_NAME).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema()).validate(data)
    contacts = load_contacts()
    assert data["total_items"] == sum(1 for c in contacts if not (c.withheld and not c.confirmed))
    numbers = {p["number"].replace(" ", "") for s in data["contents"] for p in s["phones"]}
    assert numbers == published_numbers(contacts)
    # A file for other directories, not for readers: the offline bundles do not carry it.
    assert not (offline_site / FILE_NAME).exists()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_new_pages_link_only_published_numbers(built_site, lang):
    prefix = site_config().prefix(lang)
    published = published_numbers(load_contacts())
    for name in ("despues-de-denunciar", "en-internet", "trabajo-infantil", "trabajo-en-el-exterior", "defensoras", "glosario"):
        page = (built_site / prefix / f"{name}.html").read_text(encoding="utf-8")
        article = page.split('<article class="md-content__inner md-typeset">')[1].split("</article>")[0]
        assert 'id="sources"' in article, name
        for number in re.findall(r'href="tel:([^"]+)"', article):
            assert number in published, (name, number)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_help_page_shows_departmental_units_and_the_languages_a_line_answers_in(built_site, lang):
    from alerta.strings import load_strings

    strings = load_strings()[lang]
    folder = built_site / site_config().prefix(lang)
    page = (folder / "ayuda.html").read_text(encoding="utf-8")
    for department in ("la-paz", "oruro", "cochabamba", "santa-cruz", "potosi"):
        # The help page links each department to its own page, in the same language, which lists its units.
        assert f'<li id="area-{department}"><a href="ayuda-{department}.html">' in page, department
        own = (folder / f"ayuda-{department}.html").read_text(encoding="utf-8")
        assert 'class="contact contact--unconfirmed"' in own and f'<html lang="{lang}"' in own, department
    languages = ", ".join(strings[f"contacts_language_{code}"] for code in ("es", "qu", "ay"))
    assert f"{html.escape(strings['contacts_languages'])}: {html.escape(languages)}" in page.split('id="contact-familia-segura"')[1].split("</section>")[0]


def test_department_pages_switch_language_in_place_say_they_are_drafts_and_are_in_the_single_file(built_site, dist):
    la_paz = [c.id for c in load_contacts() if c.department == "La Paz"]
    assert la_paz
    page = (built_site / "qu" / "ayuda-la-paz.html").read_text(encoding="utf-8")
    assert '<a href="../ayuda-la-paz.html" hreflang="es"' in page and '<a href="../en/ayuda-la-paz.html" hreflang="en"' in page
    assert 'class="site-notice site-notice--draft"' in page
    for lang in LANGUAGES:
        single = (dist / f"guia-{lang}.html").read_text(encoding="utf-8")
        assert all(f"contact-{cid}" in single for cid in la_paz), lang
