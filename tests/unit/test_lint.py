"""The content lint (alerta.lint, scripts/lint_content.py, hooks/content_lint.py): each broken case with its exact message.

Cases are small docs/ folders under tests/fixtures/content/<case>/. The real
docs/ folder is checked for phone numbers typed outside docs/contacts.yml.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from alerta.config import DOCS_DIR
from alerta.lint import lint_docs
from alerta.lint.phones import phone_findings, phones_in_tree
from hooks import content_lint
from scripts import lint_content

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "content"


PHONE_FIX = "Numbers live only in docs/contacts.yml: add it there, then write [[tel:ID]] for one number or [[contacts]] for the list."


def docs(case: str) -> Path:
    return FIXTURES / case / "docs"


def findings(case: str) -> list[str]:
    return [str(f) for f in lint_docs(docs(case))]


def run(capsys, case: str, *argv: str) -> tuple[int, str]:
    code = lint_content.main(["--docs", str(docs(case)), *argv])
    return code, capsys.readouterr().out


def test_good_fixture_has_no_findings(capsys):
    assert findings("good") == []
    code, out = run(capsys, "good")
    assert (code, out) == (0, "0 errors, 0 hints.\n")


def test_script_and_iframe(capsys):
    expected = [
        "docs/es/index.md:10: raw HTML <script> is not allowed: pages cannot run their own scripts. "
        "Remove it (ask a developer if the page needs a feature).",
        "docs/es/index.md:14: raw HTML <iframe> is not allowed: it shows another website inside the page, which can track readers "
        "and does not work offline. Remove it and link to that page instead: [text](https://...).",
    ]
    assert findings("script-iframe") == expected
    code, out = run(capsys, "script-iframe")
    assert code == 1
    assert out.splitlines() == expected + ["", "2 errors, 0 hints."]


def test_image_without_alt(capsys):
    assert findings("image-no-alt") == [
        "docs/es/index.md:8: image without alt text. Describe what the picture shows between the brackets: "
        "![Two women talking at a market](../assets/images/market.jpg).",
        'docs/es/index.md:12: <img> without alt text. Add alt="what the picture shows" inside the tag.',
    ]
    assert run(capsys, "image-no-alt")[0] == 1


def test_phone_number_typed_in_prose(capsys):
    assert findings("phone-in-prose") == [
        f'docs/es/ayuda.md:8: phone number "800 14 0348" typed in the text. {PHONE_FIX}',
        'docs/es/ayuda.md:10: a tel: link typed by hand ("tel:800108004"). Write [[tel:ID]] with the contact\'s id from '
        "docs/contacts.yml instead.",
        f'docs/es/ayuda.md:10: phone number "+591 72006607" typed in the text. {PHONE_FIX}',
        f'docs/assets/pie.html:1: phone number "2-2440123" typed in the text. {PHONE_FIX}',
    ]
    assert run(capsys, "phone-in-prose")[0] == 1


def test_bad_front_matter(capsys):
    assert findings("bad-front-matter") == [
        "docs/ay/index.md:2: the front matter cannot be read (YAML says: mapping values are not allowed here). "
        'If a value contains a colon (:) or starts with a quote, put the whole value between double quotes, like title: "Qué: hacer".',
        "docs/en/index.md:3: front matter: the description has 164 characters, more than 160. Shorten it: search results and link "
        "previews cut it.",
        'docs/en/index.md:4: front matter: "translation: done" is not allowed. Write translation: draft or translation: reviewed.',
        'docs/en/index.md:5: front matter: "source_hash: abc" is not 12 characters of 0-9 and a-f. '
        "Copy it from the translation status, or run python scripts/i18n_status.py mark en index.md.",
        'docs/es/index.md:1: front matter: "description" is missing. Add a line description: "..." with one or two sentences about '
        "the page, "
        "160 characters at most.",
        'docs/es/index.md:3: front matter: unknown key "autor". Remove it or fix its spelling; the keys are title, description, '
        "translation.",
        'docs/es/index.md:4: front matter: "translation: draft" is only for translations. Remove the line (this is the Spanish source).',
        'docs/qu/index.md:1: the page has no front matter. Start the file with a line ---, then title: "...", description: "...", '
        "then a line ---.",
    ]
    assert run(capsys, "bad-front-matter")[0] == 1


def test_translation_key_is_required_in_translations(tmp_path):
    target = tmp_path / "docs"
    shutil.copytree(docs("good"), target)
    page = target / "qu" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("translation: draft\n", "").replace("title:", "titulo: x\ntitle:"), encoding="utf-8"
    )
    assert [str(f) for f in lint_docs(target)] == [
        'docs/qu/index.md:1: front matter: "translation" is missing. Add a line translation: draft '
        "(or translation: reviewed once a native speaker has checked the page).",
        'docs/qu/index.md:2: front matter: unknown key "titulo". Remove it or fix its spelling; the keys are title, description, '
        "translation, source_hash.",
    ]


def test_unsafe_html():
    assert findings("unsafe-html") == [
        "docs/es/index.md:8: the HTML attribute onclick= runs a script, which pages may not do. Remove it.",
        "docs/es/index.md:10: a javascript: link runs a script, which pages may not do. Link to a page (ayuda.md) or a website "
        "(https://...) instead.",
        "docs/es/index.md:12: this <img> is 0 or 1 pixel wide or high: it looks like a tracking pixel. Remove it.",
        'docs/es/index.md:14: <img src="https://example.com/foto.jpg"> loads a file from another website, which tracks readers and '
        "does not work offline. "
        "Upload the file to docs/assets/images/ and use it from there.",
        "docs/es/index.md:16: the image https://example.com/mapa.png is loaded from another website, which tracks readers and does "
        "not work offline. "
        "Upload it to docs/assets/images/ and write ![alt text](../assets/images/file.jpg).",
        "docs/es/index.md:18: raw HTML <style> is not allowed: styles live in docs/assets/stylesheets/site.css, not in pages. "
        "Remove it (ask a developer for a style).",
        "docs/es/index.md:20: raw HTML <form> is not allowed: the site collects no data from its readers. Remove the form.",
        "docs/es/index.md:22: raw HTML <object> is not allowed: it embeds content from outside the page. "
        "Remove it and link to the content instead: [text](https://...).",
        "docs/es/index.md:24: raw HTML <embed> is not allowed: it embeds content from outside the page. "
        "Remove it and link to the content instead: [text](https://...).",
        "docs/es/index.md:26: raw HTML <video> is not in the list of allowed tags. Remove it, or write the content in Markdown.",
        "docs/es/index.md:28: the HTML attribute style= is blocked by the site's security policy. Remove it (ask a developer for a style).",
        "docs/es/index.md:30: the attribute onmouseover= in { } runs a script, which pages may not do. Remove it.",
    ]


def test_markers_and_heading_ids():
    assert findings("markers-headings") == [
        "docs/es/index.md:8: [[tel:nadie]] does not name a published contact with a phone in docs/contacts.yml. Use one of: "
        "police-emergency, felcv.",
        "docs/es/index.md:8: [[tel:unpublished]] does not name a published contact with a phone in docs/contacts.yml. Use one of: "
        "police-emergency, felcv.",
        "docs/es/index.md:10: unknown marker [[contacto]]. Use [[tel:ID]], [[contacts]], [[contacts:national]], [[contacts:verified]] "
        "or [[downloads]], spelled exactly so.",
        "docs/es/index.md:12: unknown marker [[contacts:todos]]. Use [[tel:ID]], [[contacts]], [[contacts:national]], "
        "[[contacts:verified]] "
        "or [[downloads]], spelled exactly so.",
        'docs/es/index.md:14: heading "Un título sin id" has no id. Add { #an-id } at the end of the line, with the same id in every '
        "language "
        "(copy it from the Spanish page).",
        "docs/es/index.md:18: the heading id #otro is used twice on this page. Give each heading its own id.",
    ]


def test_long_sentence_is_only_a_hint(capsys):
    (hint,) = lint_docs(docs("long-sentence"))
    assert hint.hint
    assert str(hint) == (
        'docs/es/index.md:10: HINT: a sentence of 48 words ("La trata de personas es un..."). '
        "Plain language: split it into sentences of 35 words or fewer."
    )
    code, out = run(capsys, "long-sentence")
    assert code == 0
    assert str(hint) in out
    code, out = run(capsys, "long-sentence", "--no-hints")
    assert (code, out) == (0, "0 errors, 1 hint.\n")


@pytest.mark.parametrize(
    "text",
    [
        "Ley 263 de 31 de julio de 2012; Ley 348, art. 42; Decreto Supremo 1486.",
        "Del 2011 al 2021; 2016-2020; 2019 2020.",
        "Publicada el 2012-07-31, o 31/07/2012, o 31.07.2012, o 31-07-2012.",
        "SHA-256: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "source_hash: 1234567abcde y 9680fcb4d9df",
        "arts. 281 bis, 321, 321 ter y 322; de 10 a 15 años; 766 casos; 1.243.315 personas.",
        "Llame al [[tel:police-emergency]] o al 110.",
        ".tel::after { content: '' } a[href^='tel:'] {}",
    ],
)
def test_not_phone_numbers(text):
    assert phone_findings(text, "x.md") == []


@pytest.mark.parametrize(
    "text, number",
    [
        ("Llame al 800 14 0348.", "800 14 0348"),
        ("Llame al 800-10-8004.", "800-10-8004"),
        ("Celular 72006607.", "72006607"),
        ("Fijo 2 2440123.", "2 2440123"),
        ("Fijo 2.244.0123.", "2.244.0123"),
        ("WhatsApp +59172006607.", "+59172006607"),
        ("Desde fuera: (+591) 7200 6607.", "(+591) 7200 6607"),
    ],
)
def test_phone_numbers(text, number):
    (finding,) = phone_findings(text, "x.md")
    assert finding.message == f'phone number "{number}" typed in the text. {PHONE_FIX}'


def test_tel_link_typed_by_hand():
    (finding,) = phone_findings('<a href="tel:+59172006607">WhatsApp</a>', "x.md")
    assert (
        finding.message
        == 'a tel: link typed by hand ("tel:+59172006607"). Write [[tel:ID]] with the contact\'s id from docs/contacts.yml instead.'
    )


def test_no_phone_number_anywhere_in_docs_outside_contacts():
    """Issue 3: phone numbers live only in docs/contacts.yml (pages, HTML, YAML, scripts, styles, images)."""
    found = phones_in_tree(DOCS_DIR)
    assert found == [], "\n".join(str(f) for f in found)


def test_the_tree_scan_covers_other_files_and_skips_contacts():
    assert [str(f) for f in phones_in_tree(docs("phone-in-prose"))] == [
        f'docs/assets/pie.html:1: phone number "2-2440123" typed in the text. {PHONE_FIX}',
        f'docs/es/ayuda.md:8: phone number "800 14 0348" typed in the text. {PHONE_FIX}',
        'docs/es/ayuda.md:10: a tel: link typed by hand ("tel:800108004"). Write [[tel:ID]] with the contact\'s id from '
        "docs/contacts.yml instead.",
        f'docs/es/ayuda.md:10: phone number "+591 72006607" typed in the text. {PHONE_FIX}',
    ]


def fake_config(docs_dir: Path, building: bool | None = None) -> SimpleNamespace:
    plugins = {} if building is None else {"i18n": SimpleNamespace(building=building)}
    return SimpleNamespace(docs_dir=str(docs_dir), plugins=plugins)


def test_hook_lists_every_finding():
    with pytest.raises(PluginError) as error:
        content_lint.on_pre_build(fake_config(docs("script-iframe")))
    message = str(error.value)
    assert message.splitlines()[0] == "The content check found 2 problems (run `make lint` to see them again):"
    assert "  docs/es/index.md:10: raw HTML <script> is not allowed" in message
    assert "  docs/es/index.md:14: raw HTML <iframe> is not allowed" in message


def test_hook_passes_a_good_tree_and_prints_hints(capsys):
    assert content_lint.on_pre_build(fake_config(docs("good"))) is None
    assert content_lint.on_pre_build(fake_config(docs("long-sentence"))) is None
    assert (
        capsys.readouterr().err == 'HINT     -  docs/es/index.md:10: a sentence of 48 words ("La trata de personas es un..."). '
        "Plain language: split it into sentences of 35 words or fewer.\n"
    )


def test_hook_checks_once_per_build():
    """The i18n plugin builds each language in turn; only its first build runs the check."""
    assert content_lint.on_pre_build(fake_config(docs("script-iframe"), building=True)) is None
    with pytest.raises(PluginError):
        content_lint.on_pre_build(fake_config(docs("script-iframe"), building=False))


def test_a_broken_contacts_file_is_reported(tmp_path):
    target = tmp_path / "docs"
    shutil.copytree(docs("good"), target)
    contacts = target / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("verified: 2025-12\n", "verified: 2999-01-01\n", 1), encoding="utf-8")
    (finding,) = lint_docs(target)
    assert str(finding).endswith(
        "docs/contacts.yml:2: entry 'police-emergency': field 'verified' (2999-01-01) is in the future. "
        "Write the day it was really checked."
    )


def test_images_alt_text_file_and_server(tmp_path):
    """The build's only image check: alt text, the file there, nothing from another server; code is ignored."""
    docs_dir = tmp_path / "docs"
    (docs_dir / "assets" / "images").mkdir(parents=True)
    (docs_dir / "assets" / "images" / "a.png").write_bytes(b"x")
    page = docs_dir / "es" / "p.md"
    page.parent.mkdir()
    page.write_text(
        '---\ntitle: "P"\ndescription: "Una página."\n---\n\n'
        "```\n![](../assets/images/a.png)\n```\n`![](x.png)`\n"
        '![Bien](../assets/images/a.png "título")\n<img src="../assets/images/a.png">\n![Remota](https://example.org/a.png)\n'
        "![](../assets/images/falta.png)\n",
        encoding="utf-8",
    )
    assert [str(f) for f in lint_docs(docs_dir)] == [
        'docs/es/p.md:11: <img> without alt text. Add alt="what the picture shows" inside the tag.',
        "docs/es/p.md:12: the image https://example.org/a.png is loaded from another website, which tracks readers and does not work offline. "
        "Upload it to docs/assets/images/ and write ![alt text](../assets/images/file.jpg).",
        "docs/es/p.md:13: image '../assets/images/falta.png' not found (looked for docs/assets/images/falta.png). Check the name and the ../ in front of it.",
        "docs/es/p.md:13: image without alt text. Describe what the picture shows between the brackets: "
        "![Two women talking at a market](../assets/images/market.jpg).",
    ]
