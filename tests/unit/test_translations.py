"""Translation status (alerta.translations, scripts/i18n_status.py): statuses, structural parity, exit codes, mark, output formats.

Each case is a small docs/ folder under tests/fixtures/content/<case>/; a
case that is broken on purpose is expected with its exact messages.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from alerta.config import DOCS_DIR
from alerta.pages import read_page, source_hash, structure
from alerta.translations.mark import set_source_hash
from alerta.translations.status import status_report
from scripts import i18n_status

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "content"
MARK = "python scripts/i18n_status.py mark"


def docs(case: str) -> Path:
    return FIXTURES / case / "docs"


def copy_case(case: str, tmp_path: Path) -> Path:
    """A throw-away copy of a fixture's docs/ folder."""
    target = tmp_path / case / "docs"
    shutil.copytree(docs(case), target)
    return target


def run(capsys, *argv: str) -> tuple[int, str]:
    code = i18n_status.main(list(argv))
    return code, capsys.readouterr().out


def statuses(docs_dir: Path) -> dict[tuple[str, str], str]:
    report = status_report(docs_dir)
    return {(page.name, lang): entry.status for page in report.pages for lang, entry in page.translations.items()}


def test_fixture_source_hashes():
    """The hashes written into the fixtures; if a fixture's Spanish page is edited, they change."""
    assert source_hash((docs("good") / "es" / "index.md").read_text(encoding="utf-8")) == "26c6db9ee0ac"
    assert source_hash((docs("good") / "es" / "señales.md").read_text(encoding="utf-8")) == "1c8d36e59709"
    assert source_hash((docs("stale-en") / "es" / "que-hacer.md").read_text(encoding="utf-8")) == "dcea3a361002"


def test_source_hash_ignores_front_matter_and_line_endings():
    text = "---\ntitle: A\ndescription: B\n---\n\n# A\n\nText.\n"
    assert source_hash(text) == source_hash(text.replace("title: A", "title: Changed"))
    assert source_hash(text) == source_hash(text.replace("\n", "\r\n"))
    assert source_hash(text) != source_hash(text.replace("Text.", "Other text."))
    assert len(source_hash(text)) == 12 and all(c in "0123456789abcdef" for c in source_hash(text))


def test_good_fixture_passes_check(capsys):
    code, out = run(capsys, "--docs", str(docs("good")), "--check")
    assert code == 0
    assert "No structural problems." in out
    assert statuses(docs("good")) == {
        ("index.md", "en"): "reviewed",
        ("index.md", "qu"): "draft",
        ("index.md", "ay"): "missing",
        ("señales.md", "en"): "reviewed",
        ("señales.md", "qu"): "missing",
        ("señales.md", "ay"): "missing",
    }


def test_structure_counts_of_the_good_source():
    page = read_page(docs("good") / "es" / "señales.md", docs("good"))
    found = structure(page.body)
    assert found.heading_ids == ["recruitment-red-flags", "children-indicators", "what-next"]
    assert (found.links, found.images, found.list_items) == (1, 0, 5)
    assert found.markers == ["[[tel:police-emergency]]"]


def test_missing_qu_page_is_allowed_by_default(capsys):
    assert statuses(docs("missing-qu"))[("ayuda.md", "qu")] == "missing"
    code, out = run(capsys, "--docs", str(docs("missing-qu")), "--check")
    assert code == 0
    assert "ayuda.md  51fecc937f97  reviewed  missing  draft" in out


def test_missing_qu_page_fails_with_require_all(capsys):
    expected = "docs/qu/ayuda.md: missing (readers get the Spanish page). Copy docs/es/ayuda.md to docs/qu/ayuda.md and translate it."
    assert status_report(docs("missing-qu")).failures(require_all=True) == [expected]
    code, out = run(capsys, "--docs", str(docs("missing-qu")), "--check", "--require-all")
    assert code == 1
    assert f"  {expected}" in out


def test_missing_english_page_fails_check(tmp_path, capsys):
    target = copy_case("good", tmp_path)
    (target / "en" / "señales.md").unlink()
    assert status_report(target).failures() == [
        "docs/en/señales.md: missing (readers get the Spanish page). Copy docs/es/señales.md to docs/en/señales.md and translate it."
    ]
    code, _ = run(capsys, "--docs", str(target), "--check")
    assert code == 1


def test_translation_without_spanish_page_fails_check(tmp_path, capsys):
    target = copy_case("good", tmp_path)
    shutil.copy(target / "en" / "index.md", target / "en" / "inicio.md")
    assert status_report(target).failures() == [
        "docs/en/inicio.md: there is no Spanish page docs/es/inicio.md. "
        "Give the file the same name as the Spanish page it translates, or delete it."
    ]
    code, _ = run(capsys, "--docs", str(target), "--check")
    assert code == 1


def test_stale_english_page(capsys):
    report = status_report(docs("stale-en"))
    entry = report.pages[0].translations["en"]
    assert entry.status == "outdated"
    assert entry.recorded_hash == "519ae407fee6"
    assert entry.notes == [
        "docs/en/que-hacer.md: outdated: made from source version 519ae407fee6, docs/es/que-hacer.md is now dcea3a361002. "
        f"Update the translation, then run: {MARK} en que-hacer.md (or write source_hash: dcea3a361002 in its front matter)."
    ]
    # The Spanish source also gained a list item since: that is a structural difference.
    assert report.failures() == ["docs/en/que-hacer.md: 2 list items, source has 3"]
    code, out = run(capsys, "--docs", str(docs("stale-en")), "--check")
    assert code == 1
    assert "que-hacer.md  dcea3a361002  outdated" in out
    assert "Outdated translations (1):" in out


def test_outdated_alone_does_not_fail_check(tmp_path, capsys):
    target = copy_case("stale-en", tmp_path)
    source = target / "es" / "que-hacer.md"
    source.write_text(source.read_text(encoding="utf-8").replace("- Pida consejo a una Defensora Comunitaria.\n", ""), encoding="utf-8")
    assert statuses(target)[("que-hacer.md", "en")] == "outdated"
    assert status_report(target).failures() == []
    code, _ = run(capsys, "--docs", str(target), "--check")
    assert code == 0


def test_translation_without_source_hash_is_outdated(tmp_path):
    target = copy_case("good", tmp_path)
    page = target / "en" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("source_hash: 26c6db9ee0ac\n", ""), encoding="utf-8")
    entry = status_report(target).pages[0].translations["en"]
    assert entry.status == "outdated"
    assert entry.notes == [
        "docs/en/index.md: no source_hash recorded, so the Spanish version it follows is unknown. "
        f"Compare it with docs/es/index.md, then run: {MARK} en index.md (or write source_hash: 26c6db9ee0ac in its front matter)."
    ]


def test_dropped_list_item(capsys):
    assert status_report(docs("dropped-item")).failures() == ["docs/qu/señales.md: 13 list items, source has 14"]
    code, out = run(capsys, "--docs", str(docs("dropped-item")), "--check")
    assert code == 1
    assert "  docs/qu/señales.md: 13 list items, source has 14" in out


def test_heading_ids_differ(capsys):
    assert status_report(docs("heading-ids")).failures() == [
        "docs/en/formas.md: heading ids differ from source: missing #the-law, extra #law"
    ]
    code, _ = run(capsys, "--docs", str(docs("heading-ids")), "--check")
    assert code == 1


def test_heading_ids_in_another_order(tmp_path):
    target = copy_case("heading-ids", tmp_path)
    page = target / "en" / "formas.md"
    text = page.read_text(encoding="utf-8").replace("#law", "#the-law")
    text = text.replace("{ #forced-labour }", "{ #tmp }").replace("{ #the-law }", "{ #forced-labour }").replace("{ #tmp }", "{ #the-law }")
    page.write_text(text, encoding="utf-8")
    assert status_report(target).failures() == [
        "docs/en/formas.md: heading ids differ from source: the same ids in another order or repeated (source: #forced-labour #the-law)"
    ]


def test_links_images_and_markers_differ():
    assert status_report(docs("parity-counts")).failures() == [
        "docs/en/ayuda.md: 1 link, source has 2",
        "docs/en/ayuda.md: 0 images, source has 1",
        "docs/en/ayuda.md: markers differ from source: missing [[contacts]]",
    ]


def test_changed_contact_marker_is_reported(tmp_path):
    target = copy_case("good", tmp_path)
    page = target / "en" / "señales.md"
    page.write_text(page.read_text(encoding="utf-8").replace("[[tel:police-emergency]]", "[[tel:felcv]]"), encoding="utf-8")
    assert status_report(target).failures() == [
        "docs/en/señales.md: markers differ from source: missing [[tel:police-emergency]], extra [[tel:felcv]]"
    ]


def test_code_blocks_are_not_counted():
    body = "## A { #a }\n\n```\n- not an item\n[not](a-link.md)\n## B { #b }\n```\n\n- item `[[not-a-marker]]`\n"
    found = structure(body)
    assert (found.heading_ids, found.links, found.list_items, found.markers) == (["a"], 0, 1, [])


def test_mark_updates_only_the_source_hash_line(tmp_path, capsys):
    target = copy_case("stale-en", tmp_path)
    page = target / "en" / "que-hacer.md"
    before = page.read_text(encoding="utf-8")
    code, out = run(capsys, "--docs", str(target), "mark", "en", "que-hacer.md")
    assert code == 0
    assert out == "docs/en/que-hacer.md: source_hash set to dcea3a361002 (was 519ae407fee6).\n"
    after = page.read_text(encoding="utf-8")
    assert after == before.replace("source_hash: 519ae407fee6", "source_hash: dcea3a361002")
    assert statuses(target)[("que-hacer.md", "en")] == "reviewed"
    code, out = run(capsys, "--docs", str(target), "mark", "en", "que-hacer")
    assert (code, out) == (0, "docs/en/que-hacer.md: source_hash is already dcea3a361002.\n")


def test_mark_adds_the_line_after_translation(tmp_path, capsys):
    target = copy_case("good", tmp_path)
    page = target / "qu" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("source_hash: 26c6db9ee0ac\n", ""), encoding="utf-8")
    code, _ = run(capsys, "--docs", str(target), "mark", "qu", "index.md")
    assert code == 0
    assert page.read_text(encoding="utf-8").split("\n")[:6] == [
        "---",
        'title: "Runakunata qhatuy"',
        'description: "Borrador de prueba en runa simi."',
        "translation: draft",
        "source_hash: 26c6db9ee0ac",
        "---",
    ]


def test_mark_all_and_a_decomposed_file_name(tmp_path, capsys):
    target = copy_case("good", tmp_path)
    for name in ("index.md", "señales.md"):
        page = target / "en" / name
        page.write_text(page.read_text(encoding="utf-8").replace("source_hash: ", "source_hash: 0"), encoding="utf-8")
    code, out = run(capsys, "--docs", str(target), "mark", "en", "--all")
    assert code == 0
    assert out.splitlines() == [
        "docs/en/index.md: source_hash set to 26c6db9ee0ac (was 026c6db9ee0ac).",
        "docs/en/señales.md: source_hash set to 1c8d36e59709 (was 01c8d36e59709).",
    ]
    nfd = unicodedata.normalize("NFD", "señales.md")
    code, out = run(capsys, "--docs", str(target), "mark", "en", f"docs/en/{nfd}")
    assert (code, out) == (0, "docs/en/señales.md: source_hash is already 1c8d36e59709.\n")


def test_mark_keeps_windows_line_endings(tmp_path):
    text = "---\r\ntitle: A\r\ntranslation: draft\r\nsource_hash: 000000000000\r\n---\r\n\r\nText.\r\n"
    assert set_source_hash(text, "abcdef012345") == text.replace("000000000000", "abcdef012345")
    assert set_source_hash("# no front matter\n", "abcdef012345") is None
    assert set_source_hash("---\ntitle: A\n---\n", "123456789012") == '---\ntitle: A\nsource_hash: "123456789012"\n---\n'


def test_mark_errors(tmp_path, capsys):
    target = copy_case("good", tmp_path)
    assert i18n_status.main(["--docs", str(target), "mark", "qu", "señales.md"]) == 1
    assert capsys.readouterr().err == "docs/qu/señales.md: does not exist. Copy docs/es/señales.md there and translate it first.\n"
    assert i18n_status.main(["--docs", str(target), "mark", "fr", "index.md"]) == 1
    assert capsys.readouterr().err == "'fr' is not a translation language. Use one of: en, qu, ay.\n"
    assert i18n_status.main(["--docs", str(target), "mark", "en", "nada.md"]) == 1
    assert capsys.readouterr().err == "docs/en/nada.md: there is no Spanish page docs/es/nada.md. Check the file name.\n"
    with pytest.raises(SystemExit):
        i18n_status.main(["--docs", str(target), "mark", "en"])


def test_markdown_output(capsys):
    code, out = run(capsys, "--docs", str(docs("dropped-item")), "--format", "markdown", "--check")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "## Translation status"
    assert "| Page | source_hash | English (en) | Runa Simi (qu) | Aymar aru (ay) |" in lines
    assert "| `señales.md` | `39d4e3f00e0d` | ✅ reviewed | 📝 draft | ❌ missing |" in lines
    assert "| Runa Simi (qu) | 0 | 1 | 0 | 0 |" in lines
    assert "### ❌ Problems to fix (1)" in lines
    assert "- `docs/qu/señales.md`: 13 list items, source has 14" in lines


def test_markdown_output_without_problems(capsys):
    code, out = run(capsys, "--docs", str(docs("stale-en")), "--format", "markdown")
    assert code == 0  # without --check the exit code is always 0
    assert "<details><summary>⚠️ Outdated translations (1)</summary>" in out
    assert "| `que-hacer.md` | `dcea3a361002` | ⚠️ outdated | ❌ missing | ❌ missing |" in out


def test_json_output(capsys):
    code, out = run(capsys, "--docs", str(docs("missing-qu")), "--format", "json", "--require-all")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"source_language", "languages", "pages", "totals", "orphans", "problems", "ok"}
    assert data["source_language"] == "es"
    assert data["languages"] == ["en", "qu", "ay"]
    assert data["ok"] is False
    assert data["problems"] == [
        "docs/qu/ayuda.md: missing (readers get the Spanish page). Copy docs/es/ayuda.md to docs/qu/ayuda.md and translate it."
    ]
    (page,) = data["pages"]
    assert page["page"] == "ayuda.md" and page["source"] == "docs/es/ayuda.md" and page["source_hash"] == "51fecc937f97"
    assert {lang: t["status"] for lang, t in page["translations"].items()} == {"en": "reviewed", "qu": "missing", "ay": "draft"}
    assert page["translations"]["ay"] == {
        "path": "docs/ay/ayuda.md",
        "status": "draft",
        "translation": "draft",
        "source_hash": "51fecc937f97",
        "reviewers": 0,
        "problems": [],
        "notes": [],
    }
    assert data["totals"]["qu"] == {"reviewed": 0, "draft": 0, "outdated": 0, "missing": 1}


def test_table_output(capsys):
    code, out = run(capsys, "--docs", str(docs("good")))
    assert code == 0
    assert out.splitlines()[:5] == [
        "Translation status: 2 Spanish pages in docs/es/",
        "",
        "page        source_hash   en        qu       ay",
        "----------  ------------  --------  -------  -------",
        "index.md    26c6db9ee0ac  reviewed  draft    missing",
    ]
    assert "en (English): 2 reviewed, 0 draft, 0 outdated, 0 missing" in out


def test_real_docs_report():
    """The real site: every Spanish page is listed in every language (what it finds is reported, not asserted)."""
    report = status_report(DOCS_DIR)
    names = sorted(p.name for p in (DOCS_DIR / "es").glob("*.md"))
    assert sorted(page.name for page in report.pages) == names
    assert all(set(page.translations) == {"en", "qu", "ay"} for page in report.pages)
