"""Page weight warnings: a page has one budget, a whole language in one download file another."""

from __future__ import annotations

from alerta.build import PAGE_MAX_KB, SINGLE_FILE_MAX_KB, page_sizes
from alerta.config import ROOT


def test_pages_and_single_files_have_their_own_budgets(tmp_path):
    site = tmp_path / "site"
    (site / "downloads").mkdir(parents=True)
    between = (PAGE_MAX_KB + 10) * 1024
    (site / "ayuda.html").write_bytes(b"x" * between)
    (site / "downloads" / "guia-es.html").write_bytes(b"x" * between)
    (site / "downloads" / "guia-qu.html").write_bytes(b"x" * (SINGLE_FILE_MAX_KB + 1) * 1024)
    found = {p.file: p for p in page_sizes(site, ROOT)}
    assert set(found) == {"site/ayuda.html", "site/downloads/guia-qu.html"}
    assert all(p.level == "warning" for p in found.values())
    assert f"más de {PAGE_MAX_KB} KB" in str(found["site/ayuda.html"])
    assert f"El archivo para descargar pesa {SINGLE_FILE_MAX_KB + 1} KB, más de {SINGLE_FILE_MAX_KB} KB" in str(found["site/downloads/guia-qu.html"])
