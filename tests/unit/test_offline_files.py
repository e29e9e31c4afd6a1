"""Download page text for the signed list and inside an offline copy; root keywords; the file-check form."""

from __future__ import annotations

import html

from alerta.downloads import offline_note, render
from alerta.file_check import MESSAGES
from alerta.file_check import render as check_form
from alerta.offline.zim import roots
from alerta.strings import load_strings

BUNDLE = {"file": "guia-qu.zim", "kind": "zim", "language": "qu", "size": 215000, "sha256": "ab" * 32, "date": "2026-01-02"}


def test_download_page_lists_a_zim_and_labels_the_development_key():
    strings = load_strings()
    page = render([BUNDLE], "es", 0, strings, {"public_key": "KEY=", "development": True})
    assert "Biblioteca para Kiwix en runa simi (.zim)" in page
    assert 'href="downloads/SHA256SUMS"' in page and 'href="downloads/SHA256SUMS.sig"' in page
    assert '<code class="public-key">KEY=</code>' in page and strings["es"]["downloads_dev_key"] in page
    assert strings["es"]["downloads_dev_key"] not in render([BUNDLE], "es", 0, strings, {"public_key": "KEY=", "development": False})


def test_offline_copy_says_where_the_files_are():
    strings = load_strings()["qu"]
    assert html.escape(strings["downloads_offline"]) in offline_note(strings, None) and "<a" not in offline_note(strings, None)
    assert 'href="https://example.org/qu/descargas.html"' in offline_note(strings, "https://example.org/qu/descargas.html")


def test_roots_are_the_beginnings_of_words_with_and_without_accents():
    found = roots("Pakallapi ñit'iy").split()
    assert {"pak", "paka", "pakalla", "ñit", "ñit'i", "nit'iy"} <= set(found)
    assert "pakallap" not in found, "no beginning longer than a root"


def test_file_check_form_carries_every_message_in_the_language():
    form = check_form(load_strings()["ay"])
    assert all(f"data-{key}=" in form for key in MESSAGES) and "hidden" in form and "<noscript>" in form
