"""The referral directory rendered into the built pages, and the build's messages about it."""

from __future__ import annotations

import html

import pytest

from alerta.config import site_config
from alerta.contacts import load_contacts
from tests.conftest import LANGUAGES
from tests.support.project import mkdocs_build


@pytest.mark.parametrize("lang", LANGUAGES)
def test_help_page_renders_every_published_entry_with_tel_links(built_site, lang):
    prefix = site_config().prefix(lang)
    page = (built_site / prefix / "ayuda.html").read_text(encoding="utf-8")
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
    for name in ("formas", "se%C3%B1ales", "derechos", "ayuda", "que-hacer", "seguridad", "acerca", "descargas", "tarjeta"):
        assert f'href="{name}.html"' in article, name


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
