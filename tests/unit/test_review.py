"""Native-speaker review (alerta.review): the two-reviewer rule, the glossary and Spanish checks, corrections applied byte for byte, the sheets.

The consistency fixture is a tiny project under tests/fixtures/review/consistency/
(a glossary, a strings file, a Spanish page and its Quechua draft). Corrections
are applied to throw-away copies of the real pages.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from alerta.config import ROOT
from alerta.html import elements, parse
from alerta.lint.consistency import check_consistency
from alerta.lint.front_matter import check_front_matter
from alerta.notices import page_notice
from alerta.pages import read_page
from alerta.problems import ProblemError
from alerta.review.corrections import apply_corrections, read_corrections, version_of
from alerta.review.interface import interface_entries
from alerta.review.spanish import available
from alerta.review.units import pair_page
from alerta.strings import load_strings
from scripts import apply_review, i18n_status, review_sheets

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
CONSISTENCY = FIXTURES / "review" / "consistency"
ONE = '  - {name: "M. Q.", variety: "Norte de Potosí", date: 2025-03-02}\n'
TWO = '  - {name: "R. C.", variety: "Cochabamba", date: 2025-03-09}\n'


def needs_dictionary():
    if not available():
        if os.environ.get("CI"):
            pytest.fail("hunspell-es is not installed: `make spanish-dictionary` installs Debian's packages")
        pytest.skip("hunspell-es not installed (run `make spanish-dictionary`)")


def reviewed_copy(tmp_path: Path, reviewers: str) -> Path:
    """The good fixture's docs/, with its Quechua page marked reviewed by the given reviewers."""
    target = tmp_path / "docs"
    shutil.copytree(FIXTURES / "content" / "good" / "docs", target)
    page = target / "qu" / "index.md"
    text = page.read_text(encoding="utf-8").replace("translation: draft\n", "translation: reviewed\nreviewers:\n" + reviewers)
    page.write_text(text, encoding="utf-8")
    return target


def test_reviewed_with_one_reviewer_fails_the_status_check(tmp_path, capsys):
    docs = reviewed_copy(tmp_path, ONE)
    assert i18n_status.main(["--docs", str(docs), "--check"]) == 1
    out = capsys.readouterr().out
    assert (
        "docs/qu/index.md, línea 4: Dice translation: reviewed, pero solo 1 de las 2 personas que deben revisarla están anotadas en reviewers (M. Q.). "
        "Qué hacer: deje translation: draft hasta que 2 personas distintas que hablan el idioma la revisen" in out
    )
    assert "draft (1 review)" in out
    # The same person written twice is still one reviewer; the content lint says so too (an error: the build stops).
    docs = reviewed_copy(tmp_path / "same", ONE + ONE.replace('"M. Q."', '"mq"'))
    assert i18n_status.main(["--docs", str(docs), "--check"]) == 1
    capsys.readouterr()
    assert [p.level for p in check_front_matter(read_page(docs / "qu" / "index.md", docs)) if "reviewers" in p.what.es] == ["error"]


def test_reviewed_with_two_reviewers_passes_and_says_so(tmp_path, capsys):
    docs = reviewed_copy(tmp_path, ONE + TWO)
    assert i18n_status.main(["--docs", str(docs), "--check"]) == 0
    assert "reviewed (2 speakers)" in capsys.readouterr().out
    assert check_front_matter(read_page(docs / "qu" / "index.md", docs)) == []
    strings = load_strings()
    assert page_notice(strings["qu"], "qu", "qu", "reviewed", 2, ("qu", "ay")) == {"kind": "reviewed", "text": strings["qu"]["reviewed_notice"].format(n=2)}
    assert "2" in strings["qu"]["reviewed_notice"].format(n=2)
    assert page_notice(strings["qu"], "qu", "qu", "draft", 1, ("qu", "ay"))["kind"] == "draft"
    assert page_notice(strings["en"], "en", "en", "reviewed", 0, ("qu", "ay")) is None


def test_reviewers_entries_are_checked(tmp_path):
    docs = reviewed_copy(tmp_path, '  - {name: "M. Q.", date: 2025-03}\n')
    found = [(p.line, p.what.es) for p in check_front_matter(read_page(docs / "qu" / "index.md", docs))]
    assert (5, "a la revisión 1 de reviewers le falta: variety") in found


def test_avoided_variant_and_spanish_leftovers_with_file_line_and_fix():
    needs_dictionary()
    found = {(p.file, p.line, p.level): str(p) for p in check_consistency(CONSISTENCY / "docs")}
    assert found[("docs/qu/index.md", 19, "warning")] == (
        "docs/qu/index.md, línea 19: «hina» es una forma que el glosario pide evitar (concepto: como (comparación)). Qué hacer: escriba «jina» (data/glossary/qu.yml, línea 3)."
    )
    fix = "Qué hacer: tradúzcalo con los términos del glosario (data/glossary/qu.yml); si es un préstamo aceptado o un nombre, agréguelo a loanwords: en ese archivo."
    assert found[("docs/qu/index.md", 15, "warning")] == f"docs/qu/index.md, línea 15: Texto en español sin traducir: «Una», «mujer», «con», «su». {fix}"  # an alt text
    assert found[("docs/qu/index.md", 17, "warning")] == f"docs/qu/index.md, línea 17: Texto en español sin traducir: «de», «la», «calle». {fix}"  # a heading
    assert found[("data/strings/qu.yml", 2, "warning")] == f"data/strings/qu.yml, línea 2: Texto en español sin traducir: «Horario». {fix}"  # an interface label
    # The added promise (three sentences for two) is flagged for review.
    assert found[("docs/qu/index.md", 13, "warning")].startswith("docs/qu/index.md, línea 13: Este bloque tiene 3 frases y en español 2 frases")
    # Loanwords, native words, the preferred terms and markers are not reported.
    assert len(found) == 5


def test_a_reviewed_page_must_be_clean(tmp_path):
    needs_dictionary()
    root = tmp_path / "project"
    shutil.copytree(CONSISTENCY, root)
    page = root / "docs" / "qu" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("translation: draft", "translation: reviewed"), encoding="utf-8")
    levels = {(p.line, p.level) for p in check_consistency(root / "docs") if p.file == "docs/qu/index.md"}
    assert (19, "error") in levels and (15, "error") in levels and (13, "warning") in levels


def test_the_real_drafts_have_no_avoided_variant_or_unlisted_spanish():
    """The pages fixed against the glossary stay clean (the others are being rewritten elsewhere)."""
    needs_dictionary()
    fixed = {f"docs/{lang}/{name}" for lang in ("qu", "ay") for name in ("index.md", "señales.md", "derechos.md", "descargas.md", "tarjeta.md")}
    fixed |= {"data/strings/qu.yml", "data/strings/ay.yml"}
    left = [str(p) for p in check_consistency(ROOT / "docs") if p.file in fixed and ("glosario" in p.what.es)]
    assert left == []


def project_copy_of_pages(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    for rel in ("mkdocs.yml", "docs/es/señales.md", "docs/qu/señales.md", "docs/es/index.md", "docs/qu/index.md"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, root / rel)
    (root / "data" / "reviews" / "qu").mkdir(parents=True)
    return root


def numbered(root: Path, name: str) -> dict[int, str]:
    docs = root / "docs"
    return {p.number: p.draft.text for p in pair_page(read_page(docs / "es" / name, docs), read_page(docs / "qu" / name, docs)) if p.draft}


def test_corrections_change_exactly_the_numbered_sentences(tmp_path, capsys):
    root = project_copy_of_pages(tmp_path)
    page = root / "docs" / "qu" / "señales.md"
    original = page.read_bytes()
    pieces = numbered(root, "señales.md")
    with_marker = next(n for n, t in pieces.items() if "[[tel:police-emergency]]" in t)
    chosen = {1: "Señales de alerta (qhawarisqa)", 10: "Llamk'ayqa nisyu allin jina rikhurin.", with_marker: "Pipas kunan peligropi kashan chayqa, [[tel:police-emergency]] numeroman usqhayta waqyay."}
    lines = "".join(f'  {n}: "{t}"\n' for n, t in chosen.items())
    version = version_of(sorted(pieces.items()))
    corrections = root / "data" / "reviews" / "qu" / "señales.yml"
    corrections.write_text(f'version: {version}\nreviewer: {{name: "M. Q.", variety: "Norte de Potosí", date: 2025-03-02}}\ncorrections:\n{lines}', encoding="utf-8")
    assert apply_review.main([str(corrections), "--root", str(root)]) == 0
    assert "3 correcciones aplicadas (1, 10, " in capsys.readouterr().out
    expected = original.decode("utf-8")
    expected = expected.replace('title: "Señales de alerta"', 'title: "Señales de alerta (qhawarisqa)"', 1)
    for number in (10, with_marker):
        assert expected.count(pieces[number]) == 1
        expected = expected.replace(pieces[number], chosen[number])
    source_hash = re.search(r"^source_hash: (\w+)$", expected, re.M).group(1)
    expected = expected.replace(f"source_hash: {source_hash}\n---", f'source_hash: {source_hash}\nreviewers:\n  - {{name: "M. Q.", variety: "Norte de Potosí", date: 2025-03-02}}\n---', 1)
    assert page.read_bytes() == expected.encode("utf-8")
    after = numbered(root, "señales.md")
    assert [n for n in pieces if pieces[n] != after[n]] == sorted(chosen)
    # A second speaker's review is added under the first.
    corrections.write_text('reviewer: {name: "R. C.", variety: "Cochabamba", date: 2025-03-09}\ncorrections:\n  12: "Ofertaqa Facebookwan chayamurqa."\n', encoding="utf-8")
    assert apply_review.main([str(corrections), "--root", str(root)]) == 0
    assert "Personas que la revisaron: 2 de 2" in capsys.readouterr().out
    assert [r["name"] for r in read_page(page, root / "docs").meta["reviewers"]] == ["M. Q.", "R. C."]


def test_a_correction_that_drops_a_marker_or_an_id_is_refused(tmp_path):
    root = project_copy_of_pages(tmp_path)
    page = root / "docs" / "qu" / "index.md"
    original = page.read_bytes()
    pieces = numbered(root, "index.md")
    marker = next(n for n, t in pieces.items() if "[[tel:police-emergency]]" in t)
    link = next(n for n, t in pieces.items() if "](señales.md)" in t)
    corrections = root / "data" / "reviews" / "qu" / "index.md".replace(".md", ".yml")
    corrections.write_text(f'reviewer: {{name: "M. Q.", variety: "Norte de Potosí", date: 2025-03-02}}\ncorrections:\n  {marker}: "Policíaman waqyay."\n  999: "..."\n', encoding="utf-8")
    with pytest.raises(ProblemError) as raised:
        apply_corrections(read_corrections(corrections, root), root)
    messages = [str(p) for p in raised.value.problems]
    assert f"data/reviews/qu/index.yml, línea 3: La corrección de la frase {marker} quita [[tel:police-emergency]]. Qué hacer: copie la marca tal como está en la hoja, entre dobles corchetes." in messages
    assert any("La hoja no tiene la frase 999 (tiene de 1 a " in m for m in messages)
    corrections.write_text(f'reviewer: {{name: "M. Q.", variety: "Norte de Potosí", date: 2025-03-02}}\ncorrections:\n  {link}: "Señales: qhawanapaq listakuna."\n', encoding="utf-8")
    with pytest.raises(ProblemError) as raised:
        apply_corrections(read_corrections(corrections, root), root)
    assert "dejaría de tener lo que la página en español tiene" in str(raised.value)
    corrections.write_text('version: 000000000000\nreviewer: {name: "M. Q.", variety: "Norte de Potosí", date: 2025-03-02}\ncorrections:\n  3: "Yanapa"\n', encoding="utf-8")
    with pytest.raises(ProblemError, match="La hoja se imprimió para la versión 000000000000 y la página ahora es la versión "):
        apply_corrections(read_corrections(corrections, root), root)
    assert page.read_bytes() == original


def test_interface_corrections_replace_only_their_values(tmp_path):
    root = tmp_path / "project"
    for rel in ("data/strings/es.yml", "data/strings/qu.yml", "docs/contacts.yml"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, root / rel)
    entries = interface_entries(root, "qu")
    assert [e.label for e in entries[:3]] == ["quick_exit", "quick_exit_label", "quick_exit_hint"]
    assert next(e for e in entries if e.label.startswith("contacto")).label == "contacto police-emergency"
    felcv = next(e for e in entries if e.label == "contacto felcv")
    quick, notice = entries[0], next(e for e in entries if e.label == "contacts_some_unconfirmed")
    (root / "data" / "reviews" / "qu").mkdir(parents=True)
    corrections = root / "data" / "reviews" / "qu" / "interfaz.yml"
    corrections.write_text(f'reviewer: {{name: "M. Q.", variety: "Norte de Potosí", date: 2025-03-02}}\ncorrections:\n  {notice.number}: "Mana {{n}} contactokuna."\n', encoding="utf-8")
    with pytest.raises(ProblemError, match="cambia {total} {n}"):
        apply_corrections(read_corrections(corrections, root), root)
    strings, contacts = (root / "data/strings/qu.yml").read_text(encoding="utf-8"), (root / "docs/contacts.yml").read_text(encoding="utf-8")
    corrections.write_text(f'reviewer: {{name: "M. Q.", variety: "Norte de Potosí", date: 2025-03-02}}\ncorrections:\n  {quick.number}: "Usqhayta lluqsiy"\n  {felcv.number}: "Policíaq unidadnin: warmikunata amachan."\n', encoding="utf-8")
    assert apply_corrections(read_corrections(corrections, root), root) == ["data/strings/qu.yml", "docs/contacts.yml"]
    assert (root / "data/strings/qu.yml").read_text(encoding="utf-8") == strings.replace("quick_exit: Usqhay lluqsiy\n", 'quick_exit: "Usqhayta lluqsiy"\n')
    assert (root / "docs/contacts.yml").read_text(encoding="utf-8") == contacts.replace(f"    qu: {felcv.draft}\n", '    qu: "Policíaq unidadnin: warmikunata amachan."\n')


def test_review_sheets_for_every_quechua_and_aymara_page(tmp_path, capsys):
    assert review_sheets.main(["--out", str(tmp_path)]) == 0
    capsys.readouterr()
    docs = ROOT / "docs"
    for lang in ("qu", "ay"):
        assert (tmp_path / f"guia-revision-{lang}-interfaz.html").is_file()
        for path in sorted((docs / lang).glob("*.md")):
            sheet = tmp_path / f"guia-revision-{lang}-{path.stem.replace('ñ', 'n')}.html"
            tree = parse(sheet.read_text(encoding="utf-8"))
            pairs = [p for p in pair_page(read_page(docs / "es" / path.name, docs), read_page(path, docs)) if p.draft]
            numbers = sorted(int(e.attrs["id"][1:]) for e in elements(tree, "article"))
            assert numbers == [p.number for p in pairs], sheet.name
    index = (tmp_path / "guia-revision-qu-index.html").read_text(encoding="utf-8")
    first, rest = index.split("Toda la página", 1)
    blame = 'La <span class="link">víctima</span> nunca tiene la culpa.'
    assert "Primero lo más importante" in first and blame in first and "[[tel:police-emergency]]" in first
    assert blame not in rest
    assert 'lang="qu"' in index and "Palabras del glosario en esta página" in index
    assert (tmp_path / "index.html").read_text(encoding="utf-8").count("<li>") == 2 * (1 + len(list((docs / "qu").glob("*.md"))))


def test_the_notice_hook_says_who_reviewed():
    """hooks/notices.py reads the reviewers from the page's front matter and the languages from mkdocs.yml."""
    from types import SimpleNamespace

    from hooks import notices

    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"), theme={"language": "qu"})
    reviewers = [{"name": "M. Q.", "variety": "Norte de Potosí", "date": "2025-03-02"}, {"name": "R. C.", "variety": "Cochabamba", "date": "2025-03-09"}]
    page = SimpleNamespace(file=SimpleNamespace(locale="qu"), meta={"translation": "reviewed", "reviewers": reviewers})
    notice = notices.on_page_context({}, page, config, None)["page_notice"]
    assert notice == {"kind": "reviewed", "text": load_strings()["qu"]["reviewed_notice"].format(n=2)}
    page.meta = {"translation": "draft", "reviewers": reviewers[:1]}
    assert notices.on_page_context({}, page, config, None)["page_notice"]["kind"] == "draft"
