"""Servers on 127.0.0.1 that count what they send: a built site as a GitHub-Pages-like host serves
it (HTTP/1.1, gzip level 6 for text when the browser accepts it, `Cache-Control: max-age=600`, ETag
and 304, 404.html for missing files), and the base the Google Fonts stand-in (bench.fonts) shares.
Each counts the bytes of every response (status line, headers, body) and knows whether a request
is open and when the last one came, so the browser measurement reads what a page really transferred.
"""

from __future__ import annotations

import email.utils
import gzip
import hashlib
import mimetypes
import socket
import ssl
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

GZIP_LEVEL = 6
TEXT_TYPES = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml", "application/manifest+json")
TYPES = {".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css", ".html": "text/html", ".svg": "image/svg+xml", ".json": "application/json",
         ".xml": "application/xml", ".webp": "image/webp", ".woff2": "font/woff2", ".map": "application/json", ".txt": "text/plain", ".gz": "application/gzip"}
REASONS = {200: "OK", 304: "Not Modified", 404: "Not Found", 500: "Internal Server Error"}


@dataclass
class Reply:
    """A response before it is counted: status, headers (Date and Content-Length are added), body, uncompressed size."""

    status: int
    headers: dict[str, str]
    body: bytes
    raw: int


class CountingServer:
    """HTTP/1.1 on 127.0.0.1 (HTTPS with `tls`) that logs the bytes of every response it sends."""

    def __init__(self, tls: ssl.SSLContext | None = None) -> None:
        self.tls = tls
        self.lock = threading.Lock()
        self.log: list[dict] = []
        self.inflight = 0
        self.last = time.monotonic()
        handler = type("Handler", (_Handler,), {"site": self})
        self.httpd = _QuietServer(("127.0.0.1", 0), handler, tls)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def origin(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def __enter__(self):
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

    def quiet_for(self) -> float:
        """Seconds since the last request started or ended; 0 while one is open."""
        with self.lock:
            return 0.0 if self.inflight else time.monotonic() - self.last

    def reply(self, path: str, query: str, headers) -> Reply:
        raise NotImplementedError


class SiteServer(CountingServer):
    """A built site on 127.0.0.1: gzip when accepted, max-age=600, ETag/304, 404.html."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = Path(root).resolve()
        self.bodies: dict[tuple[str, bool], tuple[bytes, str, str, float, bool]] = {}

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

    def reply(self, path: str, query: str, headers) -> Reply:
        target = (self.root / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        status = 200
        if not target.is_relative_to(self.root) or not target.is_file():
            status, target = 404, self.root / "404.html"
        if target.is_file():
            data, ctype, etag, mtime, gzipped = self.body(target, "gzip" in (headers.get("Accept-Encoding") or ""))
            raw = target.stat().st_size
        else:
            data, ctype, etag, mtime, gzipped, raw = b"not found", "text/plain; charset=utf-8", '"404"', time.time(), False, 9
        out = {"Server": "bench", "Content-Type": ctype, "Cache-Control": "max-age=600", "Last-Modified": email.utils.formatdate(mtime, usegmt=True),
               "ETag": etag, "Vary": "Accept-Encoding"}
        if status == 200 and headers.get("If-None-Match") == etag:
            return Reply(304, out, b"", 0)
        if gzipped:
            out["Content-Encoding"] = "gzip"
        return Reply(status, out, data, raw)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler, tls: ssl.SSLContext | None) -> None:
        self.tls = tls
        super().__init__(address, handler)

    def get_request(self) -> tuple[socket.socket, tuple]:
        """With TLS, the handshake happens in the request's own thread (setup), never in the accepting one."""
        sock, address = super().get_request()
        if self.tls is not None:
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def handle_error(self, request, client_address) -> None:
        """A browser closing a kept-alive connection (or refusing a handshake) is normal, not worth a traceback."""
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError, TimeoutError, ssl.SSLError)):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    site: CountingServer

    def setup(self) -> None:
        if isinstance(self.request, ssl.SSLSocket):
            self.request.do_handshake()
        super().setup()

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
        path = self.path
        try:
            parts = urlsplit(self.path)
            path = unquote(parts.path)
            reply = site.reply(path, parts.query, self.headers)
            headers = {"Date": email.utils.formatdate(usegmt=True), **reply.headers, "Content-Length": str(len(reply.body))}
            head_bytes = (f"HTTP/1.1 {reply.status} {REASONS[reply.status]}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n").encode("latin-1")
            payload = head_bytes + (b"" if head else reply.body)
            # Logged before the bytes leave, so a reader never sees a response the log lacks.
            with site.lock:
                site.log.append({"path": path, "status": reply.status, "bytes": len(payload), "raw": 0 if head else reply.raw})
            self.wfile.write(payload)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            with site.lock:
                site.inflight -= 1
                site.last = time.monotonic()
