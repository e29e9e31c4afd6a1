"""A built site on 127.0.0.1 as a GitHub-Pages-like host serves it: HTTP/1.1, gzip (level 6) for
text when the browser accepts it, `Cache-Control: max-age=600`, ETag and 304, 404.html for
missing files. It counts the bytes it sends for each response (status line, headers, body) and
knows when it is idle, so the browser measurement can read what a page really transferred.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import mimetypes
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

GZIP_LEVEL = 6
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
            data = gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0) if gzipped else raw
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
