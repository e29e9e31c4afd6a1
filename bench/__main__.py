"""Measure this site against the stock stack and write BENCHMARKS.md and bench.json:
`python -m bench [--quick] [--runs N] [--sizes 20,100,500] [--browser-pages all|sample|N]
[--slow3g-pages all|sample|N] [--out DIR] [--workdir DIR] [--keep] [--skip-peers]`. Everything
runs in temporary copies of the project (bench.scale, bench.stock), the built sites are measured in
Chromium (bench.browser), the peers in a fresh Python each (bench.peers); the project itself is only
read, and the report written to --out (default the project root). KB = 1000 bytes throughout;
progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from alerta.config import ROOT, site_config
from bench.browser import BUDGETS, KB, PHONE, PROFILES, browser_bench, choose_pages, sample_pages, text_pages
from bench.environment import environment, load_average
from bench.peers import peer_figures
from bench.report import render_markdown
from bench.scale import SIZES, SUPERLINEAR, scale_bench
from bench.stock import stock_bench
from bench.timing import StageError, progress, r3

QUICK_SIZES = (20,)
RUNS = 3
# Slow 3G costs about 30 s a page for the three sites: the full run measures it on the sample pages
# (every page would add about 35 minutes); --slow3g-pages all measures every page.
SLOW3G_FULL_RUN = "sample"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Measure this site against the stock stack; write BENCHMARKS.md and bench.json.")
    parser.add_argument("--quick", action="store_true", help="a fast check: N=20 only, 1 run, 2 pages in the browser")
    parser.add_argument("--runs", type=int, help=f"runs per timed stage, the median is reported (default: {RUNS}; --quick: 1)")
    parser.add_argument("--sizes", help=f"pages per language, comma-separated (default: {','.join(map(str, SIZES))}; --quick: 20)")
    parser.add_argument("--browser-pages", help="all, sample (home and warning signs, two languages) or a number (default: all; --quick: 2)")
    parser.add_argument("--slow3g-pages", help=f"pages on the Slow 3G profile, as --browser-pages (default: {SLOW3G_FULL_RUN} when --browser-pages is all, else the same pages)")
    parser.add_argument("--split-images", action="store_true", help="also time each build without hooks/images.py (doubles the build time)")
    parser.add_argument("--skip-peers", action="store_true", help="do not run the peer comparisons (bench/links.py, bench/images.py, bench/audio.py)")
    parser.add_argument("--out", type=Path, default=ROOT, help="folder for BENCHMARKS.md and bench.json (default: the project root)")
    parser.add_argument("--workdir", type=Path, help="where to build the copies (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    args.runs = (1 if args.quick else RUNS) if args.runs is None else args.runs
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    try:
        args.sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(QUICK_SIZES if args.quick else SIZES)
    except ValueError:
        parser.error("--sizes takes numbers separated by commas, e.g. 20,100,500")
    args.browser_pages = args.browser_pages or ("quick" if args.quick else "all")
    args.slow3g_pages = args.slow3g_pages or (SLOW3G_FULL_RUN if args.browser_pages == "all" else args.browser_pages)
    for option, value in (("--browser-pages", args.browser_pages), ("--slow3g-pages", args.slow3g_pages)):
        if value not in ("all", "sample", "quick") and not value.isdigit():
            parser.error(f"{option} takes all, sample or a number")
    return args


def first_view(browser: dict) -> dict:
    """Ours against the stock stack on each profile (medians), for the headline."""
    out = {}
    for profile, sites in browser["summary"].items():
        if "ours" in sites and "stock" in sites:
            out[profile] = {key: {"ours": sites["ours"][key]["median"], "stock": sites["stock"][key]["median"]}
                            for key in ("before_load_bytes", "before_load_requests", "until_idle_bytes", "third_party_requests", "render_blocking_bytes",
                                        "second_view_bytes", "fcp_ms", "load_ms") if key in sites["ours"] and key in sites["stock"]}
    return out


def measure(args: argparse.Namespace, workdir: Path, result: dict) -> None:
    """Every section into result: scale, stock, browser, peers (a failed section records its error)."""
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
        text = text_pages(sites["ours"], sites["pages"])
        sample = sample_pages(site_config())
        plan = {profile: [p for p in choose_pages(mode, sites["pages"], sample, text) if (sites["stock"] / p).is_file()]
                for profile, mode in (("project", args.browser_pages), ("slow3g", args.slow3g_pages))}
        progress(f"browser: {', '.join(f'{len(v)} page(s) on {k}' for k, v in plan.items())}, 3 sites each, Chromium {result['environment']['chromium']}")
        try:
            result["browser"] = browser_bench({k: sites[k] for k in ("ours", "ours_file", "stock")}, plan, sites["pages"], text)
            # Which way the site ships its CSS (mkdocs.yml extra.inline_css, default true).
            result["browser"]["inline_css"] = bool(site_config().extra.get("inline_css", True))
        except Exception as exc:  # noqa: BLE001 - recorded in the JSON
            result["browser"] = {"error": f"{type(exc).__name__}: {exc}"}
        if result["browser"].get("summary") and "error" not in result["stock"]:
            result["stock"]["first_view"] = first_view(result["browser"])
    if args.skip_peers:
        result["links"] = {"error": "skipped (--skip-peers)"}
        result["images"] = {"error": "skipped (--skip-peers)"}
        result["zim"] = {"error": "skipped (--skip-peers)"}
        result["audio"] = {"error": "skipped (--skip-peers)"}
    else:
        result.update(peer_figures(args.sizes[-1], workdir, args.quick))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    workdir.chmod(0o755)
    result: dict = {
        "schema": 2,
        "mode": "quick" if args.quick else "full",
        "command": "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:]),
        "environment": environment(),
        "settings": {"sizes": args.sizes, "runs": args.runs, "browser_pages": args.browser_pages, "slow3g_pages": args.slow3g_pages, "profiles": PROFILES, "viewport": PHONE,
                     "budgets": BUDGETS, "superlinear_threshold": SUPERLINEAR, "kb": KB},
    }
    try:
        measure(args, workdir, result)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            progress(f"work folder kept: {workdir}")
    result["duration_s"] = r3(time.perf_counter() - started)
    result["environment"]["load_average_at_end"] = load_average()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "bench.json").write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (args.out / "BENCHMARKS.md").write_text(render_markdown(result), encoding="utf-8")
    progress(f"wrote {args.out / 'BENCHMARKS.md'} and {args.out / 'bench.json'} in {result['duration_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
