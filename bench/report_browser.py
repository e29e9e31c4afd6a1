"""The browser's part of BENCHMARKS.md (bench.browser's figures): headline rows, the budgets with
pass/fail for each site, inline CSS against one file (with the sentence saying which the site uses
and why, written from the numbers), every page on every profile, and the method in two sentences.
"""

from __future__ import annotations

from bench.browser import PROFILES, SITES
from bench.figures import BUDGETS
from bench.markdown import kb, ratio, seconds, table

PROFILE_TITLES = {"project": "project profile (400 kbit/s, 400 ms)", "slow3g": "Slow 3G (400 kbit/s, 2,000 ms)"}
SHORT = {"project": "project profile", "slow3g": "Slow 3G"}
IN_A_SENTENCE = {"project": "the project profile", "slow3g": "Slow 3G"}
BUDGET_TITLES = {
    "render_blocking_bytes": "HTML + render-blocking CSS <= 14 KB gzip (every text page)",
    "render_blocking_requests": "No render-blocking request besides the HTML (every text page)",
    "before_load_bytes": "Bytes before the load event <= 17 KB (every text page)",
    "second_view_bytes": "A second page <= 14 KB more (every text page reached second)",
    "fcp_ms_project": "First paint <= 0.8 s, project profile (median page)",
    "fcp_ms_slow3g": "First paint <= 2.5 s, Slow 3G (median page)",
}


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def value_of(key: str, value: float) -> str:
    if key.startswith("fcp"):
        return seconds(value)
    return str(int(value)) if key.endswith("requests") else kb(value)


def headline_rows(browser: dict, fv: dict) -> list[list]:
    """Ours against the stock stack, medians per profile."""
    names = [("before_load_bytes", "bytes before the load event"), ("before_load_requests", "requests before the load event"),
             ("until_idle_bytes", "bytes until the network is idle"), ("third_party_requests", "third-party requests"),
             ("render_blocking_bytes", "render-blocking bytes (HTML + CSS, gzip)"), ("second_view_bytes", "second page, bytes before its load event"),
             ("fcp_ms", "first paint (FCP)"), ("load_ms", "load event")]
    rows = []
    for profile, figures in fv.items():
        for key, title in names:
            if key not in figures:
                continue
            ours, stock = figures[key]["ours"], figures[key]["stock"]
            fmt = seconds if key.endswith("_ms") else (str if key.endswith("requests") else kb)
            rows.append([f"{upper_first(SHORT[profile])}: {title} (median page)", fmt(ours), fmt(stock), ratio(ours / stock) if stock else "-"])
    return rows


def budget_section(result: dict) -> list[str]:
    browser = result.get("browser") or {}
    lines = ["## Budgets", ""]
    if not browser.get("budgets"):
        return lines + [f"Not measured: {browser.get('error', 'no browser figures')}", ""]
    checked = browser["budgets"]
    sites = [s for s in SITES if s in checked]
    rows = []
    for key in BUDGETS:
        cells = []
        for site in sites:
            check = checked[site]["checks"].get(key)
            if check is None:
                cells.append("not checked")
                continue
            where = f" ({check['page']})" if check.get("page") else ""
            verdict = ("**pass**" if check["pass"] else "**FAIL**") if site == "ours" else ("pass" if check["pass"] else "fail")
            cells.append(f"{value_of(key, check['value'])}{where} {verdict}")
        rows.append([BUDGET_TITLES[key], *cells])
    lines += table(["Budget (KB = 1000 bytes)", *(SITES[s] for s in sites)], rows, numeric=False)
    unchecked = {key: why for site in sites for key, why in checked[site]["not_checked"].items()}
    lines += [f"- Not checked: {BUDGET_TITLES[key]}: {why}." for key, why in unchecked.items()] + ([""] if unchecked else [])
    ours = checked.get("ours", {})
    if ours.get("checks"):
        lines += [f"This site: **{'every budget checked passes' if ours['pass'] else 'over budget: ' + ', '.join(k for k, c in ours['checks'].items() if not c['pass'])}**.", ""]
    images = browser.get("image_pages") or {}
    rows = [[SITES[site], *(f"{value_of(key, images[site][key]['value'])} ({images[site][key]['page']})" if key in images[site] else "-"
                           for key in ("render_blocking_bytes", "before_load_bytes", "second_view_bytes"))] for site in sites if images.get(site)]
    if rows:
        lines += ["Pages with images in their content, not judged by the text-page budgets (worst page):", "",
                  *table(["Site", "HTML + render-blocking CSS", "Before the load event", "Second page"], rows)]
    return lines


def css_choice(comparison: dict, inline_used: bool) -> str:
    """One sentence: which way the site ships its CSS and why, from the numbers."""
    used, other = ("ours", "ours_file") if inline_used else ("ours_file", "ours")
    how = "inlines its CSS in every page" if inline_used else "ships one shared CSS file"
    sooner = {p: c[other]["fcp_ms"] - c[used]["fcp_ms"] for p, c in comparison.items()}
    paint = " and ".join(f"{seconds(abs(d))} {'sooner' if d >= 0 else 'later'} on {IN_A_SENTENCE[p]}" for p, d in sooner.items())
    costs = [(c[used]["second_view_bytes"], c[other]["second_view_bytes"]) for c in comparison.values() if "second_view_bytes" in c[used] and "second_view_bytes" in c[other]]
    cost = ""
    if costs:
        a, b = costs[0]
        cost = f", for {kb(a - b)} more on each further page ({kb(a)} against {kb(b)})" if a > b else f", and a further page costs no more ({kb(a)} against {kb(b)})"
    if all(d > 0 for d in sooner.values()):
        return f"The site {how} because first paint then comes {paint} (median pages){cost}."
    return f"The site {how}, yet in this run first paint came {paint} (median pages){cost}: the numbers do not favour it here."


def css_section(result: dict) -> list[str]:
    browser = result.get("browser") or {}
    comparison = browser.get("inline_vs_file") or {}
    lines = ["## CSS inlined or one file", ""]
    if not comparison:
        return lines + ["Not measured.", ""]
    rows = []
    for profile, sites in comparison.items():
        for site in ("ours", "ours_file"):
            f = sites[site]
            rows.append([PROFILE_TITLES[profile], "inlined" if site == "ours" else "one file", seconds(f["fcp_ms"]), seconds(f["load_ms"]),
                         kb(f["before_load_bytes"]), kb(f["second_view_bytes"]) if "second_view_bytes" in f else "-"])
    lines += table(["Profile", "CSS", "First paint (median)", "Load (median)", "Before load (median)", "Second page (median)"], rows)
    return lines + [css_choice(comparison, browser.get("inline_css", True)), ""]


def browser_section(result: dict) -> list[str]:
    browser = result.get("browser") or {}
    lines = ["## Real browser, page by page", ""]
    if "error" in browser:
        return lines + [f"Not measured: {browser['error']}", ""]
    for error in browser.get("errors", []):
        lines += [f"- Not measured: {error}"]
    for profile in PROFILES:
        rows = []
        for row in browser.get("pages", []):
            for site in SITES:
                views = row["views"].get(profile, {}).get(site)
                if not views:
                    continue
                f, s = views["first"], views.get("second")
                rb, bl, idle = f["render_blocking"], f["before_load"], f["until_idle"]
                rows.append([f"{row['page']} ({'text' if row['text'] else 'images'})", SITES[site], f"{kb(rb['bytes'])} ({rb['requests']})",
                             f"{kb(bl['bytes'])} ({bl['requests']})", f"{kb(idle['bytes'])} ({idle['requests']}, {idle['third_party_requests']})",
                             seconds(f["fcp_ms"]), seconds(f["dcl_ms"]), seconds(f["load_ms"]),
                             f"{kb(s['before_load']['bytes'])} ({s['before_load']['requests']}), {seconds(s['fcp_ms'])}" if s else "-"])
        if rows:
            lines += [f"### {upper_first(PROFILE_TITLES[profile])}", "",
                      *table(["Page", "Site", "Render-blocking (requests besides the HTML)", "Before load (requests)", "Until idle (requests, third-party)",
                              "FCP", "DOMContentLoaded", "Load", "Second page: before load (requests), FCP"], rows)]
    outside = sorted({o for row in browser.get("pages", []) for sites in row["views"].values() for v in sites.values() for o in v["first"]["third_party_origins"]})
    missing = sorted({p for row in browser.get("pages", []) for sites in row["views"].values() for v in sites.values() for p in v["first"]["until_idle"]["not_found"]})
    if outside:
        lines += [f"Third-party origins requested: {', '.join(outside)} (Google Fonts from the local stand-in; any other host fails at once).", ""]
    if missing:
        lines += [f"404 responses: {', '.join(missing)}.", ""]
    return lines


def method(result: dict) -> str:
    """The browser method in two sentences."""
    counts = (result.get("browser") or {}).get("pages_per_profile") or {}
    planned = ", ".join(f"{SHORT[p]} {n}" for p, n in counts.items())
    return (
        "- **Browser** (bench/browser.py): every page measured is loaded in Debian's Chromium at 360x740 from three sites built from the same "
        "project copy and served alike on 127.0.0.1 (HTTP/1.1, gzip level 6, ETag, `max-age=600`): ours as published (CSS inlined), ours with "
        "`extra.inline_css: false` (one CSS file) and the stock stack, whose Google Fonts requests reach a local HTTPS stand-in through the same "
        "throttled link (a stylesheet shaped like Google's for the query; the font files get 404, as no real Roboto can be had here, so the stock "
        "figures leave out the font files' bytes and understate its cost) while every other host is unresolvable; each page in a new context "
        f"(cold cache), then the next page in that context (second view), page by page with the three sites interleaved (pages: {planned}), throttled "
        "with CDP `Network.emulateNetworkConditions` on the project profile (400 kbit/s down and up, 400 ms per request) and on DevTools' Slow 3G "
        "(400 kbit/s, 2,000 ms modelling connection set-up: `Slow3GConditions` in ChromeDevTools/devtools-frontend "
        "`front_end/core/sdk/NetworkManager.ts`). From that same throttled load come first contentful paint, DOMContentLoaded and the load "
        "event; bytes and requests before the load event (Resource Timing `transferSize`, which Chromium reports as the gzip body plus 300 bytes "
        "for the headers, navigation included; a request is an entry with a transferSize); render-blocking bytes (the HTML's and every "
        '`renderBlockingStatus: "blocking"` resource\'s gzip body, `encodedBodySize`) and their requests; and bytes and requests until the '
        "network is idle (no request open and none for 1 s) as the servers counted them (status line, headers, body; the stand-in's as "
        "third-party), with KB = 1000 bytes, byte budgets on the worst text page (no image in its content besides the logo; pages with images "
        "reported beside them) and first-paint budgets on the median page."
    )
