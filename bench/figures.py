"""The browser benchmark's figures from what Chromium reported (pure functions, no browser): one
view's bytes, requests, render-blocking bytes and times; which pages are text pages; medians per
profile and site; the budgets (text pages judged, image pages reported beside them); inline CSS
against one CSS file. KB = 1000 bytes.
"""

from __future__ import annotations

from statistics import median

from alerta.html import ancestors, classes, elements, parse

KB = 1000
# Bytes and requests: every text page (the worst one); first paint: the median page of each profile.
BUDGETS = {
    "render_blocking_bytes": 14 * KB,  # HTML + render-blocking CSS, gzip bodies
    "render_blocking_requests": 0,  # render-blocking requests besides the HTML
    "before_load_bytes": 17 * KB,  # Resource Timing transferSize before the load event
    "second_view_bytes": 14 * KB,  # the next page, same context, before its load event
    "fcp_ms_project": 800,
    "fcp_ms_slow3g": 2500,
}
WORST_TEXT_PAGE = ("render_blocking_bytes", "render_blocking_requests", "before_load_bytes", "second_view_bytes")
# name -> where it sits in a first view (a second view's figures are prefixed second_view_).
FIRST = {
    "fcp_ms": ("fcp_ms",), "dcl_ms": ("dcl_ms",), "load_ms": ("load_ms",),
    "render_blocking_bytes": ("render_blocking", "bytes"), "render_blocking_requests": ("render_blocking", "requests"),
    "before_load_bytes": ("before_load", "bytes"), "before_load_requests": ("before_load", "requests"),
    "until_idle_bytes": ("until_idle", "bytes"), "until_idle_requests": ("until_idle", "requests"),
    "third_party_bytes": ("until_idle", "third_party_bytes"), "third_party_requests": ("until_idle", "third_party_requests"),
}
SECOND = {"second_view_bytes": ("before_load", "bytes"), "second_view_requests": ("before_load", "requests"),
          "second_view_until_idle_bytes": ("until_idle", "bytes"), "second_view_fcp_ms": ("fcp_ms",)}


def is_text_page(page_html: str) -> bool:
    """No <img> or <picture> in the page's content (the logo in the header and menu does not count)."""
    for element in elements(parse(page_html, locations=False), "img", "picture"):
        names = {c for a in ancestors(element) for c in classes(a)}
        if "md-content" in names and "md-logo" not in names:
            return False
    return True


def view_figures(timing: dict, entries: list[dict], served: list[dict], third_party: list[dict], outside: dict) -> dict:
    """One view: times (ms); render-blocking bytes (HTML + every "blocking" resource, encodedBodySize);
    bytes and requests before the load event (transferSize, navigation included; a request is one with
    a transferSize, so cache hits are not); and until the network was idle, as the servers counted them
    (`served`: the site's, `third_party`: the font stand-in's; `outside`: requests to other hosts, which failed)."""
    html = next(e for e in entries if e["navigation"])
    blocking = [e for e in entries if e["blocking"] and not e["navigation"]]
    before = [e for e in entries if (e["navigation"] or e["end"] <= timing["load_start"]) and e["transfer"] > 0]
    before_third = [e for e in before if not e["same_origin"]]
    return {
        "fcp_ms": round(timing["fcp"], 1), "dcl_ms": round(timing["dcl"], 1), "load_ms": round(timing["load"], 1),
        "render_blocking": {"bytes": html["body"] + sum(e["body"] for e in blocking), "html_bytes": html["body"], "requests": len(blocking)},
        "before_load": {"bytes": sum(e["transfer"] for e in before), "requests": len(before),
                        "third_party_bytes": sum(e["transfer"] for e in before_third), "third_party_requests": len(before_third)},
        "until_idle": {
            "bytes": sum(e["bytes"] for e in served + third_party), "requests": len(served) + len(third_party),
            "raw_bytes": sum(e["raw"] for e in served + third_party),
            "third_party_bytes": sum(e["bytes"] for e in third_party), "third_party_requests": len(third_party),
            "failed_third_party_requests": outside.get("failed", 0),
            "not_found": sorted({e["path"] for e in served if e["status"] == 404}),
        },
        "third_party_origins": outside.get("origins", []),
    }


def dig(view: dict, path: tuple[str, ...]) -> float:
    for key in path:
        view = view[key]
    return view


def figures_of(rows: list[dict], profile: str, site: str, name: str, text: bool | None = None) -> list[tuple[float, str]]:
    """(value, page) of one figure over the rows measured (text: only text pages, or only image pages)."""
    out = []
    second = name in SECOND
    for row in rows:
        views = row["views"].get(profile, {}).get(site)
        if not views or (second and not views.get("second")):
            continue
        kind = row["next_text"] if second else row["text"]
        if text is not None and kind != text:
            continue
        view, path = (views["second"], SECOND[name]) if second else (views["first"], FIRST[name])
        out.append((dig(view, path), row["next"] if second else row["page"]))
    return out


def stats(values: list[float]) -> dict:
    keep = (lambda v: round(v, 1)) if any(isinstance(v, float) for v in values) else int
    return {"median": keep(median(values)), "min": keep(min(values)), "max": keep(max(values))}


def summarize(rows: list[dict], profile: str, site: str) -> dict:
    """Median, min and max of every figure of one site on one profile, over every page measured."""
    out: dict = {}
    for name in (*FIRST, *SECOND):
        values = [v for v, _ in figures_of(rows, profile, site, name)]
        if values:
            out[name] = stats(values)
    out["pages"] = len(figures_of(rows, profile, site, "fcp_ms"))
    return out


def budgets(rows: list[dict], site: str, profiles: list[str]) -> dict:
    """Each budget of BUDGETS for one site: bytes on the worst text page over every profile, first paint
    on the median page of its profile; a budget no measured page can show is listed under not_checked."""
    out: dict = {"checks": {}, "not_checked": {}}
    for key, limit in BUDGETS.items():
        if key in WORST_TEXT_PAGE:
            values = [pair for profile in profiles for pair in figures_of(rows, profile, site, key, text=True)]
            if not values:
                kind = "text page reached second" if key == "second_view_bytes" else "text page"
                out["not_checked"][key] = f"no {kind} among the pages measured"
                continue
            value, page = max(values)
            out["checks"][key] = {"limit": limit, "value": value, "page": page, "over": "worst text page", "pass": value <= limit}
        else:
            profile = key.removeprefix("fcp_ms_")
            values = [v for v, _ in figures_of(rows, profile, site, "fcp_ms")]
            if not values:
                out["not_checked"][key] = f"the {profile} profile was not measured"
                continue
            value = round(median(values), 1)
            out["checks"][key] = {"limit": limit, "value": value, "over": "median page", "pass": value <= limit}
    out["pass"] = all(c["pass"] for c in out["checks"].values())
    return out


def image_pages(rows: list[dict], site: str, profiles: list[str]) -> dict:
    """The byte figures of the pages with images, reported beside the budgets (not judged by them)."""
    out = {}
    for key in WORST_TEXT_PAGE:
        values = [pair for profile in profiles for pair in figures_of(rows, profile, site, key, text=False)]
        if values:
            value, page = max(values)
            out[key] = {"value": value, "page": page}
    return out


def inline_vs_file(summary: dict) -> dict:
    """Per profile, the inlined CSS (ours) beside one CSS file (ours_file): median first paint and load
    of the first view, median bytes of the second view (where it was measured)."""
    out = {}
    for profile, sites in summary.items():
        if "ours" not in sites or "ours_file" not in sites:
            continue
        out[profile] = {site: {name: sites[site][name]["median"] for name in ("fcp_ms", "load_ms", "before_load_bytes", "second_view_bytes") if name in sites[site]}
                        for site in ("ours", "ours_file")}
    return out


def ratios(summary: dict, ours: str = "ours", other: str = "stock") -> dict:
    """ours / stock of the medians, per profile."""
    out = {}
    for profile, sites in summary.items():
        if ours in sites and other in sites:
            a, b = sites[ours], sites[other]
            out[profile] = {k: round(a[k]["median"] / b[k]["median"], 3) for k in a if k in b and isinstance(a[k], dict) and b[k]["median"] > 0}
    return out
