"""The pages people asked for and the advice that must read safely, checked in the sources of every language."""

from __future__ import annotations

import re

import pytest

from alerta.config import DOCS_DIR, site_config
from alerta.contacts import load_contacts
from alerta.lint.phones import phone_findings
from alerta.pages import MARKER, headings, masked_lines, page_files, read_page, structure
from alerta.translations.status import status_report

LANGUAGES = site_config().codes
NEW_PAGES = ("despues-de-denunciar.md", "en-internet.md", "trabajo-infantil.md", "trabajo-en-el-exterior.md", "defensoras.md", "glosario.md")
GLOSSARY = "glosario.md"
# Words a page must link to the glossary when it uses them (outside its sources), by glossary entry id.
# Acronyms may carry a Quechua or Aymara suffix (DNAman, FELCC ukana).
GLOSSED = {"felcc": r"\bFELCC(?![A-Z])", "dna": r"\bDNA(?![A-Z])", "slim": r"\bSLIM(?![A-Z])", "sepdavi": r"\bSEPDAVI(?![A-Z])", "sijplu": r"\bSIJPLU(?![A-Z])", "camara-gesell": r"Cámara Gesell|Gesell chamber", "salvoconducto": r"[Ss]alvoconducto|safe-conduct"}


def body(lang: str, name: str) -> str:
    return read_page(DOCS_DIR / lang / name, DOCS_DIR).body


def without_sources(text: str) -> str:
    """The page before its sources section (sources name institutions; they are not prose to explain)."""
    return text.split("{ #sources }")[0]


@pytest.mark.parametrize("name", NEW_PAGES)
def test_new_pages_exist_in_every_language_with_the_same_heading_ids(name):
    assert name in site_config().nav, f"{name} is missing from the nav of mkdocs.yml"
    ids = {lang: structure(body(lang, name)).heading_ids for lang in LANGUAGES}
    assert ids["es"] and all(found == ids["es"] for found in ids.values()), ids
    drafts = {lang: read_page(DOCS_DIR / lang / name, DOCS_DIR).meta.get("translation") for lang in ("en", "qu", "ay")}
    assert drafts == {"en": "reviewed", "qu": "draft", "ay": "draft"}


def test_translation_parity_check_passes_in_every_language():
    report = status_report()
    assert report.failures(require_all=True) == []
    assert all(entry.status != "outdated" for page in report.pages for entry in page.translations.values())


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", NEW_PAGES)
def test_new_pages_type_no_number_and_name_a_source(lang, name):
    text = body(lang, name)
    assert phone_findings(text, f"docs/{lang}/{name}") == []
    published = {c.id for c in load_contacts() if c.shown_phones}
    for marker in MARKER.findall(text):
        if marker.startswith("tel:"):
            assert marker[4:] in published, marker
    assert "{ #sources }" in text
    sources = text.split("{ #sources }")[1].strip()
    assert len(sources) > 40, f"docs/{lang}/{name}: the sources section is empty"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_link_the_glossary_where_they_use_its_words(lang):
    glossary_ids = {hid for _, _, _, hid in headings(masked_lines(body(lang, GLOSSARY)))}
    assert set(GLOSSED) <= glossary_ids
    missing = []
    for name in page_files(DOCS_DIR, lang):
        if name == GLOSSARY:
            continue
        text = without_sources("\n".join(masked_lines(body(lang, name))))
        for entry, word in GLOSSED.items():
            if re.search(word, text) and f"{GLOSSARY}#{entry}" not in text:
                missing.append(f"docs/{lang}/{name} uses {entry} without linking {GLOSSARY}#{entry}")
    assert missing == []
    linking = [name for name in page_files(DOCS_DIR, lang) if f"]({GLOSSARY}#" in body(lang, name)]
    assert len(linking) >= 10


@pytest.mark.parametrize("lang", LANGUAGES)
def test_safety_page_names_every_trace_a_phone_keeps(lang):
    ids = structure(body(lang, "seguridad.md")).heading_ids
    for trace in ("traces", "clear-history", "call-log", "chats", "offline-files", "quick-exit"):
        assert trace in ids
    # The list at the top points to each trace's section.
    top = body(lang, "seguridad.md").split("{ #traces }")[1].split("\n## ")[0]
    for anchor in ("#clear-history", "#call-log", "#chats", "#offline-files"):
        assert f"]({anchor})" in top
    # Near the help numbers: tapping a number leaves an entry in the call log.
    assert "seguridad.md#call-log" in body(lang, "ayuda.md")
    assert "seguridad.md#call-log" in body(lang, "que-hacer.md")


def test_safety_page_says_what_to_do_with_each_trace():
    text = body("es", "seguridad.md")
    sections = {hid: chunk for chunk in text.split("\n## ")[1:] for hid in re.findall(r"\{ #([\w-]+) \}", chunk.split("\n")[0])}
    assert "alguien podría notar" in sections["clear-history"] and "solo las páginas de este sitio" in sections["clear-history"]
    assert "registro" in sections["call-log"] and "Borrar" in sections["call-log"]
    assert "en los dos celulares" in sections["chats"] and "Eliminar para todos" in sections["chats"]
    assert "Descargas" in sections["offline-files"] and "no esconde el archivo" in sections["offline-files"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_advice_follows_one_safety_model(lang):
    assert "safety-first" in structure(body(lang, "que-hacer.md")).heading_ids
    assert "que-hacer.md#safety-first" in body(lang, "defensoras.md") and "que-hacer.md#safety-first" in body(lang, "trabajo-infantil.md")


def test_dangerous_advice_is_gone():
    que_hacer = body("es", "que-hacer.md")
    for phrase in ("Compártalos con la comunidad", "guarde escondida una foto", "pida su nombre, su carnet"):
        assert phrase not in que_hacer
    assert "ni sola ni en grupo" in que_hacer and "Haga preguntas solo si es seguro" in que_hacer
    assert "No guarde fotos de sus documentos en un celular" in que_hacer
    assert "Al terminar, borre el historial" not in body("es", "seguridad.md")
    english = body("en", "que-hacer.md")
    assert "Share them with the community" not in english and "keep a photo or a copy of your ID card hidden" not in english


@pytest.mark.parametrize("lang", LANGUAGES)
def test_figures_say_what_they_count_and_when(lang):
    formas = without_sources(body(lang, "formas.md"))
    assert "766" in formas and "421" in formas and "glosario.md#trafico" in formas
    recruitment = formas.split("{ #online-recruitment }")[1].split("\n## ")[0]
    assert "2019" in recruitment and "Facebook" in recruitment
