"""Kiwix files: zimcheck (Debian's zim-tools) on every ZIM, the metadata read back with libzim, root-word search."""

from __future__ import annotations

import io
import json
import shutil
import subprocess

import pytest
from libzim.reader import Archive
from libzim.search import Query, Searcher
from PIL import Image

from alerta.config import site_config
from alerta.offline.meta import bundle_name
from alerta.offline.zim import DESCRIPTION_MAX, TITLE_MAX, page_index
from alerta.search import words
from alerta.strings import load_strings
from tests.conftest import LANGUAGES

NAME = bundle_name()
ISO = {"es": "spa", "en": "eng", "qu": "quh", "ay": "ayr"}
# Roots that no page holds as a whole word, only with suffixes (pakallapi, mistuñataki...).
ROOTS = {"qu": "pakalla", "ay": "mistu"}


def zims(dist):
    return sorted(dist.glob("*.zim"))


def test_a_zim_per_language_and_one_with_all(dist):
    assert [p.name for p in zims(dist)] == sorted([f"{NAME}.zim"] + [f"{NAME}-{lang}.zim" for lang in LANGUAGES])


def test_zimcheck_passes_on_every_zim(dist):
    zimcheck = shutil.which("zimcheck")
    if zimcheck is None:
        pytest.fail("zimcheck is missing: `make kiwix` installs Debian's zim-tools")
    for path in zims(dist):
        result = subprocess.run([zimcheck, "-A", str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and "Overall Test Status: Pass" in result.stdout, f"{path.name}:\n{result.stdout}{result.stderr}"


def test_metadata_as_kiwix_requires(dist):
    strings = load_strings()
    dates = {b["file"]: b["date"] for b in json.loads((dist / "bundles.json").read_text())["bundles"]}
    for lang in [*LANGUAGES, None]:
        archive = Archive(dist / (f"{NAME}-{lang}.zim" if lang else f"{NAME}.zim"))
        meta = {key: archive.get_metadata(key).decode("utf-8") for key in archive.metadata_keys if not key.startswith("Illustration")}
        text_lang = lang or site_config().default.code
        assert meta["Name"] == f"{NAME}_{lang or 'all'}"
        assert meta["Title"] == strings[text_lang]["zim_title" if lang else "zim_title_all"] and len(meta["Title"]) <= TITLE_MAX
        assert meta["Description"] == strings[text_lang]["zim_description"] and len(meta["Description"]) <= DESCRIPTION_MAX
        assert meta["Language"] == (ISO[lang] if lang else ",".join(ISO[code] for code in LANGUAGES))
        assert meta["Creator"] and meta["Publisher"] and meta["Date"] == dates[archive.filename.name]
        assert archive.has_fulltext_index and archive.has_title_index and archive.has_checksum and archive.check()
        with Image.open(io.BytesIO(bytes(archive.get_illustration_item(48).content))) as picture:
            assert picture.format == "PNG" and picture.size == (48, 48)
        main = archive.main_entry.get_item()
        assert main.path == (site_config().prefix(lang) if lang else "") + "index.html" and main.mimetype == "text/html"


def test_pages_hold_no_absolute_url_to_load(dist):
    """openZIM: links inside the file are relative; nothing is loaded from outside."""
    archive = Archive(dist / f"{NAME}-qu.zim")
    for index in range(archive.all_entry_count):
        entry = archive._get_entry_by_id(index)
        if entry.is_redirect or not entry.path.endswith(".html"):
            continue
        page = bytes(entry.get_item().content).decode("utf-8")
        assert ' src="/' not in page and ' href="/' not in page and ' src="http' not in page, entry.path


def root_pages(archive: Archive, lang: str) -> tuple[set[str], set[str]]:
    """The language's pages holding words that start with its root word, and those holding the root word alone."""
    root = ROOTS[lang]
    holding, whole = set(), set()
    for index in range(archive.all_entry_count):
        entry = archive._get_entry_by_id(index)
        if entry.is_redirect or not entry.path.endswith(".html") or not entry.path.startswith(f"{lang}/"):
            continue
        index = page_index(bytes(entry.get_item().content).decode("utf-8"), with_roots=False)
        found = words(index.content) if index else []
        whole |= {entry.path} if root in found else set()
        holding |= {entry.path} if any(w.startswith(root) for w in found) else set()
    return holding, whole


@pytest.mark.parametrize("lang", ["qu", "ay"])
def test_a_root_word_finds_the_pages_that_only_hold_it_with_suffixes(dist, lang):
    """Quechua and Aymara have no stemmer: the root keywords are what finds them."""
    archive = Archive(dist / f"{NAME}-{lang}.zim")
    root = ROOTS[lang]
    holding, whole = root_pages(archive, lang)
    assert holding and not whole, f"{root!r} should appear only with suffixes on {lang} pages"
    results = Searcher(archive).search(Query().set_query(root))
    assert set(results.getResults(0, 50)) >= holding
