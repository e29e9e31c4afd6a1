"""The benchmark's parts (bench/): project copies, the gzip server, peers, seeds, page choice, the report.

How the peers are called is tested with stand-ins.
"""

from __future__ import annotations

import json
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from alerta.config import ROOT, Language, SiteConfig, read_config, site_config
from bench.__main__ import parse_args
from bench.browser import choose_pages, next_page, sample_pages
from bench.links import place_seeds
from bench.links import rewrite_links as rewrite_html_links
from bench.peers import run_peer
from bench.project import copy_project, make_synthetic, rewrite_links
from bench.report import render_markdown
from bench.server import SiteServer
from bench.timing import ENV, project_script

CONFIG = site_config()


def test_committed_report_is_what_a_run_writes():
    """BENCHMARKS.md is render_markdown() of bench.json, as `python -m bench` wrote them."""
    data = json.loads((ROOT / "bench.json").read_text(encoding="utf-8"))
    assert data["command"].startswith("python -m bench")
    assert render_markdown(data) == (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8")


def test_quick_settings_and_bad_arguments(capsys):
    args = parse_args(["--quick"])
    assert (args.sizes, args.runs, args.browser_pages, args.out) == ([20], 1, "quick", ROOT)
    full = parse_args(["--sizes", "15,40", "--browser-pages", "7"])
    assert (full.sizes, full.runs, full.browser_pages) == ([15, 40], 3, "7")
    for bad in (["--runs", "0"], ["--sizes", "a,b"], ["--browser-pages", "some"]):
        with pytest.raises(SystemExit):
            parse_args(bad)
    assert "error" in capsys.readouterr().err


def test_peer_run_result_or_error_never_a_crash(tmp_path):
    """The peers are called as run(*args, workdir) in a fresh Python; any failure becomes {"error": ...}."""
    (tmp_path / "peers").mkdir()
    (tmp_path / "peers" / "good.py").write_text("def run(n, workdir):\n    return {'pages': n * 4, 'seconds': 0.5, 'where': str(workdir)}\n")
    (tmp_path / "peers" / "bad.py").write_text("def run(workdir):\n    raise ValueError('no images here')\n")
    (tmp_path / "peers" / "slow.py").write_text("import time\ndef run(workdir):\n    time.sleep(30)\n")
    (tmp_path / "peers" / "odd.py").write_text("def run(workdir):\n    return [1, 2]\n")
    good = run_peer("peers.good", [15], tmp_path / "w1", 60, root=tmp_path)
    assert good["pages"] == 60 and good["seconds"] == 0.5 and good["where"] == str(tmp_path / "w1") and good["bench_wall_s"] > 0
    assert "no images here" in run_peer("peers.bad", [], tmp_path / "w2", 60, root=tmp_path)["error"]
    assert "did not finish" in run_peer("peers.slow", [], tmp_path / "w3", 1, root=tmp_path)["error"]
    assert run_peer("peers.odd", [], tmp_path / "w4", 60, root=tmp_path) == {"error": "odd.run() returned list, not a dict"}
    assert run_peer("peers.missing", [], tmp_path / "w5", 60, root=tmp_path) == {"error": "peers/missing.py is missing"}
    # The real peers are modules of the benchmark, found where it is installed.
    for module in ("bench.links", "bench.images"):
        assert (ROOT / (module.replace(".", "/") + ".py")).is_file()


def test_synthetic_copy_keeps_links_and_nav(tmp_path):
    """The page copies link to the same copy, and the copy's nav lists them all."""
    project = copy_project(tmp_path / "p")
    assert not (project / ".git").exists() and not (project / "tests").exists() and (project / "alerta").is_dir()
    shape = make_synthetic(project, 23)
    assert shape["pages_per_language"] == 23 and shape["real_pages_per_language"] == len(CONFIG.nav)
    nav = [str(p) for p in read_config(project / "mkdocs.yml")["nav"]]
    assert len(nav) == 23 and len(set(nav)) == 23
    assert site_config(project / "mkdocs.yml").nav == nav
    default = project / "docs" / CONFIG.default.code
    assert sorted(p.name for p in default.glob("*-002.md")) == sorted(p for p in nav if p.endswith("-002.md"))
    index = (default / "index-001.md").read_text(encoding="utf-8")
    assert "](formas-001.md)" in index and "](formas.md)" not in index
    # Only pages that exist in the copy set are renamed.
    assert rewrite_links("[a](x.md#y) [b](ayuda.md#no-number)", {"ayuda.md": "ayuda-003.md"}) == "[a](x.md#y) [b](ayuda-003.md#no-number)"
    with pytest.raises(Exception, match="below"):
        make_synthetic(copy_project(tmp_path / "q"), 3)


def test_project_scripts_in_a_copy_use_the_copy_library(tmp_path):
    """A copy measures itself: scripts run there import its own alerta (its ROOT, its pages), not the installed one."""
    project = copy_project(tmp_path / "p")
    (project / "scripts" / "where.py").write_text("from alerta.config import ROOT\nprint(ROOT)\n", encoding="utf-8")
    result = subprocess.run(project_script("where"), cwd=project, capture_output=True, text=True, env=ENV, check=True)
    assert Path(result.stdout.strip()) == project.resolve()


def test_link_seeds_and_rewrites_follow_the_site_languages():
    """Seeds land in pages of the site's languages; links into any language's folder point at the copy."""
    inserts, placed = place_seeds(50)
    assert len(placed) == len(inserts) == 8
    prefixes = {CONFIG.prefix(code) for code in CONFIG.codes}
    for seed in placed:
        folder = seed["page"].rpartition("/")[0]
        assert (folder + "/" if folder else "") in prefixes, seed
        assert "{" not in seed["link"] and not seed["link"].startswith("/"), seed
    other = CONFIG.translations[0]
    html = f'<a href="../{other}/formas.html#x">a</a> <a href="señales.html">b</a> <a href="nope.html">c</a> <img src="../assets/a.png">'
    assert rewrite_html_links(html, {"formas", "señales"}, 3) == (
        f'<a href="../{other}/formas-003.html#x">a</a> <a href="se%C3%B1ales-003.html">b</a> <a href="nope.html">c</a> <img src="../assets/a.png">'
    )


def test_browser_pages_sample_the_default_and_a_translation_with_its_own_partial(tmp_path):
    languages = (Language("es", "Español", True), Language("en", "English", False), Language("qu", "Runa Simi", False), Language("ay", "Aymar aru", False))
    config = SiteConfig(tmp_path / "mkdocs.yml", {}, languages)
    assert sample_pages(config, tmp_path) == ["index.html", "señales.html", "en/index.html", "en/señales.html"]
    partials = tmp_path / "overrides" / "partials" / "languages"
    partials.mkdir(parents=True)
    (partials / "ay.html").write_text("", encoding="utf-8")
    sample = sample_pages(config, tmp_path)
    assert sample == ["index.html", "señales.html", "ay/index.html", "ay/señales.html"]
    every = ["index.html", "formas.html", "señales.html", "ay/index.html", "ay/formas.html", "ay/señales.html"]
    assert choose_pages("quick", every, sample) == ["index.html", "ay/señales.html"]
    assert choose_pages("sample", every, sample) == ["index.html", "señales.html", "ay/index.html", "ay/señales.html"]
    assert choose_pages("2", every, sample) == every[:2] and choose_pages("all", every, sample) == every
    # From the home page a reader goes to the warning signs; otherwise to the next page of the same language.
    assert next_page("ay/index.html", every) == "ay/señales.html"
    assert next_page("ay/señales.html", every) == "ay/index.html"
    assert next_page("formas.html", every) == "señales.html"


def test_gzip_server_counts_bytes_and_revalidates(tmp_path):
    (tmp_path / "index.html").write_text("<p>" + "hola " * 2000 + "</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("no", encoding="utf-8")
    with SiteServer(tmp_path) as server:
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
