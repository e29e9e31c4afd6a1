"""The link checker (alerta.links, scripts/check_links.py): every kind of broken link found, nothing else, fast.

The fixture tests/fixtures/broken_site/ is a hand-written built site with one
seeded problem of each kind (its README lists them) and clean pages; outside
links are checked against servers on 127.0.0.1 started here.
"""

from __future__ import annotations

import http.server
import json
import shutil
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from alerta.config import ROOT
from alerta.csp import source_hash
from alerta.links.external import tls_context
from alerta.links.parse import css_links, srcset_urls
from scripts import check_links

FIXTURE = ROOT / "tests" / "fixtures" / "broken_site"
SITE = FIXTURE / "site"
DOCS = FIXTURE / "docs"
SITE_LABEL = "tests/fixtures/broken_site/site"
CSS = f"{SITE_LABEL}/assets/stylesheets/site.css"

# name: (kind, file, line, page, link). A new or a missing finding fails.
EXPECTED = {
    "missing page (Markdown link)": ("missing", "docs/es/ayuda.md", 7, "ayuda.html", "derechos.html"),
    "raw HTML link": ("missing", "docs/es/ayuda.md", 9, "ayuda.html", "contactos-viejos.html"),
    "malformed tel": ("tel", "docs/es/ayuda.md", 11, "ayuda.html", "tel:72006607"),
    "tel not in the contacts": ("tel-unknown", "docs/es/ayuda.md", 13, "ayuda.html", "tel:+59172000001"),
    "tel of an unpublished contact": ("tel-unknown", "docs/es/ayuda.md", 15, "ayuda.html", "tel:+59170000000"),
    "bad mailto": ("mailto", "docs/es/ayuda.md", 17, "ayuda.html", "mailto:contacto.alertatrata.org"),
    "javascript: URL": ("javascript", "docs/es/ayuda.md", 19, "ayuda.html", "javascript:history.back()"),
    "bad image in srcset": ("missing", "docs/es/formas.md", 9, "formas.html", "assets/images/photo-1440.png"),
    "url() in a style attribute": ("missing", "docs/es/formas.md", 11, "formas.html", "assets/images/missing-hero.jpg"),
    "link[href] of the template": ("missing", "docs/es/formas.md", None, "formas.html", "assets/images/favicon.png"),
    "broken CSS url()": ("missing", CSS, 9, "assets/stylesheets/site.css", "../fonts/missing.woff2"),
    "missing anchor": ("anchor", "docs/qu/index.md", 7, "qu/index.html", "formas.html#nope"),
    "hreflang alternate to a missing page": ("hreflang", "docs/en/formas.md", None, "en/formas.html", "../qu/formas-old.html"),
    "hreflang alternate in another language": ("hreflang", "docs/es/solo.md", None, "en/solo.html", "solo.html"),
    "missing script": ("missing", "docs/en/formas.md", None, "en/formas.html", "../assets/javascripts/missing.js"),
    "missing translation counterpart": ("counterpart", "docs/es/solo.md", None, "solo.html", "qu/solo.html"),
    "fallback without its notice": ("fallback", "docs/es/ayuda.md", None, "qu/ayuda.html", "qu/ayuda.html"),
}
OFFLINE_ONLY = {
    "directory link (http only)": ("offline", "docs/es/ayuda.md", 21, "ayuda.html", "en/"),
    "root-absolute link (http only)": ("offline", "docs/es/ayuda.md", 21, "ayuda.html", "/formas.html"),
}
CLEAN_PAGES = {"index.html", "señales.html", "404.html", "en/index.html", "en/ayuda.html", "en/señales.html", "qu/formas.html", "qu/señales.html"}


@pytest.fixture(autouse=True)
def english(monkeypatch):
    """These tests read the developers' English messages (the Spanish ones: tests/site/test_mistakes.py)."""
    monkeypatch.setenv("SITE_MESSAGES", "en")


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    """main() in this process: exit status, stdout, stderr."""
    status = check_links.main(argv)
    out = capsys.readouterr()
    return status, out.out, out.err


def run_json(argv: list[str], capsys) -> tuple[int, list[dict]]:
    """main() with --json: exit status and the parsed findings."""
    status, out, _ = run([*argv, "--json"], capsys)
    return status, json.loads(out)


def as_tuples(findings: list[dict]) -> list[tuple]:
    """(kind, file, line, page, link) of each finding, in a fixed order."""
    return sorted(((f["kind"], f["file"], f["line"], f["page"], f["link"]) for f in findings), key=_order)


def _order(item: tuple) -> tuple:
    return tuple(-1 if v is None else v for v in item)


def fixture_args(*extra: str) -> list[str]:
    return [str(SITE), "--docs", str(DOCS), *extra]


# --- the fixture: every seeded problem, and only those -------------------------


def test_fixture_findings_are_exactly_the_seeded_ones(capsys):
    status, findings = run_json(fixture_args(), capsys)
    assert status == 1
    assert as_tuples(findings) == sorted(EXPECTED.values(), key=_order)


def test_offline_also_finds_links_that_work_over_http_only(capsys):
    status, findings = run_json(fixture_args("--offline"), capsys)
    assert status == 1
    assert as_tuples(findings) == sorted([*EXPECTED.values(), *OFFLINE_ONLY.values()], key=_order)


def test_clean_pages_have_no_finding(capsys):
    """Valid anchors, a[name], encoded names, srcset, a declared fallback, published tel: numbers."""
    _, findings = run_json(fixture_args("--offline"), capsys)
    assert not [f for f in findings if f["page"] in CLEAN_PAGES]
    assert not [f for f in findings if f["link"] in ("tel:110", "tel:800140348", "tel:+59172006607", "tel:+59172006608")]


def test_reasons_say_why(capsys):
    _, findings = run_json(fixture_args(), capsys)
    reasons = {f["link"]: f["reason"] for f in findings}
    assert reasons["formas.html#nope"] == "anchor #nope not found in qu/formas.html"
    assert "img[srcset]" in reasons["assets/images/photo-1440.png"]
    assert "withheld until someone confirms it" in reasons["tel:+59170000000"]
    assert "not in the contacts" in reasons["tel:+59172000001"]
    assert "E.164" in reasons["tel:72006607"]
    assert "does not exist" in reasons["qu/solo.html"]
    assert "site-notice--fallback" in reasons["qu/ayuda.html"]
    assert "a page in 'en'" in reasons["solo.html"]


def test_text_output_one_line_per_finding_then_a_summary(capsys):
    status, out, _ = run(fixture_args(), capsys)
    lines = out.strip().splitlines()
    assert status == 1
    assert len(lines) == len(EXPECTED) + 1
    assert "docs/qu/index.md:7: broken link 'formas.html#nope' (in qu/index.html): anchor #nope not found in qu/formas.html" in lines
    assert "docs/es/solo.md: missing counterpart 'qu/solo.html' (in solo.html): " in out
    assert lines[-1].startswith(f"check_links: {len(EXPECTED)} findings")


def test_json_shape(capsys):
    status, out, err = run(fixture_args("--json"), capsys)
    findings = json.loads(out)
    assert status == 1
    assert isinstance(findings, list) and findings
    for finding in findings:
        assert set(finding) == {"file", "line", "page", "link", "reason", "kind"}
        assert isinstance(finding["line"], (int, type(None)))
        assert all(isinstance(finding[k], str) and finding[k] for k in ("file", "page", "link", "reason", "kind"))
    assert "findings" in err  # the summary goes to stderr, stdout stays JSON


# --- the real site -------------------------------------------------------------


def test_real_site_is_clean(built_site, capsys):
    status, out, _ = run([str(built_site)], capsys)
    assert status == 0, out
    assert "no broken links" in out


def test_real_site_is_clean_from_file_urls(built_site, capsys):
    """Bundles are built the same way: no folder links, no root-absolute links."""
    status, out, _ = run([str(built_site), "--offline"], capsys)
    assert status == 0, out


def test_real_site_json_is_an_empty_list(built_site, capsys):
    status, findings = run_json([str(built_site)], capsys)
    assert status == 0 and findings == []


# --- exit status and usage -----------------------------------------------------


def test_missing_site_dir_is_a_usage_error(tmp_path, capsys):
    status, out, err = run([str(tmp_path / "nowhere")], capsys)
    assert status == 2
    assert out == ""
    assert f"site folder '{tmp_path / 'nowhere'}' not found" in err
    assert "mkdocs build" in err


def test_no_argument_is_a_usage_error(capsys):
    status, _, err = run([], capsys)
    assert status == 2
    assert "SITE_DIR" in err


def test_missing_docs_dir_is_a_usage_error(tmp_path, capsys):
    status, _, err = run([SITE_LABEL, "--docs", str(tmp_path / "nodocs")], capsys)
    assert status == 2 and "--docs" in err


def test_clean_site_exits_zero(tmp_path, capsys):
    site = tmp_path / "site"
    write(site / "index.html", page("es", '<a href="formas.html#forced-labour">x</a> <a href="#top">arriba</a>'))
    write(site / "formas.html", page("es", '<h2 id="forced-labour">x</h2>'))
    status, out, _ = run([str(site), "--docs", str(DOCS)], capsys)
    assert status == 0, out


def test_file_names_match_in_any_unicode_form(tmp_path, capsys):
    """A page saved as NFD "señales" (macOS) matches a link written in NFC, and is read."""
    site = tmp_path / "site"
    write(site / "index.html", page("es", '<a href="se%C3%B1ales.html#banderas-rojas">x</a>'))
    write(site / "sen\u0303ales.html", page("es", '<h2 id="banderas-rojas">x</h2><a href="nope.html">y</a>'))
    status, findings = run_json([str(site), "--docs", str(DOCS)], capsys)
    assert status == 1
    assert [(f["page"], f["link"]) for f in findings] == [("señales.html", "nope.html")]


def test_files_loaded_by_script_are_checked_too(tmp_path, capsys):
    """site.js loads the files a page names in data-after-load, the loader the stylesheet in
    data-stylesheet: a missing one is a broken link."""
    site = tmp_path / "site"
    write(site / "index.html", page("es", '<script src="site.js" data-after-load="list.js check.js"></script><script data-stylesheet="media.css"></script>'))
    write(site / "site.js", "")
    write(site / "list.js", "")
    status, findings = run_json([str(site), "--docs", str(DOCS)], capsys)
    assert status == 1
    assert sorted((f["page"], f["link"]) for f in findings) == [("index.html", "check.js"), ("index.html", "media.css")]


def test_command_line_script(tmp_path):
    """The script runs on its own (as `make check-links` calls it)."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_links.py"), str(tmp_path / "none")], capture_output=True, text=True)
    assert result.returncode == 2 and "not found" in result.stderr


# --- offline bundles -----------------------------------------------------------


def page(lang: str, body: str, head: str = "", notice: bool = False) -> str:
    """A minimal built page."""
    banner = '<div class="site-notice site-notice--fallback">not translated yet</div>' if notice else ""
    return f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>t</title>{head}</head><body>{banner}\n{body}\n</body></html>\n'


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def bundle(tmp_path) -> Path:
    """A Spanish + Quechua bundle: start page on top, the site under guia/."""
    top = tmp_path / "bundle"
    write(top / "index.html", page("es", '<a href="guia/index.html">Abrir</a>\n<a href="guia/qu/index.html">Runa simi</a>\n<a href="guia/">carpeta</a>'))
    guia = top / "guia"
    alternates = '<link rel="alternate" href="qu/index.html" hreflang="qu"><link rel="alternate" href="en/index.html" hreflang="en">'
    write(guia / "index.html", page("es", '<a href="formas.html#forced-labour">Formas</a> <a href="qu/index.html">qu</a> <a class="tel" href="tel:110">110</a>', alternates))
    write(guia / "formas.html", page("es", '<h2 id="forced-labour">Trabajo forzoso</h2><link rel="stylesheet" href="assets/site.css">'))
    write(guia / "qu" / "index.html", page("qu", '<a href="formas.html#forced-labour">Formas</a> <a href="../index.html">es</a>'))
    write(guia / "qu" / "formas.html", page("qu", '<h2 id="forced-labour">Trabajo forzoso</h2>', notice=True))
    write(guia / "assets" / "site.css", "body { background: url(logo.svg) }\n")
    write(guia / "assets" / "logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>\n")
    return top


def test_bundle_start_page_and_languages_present(bundle, capsys):
    status, findings = run_json([str(bundle), "--offline", "--docs", str(DOCS)], capsys)
    assert status == 1
    # Only the start page's folder link; no counterpart asked for en/ or ay/ (not in this bundle).
    assert as_tuples(findings) == [("offline", f"{bundle}/index.html", 4, "index.html", "guia/")]


def test_bundle_missing_counterpart_maps_to_sources(bundle, capsys):
    (bundle / "guia" / "qu" / "formas.html").unlink()
    (bundle / "index.html").write_text(page("es", '<a href="guia/index.html">Abrir</a>'), encoding="utf-8")
    status, findings = run_json([str(bundle), "--offline", "--docs", str(DOCS)], capsys)
    assert status == 1
    # qu/ had only a fallback of formas: the counterpart is missing, and so is the target of qu/index.html's link.
    assert as_tuples(findings) == [
        ("counterpart", "docs/es/formas.md", None, "guia/formas.html", "guia/qu/formas.html"),
        ("missing", "docs/qu/index.md", 7, "guia/qu/index.html", "formas.html#forced-labour"),
    ]


# --- small parts -----------------------------------------------------------------


def test_srcset_parsing():
    assert srcset_urls("a.png 1x, b.png 2x") == ["a.png", "b.png"]
    assert srcset_urls("a.png 480w,b.png 960w") == ["a.png", "b.png"]
    assert srcset_urls("data:image/png;base64,AAA= 1x, c.png 2x") == ["data:image/png;base64,AAA=", "c.png"]
    assert srcset_urls("  only.png  ") == ["only.png"]


def test_css_urls_skip_comments_and_keep_lines():
    links = css_links('/* url(a.png)\n */\n.x { background: url("b.png") }\n@import "c.css";', 1, "css")
    assert [(link.url, link.line) for link in links] == [("b.png", 3), ("c.css", 4)]


# --- outside links, against servers on 127.0.0.1 ---------------------------------

SLOW_SECONDS = 1.0
BUSY_SECONDS = 0.25
TIMEOUT = "0.3"


class _Server:
    """Counts hits per path and the most requests it served at once."""

    def __init__(self) -> None:
        self.hits: dict[str, int] = {}
        self.methods: list[tuple[str, str]] = []
        self.active = 0
        self.max_active = 0
        self.lock = threading.Lock()
        self.stop = threading.Event()


def _handler(state: _Server):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

        def do_HEAD(self) -> None:
            self.answer()

        def do_GET(self) -> None:
            self.answer()

        def answer(self) -> None:
            with state.lock:
                state.hits[self.path] = state.hits.get(self.path, 0) + 1
                state.methods.append((self.command, self.path))
            self.route()

        def route(self) -> None:
            path = self.path
            if path == "/never":
                state.stop.wait(10)  # accepted, never answered
                return
            if path == "/slow":
                time.sleep(SLOW_SECONDS)
            if path.startswith("/busy/"):
                # Counted while the request is held, and no longer before its answer is sent: the client may
                # start its next request as soon as it has the answer, before this thread would get to count down.
                with state.lock:
                    state.active += 1
                    state.max_active = max(state.max_active, state.active)
                time.sleep(BUSY_SECONDS)
                with state.lock:
                    state.active -= 1
            if path == "/moved":
                self.send(301, {"Location": "/ok"})
            elif path == "/missing":
                self.send(404)
            elif path == "/error":
                self.send(500)
            elif path == "/head-refused" and self.command == "HEAD":
                self.send(405)
            else:
                self.send(200)

        def send(self, status: int, headers: dict | None = None) -> None:
            self.send_response(status)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


def _serve(state: _Server, tls: ssl.SSLContext | None = None):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    return server


@pytest.fixture
def server():
    state = _Server()
    httpd = _serve(state)
    state.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield state
    state.stop.set()
    httpd.shutdown()
    httpd.server_close()


def external_site(tmp_path: Path, urls: list[str]) -> Path:
    site = tmp_path / "site"
    links = "\n".join(f'<a href="{url}">{i}</a>' for i, url in enumerate(urls))
    write(site / "index.html", page("es", links))
    return site


def external_args(site: Path, tmp_path: Path, *extra: str) -> list[str]:
    return [str(site), "--docs", str(DOCS), "--external", "--cache", str(tmp_path / "cache.json"), "--timeout", TIMEOUT, "--retries", "1", "--backoff", "0.05", *extra]


def test_external_statuses(server, tmp_path, capsys):
    paths = ["/ok", "/moved", "/head-refused", "/missing", "/error", "/slow", "/never"]
    site = external_site(tmp_path, [server.base + p for p in paths])
    status, findings = run_json(external_args(site, tmp_path), capsys)
    assert status == 1
    reasons = {f["link"].removeprefix(server.base): f["reason"] for f in findings if f["kind"] == "external"}
    assert set(reasons) == {"/missing", "/error", "/slow", "/never"}
    assert reasons["/missing"] == "HTTP 404"
    assert reasons["/error"] == "HTTP 500 (2 attempts)"
    assert "timeout" in reasons["/slow"] and "timeout" in reasons["/never"]
    assert server.hits["/error"] == 2  # retried once
    assert server.hits["/ok"] >= 2  # the 301 was followed to /ok
    assert ("HEAD", "/head-refused") in server.methods and ("GET", "/head-refused") in server.methods
    assert ("GET", "/ok") not in server.methods  # HEAD is enough when it is answered


def test_external_cache_is_used_then_expires(server, tmp_path, capsys):
    site = external_site(tmp_path, [server.base + "/ok", server.base + "/missing"])
    assert run_json(external_args(site, tmp_path), capsys)[0] == 1
    assert server.hits == {"/ok": 1, "/missing": 1}
    cache = json.loads((tmp_path / "cache.json").read_text())
    assert set(cache["urls"]) == {server.base + "/ok"}  # only good results are cached
    run_json(external_args(site, tmp_path), capsys)
    assert server.hits == {"/ok": 1, "/missing": 2}  # /ok came from the cache
    cache["urls"][server.base + "/ok"]["checked"] -= 8 * 86400
    (tmp_path / "cache.json").write_text(json.dumps(cache))
    run_json(external_args(site, tmp_path, "--cache-days", "7"), capsys)
    assert server.hits["/ok"] == 2  # older than 7 days: checked again
    run_json(external_args(site, tmp_path, "--cache-days", "0"), capsys)
    assert server.hits["/ok"] == 3


def test_external_connections_per_host_are_bounded(server, tmp_path, capsys):
    site = external_site(tmp_path, [f"{server.base}/busy/{i}" for i in range(6)])
    status, _ = run_json(external_args(site, tmp_path, "--per-host", "2"), capsys)
    assert status == 0
    assert server.max_active == 2


def test_external_links_ignored_without_the_flag(server, tmp_path, capsys):
    site = external_site(tmp_path, [server.base + "/missing"])
    status, _ = run_json([str(site), "--docs", str(DOCS)], capsys)
    assert status == 0 and server.hits == {}


def test_tls_verification_is_always_on():
    context = tls_context()
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname is True


@pytest.fixture
def self_signed(tmp_path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a self-signed certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert), "-days", "2",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True,
    )
    return cert, key


def test_self_signed_https_is_a_certificate_finding(self_signed, tmp_path, capsys):
    cert, key = self_signed
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    state = _Server()
    httpd = _serve(state, tls)
    try:
        url = f"https://127.0.0.1:{httpd.server_address[1]}/ok"
        site = external_site(tmp_path, [url])
        status, findings = run_json(external_args(site, tmp_path, "--timeout", "2"), capsys)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert status == 1
    assert [(f["kind"], f["link"]) for f in findings] == [("external", url)]
    assert "certificate" in findings[0]["reason"]
    assert state.hits == {}  # no request was sent over the unverified connection


def test_inline_code_must_be_allowed_by_the_pages_own_policy(tmp_path, capsys):
    """The policy is written from what the project inlines, never by scanning the page: a stray inline block is reported."""
    allowed = "a{color:red}"
    site = tmp_path / "site"
    head = f'<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src {source_hash(allowed)}">'
    write(site / "index.html", page("es", f"<style>{allowed}</style>\n<script>alert(1)</script>\n<style>b{{}}</style>", head))
    status, findings = run_json([str(site), "--docs", str(DOCS)], capsys)
    assert status == 1
    assert [(f["kind"], f["line"], f["link"]) for f in findings] == [("csp", 3, "<script>"), ("csp", 4, "<style>")]
    assert findings[0]["reason"].startswith(f"its hash {source_hash('alert(1)')} is not in the page's Content-Security-Policy")
