"""Recordings and pages: which page or section a file reads, the speaker's consent, where a recording may be, the player."""

from __future__ import annotations

from pathlib import Path

from alerta.audio.process import AudioResult
from alerta.audio.publish import AudioPublisher
from alerta.audio.recordings import Recording, find_recordings
from alerta.html import Edit, apply_edits, attribute, elements, outer_span, parse, text
from alerta.lint import lint_docs
from alerta.publishing import check_tree
from alerta.strings import load_strings

PAGE = """---
title: "Formas"
description: "Formas de trata."
{extra}---

# Formas de trata

Texto.

## Explotación sexual {{ #sexual-exploitation }}

Más texto.

## Trabajo forzoso {{ #forced-labour }}

Texto.
"""


def docs_with(tmp_path: Path, recordings: list[str], extra: str = "recording_consent: yes\n") -> Path:
    docs = tmp_path / "docs"
    (docs / "es" / "audio").mkdir(parents=True)
    (docs / "es" / "formas.md").write_text(PAGE.format(extra=extra), encoding="utf-8")
    for name in recordings:
        (docs / "es" / "audio" / name).write_bytes(b"x")
    return docs


def test_a_recording_reads_a_page_or_one_of_its_sections(tmp_path):
    docs = docs_with(tmp_path, ["formas.opus", "formas--forced-labour.m4a"])
    recordings, problems = find_recordings(docs)
    assert problems == []
    assert [(r.rel, r.lang, r.page, r.section, r.stem) for r in recordings] == [
        ("docs/es/audio/formas--forced-labour.m4a", "es", "formas.md", "forced-labour", "formas--forced-labour"),
        ("docs/es/audio/formas.opus", "es", "formas.md", None, "formas"),
    ]


def test_a_recording_of_no_page_no_section_or_twice_the_same_is_named(tmp_path):
    docs = docs_with(tmp_path, ["formaz.opus", "formas--no-such.ogg", "formas.opus", "formas.wav"])
    _, problems = find_recordings(docs)
    assert [str(p) for p in problems] == [
        "docs/es/audio/formas--no-such.ogg: La página docs/es/formas.md no tiene una sección con el id 'no-such'. "
        "Qué hacer: use uno de sus ids (lo que está entre { # } al final de cada título): sexual-exploitation, forced-labour.",
        "docs/es/audio/formas.wav: Hay dos grabaciones de lo mismo: esta y docs/es/audio/formas.opus. Qué hacer: deje solo una (borre la otra).",
        "docs/es/audio/formaz.opus: No hay una página docs/es/formaz.md para esta grabación. "
        "Qué hacer: el nombre debe ser el de la página (formas.opus lee formas.md) o el de la página, dos guiones y el id de una sección (formas--sexual-exploitation.opus).",
    ]


def test_no_recording_is_published_without_the_speakers_consent(tmp_path):
    missing = [str(p) for p in lint_docs(docs_with(tmp_path / "a", ["formas.opus"], extra="")) if p.error]
    assert missing == [
        "docs/es/formas.md, línea 1: Hay una grabación de esta página (docs/es/audio/formas.opus), pero el encabezado no dice que la persona que habla dio su permiso para publicarla. "
        "Qué hacer: cuando ella haya dicho que sí, agregue la línea recording_consent: yes (y recording_speaker: anonymous, o su nombre entre comillas si quiere que se vea); sin su permiso, borre la grabación."
    ]
    refused = [str(p) for p in lint_docs(docs_with(tmp_path / "b", ["formas.opus"], extra="recording_consent: no\n")) if p.error]
    assert refused == [
        "docs/es/formas.md, línea 4: El encabezado dice que la persona que habla no dio su permiso, y hay una grabación de esta página (docs/es/audio/formas.opus). "
        "Qué hacer: borre la grabación: sin permiso no se publica."
    ]
    odd = [str(p) for p in lint_docs(docs_with(tmp_path / "c", ["formas.opus"], extra="recording_consent: tal vez\nrecording_speaker: 12\n")) if p.error]
    assert odd == [
        'docs/es/formas.md, línea 4: "recording_consent: tal vez" no es un valor permitido. Qué hacer: escriba recording_consent: yes (la persona dijo que sí) o recording_consent: no.',
        'docs/es/formas.md, línea 5: "recording_speaker" debe ser un texto. Qué hacer: escriba el nombre entre comillas (recording_speaker: "Nombre"), o recording_speaker: anonymous.',
    ]
    for consent in ("recording_consent: yes\n", "recording_consent: sí\nrecording_speaker: anonymous\n"):
        assert [p for p in lint_docs(docs_with(tmp_path / str(len(consent)), ["formas.opus"], extra=consent)) if p.error] == []


def test_recordings_are_published_only_from_a_languages_audio_folder(tmp_path):
    docs = docs_with(tmp_path, ["formas.opus"])
    (docs / "es" / "formas.mp3").write_bytes(b"x")
    (docs / "assets").mkdir()
    (docs / "assets" / "musica.wav").write_bytes(b"x")
    (docs / "es" / "audio" / "notas.txt").write_text("x", encoding="utf-8")
    found = {p.file: str(p.what) for p in check_tree(docs)}
    assert "docs/es/audio/formas.opus" not in found
    assert found["docs/es/formas.mp3"] == found["docs/assets/musica.wav"] == "las grabaciones van en la carpeta audio del idioma que se oye, como docs/qu/audio/"
    assert found["docs/es/audio/notas.txt"].startswith("el sitio no publica archivos .txt")


ARTICLE = (
    '<html><body><article class="md-content__inner md-typeset">'
    '<h1 id="formas-de-trata">Formas de trata</h1><p>Texto.</p>'
    '<h2 id="sexual-exploitation">Explotación sexual</h2><p>Más texto.</p>'
    '<h2 id="forced-labour">Trabajo forzoso</h2><p>Texto.</p></article></body></html>'
)


def test_player_after_the_title_and_after_the_sections_heading_loads_nothing_before_a_tap(tmp_path):
    docs = docs_with(tmp_path, ["formas.opus", "formas--sexual-exploitation.m4a"])
    publisher = AudioPublisher(tmp_path)
    page = (docs / "es" / "formas.md").resolve()

    def result(recording: Recording, size: int, seconds: float) -> AudioResult:
        return AudioResult(recording.path, recording.rel, recording.stem, size, seconds, "ab12cd34" + "0" * 56, tmp_path / "x.webm")

    recordings, _ = find_recordings(docs)
    whole, section = sorted(recordings, key=lambda r: r.section or "")
    publisher.by_page = {page: [(whole, result(whole, 399_360, 130.4)), (section, result(section, 61_440, 45.0))]}
    out = publisher.rewrite(ARTICLE, page, {"recording_speaker": "Rosa"}, load_strings()["es"])
    article = next(elements(parse(out), "article"))
    order = [(e.name, attribute(e, "id")) for e in article.children]
    assert order[:3] == [("h1", "formas-de-trata"), ("figure", None), ("p", None)]
    assert order[3:5] == [("h2", "sexual-exploitation"), ("figure", None)]
    figures = list(elements(article, "figure"))
    captions = [next(elements(f, "figcaption")) for f in figures]
    assert [text(c) for c in captions] == ["Escuchar esta página · 2:10 · 390 KB", "Escuchar esta sección · 0:45 · 60 KB"]
    audios = list(elements(article, "audio"))
    assert [(attribute(a, "preload"), attribute(a, "controls"), attribute(a, "aria-labelledby")) for a in audios] == [("none", "", "audio-page"), ("none", "", "audio-sexual-exploitation")]
    sources = [attribute(s, "src") for s in elements(article, "source")]
    assert sources == ["audio/formas.ab12cd34.webm", "audio/formas--sexual-exploitation.ab12cd34.webm"]
    links = [(attribute(a, "href"), text(a)) for f in figures for a in elements(f, "a") if attribute(a, "download") is None]
    assert links == [("#formas-de-trata", "Leer el texto"), ("#sexual-exploitation", "Leer el texto")]
    assert "Voz: Rosa" in out
    # Nothing but the players was added: the rest of the page is byte for byte the same.
    assert apply_edits(out, [Edit(*outer_span(f), "") for f in elements(parse(out), "figure")]) == ARTICLE
    assert publisher.rewrite(ARTICLE, tmp_path / "otra.md", {}, load_strings()["es"]) == ARTICLE
