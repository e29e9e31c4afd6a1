"""`python -m bench --quick` writes every section with measured figures.

One quick run (N=20, 1 run, 2 pages x 2 profiles x 3 sites in the browser; the peer benchmarks
skipped) into a temporary folder, started from that folder (the benchmark must not depend on the
current directory). The timings themselves are not asserted (they depend on the machine), only that
they exist, are numbers and are positive where a zero would mean nothing was measured; what the
pages are made of is (no render-blocking request on our inlined page, one on the one-file variant,
the stock site's Google Fonts stylesheet served by the stand-in and counted as third-party).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from alerta.config import site_config
from bench.browser import PROFILES, SITES, sample_pages
from bench.report import render_markdown
from bench.timing import ENV
from tests.support.browser import chromium_or_skip

CONFIG = site_config()

# Figures that are counts which may rightly be 0 (ours: no third-party request,
# no cached request on a cold view...). Every other number must be > 0.
MAY_BE_ZERO = {"third_party_requests", "third_party_bytes", "failed_third_party_requests", "render_blocking_requests", "copied_files"}


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
        if not (set(named) & MAY_BE_ZERO) and named[-2:] != ["render_blocking", "requests"]:  # ours: none besides the HTML
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
    assert set(stock["first_view"]) == set(PROFILES)
    for figures in stock["first_view"].values():
        assert figures["fcp_ms"]["ours"] > 0 and figures["fcp_ms"]["stock"] > 0
        # The stock stack asks Google Fonts for Roboto; the stand-in answers, counted as third-party.
        assert figures["third_party_requests"]["ours"] == 0 and figures["third_party_requests"]["stock"] >= 2


def test_quick_browser_three_sites_two_profiles_same_pages(quick_run):
    _, data, _ = quick_run
    browser = data["browser"]
    assert browser["chromium"] and "errors" not in browser
    assert browser["pages_per_profile"] == {profile: 2 for profile in PROFILES} and browser["inline_css"] is True
    sample = sample_pages(CONFIG)
    rows = browser["pages"]
    first_text = next(p for p in (r["page"] for r in rows) if p != sample[0])
    assert [r["page"] for r in rows] == [sample[0], first_text] and rows[1]["text"] and not rows[0]["text"]
    for row in rows:
        assert set(row["views"]) == set(PROFILES)
        for profile, sites in row["views"].items():
            assert set(sites) == set(SITES), (row["page"], profile)
            for site, views in sites.items():
                first, second = views["first"], views["second"]
                assert first["fcp_ms"] > 0 and first["load_ms"] > 0 and first["dcl_ms"] > 0
                assert first["before_load"]["bytes"] > 1000 and first["until_idle"]["bytes"] >= first["before_load"]["third_party_bytes"]
                assert first["render_blocking"]["html_bytes"] > 1000
                assert second["fcp_ms"] > 0 and second["before_load"]["bytes"] > 0
            # What each page is made of, whatever the machine.
            assert sites["ours"]["first"]["render_blocking"]["requests"] == 0
            assert sites["ours_file"]["first"]["render_blocking"]["requests"] == 1
            stock = sites["stock"]["first"]
            assert stock["render_blocking"]["requests"] >= 2 and stock["until_idle"]["third_party_bytes"] > 0
            assert stock["third_party_origins"] == ["https://fonts.googleapis.com", "https://fonts.gstatic.com"]
            assert stock["before_load"]["third_party_requests"] >= 1
    # The slow profile is slower for every site.
    summary = browser["summary"]
    for site in SITES:
        assert summary["slow3g"][site]["fcp_ms"]["median"] > summary["project"][site]["fcp_ms"]["median"]
    for site in SITES:
        checks = browser["budgets"][site]["checks"]
        assert {"render_blocking_bytes", "render_blocking_requests", "before_load_bytes", "fcp_ms_project", "fcp_ms_slow3g"} <= set(checks)
        for check in checks.values():
            assert isinstance(check["pass"], bool) and check["value"] >= 0
    assert not browser["budgets"]["ours_file"]["checks"]["render_blocking_requests"]["pass"]
    assert set(browser["inline_vs_file"]) == set(PROFILES)


def test_quick_peer_sections_say_they_were_skipped(quick_run):
    _, data, _ = quick_run
    assert data["links"] == data["images"] == {"error": "skipped (--skip-peers)"}


def test_quick_markdown_has_tables_and_machine(quick_run):
    out, data, stderr = quick_run
    text = (out / "BENCHMARKS.md").read_text(encoding="utf-8")
    assert text == render_markdown(data)
    assert text.startswith("# Benchmarks\n\nWritten by `python -m bench --quick --skip-peers")
    assert "| Figure | This site | Stock stack | Ratio (ours / stock) |" in text
    for heading in ("## Budgets", "## CSS inlined or one file", "### Project profile (400 kbit/s, 400 ms)", "### Slow 3G (400 kbit/s, 2,000 ms)"):
        assert f"\n{heading}\n" in text
    assert "\nThe site inlines its CSS in every page" in text
    assert "| Slow 3G: first paint (FCP) (median page) |" in text
    assert "|---|" in text
    for needle in ("cores", "GiB", data["environment"]["mkdocs"], data["environment"]["mkdocs_material"], data["environment"]["mkdocs_static_i18n"], "Chromium"):
        assert needle in text
    assert "pass" in text.lower()
    assert "## Link checker (bench/links.py)\n\nNot measured: skipped (--skip-peers)" in text
    # A progress line per stage went to stderr.
    for stage in ("bundles", "online build", "link check", "stock build", "one CSS file", "browser 1/2 project", "browser 2/2 slow3g"):
        assert stage in stderr
