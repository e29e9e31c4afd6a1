"""Outside links (--external): checked concurrently, a few connections per host, with retries and a cache.

TLS certificates are always verified. Tests run it against a server on 127.0.0.1 only.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import ssl
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

from alerta.links.local import add
from alerta.links.model import Finding, Options, Site
from alerta.problems import say

CACHE_VERSION = 1
MAX_REDIRECTS = 10
USER_AGENT = "alerta-trata-check-links/1.0"
EXTERNAL_SCHEMES = ("http", "https")
RETRY_STATUSES = frozenset({429} | set(range(500, 600)))
HEAD_REFUSED = frozenset({403, 405, 501})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


@dataclass
class ExternalResult:
    """The outcome of checking one outside URL."""

    url: str
    ok: bool
    status: int | None
    final: str
    reason: str


def tls_context() -> ssl.SSLContext:
    """The only TLS context used: certificate and host name always verified."""
    context = ssl.create_default_context()
    context.verify_mode = ssl.CERT_REQUIRED
    context.check_hostname = True
    return context


class HostLimiter:
    """At most N connections at a time to each host."""

    def __init__(self, per_host: int) -> None:
        self.per_host = max(1, per_host)
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}

    def slot(self, url: str) -> threading.BoundedSemaphore:
        """The semaphore of the URL's host and port."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.hostname}:{parts.port or ''}"
        with self._lock:
            return self._slots.setdefault(key, threading.BoundedSemaphore(self.per_host))


def request_once(url: str, method: str, timeout: float, context: ssl.SSLContext) -> tuple[int, str | None]:
    """One HTTP request; the status and Location header."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        conn: http.client.HTTPConnection = http.client.HTTPSConnection(parts.hostname, parts.port, timeout=timeout, context=context)
    else:
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=~-._") + (f"?{quote(parts.query, safe='=&%:@!$()*+,;/?~-._')}" if parts.query else "")
    try:
        conn.request(method, target, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = conn.getresponse()
        return response.status, response.getheader("Location")
    finally:
        conn.close()


def follow(url: str, options: Options, limiter: HostLimiter, context: ssl.SSLContext) -> tuple[int, str]:
    """HEAD (then GET if HEAD is refused), following redirects; the final status and URL."""
    for _ in range(MAX_REDIRECTS + 1):
        if urlsplit(url).scheme not in EXTERNAL_SCHEMES:
            raise ValueError(f"redirected to {url}, not http(s)")
        with limiter.slot(url):
            status, location = request_once(url, "HEAD", options.timeout, context)
            if status in HEAD_REFUSED:
                status, location = request_once(url, "GET", options.timeout, context)
        if status in REDIRECT_STATUSES and location:
            url = urljoin(url, location)
            continue
        return status, url
    raise ValueError(f"more than {MAX_REDIRECTS} redirects")


def check_url(url: str, options: Options, limiter: HostLimiter, context: ssl.SSLContext) -> ExternalResult:
    """Check one outside URL, retrying with back-off on 5xx, 429 and timeouts."""
    reason, status, attempts = "", None, options.retries + 1
    for attempt in range(attempts):
        if attempt:
            time.sleep(options.backoff * 2 ** (attempt - 1))
        try:
            status, final = follow(url, options, limiter, context)
        except ssl.SSLCertVerificationError as exc:
            return ExternalResult(url, False, None, url, f"TLS certificate not valid: {exc.verify_message or exc.reason}")
        except ssl.SSLError as exc:
            return ExternalResult(url, False, None, url, f"TLS error: {exc.reason or exc}")
        except (TimeoutError, socket.timeout):
            reason = f"no answer within {options.timeout:g} s (timeout)"
            continue
        except socket.gaierror:
            return ExternalResult(url, False, None, url, "host name not found")
        except (OSError, http.client.HTTPException) as exc:
            reason = f"connection failed: {getattr(exc, 'strerror', None) or exc!r}"
            continue
        except ValueError as exc:
            return ExternalResult(url, False, None, url, str(exc))
        if status < 400:
            return ExternalResult(url, True, status, final, f"HTTP {status}")
        reason = f"HTTP {status}" + (f" (after redirects, at {final})" if final != url else "")
        if status not in RETRY_STATUSES:
            return ExternalResult(url, False, status, final, reason)
    tries = f" ({attempts} attempts)" if attempts > 1 else ""
    return ExternalResult(url, False, status, url, reason + tries)


def load_cache(path: Path) -> dict[str, dict]:
    """Cached results of earlier runs (URL -> entry); empty when missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION or not isinstance(data.get("urls"), dict):
        return {}
    return data["urls"]


def save_cache(path: Path, entries: dict[str, dict]) -> None:
    """Write the cache atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    temp.write_text(json.dumps({"version": CACHE_VERSION, "urls": entries}, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(temp, path)


def check_external(site: Site) -> list[Finding]:
    """Check every outside URL once (cached successes are reused until they expire)."""
    options = site.options
    cache = load_cache(options.cache)
    now = time.time()
    max_age = options.cache_days * 86400
    results: dict[str, ExternalResult] = {}
    todo = []
    for url in sorted(site.external):
        entry = cache.get(url)
        if entry and now - float(entry.get("checked", 0)) < max_age:
            results[url] = ExternalResult(url, True, entry.get("status"), entry.get("final", url), "cached")
        else:
            todo.append(url)
    if todo:
        limiter, context = HostLimiter(options.per_host), tls_context()
        with ThreadPoolExecutor(max_workers=max(1, min(options.workers, len(todo)))) as pool:
            for result in pool.map(lambda u: check_url(u, options, limiter, context), todo):
                results[result.url] = result
                if result.ok:
                    cache[result.url] = {"status": result.status, "final": result.final, "checked": now}
                else:
                    cache.pop(result.url, None)
        save_cache(options.cache, {u: e for u, e in cache.items() if now - float(e.get("checked", 0)) < max_age})
    findings: list[Finding] = []
    for url, uses in site.external.items():
        result = results[url]
        if not result.ok:
            for page, link in uses:
                add(findings, site, page, link, link.url, "external", say(f"no se pudo abrir ({result.reason})", result.reason))
    return findings
