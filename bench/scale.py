"""Scale: for each N (pages per language) a copy of the project with N synthetic pages per
language runs the pipeline as `make site` does (bundles, online build, link check; images with
scripts/optimize_images.py alone, cold cache, or as the image hook's share of the build), the
stock stack builds the same pages beside it, and the medians become ms per page, whose growth
from the smallest to the largest N (and the marginal cost per extra page) flags superlinear stages.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import yaml

from alerta.config import read_config, site_config
from bench.project import IMAGES_HOOK, clear_cache, copy_project, hooks_of, make_synthetic, write_no_images_config
from bench.server import GZIP_LEVEL
from bench.stock import time_stock_builds, write_stock_project
from bench.timing import StageError, median, mkdocs_build, progress, project_script, r3, run_timed, timings

SIZES = (20, 100, 500)  # the smallest is just above the real site (16 pages per language)
SUPERLINEAR = 1.5
HTML_GROWTH = 1.2  # a page's HTML at the largest N over the smallest (home page, raw bytes)


def time_pipeline(project: Path, runs: int, label: str, split_images: bool = False) -> dict:
    """Medians of the project's stages in a project copy: bundles, build, images, link check.

    images: scripts/optimize_images.py on its own with an empty cache (the work the
    image hook does inside the build when it is enabled). With split_images and the
    hook enabled, the build is also timed without the hook: the difference is the
    hook's whole share of the build (variants plus rewriting every page's <img>).
    """
    images_in_build = IMAGES_HOOK in hooks_of(read_config(project / "mkdocs.yml"))
    has_image_script = (project / "scripts" / "optimize_images.py").is_file()
    no_images = write_no_images_config(project) if images_in_build and split_images else None
    # (stage, progress text, command, exit codes that still count as a run), in `make site` order.
    steps = [("bundles", "bundles (scripts/package_offline.py build)", project_script("package_offline", "build", "--dist", project / "dist"), (0,)),
             ("build", "online build (mkdocs build --strict)", mkdocs_build(project / "mkdocs.yml", project / "site"), (0,))]
    if no_images:
        steps.append(("build_without_images", f"online build without {IMAGES_HOOK}", mkdocs_build(no_images, project / "site-noimages"), (0,)))
    if has_image_script:
        steps.append(("images", "images (scripts/optimize_images.py, empty cache)", project_script("optimize_images"), (0,)))
    steps.append(("check_links", "link check (scripts/check_links.py site)", project_script("check_links", project / "site"), (0, 1)))
    times: dict[str, list[float]] = {"bundles": [], "build": [], "images": [], "check_links": [], "build_without_images": []}
    errors: dict[str, str] = {}
    for run in range(1, runs + 1):
        try:
            for stage, text, command, ok_codes in steps:
                if stage != "check_links":  # it reads the built site, no cache
                    clear_cache(project)
                progress(f"{label} run {run}/{runs}: {text}")
                seconds, result = run_timed(command, project, ok_codes=ok_codes)
                if result.returncode != 0:
                    lines = [ln for ln in (result.stdout + result.stderr).splitlines() if ln.strip()]
                    errors[stage] = f"check_links.py reported findings (exit 1): {' | '.join(lines[-4:])}"
                times[stage].append(seconds)
        except StageError as exc:
            errors[stage] = str(exc)
            progress(f"{label}: {stage} failed: {exc}")
            break
    out = {"images_in_build": images_in_build, "stages": {stage: timings(values) for stage, values in times.items() if values}, "errors": errors}
    if "images" in out["stages"]:
        out["stages"]["images"]["how"] = "scripts/optimize_images.py on its own, empty cache" + (
            f" (the same work runs inside the online build: {IMAGES_HOOK} is enabled)" if images_in_build else f" ({IMAGES_HOOK} is not enabled)"
        )
    if times["build"] and times["build_without_images"]:
        # Signed: within noise it can come out negative on a busy machine.
        out["images_hook_share_s"] = r3(median(times["build"]) - median(times["build_without_images"]))
    return out


def size_row(project: Path, stock_site: Path, shape: dict, pipeline: dict, stock: dict) -> dict:
    """One N's figures: stages with ms/page, the total `make site` runs, the stock build, the home page's size."""
    languages = len(site_config(project / "mkdocs.yml").codes)
    pages = shape["pages_per_language"] * languages
    row = {"pages_per_language": shape["pages_per_language"], "languages": languages, "pages": pages,
           "copied_files": shape["copied_files"], "images_in_build": pipeline["images_in_build"]}
    if "images_hook_share_s" in pipeline:
        row["images_hook_share_s"] = pipeline["images_hook_share_s"]
    row["stages"] = {stage: dict(figures, ms_per_page=round(figures["median_s"] * 1000 / pages, 2)) for stage, figures in pipeline["stages"].items()}
    # What `make site` runs; the image work is already inside the build when the hook is on.
    pipeline_stages = ["bundles", "build", "check_links"] + ([] if pipeline["images_in_build"] else ["images"])
    if all(s in pipeline["stages"] for s in ("bundles", "build", "check_links")) and not pipeline["errors"].keys() - {"check_links"}:
        done = [s for s in pipeline_stages if s in pipeline["stages"]]
        total = sum(pipeline["stages"][s]["median_s"] for s in done)
        row["total"] = {"median_s": r3(total), "ms_per_page": round(total * 1000 / pages, 2), "stages": done}
    if pipeline["errors"]:
        row["errors"] = pipeline["errors"]
    row["stock_build"] = stock if "error" in stock else dict(stock, ms_per_page=round(stock["median_s"] * 1000 / pages, 2))
    # Every page embeds the whole nav: the page itself grows with N.
    home = {label: html_size(site / "index.html") for label, site in (("ours", project / "site"), ("stock", stock_site)) if (site / "index.html").is_file()}
    if home:
        row["home_page_html"] = home
    if "build" in row["stages"] and "median_s" in stock:
        row["build_ratio_ours_to_stock"] = round(row["stages"]["build"]["median_s"] / stock["median_s"], 3)
    return row


def scale_bench(workdir: Path, sizes: list[int], runs: int, split_images: bool = False) -> dict:
    rows, errors = [], {}
    for n in sizes:
        label = f"scale N={n}"
        project, stock_dir = workdir / f"scale-{n}", workdir / f"stock-{n}"
        try:
            progress(f"{label}: copying the project and writing {n} pages per language")
            copy_project(project)
            shape = make_synthetic(project, n)
            pipeline = time_pipeline(project, runs, label, split_images)
            stock_paths = write_stock_project(project, stock_dir)
            try:
                stock = time_stock_builds(stock_paths["online"], stock_dir / "site", runs, label)
            except StageError as exc:
                stock = {"error": str(exc)}
            row = size_row(project, stock_dir / "site", shape, pipeline, stock)
            rows.append(row)
            stages_line = ", ".join(f"{k} {v['median_s']:.2f} s" for k, v in row["stages"].items())
            progress(f"{label}: {stages_line}; stock build {stock.get('median_s', 'failed')} s")
        except (StageError, OSError, yaml.YAMLError) as exc:
            errors[str(n)] = f"{type(exc).__name__}: {exc}"
            progress(f"{label} failed: {exc}")
        finally:
            shutil.rmtree(stock_dir, ignore_errors=True)
            shutil.rmtree(project, ignore_errors=True)
    result: dict = {"sizes": rows}
    if errors:
        result["errors"] = errors
    if len(rows) >= 2:
        result["growth"] = growth_of(rows)
        result["budgets"] = scale_budgets(rows, result["growth"])
    return result


def scale_budgets(rows: list[dict], growth: dict) -> dict:
    """A page's HTML (home page, ours, raw) at the largest N within HTML_GROWTH x the smallest N's; the link
    checker's ms per page at the largest N against the smallest (1.0 is linear), within SUPERLINEAR."""
    small, large = rows[0], rows[-1]
    out = {}
    a, b = ((row.get("home_page_html") or {}).get("ours") for row in (small, large))
    if a and b:
        value = round(b["raw_bytes"] / a["raw_bytes"], 3)
        out["home_page_html"] = {"from_n": small["pages_per_language"], "to_n": large["pages_per_language"], "from_bytes": a["raw_bytes"],
                                 "to_bytes": b["raw_bytes"], "ratio": value, "limit": HTML_GROWTH, "pass": value <= HTML_GROWTH}
    links = growth.get("check_links")
    if links:
        out["check_links_ms_per_page"] = {"from_n": links["from_n"], "to_n": links["to_n"], "from_ms": small["stages"]["check_links"]["ms_per_page"],
                                          "to_ms": large["stages"]["check_links"]["ms_per_page"], "ratio": links["ms_per_page_ratio"], "linear": 1.0,
                                          "limit": SUPERLINEAR, "pass": links["ms_per_page_ratio"] <= SUPERLINEAR}
    return out


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
    """Bytes of one built page, raw and gzip (as the bench server sends it)."""
    raw = path.read_bytes()
    return {"raw_bytes": len(raw), "gzip_bytes": len(gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0))}
