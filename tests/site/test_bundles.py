"""Offline bundles: contents, reproducibility, verify, atomic writes, links as file:// opens them."""

from __future__ import annotations

import html
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from alerta.config import ROOT
from alerta.contacts import load_contacts
from alerta.csp import source_hash
from alerta.directory import as_of, as_of_sentence
from alerta.offline import build as offline
from alerta.offline.meta import bundle_name, sha256
from alerta.offline.signing import development_signer, signed_by
from alerta.offline.single_file import quick_exit_script
from alerta.offline.verify import verify
from alerta.strings import load_strings
from tests.conftest import LANGUAGES

NAME = bundle_name()


def test_every_bundle_exists_with_neutral_names(dist):
    names = {p.name for p in dist.iterdir()}
    core = {f"{NAME}.zip", f"{NAME}.zim", "SHA256SUMS", "SHA256SUMS.sig", "SHA256SUMS.js", "bundles.json"}
    for lang in LANGUAGES:
        core |= {f"{NAME}-{lang}.zip", f"{NAME}-{lang}.html", f"{NAME}-{lang}.zim"}
        # What a Defender prints and shares comes in every language too.
        core |= {f"{NAME}-tarjeta-{lang}.pdf", f"{NAME}-afiche-a4-{lang}.pdf", f"{NAME}-cuadernillo-{lang}.pdf",
                 f"{NAME}-mensaje-{lang}.txt", f"{NAME}-imagen-1-{lang}.png"}
    assert core <= names
    assert all(n.startswith(f"{NAME}") or n.startswith("SHA256SUMS") or n == "bundles.json" for n in names)
    assert not any("trata" in n or "traffick" in n for n in names)


def test_sha256sums_and_bundle_list_match_files(dist):
    listed = json.loads((dist / "bundles.json").read_text())["bundles"]
    sums = dict(line.split("  ")[::-1] for line in (dist / "SHA256SUMS").read_text().splitlines())
    files = {p.name for p in dist.iterdir()} - {"SHA256SUMS", "SHA256SUMS.sig", "SHA256SUMS.js", "bundles.json"}
    assert sorted(b["file"] for b in listed) == sorted(files) == sorted(sums)
    for bundle in listed:
        data = (dist / bundle["file"]).read_bytes()
        assert bundle["size"] == len(data)
        assert sums[bundle["file"]] == bundle["sha256"] == sha256(data)


def test_zip_has_start_page_manifest_and_utf8_names(dist):
    with zipfile.ZipFile(dist / f"{NAME}.zip") as archive:
        names = archive.namelist()
        assert f"{NAME}/index.html" in names and f"{NAME}/manifest.json" in names
        info = archive.getinfo(f"{NAME}/sitio/señales.html")
        assert info.flag_bits & 0x800, "UTF-8 flag for non-ASCII names"
        assert (info.external_attr >> 16) & 0o777 == 0o644
        assert names == sorted(names)
        manifest = json.loads(archive.read(f"{NAME}/manifest.json"))
        assert manifest["languages"] == list(LANGUAGES)
        assert manifest["contacts"] == as_of(load_contacts()) and manifest["built"] and manifest["version"]
        start = archive.read(f"{NAME}/index.html").decode()
        # The oldest date of the directory, not the newest, and how many no one has confirmed.
        assert html.escape(as_of_sentence(manifest["contacts"], load_strings()["es"])) in start and manifest["built"] in start
        assert manifest["contacts"]["oldest"] == min(c.as_of for c in load_contacts() if c.as_of)


def test_pruned_of_what_a_phone_never_needs(dist):
    with zipfile.ZipFile(dist / f"{NAME}.zip") as archive:
        names = archive.namelist()
    assert not [n for n in names if n.endswith(".map")]
    assert not [n for n in names if "/lunr/" in n or "/workers/" in n or "bundle." in n]
    assert not [n for n in names if "sitemap" in n]
    assert sum(1 for n in names if n.endswith("search_index.json")) == 0


def test_per_language_zip_holds_only_its_language(dist):
    with zipfile.ZipFile(dist / f"{NAME}-qu.zip") as archive:
        names = archive.namelist()
        pages = [n for n in names if n.endswith(".html") and "/sitio/" in n and "/assets/" not in n]
        assert pages and all(f"{NAME}-qu/sitio/qu/" in n for n in pages)
        assert [n for n in names if "/assets/search/" in n] == [f"{NAME}-qu/sitio/assets/search/qu.js"]
        page = archive.read(f"{NAME}-qu/sitio/qu/ayuda.html").decode()
        assert 'hreflang="es"' not in page and 'hreflang="en"' not in page


def test_single_file_is_self_contained(dist):
    for lang in LANGUAGES:
        text = (dist / f"{NAME}-{lang}.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in text
        # One script, the quick exit, allowed by its hash in the file's own policy.
        assert text.count("<script") == 1 and f"script-src {source_hash(quick_exit_script())}" in text
        assert 'href="tel:110"' in text
        assert 'class="contact contact--' in text, "the directory is included"
        assert "<link" not in text and ' src="http' not in text and " src=\"../" not in text
        # Internal links are anchors inside the file.
        import re

        hrefs = re.findall(r'href="([^"]+)"', text)
        internal = [h for h in hrefs if not h.startswith(("#", "tel:", "mailto:", "http"))]
        assert internal == ["about:blank"], "only the quick exit leaves the file"
        # "#top" only from the "back to the contents" links, never for a page the file does not hold.
        assert text.count('href="#top"') == text.count('class="top-link"')
        ids = set(re.findall(r'id="([^"]+)"', text))
        missing = [h for h in hrefs if h.startswith("#") and h[1:] not in ids]
        assert missing == []


def test_second_run_gives_identical_bytes(offline_site, dist, tmp_path):
    again = tmp_path / "again"
    offline.package(offline_site, again)
    for path in sorted(dist.iterdir()):
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name


def english(texts) -> list[str]:
    return [text.en for text in texts]


def test_verify_passes_then_names_altered_and_missing_files(dist, tmp_path):
    source = dist / f"{NAME}-es.zip"
    assert verify(source) == []
    assert verify(dist / f"{NAME}-es.html") == []

    with zipfile.ZipFile(source) as archive:
        entries = {i.filename: archive.read(i) for i in archive.infolist()}
    target = f"{NAME}-es/sitio/formas.html"

    altered = dict(entries)
    data = bytearray(altered[target])
    data[100] ^= 0x01
    altered[target] = bytes(data)
    bad = tmp_path / "altered.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        for name, content in altered.items():
            archive.writestr(name, content)
    assert english(verify(bad)) == ["altered.zip: altered file sitio/formas.html (SHA-256 does not match the manifest)"]

    missing = tmp_path / "missing.zip"
    with zipfile.ZipFile(missing, "w") as archive:
        for name, content in entries.items():
            if name != target:
                archive.writestr(name, content)
    assert english(verify(missing)) == ["missing.zip: missing file sitio/formas.html"]

    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "package_offline.py"), "verify", str(missing)], capture_output=True, text=True)
    assert result.returncode == 1 and "missing.zip: falta el archivo sitio/formas.html" in result.stderr


def test_verify_single_file_against_sha256sums(dist, tmp_path):
    copy = tmp_path / f"{NAME}-qu.html"
    copy.write_bytes((dist / copy.name).read_bytes().replace(b"<main>", b"<main> "))
    (tmp_path / "SHA256SUMS").write_bytes((dist / "SHA256SUMS").read_bytes())
    assert english(verify(copy)) == [f"{copy.name}: NOT the published file: its SHA-256 differs, it was changed or damaged in copying"]


def tampered(dist: Path, tmp_path: Path) -> Path:
    """A re-shared bundle whose help number was changed, with its manifest rewritten to match."""
    with zipfile.ZipFile(dist / f"{NAME}-es.zip") as archive:
        entries = {i.filename: archive.read(i) for i in archive.infolist()}
    page = f"{NAME}-es/sitio/ayuda.html"
    entries[page] = entries[page].replace(b'href="tel:110"', b'href="tel:+59170000001"')
    manifest = json.loads(entries[f"{NAME}-es/manifest.json"])
    for entry in manifest["files"]:
        if entry["path"] == "sitio/ayuda.html":
            entry.update(size=len(entries[page]), sha256=sha256(entries[page]))
    entries[f"{NAME}-es/manifest.json"] = json.dumps(manifest).encode()
    out = tmp_path / "shared" / f"{NAME}-es.zip"
    out.parent.mkdir()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out


def test_a_tampered_bundle_with_its_manifest_rewritten_fails_against_the_published_list(dist, tmp_path):
    bundle = tampered(dist, tmp_path)
    assert verify(bundle) == [], "its own manifest cannot tell"
    published = dist / "SHA256SUMS"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "package_offline.py"), "verify", str(bundle), "--sums", str(published)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"{NAME}-es.zip: NO es el archivo publicado: su huella (SHA-256) es otra, alguien lo cambió o se dañó al copiarlo" in result.stderr
    assert "Qué hacer: no lo use ni lo reenvíe: descargue de nuevo la copia del sitio, o pídala a alguien que tenga la original." in result.stderr
    ok = subprocess.run([sys.executable, str(ROOT / "scripts" / "package_offline.py"), "verify", str(dist / f"{NAME}-es.zip"), "--sums", str(published)], capture_output=True, text=True)
    assert ok.returncode == 0 and f"{NAME}-es.zip: es el original." in ok.stdout


def test_verify_reads_the_published_list_from_its_address(dist, tmp_path):
    """--sums may be the list's address on the site (tested on 127.0.0.1 only)."""
    import functools
    import http.server
    import threading

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(dist))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/SHA256SUMS"
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "package_offline.py"), "verify", str(tampered(dist, tmp_path)), "--sums", url], capture_output=True, text=True)
    finally:
        server.shutdown()
    assert result.returncode == 1 and "NO es el archivo publicado" in result.stderr


def test_interrupted_run_leaves_previous_bundles_untouched(offline_site, dist, tmp_path, monkeypatch):
    previous = tmp_path / "dist"
    previous.mkdir()
    for path in dist.iterdir():
        (previous / path.name).write_bytes(path.read_bytes())
    before = {p.name: p.read_bytes() for p in previous.iterdir()}

    calls = {"n": 0}
    real = offline.build_single_page

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("disk full (simulated)")
        return real(*args, **kwargs)

    monkeypatch.setattr(offline, "build_single_page", failing)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # would change every byte
    with pytest.raises(OSError):
        offline.package(offline_site, previous)
    after = {p.name: p.read_bytes() for p in previous.iterdir()}
    assert after == before


def test_bundles_refer_to_nothing_outside_themselves(unpacked):
    """The link checker, run over each unpacked bundle, from file:// rules."""
    for folder in sorted(unpacked.iterdir()):
        result = subprocess.run(
            [sys.executable, "scripts/check_links.py", str(folder), "--offline"], cwd=ROOT, capture_output=True, text=True
        )
        assert result.returncode == 0, f"{folder.name}:\n{result.stdout}{result.stderr}"


def test_published_list_is_signed_and_shown_as_the_development_key(dist):
    listing = json.loads((dist / "bundles.json").read_text())
    key = development_signer().public
    assert listing["signing"] == {"public_key": key, "development": True}
    assert signed_by((dist / "SHA256SUMS").read_bytes(), (dist / "SHA256SUMS.sig").read_bytes(), key)
    script = (dist / "SHA256SUMS.js").read_text()
    assert all(f'"{b["file"]}":"{b["sha256"]}"' in script for b in listing["bundles"])


def test_a_list_re_signed_with_another_key_fails_verify(dist, tmp_path):
    """Someone changes a bundle, rewrites SHA256SUMS to match and signs it with a key of their own."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from alerta.offline.signing import Signer, sign

    bundle = tampered(dist, tmp_path)
    sums = (dist / "SHA256SUMS").read_text().replace(sha256((dist / bundle.name).read_bytes()), sha256(bundle.read_bytes())).encode()
    (bundle.parent / "SHA256SUMS").write_bytes(sums)
    (bundle.parent / "SHA256SUMS.sig").write_bytes(sign(sums, Signer(Ed25519PrivateKey.generate(), development=False)))
    assert verify(bundle) == [], "the list matches the file: only the signature can tell"
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "package_offline.py"), "verify", str(bundle)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "la firma de la lista SHA256SUMS no es válida: alguien cambió la lista o la firmó con otra clave" in result.stderr
