"""The audio pipeline (alerta.audio): phone recordings of every accepted kind in, small clean Opus out.

The recordings are made for the session in a temporary folder (tests/support/audio.py);
the repository ships none.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from alerta.audio import SUFFIXES
from alerta.audio.cache import Cache
from alerta.audio.process import STATS, TARGET_LUFS, minutes, process_recording
from alerta.audio.settings import AudioError, Settings
from alerta.config import cache_dir
from tests.support.audio import ENCODINGS, PAD_S, generated, integrated_loudness, probe

BUDGET_BYTES_PER_SECOND = 3500  # 3.5 KB a second, 210 KB a minute


def published_file(result, tmp_path: Path) -> Path:
    path = tmp_path / result.name
    path.write_bytes(result.read())
    return path


def test_every_accepted_kind_is_made(phone_recordings):
    assert set(phone_recordings) == set(ENCODINGS) == SUFFIXES
    assert {probe(p)["streams"][0]["channels"] for p in phone_recordings.values()} == {2}


@pytest.mark.parametrize("suffix", sorted(ENCODINGS))
def test_published_file_is_mono_opus_in_webm_within_budget_at_target_loudness_with_no_tag(suffix, phone_recordings, published_audio, tmp_path):
    result = published_audio[suffix]
    path = published_file(result, tmp_path)
    info = probe(path)
    (stream,) = info["streams"]
    assert info["format"]["format_name"] == "matroska,webm"
    assert (stream["codec_name"], stream["channels"], stream["sample_rate"]) == ("opus", 1, "48000")
    duration = float(info["format"]["duration"])
    assert result.duration == pytest.approx(duration, abs=0.01)
    assert path.stat().st_size / duration <= BUDGET_BYTES_PER_SECOND
    assert abs(integrated_loudness(path) - TARGET_LUFS) <= 1.0
    # Nothing from the phone: only what a seekable WebM always carries (the muxer, no version; the track's length).
    assert info["format"].get("tags", {}) == {"encoder": "Lavf"}
    assert set(stream.get("tags", {})) == {"DURATION"}
    assert b"SECRET" not in path.read_bytes() and b"Lavc" not in path.read_bytes()
    # The room noise before and after the speech is cut (each end keeps a fraction of a second).
    source = float(probe(phone_recordings[suffix])["format"]["duration"])
    assert source - 2 * PAD_S - 0.6 <= duration <= source - 2 * PAD_S + 1.0
    assert result.name.startswith("phone.") and result.name.endswith(".webm")


@pytest.mark.parametrize("suffix", [".opus", ".m4a"])
def test_same_input_gives_the_same_bytes(suffix, phone_recordings, published_audio, tmp_path):
    again = process_recording(phone_recordings[suffix], cache=Cache(tmp_path / "fresh"), root=tmp_path)
    assert not again.cached
    assert again.read() == published_audio[suffix].read()


def test_unchanged_recording_comes_from_the_cache(phone_recordings, published_audio, tmp_path):
    encodes = STATS["encodes"]
    started = time.perf_counter()
    copy = tmp_path / "otro-nombre.wav"
    copy.write_bytes(phone_recordings[".wav"].read_bytes())
    again = process_recording(copy, cache=Cache(cache_dir() / "audio"), root=tmp_path)
    assert again.cached and STATS["encodes"] == encodes
    assert time.perf_counter() - started < 2
    assert again.digest == published_audio[".wav"].digest and again.name == f"otro-nombre.{again.digest[:8]}.webm"


def error_of(path: Path, settings: Settings = Settings()) -> str:
    with pytest.raises(AudioError) as caught:
        process_recording(path, settings, cache=None, root=path.parents[3])
    (problem,) = caught.value.problems
    return str(problem)


def test_unreadable_empty_silent_short_long_and_soundless_files_name_the_file(tmp_path):
    audio = tmp_path / "docs" / "qu" / "audio"
    audio.mkdir(parents=True)
    (audio / "rota.mp3").write_text("esto no es una grabación", encoding="utf-8")
    assert error_of(audio / "rota.mp3") == (
        "docs/qu/audio/rota.mp3: No se puede leer la grabación: está vacía, dañada o no es un archivo de sonido. "
        "Qué hacer: grábela o envíela de nuevo (en WhatsApp: reenvíe la nota de voz) y reemplace el archivo."
    )
    (audio / "vacia.opus").write_bytes(b"")
    assert error_of(audio / "vacia.opus").startswith("docs/qu/audio/vacia.opus: No se puede leer la grabación")
    generated(audio / "muda.wav", "anullsrc=r=16000:cl=mono:d=5")
    assert error_of(audio / "muda.wav") == (
        "docs/qu/audio/muda.wav: La grabación está en silencio: casi no se oye nada (volumen medido: -70 LUFS). "
        "Qué hacer: revise que el micrófono no esté tapado y grábela de nuevo, con el teléfono cerca de la boca."
    )
    generated(audio / "corta.wav", "sine=f=440:d=1")
    assert error_of(audio / "corta.wav").startswith("docs/qu/audio/corta.wav: La grabación dura solo 1,0 segundos sin los silencios del principio y del final; lo mínimo es 2.")
    generated(audio / "larga.ogg", "sine=f=300:d=8")
    assert error_of(audio / "larga.ogg", Settings(max_seconds=5)).startswith("docs/qu/audio/larga.ogg: La grabación dura 0:07, más que el máximo de 0:05. Qué hacer: grabe cada sección por separado")
    generated(audio / "dibujo.webm", "color=c=red:s=64x64:d=3")
    assert error_of(audio / "dibujo.webm").startswith("docs/qu/audio/dibujo.webm: El archivo no tiene sonido: no hay ninguna pista de audio dentro.")


def test_missing_ffmpeg_is_said_with_how_to_get_it(tmp_path, monkeypatch):
    path = generated(tmp_path / "tono.wav", "sine=f=440:d=3")
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    message = error_of(path)
    assert "falta el programa ffmpeg, ffprobe en esta computadora" in message and "ejecute make site (instala ffmpeg si falta)" in message


def test_settings_from_mkdocs_yml():
    assert Settings.from_extra({"max_seconds": 600, "min_seconds": 3}) == Settings(min_seconds=3, max_seconds=600)
    for bad, said in (({"max_secs": 3}, "no se conoce(n) max_secs"), ({"max_seconds": "mucho"}, "son segundos"), ({"min_seconds": 9, "max_seconds": 5}, "0 < min_seconds < max_seconds")):
        with pytest.raises(AudioError) as caught:
            Settings.from_extra(bad)
        assert caught.value.problems[0].file == "mkdocs.yml" and said in str(caught.value)


def test_minutes_as_players_show_them():
    assert [minutes(s) for s in (9.9, 130.4, 3723)] == ["0:09", "2:10", "1:02:03"]


def test_command_prepares_every_recording_and_names_a_bad_one(phone_recordings, published_audio, tmp_path, capsys):
    from scripts import process_audio

    docs = tmp_path / "docs"
    (docs / "qu" / "audio").mkdir(parents=True)
    (docs / "qu" / "formas.md").write_text('---\ntitle: "Formas"\ndescription: "x"\ntranslation: draft\nrecording_consent: yes\n---\n\n# Formas\n', encoding="utf-8")
    (docs / "qu" / "audio" / "formas.opus").write_bytes(phone_recordings[".opus"].read_bytes())
    assert process_audio.main([str(docs), "--out", str(tmp_path / "out")]) == 0
    printed = capsys.readouterr().out
    # The same bytes as the same recording under another name: the cache answered, under the page's name.
    assert f" -> formas.{published_audio['.opus'].digest[:8]}.webm " in printed and "(cached)" in printed
    assert (tmp_path / "out" / "qu" / "audio").is_dir() and len(list((tmp_path / "out" / "qu" / "audio").iterdir())) == 1
    (docs / "qu" / "audio" / "formas--nada.wav").write_text("nada", encoding="utf-8")
    assert process_audio.main([str(docs), "--check"]) == 1
    assert "formas--nada.wav: La página docs/qu/formas.md no tiene una sección con el id 'nada'" in capsys.readouterr().err
