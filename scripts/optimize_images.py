#!/usr/bin/env python3
"""Optimize the site's images: small, metadata-free variants for slow phones (alerta.images).

    optimize_images.py [SRC_DIR] [--out DIR] [--check]

Without --out the variants only go to the cache (what the build uses); --out
also copies them to DIR once every image has passed. --check writes nothing:
it reports sizes and errors (from the cache where it can) and exits 1 on any
error. Exit codes: 0 ok, 1 a bad image, 2 bad arguments or settings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from alerta.config import DOCS_DIR, ROOT, relative_name
from alerta.images import find_images
from alerta.images.cache import Cache
from alerta.images.raster import ImageResult, process_many
from alerta.images.settings import ImageError, load_settings
from alerta.images.svg import check_svg, svg_warnings
from alerta.problems import errors, report, say

DEFAULT_SRC = DOCS_DIR / "assets" / "images"


def _write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.1f} KB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("src", nargs="?", type=Path, default=DEFAULT_SRC, help="folder of source images (default: docs/assets/images)")
    parser.add_argument("--out", type=Path, help="also copy the variants (and checked SVGs) here, once every image has passed")
    parser.add_argument("--check", action="store_true", help="write nothing (not even the cache); exit 1 on any error")
    args = parser.parse_args(argv)
    if not args.src.is_dir():
        print(say(f"optimize_images: no existe la carpeta {args.src}.", f"optimize_images: {args.src}: no such folder."), file=sys.stderr)
        return 2
    try:
        settings = load_settings()
    except ImageError as exc:
        print(report(exc.problems), file=sys.stderr)
        return 2
    cache = Cache(settings.cache_path(ROOT), readonly=args.check)
    rasters, svgs = find_images(args.src)
    start = time.perf_counter()

    def show(r: ImageResult) -> None:
        best = r.webp[-1] if r.webp else r.largest
        note = " (cached)" if r.cached else ""
        print(
            f"{r.rel}: {r.original_size:,} B -> {best.size:,} B ({best.width} px {best.format.upper()}), "
            f"{len(r.variants)} variants {r.total_size:,} B, {r.seconds:.2f} s{note}"
        )

    results, problems = process_many(rasters, settings, cache, ROOT, True, show)
    for svg in svgs:
        try:
            check_svg(svg)
            print(f"{relative_name(svg)}: SVG checked, {svg.stat().st_size:,} B, passed through")
        except ImageError as exc:
            problems += exc.problems
        problems += svg_warnings(svg)
    problems += [w for r in results for w in r.warnings]
    if problems:
        print(report(problems), file=sys.stderr)
    before = sum(r.original_size for r in results)
    after = sum(r.total_size for r in results)
    print(f"images: {len(results)} raster, {len(svgs)} SVG; {before:,} B -> {after:,} B in all variants; {time.perf_counter() - start:.2f} s")
    if errors(problems):
        return 1
    if args.out and not args.check:
        for r in results:
            rel_dir = r.source.parent.relative_to(args.src) if r.source.parent.is_relative_to(args.src) else Path()
            for v in r.variants:
                _write_atomic(args.out / rel_dir / v.name, v.read())
        for svg in svgs:
            _write_atomic(args.out / svg.relative_to(args.src), svg.read_bytes())
    return 0


if __name__ == "__main__":
    sys.exit(main())
