"""The benchmark's parts (bench/): project copies, the gzip server, the Google Fonts stand-in, peers, seeds,
page choice, the browser's figures and budgets, the report.

How the peers are called is tested with stand-ins.
"""

from __future__ import annotations

import gzip
import json
import ssl
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from alerta.config import ROOT, Language, SiteConfig, read_config, site_config
from bench.__main__ import parse_args
from bench.browser import PROFILES, choose_pages, next_page, sample_pages
from bench.figures import budgets, image_pages, inline_vs_file, is_text_page, summarize, view_figures
from bench.fonts import GoogleFontsStandIn, faces, font_css
from bench.links import place_seeds
from bench.links import rewrite_links as rewrite_html_links
from bench.peers import run_peer
from bench.project import copy_project, make_synthetic, rewrite_links
from bench.report import render_markdown
from bench.report_browser import budget_section, css_choice
from bench.scale import scale_budgets
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
    assert (args.sizes, args.runs, args.browser_pages, args.slow3g_pages, args.out) == ([20], 1, "quick", "quick", ROOT)
    full = parse_args(["--sizes", "15,40", "--browser-pages", "7"])
    assert (full.sizes, full.runs, full.browser_pages, full.slow3g_pages) == ([15, 40], 3, "7", "7")
    # The full run: every page on the project profile, the sample on Slow 3G unless asked for more.
    assert (parse_args([]).browser_pages, parse_args([]).slow3g_pages, parse_args(["--slow3g-pages", "all"]).slow3g_pages) == ("all", "sample", "all")
    for bad in (["--runs", "0"], ["--sizes", "a,b"], ["--browser-pages", "some"], ["--slow3g-pages", "x"]):
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


def test_synthetic_copies_leave_out_the_pages_that_feed_the_card_and_the_forward_message(tmp_path):
    """Copies of the card page would repeat its marked blocks in the forward message (over 700 characters: the build stops);
    copies of the pages the single files leave out by name would go into them (the download page's inline script with them)."""
    from alerta.offline.single_file import SKIP_PAGES

    project = copy_project(tmp_path / "p")
    make_synthetic(project, 3 * len(CONFIG.nav))
    copies = {p.name for p in (project / "docs").glob("*/*-00[1-9].md")}
    assert copies and not [n for n in copies if n.startswith("tarjeta-")]
    assert not [n for n in copies if n.rsplit("-", 1)[0] + ".md" in SKIP_PAGES]
    assert {f"formas-00{n}.md" for n in (1, 2, 3)} <= copies


def test_every_benchmark_module_imports():
    """The peers run in a Python of their own (bench.peers) and report a failure in the committed run: a name
    a change removed must show here, not after an hour's benchmark."""
    import importlib

    from alerta.config import ROOT

    for path in sorted((ROOT / "bench").glob("*.py")):
        importlib.import_module(f"bench.{path.stem}")


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
    text = {"index.html": False, "formas.html": True, "señales.html": False, "ay/index.html": False, "ay/formas.html": True, "ay/señales.html": False}
    # quick: the home page and a text page of the other language; sample: each language's first text page added.
    assert choose_pages("quick", every, sample, text) == ["index.html", "ay/formas.html"]
    assert choose_pages("quick", every, sample) == ["index.html", "ay/señales.html"]
    assert choose_pages("sample", every, sample, text) == ["index.html", "señales.html", "formas.html", "ay/index.html", "ay/señales.html", "ay/formas.html"]
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


def test_profiles_are_the_project_s_and_devtools_slow_3g():
    assert PROFILES["project"]["latency"] == 400 and PROFILES["project"]["downloadThroughput"] == PROFILES["project"]["uploadThroughput"] == 50_000
    assert PROFILES["slow3g"]["latency"] == 2000 and PROFILES["slow3g"]["downloadThroughput"] == PROFILES["slow3g"]["uploadThroughput"] == 50_000


def test_google_fonts_stand_in_answers_like_google_over_https():
    """The stylesheet holds one @font-face per family, weight and style asked for; fonts get 404; every byte is counted."""
    query = "family=Roboto:300,300i,400,700italic|Roboto+Mono:400&display=fallback"
    assert faces(query) == [("Roboto", 300, "normal"), ("Roboto", 300, "italic"), ("Roboto", 400, "normal"), ("Roboto", 700, "italic"), ("Roboto Mono", 400, "normal")]
    assert faces("family=Inter:ital,wght@0,400;1,700&family=Lato") == [("Inter", 400, "normal"), ("Inter", 700, "italic"), ("Lato", 400, "normal")]
    css = font_css(query)
    assert css.count("@font-face {") == 5 and css.count("font-display: fallback;") == 5 and css.count("unicode-range: U+0000-00FF,") == 5
    assert "font-family: 'Roboto Mono';\n  font-style: normal;\n  font-weight: 400;" in css
    assert "src: url(https://fonts.gstatic.com/s/roboto/700i.woff2) format('woff2');" in css
    assert "font-display" not in font_css("family=Roboto")
    with GoogleFontsStandIn() as fonts:
        args = fonts.chromium_args()
        assert f"--host-resolver-rules=MAP fonts.googleapis.com 127.0.0.1:{fonts.port}, MAP fonts.gstatic.com 127.0.0.1:{fonts.port}, MAP * ~NOTFOUND, EXCLUDE 127.0.0.1" in args
        assert f"--ignore-certificate-errors-spki-list={fonts.spki()}" in args and len(fonts.spki()) == 44
        context = ssl.create_default_context()
        fonts.ca.configure_trust(context)
        context.check_hostname = False  # the address is 127.0.0.1; the Host header names the service
        request = urllib.request.Request(f"{fonts.origin}/css?{query}", headers={"Host": "fonts.googleapis.com", "Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, context=context) as response:
            assert response.headers["Timing-Allow-Origin"] == "*" and response.headers["Content-Type"] == "text/css; charset=utf-8"
            assert gzip.decompress(response.read()).decode() == css
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(urllib.request.Request(f"{fonts.origin}/s/roboto/300.woff2", headers={"Host": "fonts.gstatic.com"}), context=context)
        assert missing.value.code == 404
        log = fonts.entries()
    assert [(e["path"], e["status"]) for e in log] == [("/css", 200), ("/s/roboto/300.woff2", 404)]
    assert log[0]["raw"] == len(css.encode()) and log[0]["bytes"] > 200


def test_text_pages_are_those_without_images_in_their_content():
    logo = '<header><a class="md-header__button md-logo"><img src="logo.svg" alt="logo"></a></header>'
    assert is_text_page(f'{logo}<div class="md-content"><article><p>Hola</p></article></div>')
    assert not is_text_page(f'{logo}<div class="md-content"><article><p><img src="a.svg" alt="a"></p></article></div>')
    assert not is_text_page('<div class="md-content"><picture><source srcset="a.webp"></picture></div>')


ENTRIES = [
    {"url": "http://o/index.html", "navigation": True, "transfer": 9300, "body": 9000, "blocking": False, "end": 400, "same_origin": True},
    {"url": "http://o/main.css", "navigation": False, "transfer": 6300, "body": 6000, "blocking": True, "end": 900, "same_origin": True},
    {"url": "https://fonts.googleapis.com/css", "navigation": False, "transfer": 700, "body": 400, "blocking": True, "end": 950, "same_origin": False},
    {"url": "http://o/logo.svg", "navigation": False, "transfer": 1300, "body": 1000, "blocking": False, "end": 1000, "same_origin": True},
    {"url": "http://o/cached.js", "navigation": False, "transfer": 0, "body": 5000, "blocking": False, "end": 1000, "same_origin": True},
    {"url": "http://o/late.json", "navigation": False, "transfer": 3300, "body": 3000, "blocking": False, "end": 1600, "same_origin": True},
]
TIMING = {"fcp": 812.34, "dcl": 700.0, "load": 1500.5, "load_start": 1500.0}


def test_view_figures_sum_render_blocking_and_bytes_before_load():
    served = [{"path": "/index.html", "status": 200, "bytes": 9400, "raw": 40000}, {"path": "/x", "status": 404, "bytes": 300, "raw": 10}]
    third = [{"path": "/css", "status": 200, "bytes": 650, "raw": 1100}]
    view = view_figures(TIMING, ENTRIES, served, third, {"failed": 1, "origins": ["https://fonts.googleapis.com"]})
    assert view["render_blocking"] == {"bytes": 9000 + 6000 + 400, "html_bytes": 9000, "requests": 2}
    # The cached script (no transferSize) and what ended after the load event are not counted before it.
    assert view["before_load"] == {"bytes": 9300 + 6300 + 700 + 1300, "requests": 4, "third_party_bytes": 700, "third_party_requests": 1}
    idle = view["until_idle"]
    assert (idle["bytes"], idle["requests"], idle["third_party_bytes"], idle["third_party_requests"]) == (10350, 3, 650, 1)
    assert idle["not_found"] == ["/x"] and idle["failed_third_party_requests"] == 1
    assert (view["fcp_ms"], view["load_ms"]) == (812.3, 1500.5)


def view(rb: int, before: int, fcp: float, load: float = 2000.0, blocking_requests: int = 0) -> dict:
    return {"fcp_ms": fcp, "dcl_ms": fcp, "load_ms": load, "render_blocking": {"bytes": rb, "html_bytes": rb, "requests": blocking_requests},
            "before_load": {"bytes": before, "requests": 1, "third_party_bytes": 0, "third_party_requests": 0},
            "until_idle": {"bytes": before, "requests": 1, "raw_bytes": before, "third_party_bytes": 0, "third_party_requests": 0, "failed_third_party_requests": 0, "not_found": []},
            "third_party_origins": []}


def rows_for_budgets() -> list[dict]:
    """Three pages: two text pages and one with images; ours inlined, ours_file one CSS file."""
    def row(page, text, following, next_text, ours, ours_file):
        return {"page": page, "text": text, "next": following, "next_text": next_text,
                "views": {"project": {"ours": ours[0], "ours_file": ours_file[0]}, "slow3g": {"ours": {"first": ours[1]["first"], "second": None}, "ours_file": {"first": ours_file[1]["first"], "second": None}}}}
    a = ({"first": view(12_000, 16_000, 600), "second": view(9_000, 9_000, 500)}, {"first": view(12_000, 16_500, 2000)})
    b = ({"first": view(13_500, 16_900, 700), "second": view(30_000, 30_000, 900)}, {"first": view(13_500, 17_200, 2400)})
    c = ({"first": view(25_000, 40_000, 1500), "second": view(8_000, 8_000, 500)}, {"first": view(25_000, 40_000, 3000)})
    f = ({"first": view(6_000, 20_000, 1100, load=2500, blocking_requests=1), "second": view(5_000, 5_000, 600)}, {"first": view(6_000, 20_000, 3600, load=5000, blocking_requests=1)})
    return [row("formas.html", True, "señales.html", False, a, f), row("glosario.html", True, "acerca.html", True, b, f), row("index.html", False, "formas.html", True, c, f)]


def test_budgets_judge_text_pages_and_report_image_pages_beside():
    rows = rows_for_budgets()
    ours = budgets(rows, "ours", list(PROFILES))
    checks = ours["checks"]
    assert checks["render_blocking_bytes"] == {"limit": 14000, "value": 13500, "page": "glosario.html", "over": "worst text page", "pass": True}
    # The worst text page over both profiles: 17.2 KB before the load event on Slow 3G.
    assert checks["before_load_bytes"]["value"] == 17200 and not checks["before_load_bytes"]["pass"]
    # Second views judged where a text page is reached second (glosario -> acerca, index -> formas); the image page's 40 KB is not judged.
    assert checks["second_view_bytes"]["value"] == 30000 and checks["second_view_bytes"]["page"] == "acerca.html" and not checks["second_view_bytes"]["pass"]
    assert checks["fcp_ms_project"] == {"limit": 800, "value": 700, "over": "median page", "pass": True}
    assert checks["fcp_ms_slow3g"]["value"] == 2400 and checks["fcp_ms_slow3g"]["pass"]
    assert not ours["pass"] and ours["not_checked"] == {}
    one_file = budgets(rows, "ours_file", list(PROFILES))["checks"]
    assert one_file["render_blocking_requests"]["value"] == 1 and not one_file["render_blocking_requests"]["pass"]
    assert image_pages(rows, "ours", list(PROFILES))["before_load_bytes"] == {"value": 40000, "page": "index.html"}
    only_images = budgets(rows[2:], "ours", ["project"])
    assert set(only_images["not_checked"]) == {"render_blocking_bytes", "render_blocking_requests", "before_load_bytes"}
    text = "\n".join(budget_section({"browser": {"budgets": {"ours": ours}, "image_pages": {"ours": image_pages(rows, "ours", list(PROFILES))}}}))
    assert "| Bytes before the load event <= 17 KB (every text page) | 17.2 KB (glosario.html) **FAIL** |" in text
    assert "| First paint <= 0.8 s, project profile (median page) | 0.70 s **pass** |" in text
    assert "over budget: before_load_bytes, second_view_bytes" in text
    # Image pages: the worst with images first, and the worst second view that reached a page with images.
    assert "| This site (CSS inlined) | 25.0 KB (index.html) | 40.0 KB (index.html) | 9.0 KB (señales.html) |" in text


def test_inline_or_one_file_is_said_from_the_numbers():
    rows = rows_for_budgets()
    summary = {p: {s: summarize(rows, p, s) for s in ("ours", "ours_file")} for p in PROFILES}
    comparison = inline_vs_file(summary)
    assert comparison["project"]["ours"] == {"fcp_ms": 700, "load_ms": 2000.0, "before_load_bytes": 16900, "second_view_bytes": 9000}
    assert comparison["project"]["ours_file"]["fcp_ms"] == 1100
    assert css_choice(comparison, True) == (
        "The site inlines its CSS in every page because first paint then comes 0.40 s sooner on the project profile and 1.20 s sooner on Slow 3G "
        "(median pages), for 4.0 KB more on each further page (9.0 KB against 5.0 KB).")
    assert css_choice(comparison, False).startswith("The site ships one shared CSS file, yet in this run first paint came 0.40 s later on the project profile")
    assert css_choice(comparison, False).endswith("the numbers do not favour it here.")


def test_scale_budgets_html_growth_and_link_checker_against_linear():
    def size(n, html, links_ms):
        return {"pages_per_language": n, "home_page_html": {"ours": {"raw_bytes": html, "gzip_bytes": html // 4}}, "stages": {"check_links": {"ms_per_page": links_ms}}}
    growth = {"check_links": {"from_n": 20, "to_n": 500, "ms_per_page_ratio": 2.8}}
    out = scale_budgets([size(20, 50_000, 7.8), size(500, 61_000, 21.9)], growth)
    assert out["home_page_html"] == {"from_n": 20, "to_n": 500, "from_bytes": 50000, "to_bytes": 61000, "ratio": 1.22, "limit": 1.2, "pass": False}
    assert out["check_links_ms_per_page"]["linear"] == 1.0 and not out["check_links_ms_per_page"]["pass"]
    assert scale_budgets([size(20, 50_000, 7.8), size(500, 59_000, 8.0)], {"check_links": dict(growth["check_links"], ms_per_page_ratio=1.03)})["check_links_ms_per_page"]["pass"]
