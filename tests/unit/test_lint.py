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


PHONE_FIX = "los números viven solo en docs/contacts.yml: agréguelo allí, con su fuente, y escriba [[tel:ID]] para un número o [[contacts]] para la lista"

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
    assert (code, out) == (0, "0 errores, 0 sugerencias.\n")


def test_script_and_iframe(capsys):
    expected = [
        'docs/es/index.md, línea 10: La etiqueta HTML <script> no está permitida: las páginas no pueden ejecutar programas. Qué hacer: pida ayuda a quien programa si la página la necesita.',
        'docs/es/index.md, línea 14: La etiqueta HTML <iframe> no está permitida: muestra otro sitio dentro de la página, que puede seguir a quien lee y no funciona sin internet. Qué hacer: bórrelo y ponga un enlace a esa página: [texto](https://...).',
    ]
    assert findings("script-iframe") == expected
    code, out = run(capsys, "script-iframe")
    assert code == 1
    assert out.splitlines() == ["Problemas que impiden publicar: 2"] + [f"  {line}" for line in expected] + ["", "2 errores, 0 sugerencias."]

def test_image_without_alt(capsys):
    assert findings("image-no-alt") == [
        'docs/es/index.md, línea 8: Imagen sin texto alternativo. Qué hacer: describa lo que muestra la imagen entre los corchetes: ![Dos mujeres conversan en un mercado](../assets/images/mercado.jpg).',
        'docs/es/index.md, línea 12: <img> sin texto alternativo. Qué hacer: agregue alt="lo que muestra la imagen" dentro de la etiqueta.',
    ]
    assert run(capsys, "image-no-alt")[0] == 1


def test_phone_number_typed_in_prose(capsys):
    assert findings("phone-in-prose") == [
        'docs/es/ayuda.md, línea 8: El número de teléfono "800 14 0348" está escrito en el texto. Qué hacer: los números viven solo en docs/contacts.yml: agréguelo allí, con su fuente, y escriba [[tel:ID]] para un número o [[contacts]] para la lista.',
        'docs/es/ayuda.md, línea 10: El número de teléfono "+591 72006607" está escrito en el texto. Qué hacer: los números viven solo en docs/contacts.yml: agréguelo allí, con su fuente, y escriba [[tel:ID]] para un número o [[contacts]] para la lista.',
        'docs/es/ayuda.md, línea 10: Un enlace tel: escrito a mano ("tel:800108004"). Qué hacer: escriba [[tel:ID]] con el id del contacto en docs/contacts.yml.',
        'docs/assets/pie.html, línea 1: El número de teléfono "2-2440123" está escrito en el texto. Qué hacer: los números viven solo en docs/contacts.yml: agréguelo allí, con su fuente, y escriba [[tel:ID]] para un número o [[contacts]] para la lista.',
    ]
    assert run(capsys, "phone-in-prose")[0] == 1


def test_bad_front_matter(capsys):
    assert findings("bad-front-matter") == [
        'docs/ay/index.md, línea 2: No se puede leer el encabezado de la página (mapping values are not allowed here). Qué hacer: si un valor tiene dos puntos (:) o empieza con comillas, póngalo todo entre comillas dobles, así: title: "Qué: hacer".',
        'docs/en/index.md, línea 3: La descripción tiene 164 caracteres, más de 160. Qué hacer: acórtela: los buscadores y las vistas previas de enlaces la cortan.',
        'docs/en/index.md, línea 4: "translation: done" no es un valor permitido. Qué hacer: escriba translation: draft o translation: reviewed.',
        'docs/en/index.md, línea 5: "source_hash: abc" no tiene 12 caracteres de 0-9 y a-f. Qué hacer: cópielo del estado de las traducciones (make i18n-status), o ejecute python scripts/i18n_status.py mark en index.md.',
        'docs/es/index.md, línea 1: Falta "description" en el encabezado. Qué hacer: agregue una línea description: "..." con una o dos frases sobre la página, de 160 caracteres como máximo.',
        'docs/es/index.md, línea 3: "autor" no es una clave conocida del encabezado. Qué hacer: bórrela o corrija cómo está escrita; las claves son title, description, translation, recording_consent, recording_speaker.',
        'docs/es/index.md, línea 4: "translation: draft" es solo para traducciones. Qué hacer: borre la línea (esta es la página original en español).',
        'docs/qu/index.md, línea 1: La página no tiene encabezado. Qué hacer: empiece el archivo con una línea ---, luego title: "...", description: "..." y otra línea ---.',
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
        'docs/qu/index.md, línea 1: Falta "translation" en el encabezado. Qué hacer: agregue una línea translation: draft '
        "(o translation: reviewed cuando una persona que habla el idioma la haya revisado).",
        'docs/qu/index.md, línea 2: "titulo" no es una clave conocida del encabezado. Qué hacer: bórrela o corrija cómo está escrita; '
        "las claves son title, description, translation, source_hash, reviewers, recording_consent, recording_speaker.",
    ]


def test_unsafe_html():
    assert findings("unsafe-html") == [
        'docs/es/index.md, línea 8: El atributo onclick= ejecuta un programa, y las páginas no pueden hacerlo. Qué hacer: bórrelo.',
        'docs/es/index.md, línea 10: Un enlace javascript: ejecuta un programa, y las páginas no pueden hacerlo. Qué hacer: enlace una página (ayuda.md) o un sitio (https://...).',
        'docs/es/index.md, línea 12: El atributo src="https://tracker.example.com/pixel.gif" carga un archivo de otro sitio, que sabría quién lee la página y no funciona sin internet. Qué hacer: guarde el archivo en docs/assets/images/ y úselo desde allí.',
        'docs/es/index.md, línea 12: Esta <img> mide 0 o 1 píxel: parece un píxel espía. Qué hacer: bórrela.',
        'docs/es/index.md, línea 14: El atributo src="https://example.com/foto.jpg" carga un archivo de otro sitio, que sabría quién lee la página y no funciona sin internet. Qué hacer: guarde el archivo en docs/assets/images/ y úselo desde allí.',
        'docs/es/index.md, línea 16: El atributo src="https://example.com/mapa.png" carga un archivo de otro sitio, que sabría quién lee la página y no funciona sin internet. Qué hacer: guarde el archivo en docs/assets/images/ y úselo desde allí.',
        'docs/es/index.md, línea 18: La etiqueta HTML <style> no está permitida: los estilos están en docs/assets/stylesheets/site.css, no en las páginas. Qué hacer: pida ayuda a quien programa si la página la necesita.',
        'docs/es/index.md, línea 20: La etiqueta HTML <form> no está permitida: es un formulario. Qué hacer: el sitio no recoge datos de quien lo lee: bórrelo.',
        'docs/es/index.md, línea 22: La etiqueta HTML <object> no está permitida: inserta contenido de fuera de la página. Qué hacer: bórrelo y ponga un enlace a esa página: [texto](https://...).',
        'docs/es/index.md, línea 24: La etiqueta HTML <embed> no está permitida: inserta contenido de fuera de la página. Qué hacer: bórrelo y ponga un enlace a esa página: [texto](https://...).',
        'docs/es/index.md, línea 26: La etiqueta HTML <video> no está en la lista de etiquetas permitidas. Qué hacer: bórrela, o escriba el contenido en Markdown.',
        'docs/es/index.md, línea 28: El atributo style= está bloqueado por la política de seguridad del sitio. Qué hacer: bórrelo (pida un estilo a quien programa).',
        'docs/es/index.md, línea 30: El atributo onmouseover= en { } ejecuta un programa, y las páginas no pueden hacerlo. Qué hacer: bórrelo.',
    ]

def test_markers_and_heading_ids():
    assert findings("markers-headings") == [
        'docs/es/index.md, línea 8: [[tel:nadie]] no es un contacto publicado con teléfono en docs/contacts.yml. Qué hacer: use uno de estos: police-emergency, felcv.',
        'docs/es/index.md, línea 8: [[tel:unpublished]] no es un contacto publicado con teléfono en docs/contacts.yml. Qué hacer: use uno de estos: police-emergency, felcv.',
        'docs/es/index.md, línea 10: La marca [[contacto]] no existe. Qué hacer: use [[tel:ID]], [[contacts]], [[contacts:national]], [[contacts:verified]], [[downloads]], [[forward]] o [[file-check]], escritas exactamente así.',
        'docs/es/index.md, línea 12: La marca [[contacts:todos]] no existe. Qué hacer: use [[tel:ID]], [[contacts]], [[contacts:national]], [[contacts:verified]], [[downloads]], [[forward]] o [[file-check]], escritas exactamente así.',
        'docs/es/index.md, línea 14: El título "Un título sin id" no tiene identificador. Qué hacer: agregue { #un-id } al final de la línea, con el mismo id en todos los idiomas (cópielo de la página en español).',
        'docs/es/index.md, línea 18: El identificador #otro se usa dos veces en esta página. Qué hacer: dé a cada título su propio id.',
    ]

def test_long_sentence_is_only_a_hint(capsys):
    (hint,) = lint_docs(docs("long-sentence"))
    assert hint.level == "hint"
    assert str(hint) == (
        'docs/es/index.md, línea 10: Una frase de 48 palabras ("La trata de personas es un..."). '
        "Qué hacer: lenguaje claro: divídala en frases de 35 palabras o menos."
    )
    code, out = run(capsys, "long-sentence")
    assert code == 0
    assert str(hint) in out
    code, out = run(capsys, "long-sentence", "--no-hints")
    assert (code, out) == (0, "0 errores, 1 sugerencia.\n")


def test_messages_in_english_for_developers(monkeypatch):
    monkeypatch.setenv("SITE_MESSAGES", "en")
    assert findings("script-iframe")[0] == (
        "docs/es/index.md:10: Raw HTML <script> is not allowed: pages cannot run their own scripts. Fix: ask a developer if the page needs it."
    )


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
    assert str(finding) == f'x.md, línea 1: El número de teléfono "{number}" está escrito en el texto. Qué hacer: {PHONE_FIX}.'


def test_tel_link_typed_by_hand():
    (finding,) = phone_findings('<a href="tel:+59172006607">WhatsApp</a>', "x.md")
    assert str(finding) == 'x.md, línea 1: Un enlace tel: escrito a mano ("tel:+59172006607"). Qué hacer: escriba [[tel:ID]] con el id del contacto en docs/contacts.yml.'


def test_no_phone_number_anywhere_in_docs_outside_contacts():
    """Issue 3: phone numbers live only in docs/contacts.yml (pages, HTML, YAML, scripts, styles, images)."""
    found = phones_in_tree(DOCS_DIR)
    assert found == [], "\n".join(str(f) for f in found)


def test_the_tree_scan_covers_other_files_and_skips_contacts():
    assert [(f.file, f.line) for f in phones_in_tree(docs("phone-in-prose"))] == [
        ("docs/assets/pie.html", 1),
        ("docs/es/ayuda.md", 8),
        ("docs/es/ayuda.md", 10),
        ("docs/es/ayuda.md", 10),
    ]


def fake_config(docs_dir: Path, building: bool | None = None) -> SimpleNamespace:
    plugins = {} if building is None else {"i18n": SimpleNamespace(building=building)}
    return SimpleNamespace(docs_dir=str(docs_dir), plugins=plugins)


def test_hook_lists_every_finding():
    with pytest.raises(PluginError) as error:
        content_lint.on_pre_build(fake_config(docs("script-iframe")))
    message = str(error.value)
    assert message.splitlines()[0] == "Problemas que impiden publicar: 2"
    assert "  docs/es/index.md, línea 10: La etiqueta HTML <script> no está permitida" in message
    assert "  docs/es/index.md, línea 14: La etiqueta HTML <iframe> no está permitida" in message


def test_hook_passes_a_good_tree_and_shows_hints(caplog):
    caplog.set_level("INFO", logger="mkdocs.hooks.content_lint")
    assert content_lint.on_pre_build(fake_config(docs("good"))) is None
    assert content_lint.on_pre_build(fake_config(docs("long-sentence"))) is None
    # INFO, never WARNING: a hint must not fail a strict build.
    assert [(r.levelname, r.getMessage().splitlines()[1].strip()[:60]) for r in caplog.records] == [
        ("INFO", 'docs/es/index.md, línea 10: Una frase de 48 palabras ("La tr')
    ]


def test_hook_checks_once_per_build():
    """The i18n plugin builds each language in turn; only its first build runs the check."""
    assert content_lint.on_pre_build(fake_config(docs("script-iframe"), building=True)) is None
    with pytest.raises(PluginError):
        content_lint.on_pre_build(fake_config(docs("script-iframe"), building=False))


def test_a_broken_contacts_file_is_reported(tmp_path):
    target = tmp_path / "docs"
    shutil.copytree(docs("good"), target)
    contacts = target / "contacts.yml"
    contacts.write_text(contacts.read_text(encoding="utf-8").replace("confirmed: null\n", "confirmed: {date: 2999-01-01}\n", 1), encoding="utf-8")
    (finding,) = lint_docs(target)
    assert str(finding) == (
        "docs/contacts.yml, línea 2: Contacto 'police-emergency': la fecha de la llamada (2999-01-01) está en el futuro. "
        "Qué hacer: escriba el día en que realmente se llamó."
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
    assert [(f.line, f.what.en) for f in lint_docs(docs_dir)] == [
        (11, "<img> without alt text"),
        (12, 'the attribute src="https://example.org/a.png" loads a file from another website, which tracks readers and does not work offline'),
        (13, "image without alt text"),
        (13, "image '../assets/images/falta.png' not found (looked for docs/assets/images/falta.png)"),
    ]
