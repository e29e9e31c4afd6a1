"""The Content-Security-Policy and the search index's words, as functions."""

from __future__ import annotations

import base64
import hashlib

from alerta.csp import headers_file, policy, source_hash
from alerta.search import normalize, page_sections


def test_inline_code_is_allowed_by_its_hash_only():
    digest = base64.b64encode(hashlib.sha256(b"x()").digest()).decode()
    assert source_hash("x()") == f"'sha256-{digest}'"
    value = policy([source_hash("x()")], [source_hash("a{}")])
    assert source_hash("x()") in value.split("script-src")[1].split(";")[0]
    assert source_hash("a{}") in value.split("style-src")[1].split(";")[0]
    assert "unsafe-inline" not in value and "frame-ancestors" not in value
    assert "frame-ancestors 'none'" in headers_file()


def test_normalize_strips_accents_keeps_apostrophes():
    assert normalize("Señales ÁRBOL p’unchaw") == "senales arbol p'unchaw"


def test_page_sections_split_at_headings_and_skip_code():
    content = '<p>Intro <b>uno</b></p><h2 id="a">Título <em>A</em></h2><p>Texto &amp; más</p><script>no()</script><h3 id="b">B</h3>'
    entries = page_sections(content, "p.html", "Página")
    assert [(e["u"], e["h"], e["x"]) for e in entries] == [("p.html", "", "Intro uno"), ("p.html#a", "Título A", "Texto & más"), ("p.html#b", "B", "")]
    assert entries[1]["w"] == "pagina titulo a texto mas"
