"""Our image pipeline (alerta.images, as scripts/optimize_images.py and hooks/images.py run it)
beside Material's own `optimize` plugin, on the same images in the same run: the project's
docs/assets/images/ plus four generated phone-like photos of 2, 5, 8 and 12 megapixels with GPS,
one stored on its side. Image by image: bytes before and after, time, what a phone downloads
(our 960 px WebP), metadata left, whether the picture still shows the right way up; then one real
`mkdocs build` of a one-page site with each. No result is asserted: numbers depend on the machine.
Run alone with `python -m bench.images [--workdir DIR]` (prints JSON).
"""

from __future__ import annotations

import io
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

from PIL import Image, ImageDraw, ImageFilter

from alerta.config import DOCS_DIR, ROOT
from alerta.images import find_images
from alerta.images.cache import Cache
from alerta.images.raster import STATS, is_raster, process_image
from alerta.images.svg import check_svg
from bench.peer import command_line
from bench.timing import command_env

# (name, size, grain, orientation): about 0.6, 1.2, 2.2 and 3.5 MB at quality 90,
# like phone photos; the 8 MP one is stored on its side (orientation 6).
PHOTOS = (
    ("phone-2mp.jpg", (1600, 1200), 0.15, 1),
    ("phone-5mp.jpg", (2592, 1944), 0.11, 1),
    ("phone-8mp-portrait.jpg", (3264, 2448), 0.15, 6),
    ("phone-12mp.jpg", (4000, 3000), 0.17, 1),
)


def make_photo(path: Path, size: tuple[int, int], grain: float, orientation: int, seed: int) -> Path:
    """A photo-like JPEG with camera EXIF and GPS.

    Structure at scales that do not depend on the pixel count (gradients,
    blobs 1/40 and 1/160 of the width, flat rectangles), plus per-pixel grain
    like a phone sensor's: the full-size file is as heavy as a phone's, the
    960 px variant about as hard to compress as a real scene's.
    """
    w, h = size
    rng = random.Random(seed)

    def noise(cells: int) -> Image.Image:
        cw, ch = (cells, max(1, cells * h // w)) if cells else (w, h)
        layer = Image.frombytes("L", (cw, ch), rng.randbytes(cw * ch))
        return layer.resize(size, Image.Resampling.BICUBIC) if cells else layer.filter(ImageFilter.GaussianBlur(0.6))

    coarse, mid, fine = noise(40), noise(160), noise(0)
    grad = Image.linear_gradient("L").resize(size)
    image = Image.merge(
        "RGB",
        (Image.blend(grad, coarse, 0.5), Image.blend(coarse, mid, 0.35), Image.blend(grad.transpose(Image.Transpose.FLIP_LEFT_RIGHT), mid, 0.3)),
    )
    draw = ImageDraw.Draw(image)
    for _ in range(25):
        x, y, s = rng.randrange(w), rng.randrange(h), rng.randrange(w // 40, w // 8)
        draw.rectangle((x, y, x + s, y + s * 2 // 3), fill=tuple(rng.randrange(40, 220) for _ in range(3)))
    image = Image.blend(image, Image.merge("RGB", (fine, fine, fine)), grain)
    exif = image.getexif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "BenchCam", "Phone", orientation
    exif.get_ifd(0x8825).update({1: "S", 2: (16.0, 30.0, 0.0), 3: "W", 4: (68.0, 9.0, 0.0)})
    image.save(path, "JPEG", quality=90, exif=exif.tobytes())
    return path


def metadata_left(data: bytes) -> list[str]:
    """Which kinds of metadata an encoded image still carries (read by Pillow,
    not by searching the bytes: three bytes "GPS" turn up by chance in
    compressed data)."""
    found = []
    with Image.open(io.BytesIO(data)) as im:
        exif = im.getexif()
        if exif:
            found.append("EXIF")
        if exif.get_ifd(0x8825):
            found.append("GPS")
        if im.info.get("icc_profile"):
            found.append("ICC")
        if im.info.get("xmp") or im.info.get("XML:com.adobe.xmp"):
            found.append("XMP")
        if im.info.get("comment"):
            found.append("comment")
    return found


def shown_size(data: bytes) -> tuple[int, int]:
    """Width and height as a browser shows it (after the EXIF orientation)."""
    with Image.open(io.BytesIO(data)) as im:
        w, h = im.size
        return (h, w) if im.getexif().get(0x0112, 1) in (5, 6, 7, 8) else (w, h)


# ---------------------------------------------------------------- ours


def bench_ours(images: list[Path], cache_dir: Path) -> dict:
    cache = Cache(cache_dir)
    rows, start = [], time.perf_counter()
    for path in images:
        t = time.perf_counter()
        result = process_image(path, cache=cache, root=path.parent)
        webp = result.webp[-1] if result.webp else result.largest
        rows.append(
            {
                "image": path.name,
                "before_bytes": result.original_size,
                "after_bytes_all_variants": result.total_size,
                "after_bytes_960_webp": webp.size,
                "after_bytes_largest_fallback": result.fallbacks[-1].size,
                "variants": len(result.variants),
                "seconds": round(time.perf_counter() - t, 3),
                "shown_size_largest": [result.largest.width, result.largest.height],
                "metadata_left": sorted({m for v in result.variants for m in metadata_left(v.read())}),
                "warnings": result.warnings,
            }
        )
    cold = time.perf_counter() - start
    t = time.perf_counter()
    before = dict(STATS)
    for path in images:
        process_image(path, cache=cache, root=path.parent)
    warm = time.perf_counter() - t
    return {
        "images": rows,
        "total_before_bytes": sum(r["before_bytes"] for r in rows),
        "total_after_bytes_all_variants": sum(r["after_bytes_all_variants"] for r in rows),
        "total_after_bytes_960_webp": sum(r["after_bytes_960_webp"] for r in rows),
        "seconds_cold": round(cold, 3),
        "seconds_warm_cache": round(warm, 3),
        "encodes_on_warm_run": STATS["encodes"] - before["encodes"],
    }


# ---------------------------------------------------------------- Material


def _material_plugin():
    from material.plugins.optimize.plugin import OptimizePlugin
    from mkdocs.config.defaults import MkDocsConfig

    plugin = OptimizePlugin()
    errors, _ = plugin.load_config({"cache": False, "print_gain": False, "print_gain_summary": False})
    if errors:
        raise RuntimeError(f"optimize plugin config: {errors}")
    return plugin, MkDocsConfig()


def bench_material(images: list[Path], out: Path) -> dict:
    try:
        import material

        plugin, config = _material_plugin()
    except Exception as exc:  # not installed, or changed beyond recognition
        return {"runs": False, "why": f"cannot load material/plugins/optimize: {exc}"}
    out.mkdir(parents=True, exist_ok=True)
    rows, start = [], time.perf_counter()
    for path in images:
        row: dict = {"image": path.name, "before_bytes": path.stat().st_size}
        target = out / path.name
        file = SimpleNamespace(abs_src_path=str(path), url=path.name, src_path=path.name, src_uri=path.name)
        t = time.perf_counter()
        try:
            if path.suffix.lower() == ".png":
                plugin._optimize_image_png(file, str(target), config)
            elif path.suffix.lower() in (".jpg", ".jpeg"):
                plugin._optimize_image_jpg(file, str(target), config)
            else:
                row["skipped"] = "the plugin optimizes PNG and JPEG only (passes the file through)"
                rows.append(row)
                continue
        except Exception as exc:
            row["error"] = str(exc)
            rows.append(row)
            continue
        data = target.read_bytes()
        original = path.read_bytes()
        row.update(
            after_bytes=len(data),
            seconds=round(time.perf_counter() - t, 3),
            shown_size=list(shown_size(data)),
            shown_size_original=list(shown_size(original)),
            metadata_left=metadata_left(data),
        )
        row["turned_wrong"] = row["shown_size"] != row["shown_size_original"]
        rows.append(row)
    done = [r for r in rows if "after_bytes" in r]
    return {
        "runs": bool(done),
        "version": getattr(material, "__version__", None) or _dist_version("mkdocs-material"),
        "pngquant": shutil.which("pngquant"),
        "images": rows,
        "total_before_bytes": sum(r["before_bytes"] for r in done),
        "total_after_bytes": sum(r["after_bytes"] for r in done),
        "seconds": round(time.perf_counter() - start, 3),
        "note": "no resizing: every image keeps its full size; JPEG re-encoded at quality 60; EXIF dropped without applying the orientation; ICC dropped without conversion",
    }


def _dist_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


# ---------------------------------------------------------------- real builds


def _mini_site(folder: Path, images: list[Path], config_tail: str) -> Path:
    docs = folder / "docs"
    (docs / "img").mkdir(parents=True, exist_ok=True)
    lines = ["# Bench", ""]
    for path in images:
        shutil.copy2(path, docs / "img" / path.name)
        lines.append(f"![{path.stem}](img/{path.name})\n")
    (docs / "index.md").write_text("\n".join(lines), encoding="utf-8")
    (folder / "mkdocs.yml").write_text(f"site_name: Bench\ntheme:\n  name: material\n{config_tail}", encoding="utf-8")
    return folder


def _build(folder: Path) -> dict:
    env = command_env(folder)  # its own cache: cold on the first build, warm on the next
    site = folder / "site"
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", str(folder / "mkdocs.yml"), "-d", str(site)], capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - t
    if proc.returncode != 0:
        return {"ok": False, "seconds": round(seconds, 3), "error": proc.stderr.strip().splitlines()[-3:]}
    published = [p for p in (site / "img").rglob("*") if p.is_file()] if (site / "img").is_dir() else []
    return {"ok": True, "seconds": round(seconds, 3), "published_image_bytes": sum(p.stat().st_size for p in published), "published_files": len(published)}


def bench_builds(images: list[Path], workdir: Path) -> dict:
    rasters = [p for p in images if is_raster(p)]
    ours = _mini_site(workdir / "build-ours", rasters, f"hooks:\n  - {ROOT / 'hooks' / 'images.py'}\n")
    material = _mini_site(workdir / "build-material", rasters, "plugins:\n  - optimize:\n      cache: false\n")
    plain = _mini_site(workdir / "build-plain", rasters, "")
    result = {"plain_mkdocs": _build(plain), "ours_cold": _build(ours), "material_optimize": _build(material)}
    result["ours_warm_cache"] = _build(ours)
    return result


# ---------------------------------------------------------------- run


def run(workdir: Path) -> dict:
    """Everything above, in workdir (made if needed); returns the figures."""
    workdir = Path(workdir)
    photos_dir = workdir / "photos"
    photos_dir.mkdir(parents=True, exist_ok=True)
    photos = [make_photo(photos_dir / name, size, grain, orientation, seed) for seed, (name, size, grain, orientation) in enumerate(PHOTOS, 1)]
    project_rasters, project_svgs = find_images(DOCS_DIR / "assets" / "images")
    images = project_rasters + photos
    svg_rows = []
    for svg in project_svgs:
        t = time.perf_counter()
        check_svg(svg)
        svg_rows.append({"image": svg.name, "bytes": svg.stat().st_size, "seconds_check": round(time.perf_counter() - t, 4)})
    shutil.rmtree(workdir / "cache", ignore_errors=True)
    ours = bench_ours(images, workdir / "cache")
    material = bench_material(images, workdir / "material")
    builds = bench_builds(images, workdir)
    summary = {
        "images": len(images),
        "before_bytes": ours["total_before_bytes"],
        "ours_all_variants_bytes": ours["total_after_bytes_all_variants"],
        "ours_960_webp_bytes": ours["total_after_bytes_960_webp"],
        "ours_seconds_cold": ours["seconds_cold"],
        "ours_seconds_warm": ours["seconds_warm_cache"],
        "material_bytes": material.get("total_after_bytes"),
        "material_seconds": material.get("seconds"),
        "material_turned_wrong": [r["image"] for r in material.get("images", []) if r.get("turned_wrong")],
        "ours_metadata_left": sorted({m for r in ours["images"] for m in r["metadata_left"]}),
        "material_metadata_left": sorted({m for r in material.get("images", []) for m in r.get("metadata_left", [])}),
    }
    return {
        "summary": summary,
        "machine": {"python": platform.python_version(), "pillow": Image.__version__, "cpus": os.cpu_count(), "load_average": os.getloadavg(), "platform": platform.platform()},
        "inputs": {"project_rasters": [p.name for p in project_rasters], "generated_photos": [p.name for p in photos], "project_svgs_passed_through": svg_rows},
        "ours": ours,
        "material_optimize": material,
        "builds": builds,
    }


def main(argv: list[str] | None = None) -> int:
    return command_line("bench.images", "Measure the image pipeline beside Material's own optimize plugin.", run, argv)


if __name__ == "__main__":
    sys.exit(main())
