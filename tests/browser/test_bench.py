"""`python -m bench --quick` writes every section with measured figures.

One quick run (N=20, 1 run, 2 pages in the browser; the peer benchmarks skipped) into a temporary
folder, started from that folder (the benchmark must not depend on the current directory). The
figures themselves are not asserted (they depend on the machine), only that they exist, are numbers
and are positive where a zero would mean nothing was measured.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from alerta.config import site_config
from bench.browser import sample_pages
from bench.report import render_markdown
from bench.timing import ENV
from tests.support.browser import chromium_or_skip

CONFIG = site_config()

# Figures that are counts which may rightly be 0 (ours: no third-party request,
# no cached request on a cold view...). Every other number must be > 0.
MAY_BE_ZERO = {"third_party_requests", "cached_requests", "ours_third_party_requests", "stock_third_party_requests", "copied_files"}


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory):
    chromium_or_skip()
    out = tmp_path_factory.mktemp("bench")
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--skip-peers", "--out", str(out), "--workdir", str(out / "work")],
        cwd=out,
        capture_output=True,
        text=True,
        env=ENV,
        timeout=900,
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
    assert data["command"] == f"python -m bench --quick --skip-peers --out {out} --workdir {out / 'work'}"
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
    assert not (out / "work").exists(), "the work folder is removed without --keep"


def test_quick_scale_stages_and_stock_build(quick_run):
    _, data, _ = quick_run
    [size] = data["scale"]["sizes"]
    languages = len(CONFIG.codes)
    assert size["pages_per_language"] == 20 and size["languages"] == languages and size["pages"] == 20 * languages
    assert size["copied_files"] == (20 - len(CONFIG.nav)) * languages
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
    assert stock["pages"] == len(CONFIG.nav) * len(CONFIG.codes)
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
    sample = sample_pages(CONFIG)
    for site in ("ours", "stock"):
        rows = browser[site]["pages"]
        assert [r["page"] for r in rows] == [sample[0], sample[-1]]
        for row in rows:
            assert row["first_view"]["bytes"] > 1000 and row["first_view"]["requests"] >= 1
            assert row["second_view"]["bytes"] > 0 and row["second_view"]["page"] != row["page"]
            assert row["throttled"]["load_ms"] > 0 and row["throttled"]["fcp_ms"] > 0
        assert set(browser[site]["budgets"]) == {"first_view_bytes", "second_view_bytes", "load_ms", "fcp_ms"}
        for check in browser[site]["budgets"].values():
            assert isinstance(check["pass"], bool) and check["worst"] > 0
    assert browser["ours"]["summary"]["third_party_requests"]["max"] == 0
    assert set(browser["ratios"]) >= {"first_view_bytes", "first_view_requests", "load_ms", "fcp_ms"}


def test_quick_peer_sections_say_they_were_skipped(quick_run):
    _, data, _ = quick_run
    assert data["links"] == data["images"] == {"error": "skipped (--skip-peers)"}


def test_quick_markdown_has_tables_and_machine(quick_run):
    out, data, stderr = quick_run
    text = (out / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert text == render_markdown(data)
    assert text.startswith("# Benchmarks\n\nWritten by `python -m bench --quick --skip-peers")
    assert "| Figure | This site | Stock stack | Ratio (ours / stock) |" in text
    assert "|---|" in text
    for needle in ("cores", "GiB", data["environment"]["mkdocs"], data["environment"]["mkdocs_material"], data["environment"]["mkdocs_static_i18n"], "Chromium"):
        assert needle in text
    assert "pass" in text.lower()
    assert "## Link checker (bench/links.py)\n\nNot measured: skipped (--skip-peers)" in text
    # A progress line per stage went to stderr.
    for stage in ("bundles", "online build", "link check", "stock build", "browser ours"):
        assert stage in stderr
