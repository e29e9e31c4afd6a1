"""Recordings in a real `make site` of a copy of the project (tests/support/audio.py puts one of every kind in)."""

from __future__ import annotations

import html
import json
import zipfile
from pathlib import Path
from urllib.parse import unquote

from alerta.audio import SUFFIXES
from alerta.audio.offline import published_recordings
from alerta.audio.process import minutes
from alerta.build import SINGLE_FILE_MAX_KB
from alerta.downloads import human_size
from alerta.html import Element, attribute, elements, parse, text
from alerta.offline.meta import bundle_name
from alerta.strings import load_strings
from tests.support.audio import SITE_RECORDINGS, probe

NAME = bundle_name()


def players(page: Path) -> list[dict]:
    """Every player of a built page: label, its <audio>, the file it plays, the element just before it."""
    root = parse(page.read_text(encoding="utf-8"), locations=False)
    found = []
    for figure in elements(root, "figure"):
        if "audio-player" not in (attribute(figure, "class") or ""):
            continue
        siblings = [c for c in figure.parent.children if isinstance(c, Element)]
        before = siblings[siblings.index(figure) - 1]
        audio = next(elements(figure, "audio"))
        found.append({"label": text(next(elements(figure, "figcaption"))), "audio": dict(audio.attrs), "src": attribute(next(elements(figure, "source")), "src"), "after": (before.name, attribute(before, "id")), "text": text(figure)})
    return found


def test_each_page_shows_its_recordings_with_length_and_size_and_loads_nothing_before_a_tap(audio_project):
    site = audio_project / "site"
    formas = players(site / "qu" / "formas.html")
    assert [p["after"] for p in formas] == [("h1", "trataq-rikchaqninkuna"), ("h2", "sexual-exploitation")]
    for page in (site / "qu" / "formas.html", site / "index.html", site / "ay" / "señales.html"):
        for player in players(page):
            published = page.parent / unquote(player["src"])
            duration = float(probe(published)["format"]["duration"])
            assert player["label"].endswith(f" · {minutes(duration)} · {human_size(published.stat().st_size)}")
            assert player["audio"]["preload"] == "none" and "controls" in player["audio"] and "src" not in player["audio"]
    assert formas[0]["label"].startswith("Kay p'anqata uyariy · ") and formas[1]["label"].startswith("Kay sección nisqata uyariy · ")
    assert "Rimaq: Rosa" in formas[0]["text"] and "Qillqasqata ñawiriy" in formas[0]["text"]
    assert players(site / "index.html")[0]["label"].startswith("Escuchar esta página · ")
    assert "Voz:" not in players(site / "index.html")[0]["text"]  # anonymous: nothing about the speaker
    assert players(site / "en" / "ayuda.html")[0]["label"].startswith("Listen to this page · ")
    assert players(site / "en" / "formas.html") == [] and players(site / "formas.html") == []


def test_only_the_processed_files_are_published(audio_project):
    site = audio_project / "site"
    sounds = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.suffix.lower() in SUFFIXES)
    assert sorted(s.rsplit(".", 2)[0] for s in sounds) == ["audio/index", "ay/audio/señales", "en/audio/ayuda", "qu/audio/formas", "qu/audio/formas--sexual-exploitation", "qu/audio/que-hacer"]
    assert all(s.endswith(".webm") for s in sounds)
    assert {(stream["codec_name"], stream["channels"]) for s in sounds for stream in probe(site / s)["streams"]} == {("opus", 1)}


def test_each_language_zip_holds_its_own_recordings_and_an_audio_only_zip_lists_them(audio_project):
    dist = audio_project / "dist"
    published = {lang: published_recordings(lang, audio_project) for lang in ("es", "en", "qu", "ay")}
    assert [item.name for item in published["qu"]] == ["formas.webm", "formas--sexual-exploitation.webm", "que-hacer.webm"]
    for lang, items in published.items():
        with zipfile.ZipFile(dist / f"{NAME}-{lang}.zip") as archive:
            sounds = sorted(n.split("/sitio/", 1)[1] for n in archive.namelist() if n.endswith(".webm"))
            assert sounds == sorted(item.site_path for item in items)
            assert all(archive.read(f"{NAME}-{lang}/sitio/{item.site_path}") == item.path.read_bytes() for item in items)
        with zipfile.ZipFile(dist / f"{NAME}-{lang}-audio.zip") as archive:
            names = archive.namelist()
            assert names == sorted([f"{NAME}-{lang}-audio/{n}" for n in [i.name for i in items] + ["index.html", "manifest.json"]])
            index = archive.read(f"{NAME}-{lang}-audio/index.html").decode()
            assert all(f'src="{item.name}"' in index and html.escape(item.title) in index for item in items)
            assert "media-src 'self'" in index and 'preload="none"' in index
    with zipfile.ZipFile(dist / f"{NAME}.zip") as archive:
        assert sum(n.endswith(".webm") for n in archive.namelist()) == len(SITE_RECORDINGS)
    listed = {b["file"]: b for b in json.loads((dist / "bundles.json").read_text())["bundles"]}
    assert {f: b["kind"] for f, b in listed.items() if f.endswith("-audio.zip")} == {f"{NAME}-{lang}-audio.zip": "audio" for lang in published}


def test_download_page_lists_the_audio_zip_with_its_size(audio_project):
    page = (audio_project / "site" / "qu" / "descargas.html").read_text(encoding="utf-8")
    size = (audio_project / "dist" / f"{NAME}-qu-audio.zip").stat().st_size
    size_label = html.escape(load_strings()["qu"]["downloads_size"])
    assert f'href="../downloads/{NAME}-qu-audio.zip" download>Grabacionkunalla, runa simipi (.zip)</a><br>{size_label}: {human_size(size)}' in page


def test_single_file_names_the_recordings_instead_of_embedding_them(audio_project):
    single = (audio_project / "dist" / f"{NAME}-qu.html").read_text(encoding="utf-8")
    assert "<audio" not in single and ".webm" not in single.replace("formas.webm", "").replace("formas--sexual-exploitation.webm", "").replace("que-hacer.webm", "")
    item = published_recordings("qu", audio_project)[0]
    assert f"Kaymanta juk grabación kan: formas.webm archivo ({minutes(item.duration)} · {human_size(item.size)}), {NAME}-qu-audio.zip ukhupi" in single
    plain = (audio_project / "dist" / f"{NAME}-es.html").read_text(encoding="utf-8")
    assert "Hay una grabación de esto: el archivo index.webm" in plain
    # Named, not embedded: the file stays within the single file's budget.
    assert len(single.encode()) < SINGLE_FILE_MAX_KB * 1024
