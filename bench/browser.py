"""The built sites in a real browser: Debian's Chromium (never a download) through Playwright at
360x740. Three sites from the same project copy, each on its own bench.server: ours as built (CSS
inlined), ours with one CSS file, and the stock stack, whose Google Fonts requests go to a local
HTTPS stand-in (bench.fonts); every other outside host is unresolvable. Page by page, profile by
profile, the three sites one after the other (so the machine's load hits all alike): a new context
(cold cache) throttled with CDP `Network.emulateNetworkConditions`, the page loaded and waited until
the network is idle, then the next page in the same context (second view). bench.figures turns what
Chromium and the servers reported into the figures, medians and budgets.
"""

from __future__ import annotations

import time
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote, urlsplit

from alerta.chromium import ARGS, CHROMIUM
from alerta.config import ROOT, SiteConfig
from bench import figures
from bench.fonts import GoogleFontsStandIn
from bench.server import SiteServer
from bench.stock import LANGUAGE_PARTIALS
from bench.timing import StageError, progress

KB = figures.KB
BUDGETS = figures.BUDGETS
# The project's profile, and DevTools' "Slow 3G" preset (ChromeDevTools/devtools-frontend,
# front_end/core/sdk/NetworkManager.ts, Slow3GConditions: download and upload 500 * 1000 / 8 * .8
# bytes/s, latency 400 * 5 ms, its latency modelling connection set-up).
PROFILES = {
    "project": {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8, "uploadThroughput": 400_000 / 8},
    "slow3g": {"offline": False, "latency": 400 * 5, "downloadThroughput": 500 * 1000 / 8 * 0.8, "uploadThroughput": 500 * 1000 / 8 * 0.8},
}
SITES = {"ours": "This site (CSS inlined)", "ours_file": "This site, one CSS file", "stock": "Stock stack"}
PHONE = {"width": 360, "height": 740}
QUIET_S = 0.5  # the network is idle when no request is open and none started or ended for this long
IDLE_LIMIT_S = 60.0
# The home page, and where a reader goes from it (the warning signs).
HOME, AFTER_HOME = "index.html", "señales.html"
TIMING_JS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const origin = location.origin;
  const entry = e => ({url: e.name, navigation: e.entryType === 'navigation', transfer: e.transferSize, body: e.encodedBodySize,
                       blocking: e.renderBlockingStatus === 'blocking', end: e.responseEnd, same_origin: e.name.startsWith(origin + '/')});
  return {
    timing: {load: nav ? nav.loadEventEnd : 0, load_start: nav ? nav.loadEventStart : 0, dcl: nav ? nav.domContentLoadedEventEnd : 0, fcp: fcp ? fcp.startTime : 0},
    entries: nav ? [entry(nav), ...performance.getEntriesByType('resource').map(entry)] : [],
  };
}"""


class Traffic:
    """A context's open requests (workers' too, as Playwright reports them) and the page's requests to other origins."""

    def __init__(self, context, origin: str) -> None:
        self.origin = origin
        self.open: set = set()
        self.outside: list[tuple[str, bool]] = []  # (origin, failed)
        context.on("request", self._start)
        context.on("requestfinished", self._finished)
        context.on("requestfailed", self._failed)

    def reset(self) -> None:
        self.outside = []

    def _start(self, request) -> None:
        self.open.add(request)
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.outside.append((f"{parts.scheme}://{parts.netloc}", False))

    def _finished(self, request) -> None:
        self.open.discard(request)

    def _failed(self, request) -> None:
        self.open.discard(request)
        parts = urlsplit(request.url)
        if f"{parts.scheme}://{parts.netloc}" != self.origin:
            self.outside.append((f"{parts.scheme}://{parts.netloc}", True))

    def summary(self) -> dict:
        return {"failed": sum(1 for _, failed in self.outside if failed), "origins": sorted({o for o, _ in self.outside})}


def wait_idle(page, traffic: Traffic, servers: list) -> None:
    """Until no request is open in the browser or at a server and none came or went for QUIET_S."""
    end = time.monotonic() + IDLE_LIMIT_S
    while time.monotonic() < end:
        if not traffic.open and min(server.quiet_for() for server in servers) >= QUIET_S:
            return
        page.wait_for_timeout(100)
    progress(f"browser: the network was not idle after {IDLE_LIMIT_S:.0f} s ({len(traffic.open)} request(s) open); counted as it was")


def url_of(origin: str, page: str) -> str:
    return f"{origin}/{quote(page)}"


def load(page, traffic: Traffic, server: SiteServer, fonts: GoogleFontsStandIn, url: str) -> dict:
    """One navigation in a throttled context: its figures (bench.figures.view_figures)."""
    traffic.reset()
    server.reset()
    fonts.reset()
    page.goto(url, wait_until="load", timeout=180_000)
    report = page.evaluate(TIMING_JS)
    for _ in range(50):  # first paint and the load event's end can come a moment after "load"
        if report["timing"]["fcp"] > 0 and report["timing"]["load"] > 0:
            break
        page.wait_for_timeout(100)
        report = page.evaluate(TIMING_JS)
    if report["timing"]["fcp"] <= 0:
        raise StageError(f"{url}: no first-contentful-paint entry")
    wait_idle(page, traffic, [server, fonts])
    return figures.view_figures(report["timing"], report["entries"], server.entries(), fonts.entries(), traffic.summary())


def throttled_tab(browser, server: SiteServer, profile: str):
    """A new context (cold cache) at phone size on the profile's link: (context, page, its traffic)."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", PROFILES[profile])
    return context, page, Traffic(context, server.origin)


def measure(browser, server: SiteServer, fonts: GoogleFontsStandIn, profile: str, path: str, following: str) -> dict:
    """First view of `path` in a new throttled context, then `following` in the same context (second view)."""
    context, page, traffic = throttled_tab(browser, server, profile)
    try:
        first = load(page, traffic, server, fonts, url_of(server.origin, path))
        second = load(page, traffic, server, fonts, url_of(server.origin, following))
    finally:
        context.close()
    return {"first": first, "second": second}


def measure_all(browser, servers: dict, fonts: GoogleFontsStandIn, plan: dict[str, list[str]], all_pages: list[str], text: dict[str, bool]) -> tuple[list[dict], list[str]]:
    """Every page on each profile that plans it, on every site, the sites interleaved (their order turning page by page)."""
    rows, errors = [], []
    labels = list(servers)
    pages = list(dict.fromkeys(p for planned in plan.values() for p in planned))
    for i, path in enumerate(pages):
        following = next_page(path, all_pages)
        row = {"page": path, "text": text.get(path, False), "next": following, "next_text": text.get(following, False), "views": {}}
        order = labels[i % len(labels):] + labels[: i % len(labels)]
        for profile in (p for p in PROFILES if path in plan.get(p, [])):
            progress(f"browser {i + 1}/{len(pages)} {profile}: {path} (then {following}), {', '.join(order)}")
            for label in order:
                for attempt in (1, 2):  # one retry: a single flaky navigation must not lose the figure
                    try:
                        row["views"].setdefault(profile, {})[label] = measure(browser, servers[label], fonts, profile, path, following)
                        break
                    except Exception as exc:  # noqa: BLE001 - Playwright raises several kinds
                        progress(f"browser {label} {profile}: {path} failed ({type(exc).__name__}: {exc})" + ("; once more" if attempt == 1 else ""))
                        if attempt == 2:
                            errors.append(f"{label}, {profile}, {path}: {type(exc).__name__}: {exc}")
        rows.append(row)
    return rows, errors


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


def folder_of(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def first_text_page(folder: str, all_pages: list[str], text: dict[str, bool]) -> list[str]:
    return [p for p in all_pages if folder_of(p) == folder and text.get(p)][:1]


def choose_pages(mode: str, all_pages: list[str], sample: list[str], text: dict[str, bool] | None = None) -> list[str]:
    """all; sample (home and the next page, two languages, each language's first text page after them);
    quick (the sample's first page and the first text page of its last language); or the first N."""
    text = text or {}
    if mode == "all":
        return list(all_pages)
    if mode == "quick":
        chosen = [sample[0]] + first_text_page(folder_of(sample[-1]), all_pages, text)
        chosen = [p for p in dict.fromkeys(chosen) if p in all_pages]
        return chosen if len(chosen) == 2 else [p for p in (sample[0], sample[-1]) if p in all_pages] or all_pages[:2]
    if mode == "sample":
        folders = list(dict.fromkeys(folder_of(p) for p in sample))
        chosen = [p for folder in folders for p in [*(q for q in sample if folder_of(q) == folder), *first_text_page(folder, all_pages, text)]]
        return [p for p in dict.fromkeys(chosen) if p in all_pages] or all_pages[:4]
    return list(all_pages[: int(mode)])


def text_pages(site: Path, pages: list[str]) -> dict[str, bool]:
    """Which built pages are text pages (bench.figures.is_text_page)."""
    return {p: figures.is_text_page((site / p).read_text(encoding="utf-8")) for p in pages if (site / p).is_file()}


def browser_bench(sites: dict[str, Path], plan: dict[str, list[str]], all_pages: list[str], text: dict[str, bool]) -> dict:
    """The three sites (ours, ours_file, stock) measured page by page on the pages each profile plans; rows, medians, budgets, comparisons."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise StageError("chromium is not installed (`make browser` installs Debian's package)")
    result: dict = {"profiles": PROFILES, "pages_per_profile": {p: len(plan.get(p, [])) for p in PROFILES}, "sites": {k: SITES[k] for k in sites}}
    with ExitStack() as stack:
        fonts = stack.enter_context(GoogleFontsStandIn())
        servers = {label: stack.enter_context(SiteServer(site)) for label, site in sites.items()}
        p = stack.enter_context(sync_playwright())
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, *fonts.chromium_args()])
        stack.callback(browser.close)
        result["chromium"] = browser.version
        rows, errors = measure_all(browser, servers, fonts, plan, all_pages, text)
    result["pages"] = rows
    if errors:
        result["errors"] = errors
    result["summary"] = {profile: {label: figures.summarize(rows, profile, label) for label in sites if figures.figures_of(rows, profile, label, "fcp_ms")}
                         for profile in PROFILES}
    measured = [label for label in sites if any(label in result["summary"][p] for p in PROFILES)]
    result["budgets"] = {label: figures.budgets(rows, label, list(PROFILES)) for label in measured}
    result["image_pages"] = {label: figures.image_pages(rows, label, list(PROFILES)) for label in measured}
    result["inline_vs_file"] = figures.inline_vs_file(result["summary"])
    result["ratios"] = figures.ratios(result["summary"])
    return result
