"""Both sites in a real browser: Debian's Chromium (never a download) through Playwright, 360x740,
each site served by bench.server while every other host is unresolvable, so outside requests fail
at once and are counted as third-party. Per page: the first view (new context, cold cache), the
second view (the next page, warm cache), both read from the server's byte counts and CDP's
Network domain, and a cold load on 400 kbit/s, 400 ms latency for the load event and first
contentful paint; then medians per site, the budgets checked on the worst page, and ours/stock ratios.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

from alerta.chromium import ARGS, CHROMIUM
from alerta.config import ROOT, SiteConfig
from bench.server import SiteServer
from bench.stock import LANGUAGE_PARTIALS
from bench.timing import StageError, median, progress

KB = 1000  # as DevTools counts
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
# The home page, and where a reader goes from it (the warning signs).
HOME, AFTER_HOME = "index.html", "señales.html"
TIMING_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  return {load: nav ? nav.loadEventEnd : 0, dcl: nav ? nav.domContentLoadedEventEnd : 0, fcp: fcp ? fcp.startTime : 0};
}"""


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


@contextmanager
def phone_tab(browser) -> Iterator[tuple]:
    """A new context (cold cache) at phone size: its page and a CDP session with the Network domain on."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        yield page, cdp
    finally:
        context.close()


def throttled_view(browser, server: SiteServer, url: str) -> dict:
    """Cold load on 400 kbit/s, 400 ms latency: load event and first contentful paint (ms)."""
    with phone_tab(browser) as (page, cdp):
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
    with phone_tab(browser) as (page, cdp):
        netlog = NetLog(cdp, server.origin)
        first = view(page, netlog, server, url_of(server.origin, path))
        second = view(page, netlog, server, url_of(server.origin, following))
    row = {"page": path, "first_view": first, "second_view": dict(second, page=following)}
    row["throttled"] = throttled_view(browser, server, url_of(server.origin, path))
    return row


def next_page(path: str, all_pages: list[str]) -> str:
    """The next page of the same language (cyclic): where a reader goes second."""
    folder = path.rsplit("/", 1)[0] if "/" in path else ""
    same = [p for p in all_pages if (p.rsplit("/", 1)[0] if "/" in p else "") == folder]
    if path.rsplit("/", 1)[-1] == HOME:
        candidate = f"{folder}/{AFTER_HOME}" if folder else AFTER_HOME
        if candidate in same:
            return candidate
    index = same.index(path) if path in same else -1
    return same[(index + 1) % len(same)]


def sample_pages(config: SiteConfig, project: Path = ROOT) -> list[str]:
    """The home page and the one after it in the default language and in the first translation
    Material has no strings for (the project ships its own partial): the least tested by others."""
    own = [code for code in config.translations if (project / LANGUAGE_PARTIALS / f"{code}.html").is_file()]
    languages = [config.default.code, *(own or config.translations)[:1]]
    return [config.prefix(lang) + name for lang in languages for name in (HOME, AFTER_HOME)]


def choose_pages(mode: str, all_pages: list[str], sample: list[str]) -> list[str]:
    """all, sample (home and the next page, two languages), quick (the first and the last of the sample) or a number."""
    if mode == "all":
        return list(all_pages)
    if mode == "quick":
        return [p for p in (sample[0], sample[-1]) if p in all_pages] or all_pages[:2]
    if mode == "sample":
        return [p for p in sample if p in all_pages] or all_pages[:4]
    return list(all_pages[: int(mode)])


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
    worst = {key: summary[key]["max"] for key in BUDGETS}
    return {key: {"limit": BUDGETS[key], "worst": value, "pass": value <= BUDGETS[key]} for key, value in worst.items()}


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
