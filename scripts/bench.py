#!/usr/bin/env python3
"""Measure this site against the stock stack; write BENCHMARKS.md and bench.json.

    bench.py [--quick] [--runs N] [--sizes 15,100,500] [--browser-pages all|sample|N]
             [--out DIR] [--workdir DIR] [--keep] [--skip-peers]

Everything runs in temporary copies of the project; the project itself is only
read (and BENCHMARKS.md / bench.json written to --out, default the project root).

1. Scale. For each N (15, 100, 500 pages per language) a copy of the project
   gets N pages per language: the real pages, then copies of them under new
   names (formas-001.md ...) with their links pointed at the same copy, listed
   in the copy's mkdocs.yml nav. The project's pipeline runs there, as
   `make site` runs it: bundles (scripts/package_offline.py build), the online
   build (mkdocs build --strict), the link check (scripts/check_links.py site),
   and images (inside the build when hooks/images.py is enabled: then the part
   it costs is the build minus a build without that hook; otherwise
   scripts/optimize_images.py on its own, cold cache). Medians of --runs runs,
   ms per page (pages = N x languages), growth of ms/page from the smallest to
   the largest N (flagged superlinear above 1.5x). The stock stack's build of
   the same pages is timed beside it.
2. Stock stack. The real content built with plain Material + mkdocs-static-i18n
   (+ `search`; + `offline` for the offline copy), a generated mkdocs.yml, no
   project hooks, Material's default font (Google Fonts), and only the two
   partials without which Quechua and Aymara do not build at all
   (overrides/partials/languages/qu.html, ay.html). Build time, offline zip
   (zip -9 of the whole stock offline build against dist/guia.zip).
3. Browser. Debian's Chromium (never a download) through Playwright, 360x740,
   both sites served on 127.0.0.1 by a small HTTP/1.1 server that gzips text
   when the browser accepts it and sends `Cache-Control: max-age=600` and an
   ETag (a GitHub-Pages-like host). Every other host is unresolvable
   (--host-resolver-rules), so outside requests fail at once and are counted as
   third-party requests. Per page: first view (new context = cold cache)
   transferred bytes (CDP Network.loadingFinished encodedDataLength) and
   requests; second view (the next page, same context, warm cache); and on
   Network.emulateNetworkConditions 400 kbit/s down/up, 400 ms latency: the
   load event and first-contentful-paint times.
4. Peers, when their modules exist: scripts/bench_links.py run() (our link
   checker vs LinkChecker) and scripts/bench_images.py run() (our image
   pipeline vs Material's optimize plugin); a failure is recorded, not raised.

KB = 1000 bytes throughout (as DevTools counts). Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import email.utils
import gzip
import hashlib
import json
import mimetypes
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from scripts.chromium import ARGS, CHROMIUM  # noqa: E402
from scripts.site_config import read_config  # noqa: E402

SIZES = (15, 100, 500)
QUICK_SIZES = (15,)
RUNS = 3
SUPERLINEAR = 1.5
KB = 1000
BUDGETS = {
    "first_view_bytes": 70 * KB,  # gzip transferred, cold cache
    "second_view_bytes": 10 * KB,  # the next page, warm cache
    "load_ms": 5000,  # load event, throttled profile
    "fcp_ms": 3000,  # first contentful paint, throttled profile
}
THROTTLE = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8}
PHONE = {"width": 360, "height": 740}
# The tests' Chromium flags, plus: every host but 127.0.0.1 is unresolvable (page.route()
# would also block them, but it switches the HTTP cache off, which the second view needs).
CHROMIUM_ARGS = [*ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
QUICK_PAGES = ("index.html", "qu/señales.html")
SAMPLE_PAGES = ("index.html", "señales.html", "qu/index.html", "qu/señales.html")
COPY_SKIP = {".git", ".venv", "site", "dist", "build", ".cache", "tests", "run", ".pytest_cache", "bench.json", "BENCHMARKS.md", "node_modules"}
# Files of the project's own design that the stock site must not publish
# (they would only add bytes to its zip; no stock page loads them).
STOCK_EXCLUDE = ("assets/stylesheets/site.css", "assets/javascripts/site.js", "assets/vendor/", "assets/blank.html")
IMAGES_HOOK = "hooks/images.py"
PEER_TIMEOUT = {"quick": 240, "full": 1800}
STAGE_TIMEOUT = 1800
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")

_started = time.monotonic()


def progress(message: str) -> None:
    print(f"[bench {time.monotonic() - _started:6.1f}s] {message}", file=sys.stderr, flush=True)


class StageError(RuntimeError):
    """A command of the pipeline failed; the message holds its last lines."""


def run_timed(command: list[str], cwd: Path, timeout: float = STAGE_TIMEOUT, ok_codes=(0,)) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time of one command; StageError with its last output lines if it fails."""
    started = time.perf_counter()
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=ENV, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise StageError(f"{command_name(command)}: timed out after {timeout:.0f} s") from None
    seconds = time.perf_counter() - started
    if result.returncode not in ok_codes:
        lines = [ln for ln in (result.stderr + "\n" + result.stdout).splitlines() if ln.strip() and "WARNING" not in ln and "INFO" not in ln]
        raise StageError(f"{command_name(command)} exited {result.returncode}: " + " | ".join(lines[-6:]))
    return seconds, result


def command_name(command: list) -> str:
    """"mkdocs build" or the script's name, for messages."""
    return f"{command[2]} {command[3]}" if command[1] == "-m" else Path(str(command[1])).name


def median(values: list[float]) -> float:
    return statistics.median(values)


def r3(x: float) -> float:
    return round(x, 3)


# ---------------------------------------------------------------- configs


def nav_pages(nav) -> list[str]:
    """Every page file of a nav, in order (sections flattened)."""
    out = []
    for item in nav or []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out.extend(nav_pages(value) if isinstance(value, list) else [value] if isinstance(value, str) else [])
    return [p for p in out if p.endswith(".md") and "://" not in p]


def replace_top_level(text: str, key: str, block: str) -> str:
    """Replace a top-level `key:` block of a YAML file (its indented lines) by `block`."""
    pattern = re.compile(rf"^{re.escape(key)}:[^\n]*\n(?:(?:[ \t-][^\n]*|[ \t]*)\n)*", re.M)
    if not pattern.search(text):
        return text.rstrip("\n") + "\n\n" + block
    return pattern.sub(lambda m: block + "\n", text, count=1)


def i18n_config(config: dict) -> dict:
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        return dict(plugins.get("i18n") or {})
    for item in plugins:
        if isinstance(item, dict) and "i18n" in item:
            return dict(item["i18n"] or {})
    raise StageError("mkdocs.yml: no i18n plugin found")


def hooks_of(config: dict) -> list[str]:
    return [str(h) for h in config.get("hooks") or []]


# ---------------------------------------------------------------- project copies


def copy_project(dest: Path) -> Path:
    """The project's sources (no venv, git, outputs or tests) into dest."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = {n for n in names if n in ("__pycache__",)}
        if Path(folder).resolve() == ROOT:
            skip |= {n for n in names if n in COPY_SKIP}
        return skip

    shutil.copytree(ROOT, dest, ignore=ignore, symlinks=True)
    return dest


def language_folders(docs: Path, config: dict) -> list[str]:
    locales = [str(lang["locale"]) for lang in i18n_config(config).get("languages") or []]
    return [code for code in locales if (docs / code).is_dir()]


LINK = re.compile(r"(\]\(|\bhref=\")(<?)([^()<>\"#\s/]+\.md)(#[^)\"\s>]*)?")


def rewrite_links(text: str, copy_of: dict[str, str]) -> str:
    """Point links to a page at its copy (same number), when that copy exists."""

    def replace(match: re.Match) -> str:
        target = unicodedata.normalize("NFC", unquote(match.group(3)))
        new = copy_of.get(target)
        if not new:
            return match.group(0)
        return match.group(1) + match.group(2) + new + (match.group(4) or "")

    return LINK.sub(replace, text)


def make_synthetic(project: Path, pages_per_language: int) -> dict:
    """Give every language of the copy N pages: the real ones, then renamed copies."""
    config_path = project / "mkdocs.yml"
    config = read_config(config_path)
    nav = config.get("nav") or []
    stems = [unicodedata.normalize("NFC", p) for p in nav_pages(nav)]
    if pages_per_language < len(stems):
        raise StageError(f"N={pages_per_language} is below the {len(stems)} real pages per language")
    extra = pages_per_language - len(stems)
    docs = project / str(config.get("docs_dir") or "docs")
    copies: list[tuple[str, int, str]] = []  # (source page, copy number, new name)
    number = 0
    while len(copies) < extra:
        number += 1
        for page in stems:
            if len(copies) == extra:
                break
            stem, ext = page.rsplit(".", 1)
            copies.append((page, number, f"{stem}-{number:03d}.{ext}"))
    written = 0
    for lang in language_folders(docs, config):
        existing = {unicodedata.normalize("NFC", p.relative_to(docs / lang).as_posix()): p for p in (docs / lang).rglob("*.md")}
        for number in sorted({n for _, n, _ in copies}):
            group = [(src, new) for src, n, new in copies if n == number]
            copy_of = dict(group)
            for src, new in group:
                source = existing.get(src)
                if source is None:
                    continue  # missing in this language: the i18n fallback publishes the Spanish copy
                target = source.parent / Path(new).name
                target.write_text(rewrite_links(source.read_text(encoding="utf-8"), copy_of), encoding="utf-8")
                written += 1
    new_nav = list(nav) + [new for _, _, new in copies]
    block = yaml.safe_dump({"nav": new_nav}, allow_unicode=True, sort_keys=False, default_flow_style=False)
    text = replace_top_level(config_path.read_text(encoding="utf-8"), "nav", block)
    config_path.write_text(text, encoding="utf-8")
    if nav_pages(read_config(config_path).get("nav")) != [unicodedata.normalize("NFC", p) for p in nav_pages(new_nav)]:
        raise StageError("could not rewrite the nav of the copy's mkdocs.yml")
    return {"pages_per_language": len(stems) + len(copies), "real_pages_per_language": len(stems), "copied_files": written}


def clear_cache(project: Path) -> None:
    shutil.rmtree(project / ".cache", ignore_errors=True)


def write_no_images_config(project: Path) -> Path:
    """mkdocs.yml without the image hook (INHERIT replaces the hooks list)."""
    config = read_config(project / "mkdocs.yml")
    hooks = [h for h in hooks_of(config) if h != IMAGES_HOOK]
    path = project / "mkdocs-bench-noimages.yml"
    path.write_text(yaml.safe_dump({"INHERIT": "mkdocs.yml", "hooks": hooks}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------- our pipeline


def mkdocs_build(config: Path, site: Path, strict: bool = True) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-q", "-f", str(config), "-d", str(site)]


def time_pipeline(project: Path, runs: int, label: str, split_images: bool = False) -> dict:
    """Medians of the project's stages in a project copy: bundles, build, images, link check.

    images: scripts/optimize_images.py on its own with an empty cache (the work the
    image hook does inside the build when it is enabled). With split_images and the
    hook enabled, the build is also timed without the hook: the difference is the
    hook's whole share of the build (variants plus rewriting every page's <img>).
    """
    py = sys.executable
    config = read_config(project / "mkdocs.yml")
    images_in_build = IMAGES_HOOK in hooks_of(config)
    has_image_script = (project / "scripts" / "optimize_images.py").is_file()
    no_images = write_no_images_config(project) if images_in_build and split_images else None
    times: dict[str, list[float]] = {"bundles": [], "build": [], "images": [], "check_links": [], "build_without_images": []}
    errors: dict[str, str] = {}
    for run in range(1, runs + 1):
        stage = "bundles"
        try:
            clear_cache(project)
            progress(f"{label} run {run}/{runs}: bundles (scripts/package_offline.py build)")
            seconds, _ = run_timed([py, str(project / "scripts/package_offline.py"), "build", "--dist", str(project / "dist")], project)
            times["bundles"].append(seconds)
            stage = "build"
            clear_cache(project)
            progress(f"{label} run {run}/{runs}: online build (mkdocs build --strict)")
            seconds, _ = run_timed(mkdocs_build(project / "mkdocs.yml", project / "site"), project)
            times["build"].append(seconds)
            if no_images:
                stage = "build_without_images"
                clear_cache(project)
                progress(f"{label} run {run}/{runs}: online build without {IMAGES_HOOK}")
                seconds, _ = run_timed(mkdocs_build(no_images, project / "site-noimages"), project)
                times["build_without_images"].append(seconds)
            if has_image_script:
                stage = "images"
                clear_cache(project)
                progress(f"{label} run {run}/{runs}: images (scripts/optimize_images.py, empty cache)")
                seconds, _ = run_timed([py, str(project / "scripts/optimize_images.py")], project)
                times["images"].append(seconds)
            stage = "check_links"
            progress(f"{label} run {run}/{runs}: link check (scripts/check_links.py site)")
            seconds, result = run_timed([py, str(project / "scripts/check_links.py"), str(project / "site")], project, ok_codes=(0, 1))
            if result.returncode != 0:
                lines = [ln for ln in (result.stdout + result.stderr).splitlines() if ln.strip()]
                errors["check_links"] = f"check_links.py reported findings (exit 1): {' | '.join(lines[-4:])}"
            times["check_links"].append(seconds)
        except StageError as exc:
            errors[stage] = str(exc)
            progress(f"{label}: {stage} failed: {exc}")
            break
    out = {"images_in_build": images_in_build, "stages": {}, "errors": errors}
    for stage, values in times.items():
        if values:
            out["stages"][stage] = {"median_s": r3(median(values)), "runs_s": [r3(v) for v in values]}
    if "images" in out["stages"]:
        out["stages"]["images"]["how"] = "scripts/optimize_images.py on its own, empty cache" + (
            f" (the same work runs inside the online build: {IMAGES_HOOK} is enabled)" if images_in_build else f" ({IMAGES_HOOK} is not enabled)"
        )
    if times["build"] and times["build_without_images"]:
        # Signed: within noise it can come out negative on a busy machine.
        out["images_hook_share_s"] = r3(median(times["build"]) - median(times["build_without_images"]))
    return out


# ---------------------------------------------------------------- stock stack


def write_stock_project(project: Path, stock: Path) -> dict[str, Path]:
    """A stock MkDocs project over the copy's docs/: configs for the online and offline builds."""
    config = read_config(project / "mkdocs.yml")
    stock.mkdir(parents=True, exist_ok=True)
    languages_dir = stock / "overrides" / "partials" / "languages"
    languages_dir.mkdir(parents=True, exist_ok=True)
    for name in ("qu.html", "ay.html"):
        shutil.copy2(project / "overrides" / "partials" / "languages" / name, languages_dir / name)
    i18n = i18n_config(config)
    keep = ("locale", "name", "default", "build", "site_name", "site_description")
    languages = [{k: v for k, v in dict(lang).items() if k in keep} for lang in i18n.get("languages") or []]
    excluded = [line for line in str(config.get("exclude_docs") or "").splitlines() if line.strip()] + list(STOCK_EXCLUDE)
    base = {
        "site_name": config.get("site_name"),
        "site_description": config.get("site_description"),
        "use_directory_urls": False,
        "docs_dir": str((project / str(config.get("docs_dir") or "docs")).resolve()),
        "exclude_docs": "\n".join(excluded) + "\n",
        "nav": config.get("nav"),
        # Material's defaults: Roboto from Google Fonts, the full JS bundle.
        "theme": {"name": "material", "custom_dir": "overrides", "language": "es"},
        "markdown_extensions": config.get("markdown_extensions") or [],
    }
    base = {k: v for k, v in base.items() if v is not None}
    i18n_plugin = {"i18n": {"docs_structure": "folder", "fallback_to_default": True, "languages": languages}}
    online = dict(base, plugins=["search", i18n_plugin])
    # offline after i18n, or its search index holds only the last language (stack-notes pitfall 6)
    offline = dict(base, plugins=["search", i18n_plugin, "offline"])
    paths = {"online": stock / "mkdocs.yml", "offline": stock / "mkdocs-offline.yml"}
    for key, data in (("online", online), ("offline", offline)):
        paths[key].write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return paths


def time_stock_builds(stock_config: Path, site: Path, runs: int, label: str) -> dict:
    times = []
    for run in range(1, runs + 1):
        progress(f"{label} run {run}/{runs}: stock build (mkdocs build --strict, plain Material)")
        seconds, _ = run_timed(mkdocs_build(stock_config, site), stock_config.parent)
        times.append(seconds)
    return {"median_s": r3(median(times)), "runs_s": [r3(t) for t in times]}


def zip_folder(folder: Path, target: Path) -> int:
    """zip -9 of a whole folder (the `zip` program when present); its size in bytes."""
    target.unlink(missing_ok=True)
    if shutil.which("zip"):
        subprocess.run(["zip", "-9", "-r", "-q", "-X", str(target), "."], cwd=folder, check=True)
    else:  # pragma: no cover - the same with zipfile
        import zipfile

        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(folder).as_posix())
    return target.stat().st_size


def folder_stats(folder: Path) -> dict:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}


# ---------------------------------------------------------------- HTTP server

TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml", "application/manifest+json")
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".html": "text/html", ".svg": "image/svg+xml", ".json": "application/json",
         ".xml": "application/xml", ".webp": "image/webp", ".woff2": "font/woff2", ".map": "application/json", ".txt": "text/plain", ".gz": "application/gzip"}


class SiteServer:
    """A built site on 127.0.0.1: gzip when accepted, max-age=600, ETag/304, 404.html.

    Counts the bytes it sends (status line, headers, body) and knows when it is idle.
    """

    def __init__(self, root: Path) -> None:
        self.root = Path(root).resolve()
        self.lock = threading.Lock()
        self.log: list[dict] = []
        self.inflight = 0
        self.last = time.monotonic()
        self.bodies: dict[tuple[str, bool], tuple[bytes, str, str, float, bool]] = {}
        handler = type("Handler", (_Handler,), {"site": self})
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> SiteServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def reset(self) -> None:
        with self.lock:
            self.log = []

    def entries(self) -> list[dict]:
        with self.lock:
            return list(self.log)

    def body(self, path: Path, gz: bool) -> tuple[bytes, str, str, float, bool]:
        """(body, content type, ETag, mtime, gzipped) of a file, computed once."""
        key = (str(path), gz)
        if key not in self.bodies:
            raw = path.read_bytes()
            ctype = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            gzipped = gz and ctype.startswith(TEXT_TYPES)
            data = gzip.compress(raw, compresslevel=6, mtime=0) if gzipped else raw
            if ctype.startswith(TEXT_TYPES):
                ctype += "; charset=utf-8"
            etag = '"' + hashlib.sha1(raw).hexdigest()[:16] + ("-gz" if gzipped else "") + '"'
            self.bodies[key] = (data, ctype, etag, path.stat().st_mtime, gzipped)
        return self.bodies[key]

    def wait_idle(self, page, quiet: float = 0.8, limit: float = 20.0) -> None:
        """Wait (pumping Playwright's events) until no request is open and none came for `quiet` s."""
        end = time.monotonic() + limit
        while time.monotonic() < end:
            with self.lock:
                idle = self.inflight == 0 and time.monotonic() - self.last >= quiet
            if idle:
                return
            page.wait_for_timeout(100)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser closing a kept-alive connection is normal, not worth a traceback."""
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError, TimeoutError)):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: SiteServer

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _serve(self, head: bool) -> None:
        site = self.site
        with site.lock:
            site.inflight += 1
            site.last = time.monotonic()
        status, path = 500, self.path
        try:
            path = unquote(urlsplit(self.path).path)
            target = (site.root / path.lstrip("/")).resolve()
            if target.is_dir():
                target = target / "index.html"
            status = 200
            if not target.is_relative_to(site.root) or not target.is_file():
                status, target = 404, site.root / "404.html"
            accepts_gzip = "gzip" in (self.headers.get("Accept-Encoding") or "")
            if target.is_file():
                data, ctype, etag, mtime, gzipped = site.body(target, accepts_gzip)
            else:
                data, ctype, etag, mtime, gzipped = b"not found", "text/plain; charset=utf-8", '"404"', time.time(), False
            headers = {
                "Date": email.utils.formatdate(usegmt=True),
                "Server": "bench",
                "Content-Type": ctype,
                "Cache-Control": "max-age=600",
                "Last-Modified": email.utils.formatdate(mtime, usegmt=True),
                "ETag": etag,
                "Vary": "Accept-Encoding",
            }
            if status == 200 and self.headers.get("If-None-Match") == etag:
                status, data = 304, b""
            elif gzipped:
                headers["Content-Encoding"] = "gzip"
            headers["Content-Length"] = str(len(data))
            reason = {200: "OK", 304: "Not Modified", 404: "Not Found"}[status]
            head_bytes = (f"HTTP/1.1 {status} {reason}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode("latin-1")
            payload = head_bytes + (b"" if head else data)
            sent = len(payload)
            raw_size = 0 if status == 304 or head else (target.stat().st_size if target.is_file() else len(data))
            # Logged before the bytes leave, so a reader never sees a response the log lacks.
            with site.lock:
                site.log.append({"path": path, "status": status, "bytes": sent, "raw": raw_size})
            self.wfile.write(payload)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with site.lock:
                site.inflight -= 1
                site.last = time.monotonic()


# ---------------------------------------------------------------- browser


class NetLog:
    """Requests of one page seen through CDP's Network domain."""

    def __init__(self, cdp, origin: str) -> None:
        self.origin = origin
        self.requests: dict[str, dict] = {}
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.requestServedFromCache", self._from_cache)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)

    def reset(self) -> None:
        self.requests = {}

    def _sent(self, p) -> None:
        url = p["request"]["url"]
        if url.startswith(("http://", "https://")):
            previous = self.requests.get(p["requestId"])
            entry = {"url": url, "bytes": 0, "cached": False, "failed": False, "status": None, "redirects": 0}
            if previous and p.get("redirectResponse"):
                entry["redirects"] = previous["redirects"] + 1
                entry["bytes"] = previous["bytes"] + int(p["redirectResponse"].get("encodedDataLength") or 0)
            self.requests[p["requestId"]] = entry

    def _from_cache(self, p) -> None:
        if p["requestId"] in self.requests:
            self.requests[p["requestId"]]["cached"] = True

    def _response(self, p) -> None:
        entry = self.requests.get(p["requestId"])
        if entry is not None:
            response = p["response"]
            entry["status"] = response.get("status")
            if response.get("fromDiskCache") or response.get("fromPrefetchCache") or response.get("fromServiceWorker"):
                entry["cached"] = True

    def _finished(self, p) -> None:
        entry = self.requests.get(p["requestId"])
        if entry is not None:
            entry["bytes"] += int(p.get("encodedDataLength") or 0)

    def _failed(self, p) -> None:
        entry = self.requests.get(p["requestId"])
        if entry is not None:
            entry["failed"] = True
            entry["error"] = p.get("errorText")

    def summary(self) -> dict:
        ours = [r for r in self.requests.values() if r["url"].startswith(self.origin + "/")]
        outside = [r for r in self.requests.values() if not r["url"].startswith(self.origin + "/")]
        network = [r for r in ours if not r["cached"]]
        return {
            "page_cdp_bytes": sum(r["bytes"] for r in ours),
            "page_cdp_requests": len(network),
            "cached_requests": len(ours) - len(network),
            "third_party_requests": len(outside),
            "third_party_origins": sorted({"{0.scheme}://{0.netloc}".format(urlsplit(r["url"])) for r in outside}),
        }


def url_of(origin: str, page: str) -> str:
    return f"{origin}/{quote(page)}"


TIMING_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {load: nav ? nav.loadEventEnd : 0, dcl: nav ? nav.domContentLoadedEventEnd : 0, fcp: fcp ? fcp.startTime : 0};
}"""


def view(page, netlog: NetLog, server: SiteServer, url: str) -> dict:
    """One navigation, waited until the network is quiet; transferred bytes and requests.

    Bytes and requests are counted where they arrive, at the server (status line,
    headers, body: what CDP's encodedDataLength counts), because the page's CDP
    session does not see a dedicated worker's requests (Material's search worker
    fetches the index). CDP's own page-level sum is kept as a cross-check; third-party
    requests, which never reach the server, come from CDP.
    """
    netlog.reset()
    server.reset()
    page.goto(url, wait_until="load", timeout=60_000)
    server.wait_idle(page)
    served = server.entries()
    figures = {
        "bytes": sum(e["bytes"] for e in served),
        "requests": len(served),
        "raw_bytes": sum(e["raw"] for e in served),
        "not_found": sorted({e["path"] for e in served if e["status"] == 404}),
    }
    figures.update(netlog.summary())
    return figures


def throttled_view(browser, server: SiteServer, url: str) -> dict:
    """Cold load on 400 kbit/s, 400 ms latency: load event and first contentful paint (ms)."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", THROTTLE)
        page.goto(url, wait_until="load", timeout=180_000)
        timing = page.evaluate(TIMING_JS)
        for _ in range(30):
            if timing["fcp"] > 0 and timing["load"] > 0:
                break
            page.wait_for_timeout(100)
            timing = page.evaluate(TIMING_JS)
        if timing["fcp"] <= 0:
            raise StageError(f"{url}: no first-contentful-paint entry")
        return {"load_ms": round(timing["load"], 1), "dcl_ms": round(timing["dcl"], 1), "fcp_ms": round(timing["fcp"], 1)}
    finally:
        context.close()


def measure_site(browser, server: SiteServer, pages: list[str], all_pages: list[str], label: str) -> list[dict]:
    """First view, second view and throttled timings of each page."""
    rows = []
    for i, path in enumerate(pages, 1):
        following = next_page(path, all_pages)
        progress(f"browser {label} {i}/{len(pages)}: {path} (then {following})")
        for attempt in (1, 2):  # one retry: a single flaky navigation must not lose the whole site
            try:
                rows.append(measure_page(browser, server, path, following))
                break
            except Exception as exc:  # noqa: BLE001 - Playwright raises several kinds
                if attempt == 2:
                    raise
                progress(f"browser {label}: {path} failed ({type(exc).__name__}: {exc}); once more")
    return rows


def measure_page(browser, server: SiteServer, path: str, following: str) -> dict:
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        netlog = NetLog(cdp, server.origin)
        first = view(page, netlog, server, url_of(server.origin, path))
        second = view(page, netlog, server, url_of(server.origin, following))
    finally:
        context.close()
    row = {"page": path, "first_view": first, "second_view": dict(second, page=following)}
    row["throttled"] = throttled_view(browser, server, url_of(server.origin, path))
    return row


def next_page(path: str, all_pages: list[str]) -> str:
    """The next page of the same language (cyclic): where a reader goes second."""
    folder = path.rsplit("/", 1)[0] if "/" in path else ""
    same = [p for p in all_pages if (p.rsplit("/", 1)[0] if "/" in p else "") == folder]
    if "index.html" == path.rsplit("/", 1)[-1]:
        for name in ("señales.html",):
            candidate = f"{folder}/{name}" if folder else name
            if candidate in same:
                return candidate
    index = same.index(path) if path in same else -1
    return same[(index + 1) % len(same)]


def site_pages(site: Path, nav: list[str], languages: list[str], default: str) -> list[str]:
    """Every content page of a built site, language by language in nav order."""
    pages = []
    for lang in languages:
        prefix = "" if lang == default else f"{lang}/"
        for source in nav:
            rel = prefix + source[: -len(".md")] + ".html"
            if (site / rel).is_file():
                pages.append(rel)
    return pages


def summarize(rows: list[dict]) -> dict:
    def stats(values: list[float], digits: int = 0) -> dict:
        fmt = (lambda v: int(round(v))) if digits == 0 else (lambda v: round(v, digits))
        return {"median": fmt(median(values)), "min": fmt(min(values)), "max": fmt(max(values))}

    return {
        "pages": len(rows),
        "first_view_bytes": stats([r["first_view"]["bytes"] for r in rows]),
        "first_view_raw_bytes": stats([r["first_view"]["raw_bytes"] for r in rows]),
        "first_view_requests": stats([r["first_view"]["requests"] for r in rows]),
        "third_party_requests": stats([r["first_view"]["third_party_requests"] for r in rows]),
        "second_view_bytes": stats([r["second_view"]["bytes"] for r in rows]),
        "second_view_requests": stats([r["second_view"]["requests"] for r in rows]),
        "load_ms": stats([r["throttled"]["load_ms"] for r in rows], 1),
        "fcp_ms": stats([r["throttled"]["fcp_ms"] for r in rows], 1),
    }


def budgets(summary: dict) -> dict:
    """Each budget checked against the worst page."""
    checks = {
        "first_view_bytes": summary["first_view_bytes"]["max"],
        "second_view_bytes": summary["second_view_bytes"]["max"],
        "load_ms": summary["load_ms"]["max"],
        "fcp_ms": summary["fcp_ms"]["max"],
    }
    return {key: {"limit": BUDGETS[key], "worst": value, "pass": value <= BUDGETS[key]} for key, value in checks.items()}


def browser_bench(ours_site: Path, stock_site: Path, pages: list[str], all_pages: list[str]) -> dict:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise StageError("chromium is not installed (`make browser` installs Debian's package)")
    result: dict = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            result["chromium"] = browser.version
            for label, site in (("ours", ours_site), ("stock", stock_site)):
                with SiteServer(site) as server:
                    try:
                        rows = measure_site(browser, server, pages, all_pages, label)
                        result[label] = {"summary": summarize(rows), "budgets": budgets(summarize(rows)), "pages": rows}
                    except Exception as exc:  # noqa: BLE001 - recorded, the other site still runs
                        result[label] = {"error": f"{type(exc).__name__}: {exc}"}
        finally:
            browser.close()
    if "summary" in result.get("ours", {}) and "summary" in result.get("stock", {}):
        ours, stock = result["ours"]["summary"], result["stock"]["summary"]
        result["ratios"] = {
            key: round(ours[key]["median"] / stock[key]["median"], 3)
            for key in ("first_view_bytes", "first_view_raw_bytes", "first_view_requests", "second_view_bytes", "load_ms", "fcp_ms")
            if stock[key]["median"] > 0
        }
    return result


# ---------------------------------------------------------------- peers


PEER_RUNNER = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import importlib
module = importlib.import_module(sys.argv[2])
args = json.loads(sys.argv[4])
result = module.run(*args[:-1], Path(args[-1]))
Path(sys.argv[3]).write_text(json.dumps(result, ensure_ascii=False, default=str), encoding="utf-8")
"""


def run_peer(module: str, args: list, workdir: Path, timeout: float, root: Path = ROOT) -> dict:
    """Call <module>.run(*args, workdir) (e.g. scripts/bench_links.py) in a fresh Python; its dict or {"error": ...}."""
    name = module.rsplit(".", 1)[-1]
    source = root / (module.replace(".", "/") + ".py")
    if not source.is_file():
        return {"error": f"{source.relative_to(root).as_posix()} is missing"}
    workdir.mkdir(parents=True, exist_ok=True)
    workdir.chmod(0o755)
    out = workdir / "result.json"
    command = [sys.executable, "-c", PEER_RUNNER, str(root), module, str(out), json.dumps([*args, str(workdir)])]
    started = time.perf_counter()
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=ENV, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"{name}.run() did not finish within {timeout:.0f} s"}
    if result.returncode != 0 or not out.is_file():
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        return {"error": f"{name}.run() failed: {' | '.join(lines[-3:]) or f'exit {result.returncode}'}"}
    data = json.loads(out.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        return {"error": f"{name}.run() returned {type(data).__name__}, not a dict"}
    data["bench_wall_s"] = r3(time.perf_counter() - started)
    return data


# ---------------------------------------------------------------- environment


def environment() -> dict:
    from importlib.metadata import PackageNotFoundError, version

    def v(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = 0
    with contextlib.suppress(OSError, ValueError, IndexError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = int(line.split()[1]) * 1024
    chromium = "not installed"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip() or chromium
    return {
        "date": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "cpu_model": cpu,
        "cores": os.cpu_count() or 1,
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1),
        "memory_bytes": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": v("mkdocs"),
        "mkdocs_material": v("mkdocs-material"),
        "mkdocs_static_i18n": v("mkdocs-static-i18n"),
        "playwright": v("playwright"),
        "pillow": v("pillow"),
        "linkchecker": v("linkchecker"),
        "chromium": chromium,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


# ---------------------------------------------------------------- the run


def scale_bench(workdir: Path, sizes: list[int], runs: int, split_images: bool = False) -> dict:
    rows, errors = [], {}
    for n in sizes:
        label = f"scale N={n}"
        project = workdir / f"scale-{n}"
        try:
            progress(f"{label}: copying the project and writing {n} pages per language")
            copy_project(project)
            shape = make_synthetic(project, n)
            config = read_config(project / "mkdocs.yml")
            languages = [str(lang["locale"]) for lang in i18n_config(config).get("languages") or []]
            pages = shape["pages_per_language"] * len(languages)
            pipeline = time_pipeline(project, runs, label, split_images)
            stock_paths = write_stock_project(project, workdir / f"stock-{n}")
            try:
                stock = time_stock_builds(stock_paths["online"], workdir / f"stock-{n}" / "site", runs, label)
            except StageError as exc:
                stock = {"error": str(exc)}
            row = {"pages_per_language": shape["pages_per_language"], "languages": len(languages), "pages": pages, "copied_files": shape["copied_files"]}
            row["images_in_build"] = pipeline["images_in_build"]
            if "images_hook_share_s" in pipeline:
                row["images_hook_share_s"] = pipeline["images_hook_share_s"]
            row["stages"] = {}
            for stage, figures in pipeline["stages"].items():
                row["stages"][stage] = dict(figures, ms_per_page=round(figures["median_s"] * 1000 / pages, 2))
            # What `make site` runs; the image work is already inside the build when the hook is on.
            pipeline_stages = ["bundles", "build", "check_links"] + ([] if pipeline["images_in_build"] else ["images"])
            if all(s in pipeline["stages"] for s in ("bundles", "build", "check_links")) and not pipeline["errors"].keys() - {"check_links"}:
                total = sum(pipeline["stages"][s]["median_s"] for s in pipeline_stages if s in pipeline["stages"])
                row["total"] = {"median_s": r3(total), "ms_per_page": round(total * 1000 / pages, 2), "stages": [s for s in pipeline_stages if s in pipeline["stages"]]}
            if pipeline["errors"]:
                row["errors"] = pipeline["errors"]
            row["stock_build"] = stock if "error" in stock else dict(stock, ms_per_page=round(stock["median_s"] * 1000 / pages, 2))
            # Every page embeds the whole nav: the page itself grows with N.
            home = {}
            for site_label, site_dir in (("ours", project / "site"), ("stock", workdir / f"stock-{n}" / "site")):
                if (site_dir / "index.html").is_file():
                    home[site_label] = html_size(site_dir / "index.html")
            if home:
                row["home_page_html"] = home
            if "build" in row["stages"] and "median_s" in stock:
                row["build_ratio_ours_to_stock"] = round(row["stages"]["build"]["median_s"] / stock["median_s"], 3)
            rows.append(row)
            stages_line = ", ".join(f"{k} {v['median_s']:.2f} s" for k, v in row["stages"].items())
            progress(f"{label}: {stages_line}; stock build {stock.get('median_s', 'failed')} s")
        except (StageError, OSError, yaml.YAMLError) as exc:
            errors[str(n)] = f"{type(exc).__name__}: {exc}"
            progress(f"{label} failed: {exc}")
        finally:
            shutil.rmtree(workdir / f"stock-{n}", ignore_errors=True)
            shutil.rmtree(project, ignore_errors=True)
    result: dict = {"sizes": rows}
    if errors:
        result["errors"] = errors
    if len(rows) >= 2:
        result["growth"] = growth_of(rows)
    return result


def growth_of(rows: list[dict]) -> dict:
    """ms/page at the largest N over the smallest (flagged above SUPERLINEAR), and the
    marginal cost (ms per extra page between consecutive sizes), whose growth a fixed
    start-up time does not hide."""
    small, large = rows[0], rows[-1]
    growth = {}
    # images: the same image files at every N, not a per-page cost.
    keys = sorted(set(small["stages"]) & set(large["stages"]) - {"build_without_images", "images"}) + ["total", "stock_build"]
    for key in keys:
        a = small["stages"].get(key) or small.get(key) or {}
        b = large["stages"].get(key) or large.get(key) or {}
        if "ms_per_page" not in a or "ms_per_page" not in b or a["ms_per_page"] <= 0:
            continue
        ratio = round(b["ms_per_page"] / a["ms_per_page"], 3)
        growth[key] = {"from_n": small["pages_per_language"], "to_n": large["pages_per_language"], "ms_per_page_ratio": ratio, "superlinear": ratio > SUPERLINEAR}
        points = [(r["pages"], (r["stages"].get(key) or r.get(key) or {}).get("median_s")) for r in rows]
        points = [(pages, seconds) for pages, seconds in points if seconds is not None]
        if len(points) >= 3:
            slopes = [(s2 - s1) * 1000 / (p2 - p1) for (p1, s1), (p2, s2) in zip(points, points[1:]) if p2 > p1]
            if slopes and slopes[0] > 0 and slopes[-1] > 0:
                growth[key]["marginal_ms_per_page"] = [round(x, 2) for x in slopes]
                growth[key]["marginal_ratio"] = round(slopes[-1] / slopes[0], 3)
                growth[key]["superlinear_marginal"] = slopes[-1] / slopes[0] > SUPERLINEAR
    return growth


def html_size(path: Path) -> dict:
    """Bytes of one built page, raw and gzip (level 6, as the bench server sends it)."""
    raw = path.read_bytes()
    return {"raw_bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, compresslevel=6, mtime=0))}


def stock_bench(workdir: Path, runs: int) -> tuple[dict, dict]:
    """The real content with both stacks: build time, offline zip; returns (figures, built sites)."""
    project = copy_project(workdir / "real")
    config = read_config(project / "mkdocs.yml")
    progress("real content: our pipeline (bundles, online build) for the zip and the browser")
    py = sys.executable
    ours_build = []
    seconds, _ = run_timed([py, str(project / "scripts/package_offline.py"), "build", "--dist", str(project / "dist")], project)
    bundle_s = seconds
    for run in range(1, runs + 1):
        progress(f"real content run {run}/{runs}: our online build")
        clear_cache(project)
        seconds, _ = run_timed(mkdocs_build(project / "mkdocs.yml", project / "site"), project)
        ours_build.append(seconds)
    stock_dir = workdir / "stock-real"
    paths = write_stock_project(project, stock_dir)
    stock_build = time_stock_builds(paths["online"], stock_dir / "site", runs, "real content")
    progress("real content: stock offline build (search + i18n + offline plugins) and zip -9")
    stock_offline_s, _ = run_timed(mkdocs_build(paths["offline"], stock_dir / "offline"), stock_dir)
    stock_zip = zip_folder(stock_dir / "offline", stock_dir / "stock-offline.zip")
    name = str(((config.get("extra") or {}).get("bundle") or {}).get("name") or "guia")
    our_zip = project / "dist" / f"{name}.zip"
    if not our_zip.is_file():
        raise StageError(f"dist/{name}.zip was not written by scripts/package_offline.py")
    languages = [str(lang["locale"]) for lang in i18n_config(config).get("languages") or []]
    default = next((str(lang["locale"]) for lang in i18n_config(config).get("languages") or [] if lang.get("default")), languages[0])
    nav = nav_pages(config.get("nav"))
    ours_build_s = median(ours_build)
    figures = {
        "content": "the project's real pages",
        "pages": len(site_pages(project / "site", nav, languages, default)),
        "build": {
            "ours_median_s": r3(ours_build_s),
            "ours_runs_s": [r3(t) for t in ours_build],
            "stock_median_s": stock_build["median_s"],
            "stock_runs_s": stock_build["runs_s"],
            "ratio": round(ours_build_s / stock_build["median_s"], 3),
        },
        "offline": {
            "ours_bundles_s": r3(bundle_s),
            "stock_offline_build_s": r3(stock_offline_s),
            "ours_zip_bytes": our_zip.stat().st_size,
            "stock_zip_bytes": stock_zip,
            "zip_ratio": round(our_zip.stat().st_size / stock_zip, 4),
            "ours_zip": f"dist/{name}.zip (scripts/package_offline.py)",
            "stock_zip": "zip -9 -r of the whole stock offline build",
            "stock_offline_files": folder_stats(stock_dir / "offline")["files"],
            "stock_offline_bytes": folder_stats(stock_dir / "offline")["bytes"],
        },
        "site_bytes": {"ours": folder_stats(project / "site")["bytes"], "stock": folder_stats(stock_dir / "site")["bytes"]},
    }
    sites = {"ours": project / "site", "stock": stock_dir / "site", "nav": nav, "languages": languages, "default": default}
    return figures, sites


def choose_pages(mode: str, all_pages: list[str]) -> list[str]:
    if mode == "all":
        return list(all_pages)
    if mode == "quick":
        return [p for p in QUICK_PAGES if p in all_pages] or all_pages[:2]
    if mode == "sample":
        return [p for p in SAMPLE_PAGES if p in all_pages] or all_pages[:4]
    count = int(mode)
    return list(all_pages[:count])


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a fast check: N=15 only, 1 run, 2 pages in the browser")
    parser.add_argument("--runs", type=int, help=f"runs per timed stage, the median is reported (default: {RUNS}; --quick: 1)")
    parser.add_argument("--sizes", help=f"pages per language, comma-separated (default: {','.join(map(str, SIZES))}; --quick: 15)")
    parser.add_argument("--browser-pages", help="all, sample (home and warning signs, es and qu) or a number (default: all; --quick: 2)")
    parser.add_argument("--split-images", action="store_true", help="also time each build without hooks/images.py (doubles the build time)")
    parser.add_argument("--skip-peers", action="store_true", help="do not run scripts/bench_links.py and scripts/bench_images.py")
    parser.add_argument("--out", type=Path, default=ROOT, help="folder for BENCHMARKS.md and bench.json (default: the project root)")
    parser.add_argument("--workdir", type=Path, help="where to build the copies (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    args.runs = args.runs or (1 if args.quick else RUNS)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        args.sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(QUICK_SIZES if args.quick else SIZES)
    except ValueError:
        parser.error("--sizes takes numbers separated by commas, e.g. 15,100,500")
    args.browser_pages = args.browser_pages or ("quick" if args.quick else "all")
    if args.browser_pages not in ("all", "sample", "quick") and not args.browser_pages.isdigit():
        parser.error("--browser-pages takes all, sample or a number")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    workdir.chmod(0o755)
    result: dict = {
        "schema": 1,
        "mode": "quick" if args.quick else "full",
        "command": "scripts/bench.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "environment": environment(),
        "settings": {"sizes": args.sizes, "runs": args.runs, "browser_pages": args.browser_pages, "throttle": THROTTLE, "viewport": PHONE,
                     "budgets": BUDGETS, "superlinear_threshold": SUPERLINEAR, "kb": KB},
    }
    try:
        progress(f"scale: N = {', '.join(map(str, args.sizes))} pages per language, {args.runs} run(s) each")
        result["scale"] = scale_bench(workdir, args.sizes, args.runs, args.split_images)
        sites = None
        try:
            result["stock"], sites = stock_bench(workdir, args.runs)
        except (StageError, OSError) as exc:
            result["stock"] = {"error": f"{type(exc).__name__}: {exc}"}
        if sites is None:
            result["browser"] = {"error": "no built sites to measure (see stock.error)"}
        else:
            all_pages = site_pages(sites["ours"], sites["nav"], sites["languages"], sites["default"])
            pages = [p for p in choose_pages(args.browser_pages, all_pages) if (sites["stock"] / p).is_file()]
            progress(f"browser: {len(pages)} page(s) on each site, Chromium {result['environment']['chromium']}")
            try:
                result["browser"] = browser_bench(sites["ours"], sites["stock"], pages, all_pages)
            except Exception as exc:  # noqa: BLE001 - recorded in the JSON
                result["browser"] = {"error": f"{type(exc).__name__}: {exc}"}
            if "summary" in result["browser"].get("ours", {}) and "summary" in result["browser"].get("stock", {}) and "error" not in result["stock"]:
                ours, stock = result["browser"]["ours"]["summary"], result["browser"]["stock"]["summary"]
                result["stock"]["first_view"] = {
                    "ours_median_bytes": ours["first_view_bytes"]["median"],
                    "stock_median_bytes": stock["first_view_bytes"]["median"],
                    "bytes_ratio": result["browser"]["ratios"]["first_view_bytes"],
                    "ours_median_requests": ours["first_view_requests"]["median"],
                    "stock_median_requests": stock["first_view_requests"]["median"],
                    "requests_ratio": result["browser"]["ratios"]["first_view_requests"],
                    "ours_third_party_requests": ours["third_party_requests"]["max"],
                    "stock_third_party_requests": stock["third_party_requests"]["max"],
                }
        if args.skip_peers:
            result["links"] = {"error": "skipped (--skip-peers)"}
            result["images"] = {"error": "skipped (--skip-peers)"}
        else:
            timeout = PEER_TIMEOUT["quick" if args.quick else "full"]
            link_pages = args.sizes[-1]
            progress(f"peers: scripts/bench_links.py run({link_pages}) (our checker vs LinkChecker)")
            result["links"] = run_peer("scripts.bench_links", [link_pages], workdir / "links", timeout)
            progress("peers: scripts/bench_images.py run() (our images vs Material's optimize plugin)")
            result["images"] = run_peer("scripts.bench_images", [], workdir / "images", timeout)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            progress(f"work folder kept: {workdir}")
    result["duration_s"] = r3(time.perf_counter() - started)
    result["environment"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (args.out / "BENCHMARKS.md").write_text(render_markdown(result), encoding="utf-8")
    progress(f"wrote {args.out / 'BENCHMARKS.md'} and {args.out / 'bench.json'} in {result['duration_s']:.0f} s")
    return 0


# ---------------------------------------------------------------- BENCHMARKS.md


def kb(n: float) -> str:
    return f"{n / KB:.1f} KB"


def mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def ratio(x: float) -> str:
    return f"{x:.2f}x"


def table(header: list[str], rows: list[list], numeric: bool = True) -> list[str]:
    """A Markdown table; columns after the first are right-aligned when numeric."""
    align = "---:" if numeric else "---"
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else align for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out + [""]


def render_markdown(result: dict) -> str:
    env = result["environment"]
    lines = [
        "# Benchmarks",
        "",
        f"Written by `{result['command'].strip()}` ({result['mode']} mode, {result['settings']['runs']} run(s) per timed stage, medians) "
        f"on {env['date']}, in {result['duration_s']:.0f} s. Regenerate with `make bench` (`make bench ARGS=--quick` for a fast check).",
        "",
        *table(
            ["Machine and versions", ""],
            [
                ["CPU", f"{env['cpu_model']}, {env['cores']} cores ({env['usable_cores']} usable)"],
                ["Memory", f"{env['memory_bytes'] / 2**30:.1f} GiB"],
                ["Load average (1, 5, 15 min) at start / end", f"{' '.join(map(str, env['load_average_at_start']))} / {' '.join(map(str, env.get('load_average_at_end', [])))}"],
                ["OS", env["os"]],
                ["Python", env["python"]],
                ["mkdocs / mkdocs-material / mkdocs-static-i18n", f"{env['mkdocs']} / {env['mkdocs_material']} / {env['mkdocs_static_i18n']}"],
                ["Chromium (Debian) / Playwright", f"{env['chromium']} / {env['playwright']}"],
                ["Pillow / LinkChecker", f"{env['pillow']} / {env['linkchecker']}"],
            ],
            numeric=False,
        ),
    ]
    lines += headline(result)
    lines += budget_section(result)
    lines += scale_section(result)
    lines += browser_section(result)
    lines += peer_section("Link checker (scripts/bench_links.py)", result.get("links"), links_rows)
    lines += peer_section("Images (scripts/bench_images.py)", result.get("images"), images_rows)
    lines += [
        "## Method",
        "",
        "- **Scale**: a copy of the project per N; every language gets N pages (the real ones, then copies under new names, their links "
        "pointed at the same copy, listed in the copy's nav; a page missing in a language is published from Spanish as on the real site). "
        "Stages as `make site` runs them: bundles, online build, link check. Images: `scripts/optimize_images.py` alone (the same work "
        "runs inside the build when `hooks/images.py` is enabled, so it is then not added to the total; `--split-images` also times each "
        "build without the hook); image caches emptied before every timed command. The stock stack's build of the same pages is timed "
        "beside them. ms/page = stage time / (N x languages). Superlinear = ms/page at the largest N more than "
        f"{SUPERLINEAR}x that at the smallest; the marginal cost (ms per extra page between sizes) is also given because the fixed start-up "
        "time hides growth in the plain ratio.",
        "- **Stock stack**: the same Markdown built by a generated mkdocs.yml: Material (default font, so Google Fonts), `search`, "
        "`mkdocs-static-i18n` (folders, same languages), `offline` after i18n for the offline copy, `use_directory_urls: false`, the same "
        "Markdown extensions, no project hook, and only `partials/languages/qu.html` and `ay.html` in its custom_dir (without them Quechua "
        "and Aymara do not build). Its zip: `zip -9 -r` of the whole offline build; ours: `dist/guia.zip` from `scripts/package_offline.py`.",
        "- **Browser**: Debian's Chromium through Playwright, 360x740 viewport, both sites on 127.0.0.1 served by the same small HTTP/1.1 "
        "server (gzip level 6 for text when accepted, `Cache-Control: max-age=600`, ETag, 404.html for missing files). Every other host is "
        "unresolvable (`--host-resolver-rules`), so outside requests fail at once; they are counted as third-party requests (from CDP "
        "`Network.requestWillBeSent`); the stock figures therefore leave out the Roboto files Google would send. First view: a new browser "
        "context (cold cache) until the network is quiet for 0.8 s; transferred bytes = status line + headers + (gzip) body of every "
        "response, counted at the server, which equals CDP's `Network.loadingFinished.encodedDataLength` for each request the page's CDP "
        "session sees (recorded as `page_cdp_bytes`) and also includes what a dedicated worker fetches (Material's search worker, which "
        "that session does not see); raw = the same files uncompressed. Second view: the next page in the same context (warm cache). "
        "Throttled: a new context with "
        "`Network.emulateNetworkConditions` 400 kbit/s down and up, 400 ms latency; load = `loadEventEnd`, text visible = "
        "`first-contentful-paint`. Budgets are checked on the worst page. KB = 1000 bytes.",
        "",
    ]
    return "\n".join(lines)


def headline(result: dict) -> list[str]:
    lines = ["## Headline: this site against the stock stack", ""]
    stock = result.get("stock") or {}
    if "error" in stock:
        return lines + [f"Not measured: {stock['error']}", ""]
    rows = [["Build, real content (`mkdocs build --strict`)", f"{stock['build']['ours_median_s']:.2f} s", f"{stock['build']['stock_median_s']:.2f} s",
             ratio(stock["build"]["ratio"])]]
    for size in (result.get("scale") or {}).get("sizes", [])[-1:]:
        if "build_ratio_ours_to_stock" in size:
            rows.append([f"Build, {size['pages']} pages ({size['pages_per_language']} per language)", f"{size['stages']['build']['median_s']:.2f} s",
                         f"{size['stock_build']['median_s']:.2f} s", ratio(size["build_ratio_ours_to_stock"])])
    off = stock["offline"]
    rows.append(["Offline zip, whole site", mb(off["ours_zip_bytes"]), mb(off["stock_zip_bytes"]), ratio(off["zip_ratio"])])
    fv = stock.get("first_view")
    browser = result.get("browser") or {}
    if fv:
        o, s = browser["ours"]["summary"], browser["stock"]["summary"]
        rows += [
            ["First view, transferred (median page)", kb(fv["ours_median_bytes"]), kb(fv["stock_median_bytes"]), ratio(fv["bytes_ratio"])],
            ["First view, requests (median page)", fv["ours_median_requests"], fv["stock_median_requests"], ratio(fv["requests_ratio"])],
            ["Third-party requests per page (blocked)", fv["ours_third_party_requests"], fv["stock_third_party_requests"], "-"],
            ["Second page, transferred (median)", kb(o["second_view_bytes"]["median"]), kb(s["second_view_bytes"]["median"]),
             ratio(browser["ratios"]["second_view_bytes"]) if "second_view_bytes" in browser["ratios"] else "-"],
            ["Load, 400 kbit/s + 400 ms (median page)", f"{o['load_ms']['median'] / 1000:.2f} s", f"{s['load_ms']['median'] / 1000:.2f} s", ratio(browser["ratios"]["load_ms"])],
            ["Text visible (FCP), same profile (median)", f"{o['fcp_ms']['median'] / 1000:.2f} s", f"{s['fcp_ms']['median'] / 1000:.2f} s", ratio(browser["ratios"]["fcp_ms"])],
        ]
    elif "error" in browser:
        rows.append(["Browser figures", "not measured", browser["error"], "-"])
    return lines + table(["Figure", "This site", "Stock stack", "Ratio (ours / stock)"], rows)


def budget_section(result: dict) -> list[str]:
    browser = result.get("browser") or {}
    lines = ["## Budgets (worst page, throttled profile for times)", ""]
    if "budgets" not in browser.get("ours", {}):
        return lines + [f"Not measured: {browser.get('ours', browser).get('error', 'no browser figures')}", ""]
    names = {"first_view_bytes": "First view <= 70 KB transferred", "second_view_bytes": "Second page <= 10 KB more",
             "load_ms": "Load <= 5 s", "fcp_ms": "Text visible (FCP) <= 3 s"}
    rows = []
    for key, label in names.items():
        ours = browser["ours"]["budgets"][key]
        stock = (browser.get("stock") or {}).get("budgets", {}).get(key)
        fmt = kb if key.endswith("bytes") else (lambda v: f"{v / 1000:.2f} s")
        rows.append([label, fmt(ours["worst"]), "**pass**" if ours["pass"] else "**FAIL**", f"{fmt(stock['worst'])} ({'pass' if stock['pass'] else 'fail'})" if stock else "-"])
    return lines + table(["Budget", "This site, worst page", "Result", "Stock stack, worst page"], rows)


def scale_section(result: dict) -> list[str]:
    scale = result.get("scale") or {}
    lines = ["## Scale: time per stage as the site grows", ""]
    if "error" in scale:
        return lines + [f"Not measured: {scale['error']}", ""]
    rows = []
    for size in scale.get("sizes", []):
        for stage in ("bundles", "build", "images", "check_links", "total"):
            figures = size["stages"].get(stage) or (size.get("total") if stage == "total" else None)
            if figures:
                note = " (script alone; also inside the build)" if stage == "images" and size["images_in_build"] else (" (script alone)" if stage == "images" else "")
                rows.append([f"{size['pages_per_language']} x {size['languages']} = {size['pages']}", stage + note, f"{figures['median_s']:.2f} s", f"{figures['ms_per_page']:.1f}"])
        if "images_hook_share_s" in size:
            rows.append([f"{size['pages_per_language']} x {size['languages']} = {size['pages']}", f"{IMAGES_HOOK} share of the build (build minus build without it)",
                         f"{size['images_hook_share_s']:.2f} s", f"{size['images_hook_share_s'] * 1000 / size['pages']:.1f}"])
        if "median_s" in size.get("stock_build", {}):
            rows.append([f"{size['pages_per_language']} x {size['languages']} = {size['pages']}", "stock build", f"{size['stock_build']['median_s']:.2f} s",
                         f"{size['stock_build']['ms_per_page']:.1f}"])
    lines += table(["Pages (per language x languages)", "Stage", "Median", "ms / page"], rows)
    for n, error in (scale.get("errors") or {}).items():
        lines += [f"- N={n}: {error}"]
    for size in scale.get("sizes", []):
        for stage, error in (size.get("errors") or {}).items():
            lines += [f"- N={size['pages_per_language']}, {stage}: {error}"]
    growth = scale.get("growth") or {}
    if growth:
        rows = []
        for key, g in growth.items():
            marginal = " -> ".join(f"{m:.1f}" for m in g.get("marginal_ms_per_page", [])) or "-"
            marginal_flag = ("**yes**" if g["superlinear_marginal"] else "no") + f" ({ratio(g['marginal_ratio'])})" if "marginal_ratio" in g else "-"
            rows.append([key, f"{g['from_n']} -> {g['to_n']}", ratio(g["ms_per_page_ratio"]), "**yes**" if g["superlinear"] else "no", marginal, marginal_flag])
        header = ["Stage", "N per language", "ms/page ratio", f"Superlinear (> {SUPERLINEAR}x)", "Marginal ms per extra page", f"Marginal growth > {SUPERLINEAR}x"]
        lines += ["", *table(header, rows)]
        flagged = [key for key, g in growth.items() if g["superlinear"]]
        marginal = [key for key, g in growth.items() if g.get("superlinear_marginal")]
        lines += [f"Superlinear (ms/page at the largest N over the smallest): **{', '.join(flagged) or 'none'}**. "
                  f"Marginal cost per page growing more than {SUPERLINEAR}x between the first and the last step: **{', '.join(marginal) or 'none'}**.", ""]
    sizes = [size for size in scale.get("sizes", []) if size.get("home_page_html")]
    if sizes:
        rows = []
        for size in sizes:
            home = size["home_page_html"]
            cells = [f"{kb(home[k]['raw_bytes'])} / {kb(home[k]['gzip_bytes'])}" if k in home else "-" for k in ("ours", "stock")]
            rows.append([f"{size['pages_per_language']} per language", *cells])
        lines += ["Every page carries the whole nav, so one page grows with N (home page HTML, raw / gzip):", "",
                  *table(["Size", "This site", "Stock stack"], rows)]
    elif scale.get("sizes"):
        lines += ["", "Growth: needs at least two sizes (not in --quick mode).", ""]
    return lines + [""]


def browser_section(result: dict) -> list[str]:
    browser = result.get("browser") or {}
    lines = ["## Real browser, page by page", ""]
    if "error" in browser:
        return lines + [f"Not measured: {browser['error']}", ""]
    for label, title in (("ours", "This site"), ("stock", "Stock stack")):
        data = browser.get(label) or {}
        lines += [f"### {title}", ""]
        if "error" in data:
            lines += [f"Not measured: {data['error']}", ""]
            continue
        rows = []
        for row in data["pages"]:
            f, s, t = row["first_view"], row["second_view"], row["throttled"]
            rows.append([row["page"], kb(f["bytes"]), kb(f["raw_bytes"]), f["requests"], f["third_party_requests"], f"{kb(s['bytes'])} ({s['page']})",
                         f"{t['load_ms'] / 1000:.2f} s", f"{t['fcp_ms'] / 1000:.2f} s"])
        lines += table(["Page", "First view", "Raw (decoded)", "Requests", "Third-party", "Second page", "Load (throttled)", "FCP (throttled)"], rows)
        outside = sorted({o for row in data["pages"] for o in row["first_view"]["third_party_origins"]})
        missing = sorted({p for row in data["pages"] for p in row["first_view"]["not_found"]})
        if outside:
            lines += [f"Third-party origins requested (blocked): {', '.join(outside)}.", ""]
        if missing:
            lines += [f"404 responses: {', '.join(missing)}.", ""]
    return lines


def links_rows(data: dict) -> list[list]:
    rows = []
    ours, theirs = data.get("check_links") or {}, data.get("linkchecker") or {}
    if data.get("pages"):
        rows.append(["Synthetic site", f"{data['pages']} pages ({data.get('pages_per_language')} per language)"])
    if "median_s" in ours:
        rows.append(["scripts/check_links.py", f"{ours['median_s']:.2f} s, {ours.get('findings')} findings"])
    if "median_s" in theirs:
        rows.append(["LinkChecker", f"{theirs['median_s']:.2f} s, {theirs.get('findings')} findings"])
    if data.get("speedup"):
        rows.append(["Speed-up", f"{data['speedup']}x"])
    seeds = data.get("seeds_found") or {}
    if seeds:
        rows.append(["Seeded broken links found", f"ours {seeds.get('check_links')}/{seeds.get('of')}, LinkChecker {seeds.get('linkchecker')}/{seeds.get('of')}"])
    return rows


def images_rows(data: dict) -> list[list]:
    """bench_images.run()'s summary (or its top-level numbers) as rows."""
    summary = data.get("summary") if isinstance(data.get("summary"), dict) else data
    rows = []
    for key, value in summary.items():
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, (int, float)):
            rows.append([key, f"{value:,}" if isinstance(value, int) else f"{value:g}"])
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            rows.append([key, ", ".join(value) or "none"])
    return rows


def peer_section(title: str, data, rows_of) -> list[str]:
    lines = [f"## {title}", ""]
    if not isinstance(data, dict):
        return lines + ["Not run.", ""]
    if "error" in data and len(data) == 1:
        return lines + [f"Not measured: {data['error']}", ""]
    rows = rows_of(data)
    if not rows:
        return lines + ["See bench.json for the figures.", ""]
    return lines + table(["Figure", "Value"], rows, numeric=False) + ["Full figures in bench.json.", ""]


if __name__ == "__main__":
    sys.exit(main())
