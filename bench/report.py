"""BENCHMARKS.md from the figures of one run (the same dict bench.json holds): the machine and
versions, the headline against the stock stack, the budgets, time per stage as the site grows,
every page in the browser, the peer comparisons, and how everything was measured. It renders
only what the figures say, so a section that could not be measured says why instead.
"""

from __future__ import annotations

from bench.markdown import kb, mb, ratio, table
from bench.project import IMAGES_HOOK
from bench.report_browser import browser_section, budget_section, css_section, headline_rows, method
from bench.scale import HTML_GROWTH, SUPERLINEAR


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
    lines += css_section(result)
    lines += scale_section(result)
    lines += browser_section(result)
    lines += peer_section("Link checker (bench/links.py)", result.get("links"), links_rows)
    lines += peer_section("Images (bench/images.py)", result.get("images"), summary_rows)
    lines += peer_section("Printed files (bench/printed.py)", result.get("printed"), lambda data: summary_rows({k: v for k, v in data.items() if k != "files"} | data.get("largest_bytes", {}) | {"total_seconds": data.get("total_seconds")}))
    lines += peer_section("Kiwix files and single files: budgets (bench/zim.py)", result.get("zim"), summary_rows)
    if "audio" in result:  # runs before the audio pipeline have no such section
        lines += peer_section("Audio (bench/audio.py)", result["audio"], summary_rows)
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
        method(result),
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
        rows += headline_rows(browser, fv)
    elif "error" in browser:
        rows.append(["Browser figures", "not measured", browser["error"], "-"])
    return lines + table(["Figure", "This site", "Stock stack", "Ratio (ours / stock)"], rows)


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
        lines += ["A page's HTML as the site grows (home page, raw / gzip; the stock stack's carries the whole nav):", "",
                  *table(["Size", "This site", "Stock stack"], rows)]
    lines += scale_budget_lines(scale.get("budgets") or {})
    if len(scale.get("sizes", [])) == 1:
        lines += ["", "Growth and the scale budgets: need at least two sizes (not in --quick mode).", ""]
    return lines + [""]


def scale_budget_lines(budgets: dict) -> list[str]:
    rows = []
    html, links = budgets.get("home_page_html"), budgets.get("check_links_ms_per_page")
    if html:
        rows.append([f"Home page HTML at the largest N <= {HTML_GROWTH}x the smallest's", f"{kb(html['from_bytes'])} (N={html['from_n']})",
                     f"{kb(html['to_bytes'])} (N={html['to_n']})", ratio(html["ratio"]), "**pass**" if html["pass"] else "**FAIL**"])
    if links:
        rows.append([f"Link checker ms/page at the largest N against the smallest (linear = 1.00x; superlinear above {SUPERLINEAR}x)",
                     f"{links['from_ms']:.1f} ms (N={links['from_n']})", f"{links['to_ms']:.1f} ms (N={links['to_n']})", ratio(links["ratio"]),
                     "**pass**" if links["pass"] else "**FAIL** (superlinear)"])
    return table(["Scale budget", "Smallest N", "Largest N", "Ratio", "Result"], rows) if rows else []


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


def summary_rows(data: dict) -> list[list]:
    """bench.images.run()'s summary (or its top-level numbers) as rows."""
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
