"""scripts/bench.py --quick: the JSON has every section, every figure is measured.

One quick run (N=15, 1 run, 2 pages in the browser; the peer benchmarks, which
have their own tests, skipped) into a temporary folder: about a minute on an idle
2-core machine. The figures themselves are not asserted (they depend on the
machine), only that they exist, are numbers and are positive where a zero would
mean nothing was measured. How the peers are called is tested with stand-ins.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scripts import bench
from tests.browser import chromium_or_skip
from tests.conftest import ROOT

# Figures that are counts which may rightly be 0 (ours: no third-party request,
# no cached request on a cold view...). Every other number must be > 0.
MAY_BE_ZERO = {"third_party_requests", "cached_requests", "ours_third_party_requests", "stock_third_party_requests", "copied_files"}


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    chromium_or_skip()
    out = tmp_path_factory.mktemp("bench")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--skip-peers", "--out", str(out), "--workdir", str(out / "work")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return out, json.loads((out / "bench.json").read_text(encoding="utf-8")), result.stderr


def numbers(node, path=()):
    """Every (path, value) leaf of the JSON that is not a string."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from numbers(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from numbers(value, (*path, i))
    elif not isinstance(node, str):
        yield path, node


def test_quick_run_writes_every_section_with_measured_figures(quick_run):
    out, data, _ = quick_run
    assert {"environment", "settings", "scale", "stock", "browser", "links", "images", "duration_s"} <= set(data)
    assert data["mode"] == "quick"
    for section in ("scale", "stock", "browser"):
        assert "error" not in data[section], f"{section}: {data[section].get('error')}"
        assert "errors" not in data[section], data[section].get("errors")
    for path, value in numbers({k: data[k] for k in ("scale", "stock", "browser", "environment", "duration_s")}):
        where = "/".join(map(str, path))
        assert value is not None, f"{where} is null: every figure must be measured"
        assert isinstance(value, (int, float)), f"{where} = {value!r}"
        if isinstance(value, bool):
            continue
        assert value >= 0, where
        named = [p for p in path if isinstance(p, str)]
        if not (set(named) & MAY_BE_ZERO):
            assert value > 0, f"{where} is 0"


def test_quick_scale_stages_and_stock_build(quick_run):
    _, data, _ = quick_run
    [size] = data["scale"]["sizes"]
    assert size["pages_per_language"] == 15 and size["languages"] == 4 and size["pages"] == 60
    for stage in ("bundles", "build", "check_links", "images"):  # images: scripts/optimize_images.py alone
        figures = size["stages"][stage]
        assert isinstance(figures["median_s"], float) and len(figures["runs_s"]) == 1
        assert figures["ms_per_page"] >= 0
    assert size["total"]["median_s"] > 0
    assert size["stock_build"]["median_s"] > 0
    assert size["build_ratio_ours_to_stock"] > 0


def test_quick_stock_comparison(quick_run):
    _, data, _ = quick_run
    stock = data["stock"]
    assert stock["build"]["ours_median_s"] > 0 and stock["build"]["stock_median_s"] > 0 and stock["build"]["ratio"] > 0
    assert stock["offline"]["ours_zip_bytes"] > 1000 and stock["offline"]["stock_zip_bytes"] > 1000
    first = stock["first_view"]
    assert first["ours_median_bytes"] > 0 and first["stock_median_bytes"] > 0 and first["bytes_ratio"] > 0
    # The stock stack asks Google Fonts for Roboto; the request is blocked and counted.
    assert first["stock_third_party_requests"] >= 1


def test_quick_browser_figures_and_budgets(quick_run):
    _, data, _ = quick_run
    browser = data["browser"]
    assert browser["chromium"]
    for site in ("ours", "stock"):
        rows = browser[site]["pages"]
        assert [r["page"] for r in rows] == ["index.html", "qu/señales.html"]
        for row in rows:
            assert row["first_view"]["bytes"] > 1000 and row["first_view"]["requests"] >= 1
            assert row["second_view"]["bytes"] > 0 and row["second_view"]["page"] != row["page"]
            assert row["throttled"]["load_ms"] > 0 and row["throttled"]["fcp_ms"] > 0
        assert set(browser[site]["budgets"]) == {"first_view_bytes", "second_view_bytes", "load_ms", "fcp_ms"}
        for check in browser[site]["budgets"].values():
            assert isinstance(check["pass"], bool) and check["worst"] > 0
    assert browser["ours"]["summary"]["third_party_requests"]["max"] == 0
    assert set(browser["ratios"]) >= {"first_view_bytes", "first_view_requests", "load_ms", "fcp_ms"}


def test_quick_peer_sections_are_figures_or_an_error(quick_run):
    _, data, _ = quick_run
    for section in ("links", "images"):
        value = data[section]
        assert isinstance(value, dict)
        if "error" in value:
            assert isinstance(value["error"], str) and value["error"]
        else:
            assert any(isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0 for _, v in numbers(value)), section


def test_peer_run_result_or_error_never_a_crash(tmp_path):
    """bench_links / bench_images are called as run(*args, workdir); any failure becomes {"error": ...}."""
    (tmp_path / "peers").mkdir()
    (tmp_path / "peers" / "good.py").write_text("def run(n, workdir):\n    return {'pages': n * 4, 'seconds': 0.5, 'where': str(workdir)}\n")
    (tmp_path / "peers" / "bad.py").write_text("def run(workdir):\n    raise ValueError('no images here')\n")
    (tmp_path / "peers" / "slow.py").write_text("import time\ndef run(workdir):\n    time.sleep(30)\n")
    good = bench.run_peer("peers.good", [15], tmp_path / "w1", 60, root=tmp_path)
    assert good["pages"] == 60 and good["seconds"] == 0.5 and good["where"] == str(tmp_path / "w1") and good["bench_wall_s"] > 0
    assert "no images here" in bench.run_peer("peers.bad", [], tmp_path / "w2", 60, root=tmp_path)["error"]
    assert "did not finish" in bench.run_peer("peers.slow", [], tmp_path / "w3", 1, root=tmp_path)["error"]
    assert bench.run_peer("peers.missing", [], tmp_path / "w4", 60, root=tmp_path) == {"error": "peers/missing.py is missing"}


def test_quick_markdown_has_tables_and_machine(quick_run):
    out, data, stderr = quick_run
    text = (out / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks")
    assert "| Figure | This site | Stock stack | Ratio (ours / stock) |" in text
    assert "|---|" in text
    for needle in ("cores", "GiB", data["environment"]["mkdocs"], data["environment"]["mkdocs_material"], data["environment"]["mkdocs_static_i18n"], "Chromium"):
        assert needle in text
    assert "pass" in text.lower()
    # A progress line per stage went to stderr.
    for stage in ("bundles", "online build", "link check", "stock build", "browser ours"):
        assert stage in stderr


def test_synthetic_copy_keeps_links_and_nav(tmp_path):
    """The page copies link to the same copy, and the copy's nav lists them all."""
    project = bench.copy_project(tmp_path / "p")
    shape = bench.make_synthetic(project, 23)
    assert shape["pages_per_language"] == 23
    config = bench.read_config(project / "mkdocs.yml")
    nav = bench.nav_pages(config["nav"])
    assert len(nav) == 23 and len(set(nav)) == 23
    es = project / "docs" / "es"
    assert sorted(p.name for p in es.glob("*-002.md")) == sorted(p for p in nav if p.endswith("-002.md"))
    index = (es / "index-001.md").read_text(encoding="utf-8")
    assert "](formas-001.md)" in index and "](formas.md)" not in index
    # Only pages that exist in the copy set are renamed.
    assert bench.rewrite_links("[a](x.md#y) [b](ayuda.md#no-number)", {"ayuda.md": "ayuda-003.md"}) == "[a](x.md#y) [b](ayuda-003.md#no-number)"


def test_gzip_server_counts_bytes_and_revalidates(tmp_path):
    import urllib.request

    (tmp_path / "index.html").write_text("<p>" + "hola " * 2000 + "</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("no", encoding="utf-8")
    with bench.SiteServer(tmp_path) as server:
        request = urllib.request.Request(server.origin + "/index.html", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            body = response.read()
            assert response.headers["Content-Encoding"] == "gzip"
            etag = response.headers["ETag"]
        assert len(body) < 1000
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(server.origin + "/nope.html")
        assert missing.value.code == 404
        request = urllib.request.Request(server.origin + "/index.html", headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
        with pytest.raises(urllib.error.HTTPError) as cached:
            urllib.request.urlopen(request)
        assert cached.value.code == 304
        log = server.entries()
    assert [e["status"] for e in log] == [200, 404, 304]
    assert log[0]["bytes"] > len(body) and log[0]["raw"] == 10007
