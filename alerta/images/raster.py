"""Raster images: small, metadata-free variants for slow phones.

For every raster image (jpg, jpeg, png, webp, first frame of a gif) this
applies the EXIF orientation, converts the colours to sRGB, drops ALL
metadata (EXIF with GPS, XMP, ICC profile, comments, PNG text) and writes
variants 480 and 960 px wide (never wider than the image itself) in WebP plus
a fallback at the same widths: JPEG for opaque images, PNG when there is
transparency. Names carry a hash of their content (photo-480.1a2b3c4d.webp),
so browsers may cache them for good. Each variant is made to fit a byte budget
by lowering the quality step by step, and is never larger than the original.
"""

from __future__ import annotations

import hashlib
import io
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TextIO

from PIL import Image

from alerta.config import ROOT, relative_name
from alerta.images.cache import Cache, cache_key
from alerta.images.decode import RASTER_FORMATS, STATS, image_warning, normalize, open_checked, orientation
from alerta.images.settings import ImageError, Settings, image_error
from alerta.problems import Problem, say

FILE_EXT = {"webp": "webp", "jpeg": "jpg", "png": "png"}
# Fewer colours for a PNG fallback that is over budget (None = lossless).
PNG_LEVELS = (None, 256, 128, 64, 32)
PNG_SQUEEZE = 1.25  # a lossless PNG this close to its limit gets zlib's slow best effort
# Names cameras give photos, with the date and time it was taken.
CAMERA_NAME = re.compile(r"^(IMG|PXL|DSC|DCIM|VID|WP|Screenshot)[-_ ]?\d{4}|(19|20)\d{6}[-_ ]?\d{4,6}", re.I)



@dataclass
class Variant:
    width: int
    height: int
    format: str  # webp | jpeg | png
    quality: str  # "72", "lossless", "128 colours"
    size: int
    name: str  # photo-480.1a2b3c4d.webp
    path: Path | None = None  # in the cache
    data: bytes | None = field(default=None, repr=False)  # when not cached

    def read(self) -> bytes:
        return self.data if self.data is not None else Path(self.path).read_bytes()


@dataclass
class ImageResult:
    source: Path
    rel: str  # name relative to the project, for messages
    original_size: int
    width: int  # after orientation
    height: int
    has_alpha: bool
    variants: list[Variant]
    warnings: list[Problem]
    cached: bool = False
    seconds: float = 0.0

    def of_format(self, fmt: str) -> list[Variant]:
        return sorted((v for v in self.variants if v.format == fmt), key=lambda v: v.width)

    @property
    def fallback_format(self) -> str:
        return "png" if self.has_alpha else "jpeg"

    @property
    def fallbacks(self) -> list[Variant]:
        return self.of_format(self.fallback_format)

    @property
    def webp(self) -> list[Variant]:
        return self.of_format("webp")

    @property
    def largest(self) -> Variant:
        return max(self.variants, key=lambda v: (v.width, v.format != "webp"))

    @property
    def total_size(self) -> int:
        return sum(v.size for v in self.variants)


def is_raster(path: Path) -> bool:
    return Path(path).suffix.lower() in RASTER_FORMATS


# ---------------------------------------------------------------- encoding


def encode(im: Image.Image, fmt: str, level: int | None) -> bytes:
    """One encoding; `level` is a quality (webp, jpeg) or a colour count (png); None = lossless."""
    STATS["encodes"] += 1
    buf = io.BytesIO()
    if fmt == "webp":
        if level is None:
            im.save(buf, "WEBP", lossless=True, quality=80, method=4)
        else:
            im.save(buf, "WEBP", quality=level, method=4)
    elif fmt == "jpeg":
        im.save(buf, "JPEG", quality=level, optimize=True, progressive=True)
    elif fmt == "png":
        if level is None:  # lossless: zlib level 6 (level 9 costs seconds on a photo for ~10 %)
            im.save(buf, "PNG", compress_level=6)
        else:
            _quantize(im, level).save(buf, "PNG", optimize=True)
    else:  # pragma: no cover - programming error
        raise ValueError(fmt)
    return buf.getvalue()


def _quantize(im: Image.Image, colours: int) -> Image.Image:
    """A palette image; opaque and clear pixels stay exactly opaque and clear."""
    if im.mode != "RGBA":
        return im.quantize(colors=colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.FLOYDSTEINBERG)
    q = im.quantize(colors=colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.FLOYDSTEINBERG)
    if q.palette and q.palette.mode == "RGBA":
        entries = bytearray(q.palette.tobytes())
        for i in range(3, len(entries), 4):  # the octree rounds 255 to 254 and 0 to 1
            entries[i] = 255 if entries[i] >= 250 else 0 if entries[i] <= 5 else entries[i]
        q.putpalette(bytes(entries), rawmode="RGBA")
    return q


def _fit(im: Image.Image, fmt: str, budget: int, ceiling: int, settings: Settings, graphic: bool = False) -> tuple[bytes | None, str, bool]:
    """Lower the quality step by step until the encoding fits the budget.

    A graphic (PNG or GIF source: flat colours, sharp edges) also tries
    lossless WebP at first, often the smallest for drawings. When the first try is over
    budget the lowest level is tried next: if even that does not fit, the
    steps in between are skipped (they could not fit either). Returns (data
    or None, quality label, within budget); None: even the lowest level would
    be larger than the original file (`ceiling`).
    """
    levels: list[int | None] = list(PNG_LEVELS) if fmt == "png" else list(settings.qualities())
    limit = min(budget, ceiling)
    tried: dict[int | None, bytes] = {}

    def attempt(level: int | None) -> bytes:
        if level not in tried:
            tried[level] = encode(im, fmt, level)
        return tried[level]

    def label(level: int | None) -> str:
        return "lossless" if level is None else f"{level} colours" if fmt == "png" else str(level)

    if fmt == "png" and limit < len(attempt(None)) <= limit * PNG_SQUEEZE:
        squeezed = io.BytesIO()
        im.save(squeezed, "PNG", optimize=True)
        STATS["encodes"] += 1
        tried[None] = min(tried[None], squeezed.getvalue(), key=len)
    first = [None, levels[0]] if graphic and fmt == "webp" else [levels[0]]
    best = min(first, key=lambda level: len(attempt(level)))
    if len(tried[best]) <= limit:
        return tried[best], label(best), True
    if len(levels) > 1 and len(attempt(levels[-1])) <= limit:
        for level in levels[1:]:
            if len(attempt(level)) <= limit:
                return tried[level], label(level), True
    best = min(tried, key=lambda level: len(tried[level]))
    data = tried[best]
    return (data, label(best), False) if len(data) <= ceiling else (None, label(best), False)


def variant_widths(width: int, settings: Settings) -> list[int]:
    """480 and 960 by default, never wider than the image: a 300 px image gets 300 only."""
    return sorted({min(w, width) for w in settings.widths})


def _kb(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 10240 else f"{n / 1024:.1f} KB"


def build_variants(path: Path, data: bytes, settings: Settings, rel: str) -> ImageResult:
    """Decode once, then resize and encode every variant (no cache involved)."""
    warn: list[Problem] = []
    im, stored = open_checked(path, rel, data, settings)
    graphic = im.format in ("PNG", "GIF")
    turned = orientation(im) in (5, 6, 7, 8)
    full_w, full_h = (stored[1], stored[0]) if turned else stored
    base, has_alpha = normalize(im, rel, warn)
    im.close()
    fallback = "png" if has_alpha else "jpeg"
    variants: list[Variant] = []
    for width in variant_widths(full_w, settings):
        height = max(1, round(full_h * width / full_w))
        scaled = base if base.size == (width, height) else base.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        budget = settings.budget_for(width)
        for fmt in ("webp", fallback):
            encoded, label, fits = _fit(scaled, fmt, budget, len(data), settings, graphic)
            if encoded is None:
                if fmt == fallback and width == max(variant_widths(full_w, settings)):
                    # The <img> needs a src: keep the smallest, and say so.
                    encoded = encode(scaled, fmt, PNG_LEVELS[-1] if fmt == "png" else settings.min_quality)
                    warn.append(image_warning(rel, say(f"la copia de {width} px en {fmt.upper()} ({_kb(len(encoded))}) pesa más que el original ({_kb(len(data))}); se deja porque la página necesita una", f"the {width} px {fmt.upper()} ({_kb(len(encoded))}) is larger than the original ({_kb(len(data))}); kept because the page needs one")))
                else:
                    warn.append(image_warning(rel, say(f"sin copia de {width} px en {fmt.upper()}: aun con la calidad más baja pesaría más que el original ({_kb(len(data))})", f"no {width} px {fmt.upper()}: even at the lowest quality it would be larger than the original ({_kb(len(data))})")))
                    continue
            elif not fits:
                warn.append(
                    image_warning(
                        rel,
                        say(f"la copia de {width} px en {fmt.upper()} pesa {_kb(len(encoded))} con la calidad más baja ({label}), más de los {_kb(budget)} previstos", f"the {width} px {fmt.upper()} is {_kb(len(encoded))} at the lowest quality ({label}), over its budget of {_kb(budget)}"),
                        say("recorte la imagen o elija una más simple", "crop the picture or choose a simpler one"),
                    )
                )
            name = f"{path.stem}-{width}.{hashlib.sha256(encoded).hexdigest()[:8]}.{FILE_EXT[fmt]}"
            variants.append(Variant(width, height, fmt, label, len(encoded), name, data=encoded))
    variants = _drop_useless_webp(variants, fallback, settings, rel, warn)
    return ImageResult(path, rel, len(data), full_w, full_h, has_alpha, variants, warn)


def variant_name(path: Path, width: int, stored: str) -> str:
    """A cached variant's published name for the source's current name: stem-width.digest.ext."""
    digest, ext = stored.rsplit(".", 2)[1:]
    return f"{path.stem}-{width}.{digest}.{ext}"


def name_warnings(path: Path, rel: str) -> list[Problem]:
    """What the file's own name gives away (it is published): a camera's name with the date the photo was taken."""
    if CAMERA_NAME.search(path.stem):
        return [
            image_warning(
                rel,
                say("el nombre del archivo parece puesto por una cámara, con la fecha en que se tomó la foto, y el nombre se publica", "the file name looks like a camera's, with the date it was taken, and the name is published"),
                say("cámbiele el nombre (por ejemplo 'mercado.jpg')", "rename it (e.g. 'mercado.jpg')"),
            )
        ]
    return []


def _drop_useless_webp(variants: list[Variant], fallback: str, settings: Settings, rel: str, warn: list[Problem]) -> list[Variant]:
    """WebP is offered only if, at every width, it is within budget or no larger than the fallback.

    Within budget, a WebP of about the fallback's size looks better, so it
    stays. Over budget (noisy photos), a WebP larger than the JPEG would cost
    the reader more, and a browser that takes the <source> never looks at
    the fallback; a partial set would make it pick a too-small width.
    """
    webp = {v.width: v for v in variants if v.format == "webp"}
    other = {v.width: v for v in variants if v.format == fallback}
    if webp and all(w in webp and webp[w].size <= max(other[w].size, settings.budget_for(w)) for w in other):
        return variants
    if webp:
        warn.append(image_warning(rel, say(f"no se publica WebP: pesa más de lo previsto y más que el {fallback.upper()} en algún ancho", f"no WebP published: over budget and larger than the {fallback.upper()} at some width")))
    return [v for v in variants if v.format != "webp"]


def _manifest(result: ImageResult) -> dict:
    return {
        "original_size": result.original_size,
        "width": result.width,
        "height": result.height,
        "has_alpha": result.has_alpha,
        # Without the file's name: a renamed file with the same bytes reuses the entry.
        "warnings": [[w.what.es, w.what.en, w.fix.es if w.fix else "", w.fix.en if w.fix else ""] for w in result.warnings],
        "variants": [{k: getattr(v, k) for k in ("width", "height", "format", "quality", "size", "name")} for v in result.variants],
    }


def process_image(path: Path, settings: Settings = Settings(), cache: Cache | None = None, root: Path = ROOT) -> ImageResult:
    """One source image: from the cache when its bytes and the settings are unchanged."""
    path = Path(path)
    rel = relative_name(path, root)
    start = time.perf_counter()
    if not is_raster(path):
        raise image_error(rel, say("no es un tipo de imagen que el sitio publique", "not an image type the site publishes"), say(f"use {', '.join(RASTER_FORMATS)} o .svg", f"use {', '.join(RASTER_FORMATS)} or .svg"))
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise image_error(rel, say("no se encuentra la imagen", "image not found"), say("revise el nombre", "check the name")) from None
    key = cache_key(data, settings)
    if cache is not None:
        manifest = cache.load(key)
        if manifest is not None:
            entry = cache.entry(key)
            # Stored under the name the file had then; published under the name it has now.
            variants = [Variant(**{**v, "name": variant_name(path, v["width"], v["name"])}, path=entry / v["name"]) for v in manifest["variants"]]
            warnings = [image_warning(rel, say(es, en), say(fix_es, fix_en) if fix_es else None) for es, en, fix_es, fix_en in manifest["warnings"]]
            return ImageResult(
                path, rel, manifest["original_size"], manifest["width"], manifest["height"], manifest["has_alpha"],
                variants, warnings + name_warnings(path, rel), cached=True, seconds=time.perf_counter() - start,
            )
    result = build_variants(path, data, settings, rel)
    if cache is not None:
        cache.store(key, _manifest(result), result.variants)
    result.warnings += name_warnings(path, rel)
    result.seconds = time.perf_counter() - start
    return result


def process_many(
    paths: list[Path],
    settings: Settings = Settings(),
    cache: Cache | None = None,
    root: Path = ROOT,
    progress: TextIO | bool = True,
    on_result: Callable[[ImageResult], None] | None = None,
) -> tuple[list[ImageResult], list[Problem]]:
    """Every image; returns (results, errors). A progress line each (stderr) when more than 5."""
    if progress is True:
        progress = sys.stderr
    results, errors = [], []
    total = len(paths)
    for i, path in enumerate(paths, 1):
        if progress and total > 5:
            print(f"images: {i}/{total} {Path(path).name}", file=progress, flush=True)
        try:
            result = process_image(path, settings, cache, root)
        except ImageError as exc:
            errors += exc.problems
            continue
        results.append(result)
        if on_result:
            on_result(result)
    return results, errors
