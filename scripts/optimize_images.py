#!/usr/bin/env python3
"""Optimize the site's images: small, metadata-free variants for slow phones.

    optimize_images.py [SRC_DIR] [--out DIR] [--check]

For every raster image (jpg, jpeg, png, webp, first frame of a gif) this
applies the EXIF orientation, converts the colours to sRGB, drops ALL
metadata (EXIF with GPS, XMP, ICC profile, comments, PNG text) and writes
variants 480 and 960 px wide (never wider than the image itself) in WebP plus
a fallback at the same widths: JPEG for opaque images, PNG when there is
transparency. Names carry a hash of their content (photo-480.1a2b3c4d.webp),
so browsers may cache them for good. Each variant is made to fit a byte budget
by lowering the quality step by step, and is never larger than the original.

SVG files pass through unchanged once checked: no script, no event handler,
no javascript:, no <foreignObject>, no reference to anything outside the file.

Results are cached in .cache/images/ under a key made of the source bytes and
the settings: an unchanged image costs a hash on the next build, not a decode.
hooks/images.py runs the same functions during `mkdocs build`; settings come
from mkdocs.yml `extra.images` (see Settings below for names and defaults).

Without --out the variants only go to the cache (what the build uses); --out
also copies them to DIR once every image has passed. --check writes nothing:
it reports sizes and errors (from the cache where it can) and exits 1 on any
error. Exit codes: 0 ok, 1 a bad image, 2 bad arguments or settings.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
import time
import warnings
import xml.etree.ElementTree as ET
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, TextIO

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from scripts.site_config import relative_name  # noqa: E402

DEFAULT_SRC = ROOT / "docs" / "assets" / "images"
PIPELINE_VERSION = 1  # bump when the output of the same settings changes

# Refuse pictures too big to decode safely on a build machine (a 12 MP phone
# photo is far below; a crafted "decompression bomb" header is far above).
# Pillow's own warning for (limit, 2 x limit] becomes an error below.
MAX_PIXELS = 40_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS

RASTER_FORMATS = {".jpg": ("JPEG", "MPO"), ".jpeg": ("JPEG", "MPO"), ".png": ("PNG",), ".webp": ("WEBP",), ".gif": ("GIF",)}
FORMAT_EXTENSION = {"JPEG": ".jpg", "MPO": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
SVG_SUFFIX = ".svg"
FILE_EXT = {"webp": "webp", "jpeg": "jpg", "png": "png"}
# Fewer colours for a PNG fallback that is over budget (None = lossless).
PNG_LEVELS = (None, 256, 128, 64, 32)
PNG_SQUEEZE = 1.25  # a lossless PNG this close to its limit gets zlib's slow best effort
# Names cameras give photos, with the date and time it was taken.
CAMERA_NAME = re.compile(r"^(IMG|PXL|DSC|DCIM|VID|WP|Screenshot)[-_ ]?\d{4}|(19|20)\d{6}[-_ ]?\d{4,6}", re.I)

# How many decodes and encodes this process did (the tests read it).
STATS = {"decodes": 0, "encodes": 0}


class ImageError(ValueError):
    """A source image cannot be published; the message names the file."""


# ---------------------------------------------------------------- settings


@dataclass(frozen=True)
class Settings:
    """What mkdocs.yml `extra.images` may set, with the defaults."""

    widths: tuple[int, ...] = (480, 960)
    # Byte budget of a variant by width (a width not listed takes the budget
    # of the next listed width up, or of the largest).
    budget_kb: tuple[tuple[int, int], ...] = ((480, 25), (960, 60))
    quality: int = 80
    min_quality: int = 40
    quality_step: int = 5
    max_megapixels: float = MAX_PIXELS / 1_000_000
    cache_dir: str = ".cache/images"
    sizes: str = "(max-width: 960px) 100vw, 960px"

    @classmethod
    def from_extra(cls, extra: dict | None) -> Settings:
        """Settings from `extra.images`; a wrong value names the key."""
        extra = dict(extra or {})
        kwargs: dict = {}
        where = "mkdocs.yml: extra.images"
        try:
            if "widths" in extra:
                widths = tuple(sorted({int(w) for w in extra.pop("widths")}))
                if not widths or widths[0] < 16:
                    raise ValueError("widths must be a list of pixel widths, each at least 16")
                kwargs["widths"] = widths
            if "budget_kb" in extra:
                budget = extra.pop("budget_kb")
                if not isinstance(budget, dict) or not budget:
                    raise ValueError("budget_kb must map widths to kilobytes, e.g. {480: 25, 960: 60}")
                kwargs["budget_kb"] = tuple(sorted((int(w), int(kb)) for w, kb in budget.items()))
            for name in ("quality", "min_quality", "quality_step"):
                if name in extra:
                    kwargs[name] = int(extra.pop(name))
            if "max_megapixels" in extra:
                kwargs["max_megapixels"] = float(extra.pop("max_megapixels"))
            for name in ("cache_dir", "sizes"):
                if name in extra:
                    kwargs[name] = str(extra.pop(name))
        except (TypeError, ValueError) as exc:
            raise ImageError(f"{where}: {exc}") from None
        if extra:
            raise ImageError(f"{where}: unknown setting(s) {', '.join(sorted(extra))}. Known: {', '.join(cls.__dataclass_fields__)}.")
        settings = cls(**kwargs)
        if not 1 <= settings.min_quality <= settings.quality <= 100 or settings.quality_step < 1:
            raise ImageError(f"{where}: need 1 <= min_quality <= quality <= 100 and quality_step >= 1.")
        return settings

    @property
    def max_pixels(self) -> int:
        return int(self.max_megapixels * 1_000_000)

    def budget_for(self, width: int) -> int:
        """Byte budget of a variant of this width."""
        for w, kb in self.budget_kb:
            if width <= w:
                return kb * 1024
        return self.budget_kb[-1][1] * 1024

    def qualities(self) -> list[int]:
        steps = list(range(self.quality, self.min_quality - 1, -self.quality_step))
        return steps if steps[-1] == self.min_quality else steps + [self.min_quality]

    def key_data(self) -> dict:
        """What changes the output (and so the cache key)."""
        data = asdict(self)
        data.pop("cache_dir")
        data.pop("sizes")
        data["max_pixels"] = self.pixel_limit()
        return data

    def pixel_limit(self) -> int:
        """The lower of this setting and Pillow's (a test may lower Pillow's)."""
        limit = Image.MAX_IMAGE_PIXELS
        return min(self.max_pixels, limit) if limit else self.max_pixels


# ---------------------------------------------------------------- results


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
    warnings: list[str]
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


# ---------------------------------------------------------------- cache


class Cache:
    """Variants by key (sha256 of source bytes + settings): <dir>/<k[:2]>/<k>/."""

    def __init__(self, directory: Path, readonly: bool = False) -> None:
        self.dir = Path(directory)
        self.readonly = readonly

    def entry(self, key: str) -> Path:
        return self.dir / key[:2] / key

    def load(self, key: str) -> dict | None:
        """The stored manifest, if complete (every variant there, same size)."""
        entry = self.entry(key)
        try:
            manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
            for v in manifest["variants"]:
                if (entry / v["name"]).stat().st_size != v["size"]:
                    return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return manifest

    def store(self, key: str, manifest: dict, variants: list[Variant]) -> None:
        """Write the entry whole or not at all (a temp folder renamed)."""
        if self.readonly:
            return
        entry = self.entry(key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key[:8]}-", dir=entry.parent))
        try:
            tmp.chmod(0o755)
            for v in variants:
                (tmp / v.name).write_bytes(v.data)
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
            if entry.exists():
                shutil.rmtree(entry)
            os.replace(tmp, entry)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        for v in variants:
            v.path, v.data = entry / v.name, None


def cache_key(data: bytes, settings: Settings) -> str:
    meta = json.dumps(
        {"pipeline": PIPELINE_VERSION, "pillow": Image.__version__, "settings": settings.key_data()},
        sort_keys=True,
    )
    return hashlib.sha256(hashlib.sha256(data).digest() + meta.encode()).hexdigest()


# ---------------------------------------------------------------- decoding


def _open_checked(path: Path, rel: str, data: bytes, settings: Settings) -> tuple[Image.Image, tuple[int, int]]:
    """Open, check format and size, decode; return the image and its stored size."""
    expected = RASTER_FORMATS[path.suffix.lower()]
    limit = settings.pixel_limit()
    saved_limit = Image.MAX_IMAGE_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            Image.MAX_IMAGE_PIXELS = limit
            try:
                im = Image.open(io.BytesIO(data))
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise ImageError(_too_large(rel, None, limit)) from None
            except Exception as exc:  # UnidentifiedImageError, OSError, SyntaxError, struct.error...
                detail = "" if isinstance(exc, UnidentifiedImageError) else f" ({exc})"
                raise ImageError(f"{rel}: not a readable image{detail}: empty, damaged or not a picture at all. Copy or export it again.") from None
            if im.format not in expected:
                real = FORMAT_EXTENSION.get(im.format or "", f".{(im.format or 'unknown').lower()}")
                raise ImageError(
                    f"{rel}: the file is a {im.format} image but its name ends in {path.suffix}. "
                    f"Rename it to {path.stem}{real} (and the links to it), or export it again as {expected[0]}."
                )
            if im.width * im.height > limit:
                raise ImageError(_too_large(rel, im.size, limit))
            stored = im.size
            if getattr(im, "n_frames", 1) > 1:
                im.seek(0)
            _draft(im, settings)
            try:
                im.load()
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise ImageError(_too_large(rel, stored, limit)) from None
            except Exception as exc:  # OSError("image file is truncated"), SyntaxError, ...
                raise ImageError(f"{rel}: the image is damaged or incomplete ({exc}). Copy or export it again.") from None
    finally:
        Image.MAX_IMAGE_PIXELS = saved_limit
    STATS["decodes"] += 1
    return im, stored


def _too_large(rel: str, size: tuple[int, int] | None, limit: int) -> str:
    dims = f" ({size[0]}x{size[1]} = {size[0] * size[1] / 1e6:.0f} megapixels)" if size else ""
    return (
        f"{rel}: image too large to process safely{dims}; the limit is {limit / 1e6:.0f} megapixels. "
        "Resize it to at most 4000 px wide before adding it (a larger file is also a possible decompression bomb)."
    )


def _draft(im: Image.Image, settings: Settings) -> None:
    """Let libjpeg decode a big JPEG at 1/2, 1/4 or 1/8 scale when that is enough."""
    if im.format not in ("JPEG", "MPO"):
        return
    w, h = im.size
    turned = _orientation(im) in (5, 6, 7, 8)
    shown_w = h if turned else w
    target = max(settings.widths)
    if shown_w <= target:
        return
    scale = target / shown_w
    im.draft(None, (max(1, int(w * scale + 0.999)), max(1, int(h * scale + 0.999))))


def _orientation(im: Image.Image) -> int:
    try:
        return int(im.getexif().get(0x0112, 1))
    except Exception:  # a broken EXIF block: treat as upright
        return 1


def _normalize(im: Image.Image, rel: str, warn: list[str]) -> tuple[Image.Image, bool]:
    """Upright, sRGB, RGB or RGBA, with nothing but pixels. Returns (image, has_alpha)."""
    icc = im.info.get("icc_profile")
    try:
        im = ImageOps.exif_transpose(im)
    except Exception as exc:  # odd EXIF: keep the stored orientation, say so
        warn.append(f"{rel}: could not read the EXIF orientation ({exc}); the image is used as stored.")
    has_alpha = im.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (im.mode == "P" and "transparency" in im.info)
    mode = "RGBA" if has_alpha else "RGB"
    if im.mode in ("I;16", "I;16B", "I;16L", "I"):
        im = im.point(lambda v: v / 256).convert("L")
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            if im.mode not in ("RGB", "RGBA", "CMYK", "L"):
                im = im.convert(mode)
            im = ImageCms.profileToProfile(im, source, ImageCms.createProfile("sRGB"), outputMode=mode)
        except Exception as exc:
            warn.append(f"{rel}: could not convert its colour profile to sRGB ({exc}); colours may look slightly different.")
    im = im.convert(mode) if im.mode != mode else im
    if has_alpha and im.getchannel("A").getextrema()[0] == 255:
        im, has_alpha = im.convert("RGB"), False  # fully opaque: JPEG is smaller
    clean = Image.new(im.mode, im.size)  # a fresh image: no info, no EXIF, no ICC
    clean.paste(im)
    return clean, has_alpha


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
    warn: list[str] = []
    im, stored = _open_checked(path, rel, data, settings)
    graphic = im.format in ("PNG", "GIF")
    turned = _orientation(im) in (5, 6, 7, 8)
    full_w, full_h = (stored[1], stored[0]) if turned else stored
    base, has_alpha = _normalize(im, rel, warn)
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
                    warn.append(f"{rel}: the {width} px {fmt.upper()} ({_kb(len(encoded))}) is larger than the original ({_kb(len(data))}); kept because the page needs one.")
                else:
                    warn.append(f"{rel}: no {width} px {fmt.upper()}: even at the lowest quality it would be larger than the original ({_kb(len(data))}).")
                    continue
            elif not fits:
                warn.append(
                    f"{rel}: the {width} px {fmt.upper()} is {_kb(len(encoded))} at the lowest quality ({label}), "
                    f"over its budget of {_kb(budget)}. Crop the picture or choose a simpler one."
                )
            digest = hashlib.sha256(encoded).hexdigest()[:8]
            name = f"{path.stem}-{width}.{digest}.{FILE_EXT[fmt]}"
            variants.append(Variant(width, height, fmt, label, len(encoded), name, data=encoded))
    variants = _drop_useless_webp(variants, fallback, settings, rel, warn)
    if CAMERA_NAME.search(path.stem):
        warn.append(f"{rel}: the file name looks like a camera's, with the date it was taken; rename it (e.g. 'mercado.jpg'), the name is published.")
    return ImageResult(path, rel, len(data), full_w, full_h, has_alpha, variants, warn)


def _drop_useless_webp(variants: list[Variant], fallback: str, settings: Settings, rel: str, warn: list[str]) -> list[Variant]:
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
        warn.append(f"{rel}: no WebP published: over budget and larger than the {fallback.upper()} at some width.")
    return [v for v in variants if v.format != "webp"]


def _manifest(result: ImageResult) -> dict:
    return {
        "original_size": result.original_size,
        "width": result.width,
        "height": result.height,
        "has_alpha": result.has_alpha,
        "warnings": result.warnings,
        "variants": [{k: getattr(v, k) for k in ("width", "height", "format", "quality", "size", "name")} for v in result.variants],
    }


def process_image(path: Path, settings: Settings = Settings(), cache: Cache | None = None, root: Path = ROOT) -> ImageResult:
    """One source image: from the cache when its bytes and the settings are unchanged."""
    path = Path(path)
    rel = relative_name(path, root)
    start = time.perf_counter()
    if not is_raster(path):
        raise ImageError(f"{rel}: not an image type the site publishes ({', '.join(RASTER_FORMATS)} or .svg).")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImageError(f"{rel}: image not found.") from None
    key = cache_key(data, settings)
    if cache is not None:
        manifest = cache.load(key)
        if manifest is not None:
            entry = cache.entry(key)
            variants = [Variant(**v, path=entry / v["name"]) for v in manifest["variants"]]
            return ImageResult(
                path, rel, manifest["original_size"], manifest["width"], manifest["height"], manifest["has_alpha"],
                variants, list(manifest["warnings"]), cached=True, seconds=time.perf_counter() - start,
            )
    result = build_variants(path, data, settings, rel)
    if cache is not None:
        cache.store(key, _manifest(result), result.variants)
    result.seconds = time.perf_counter() - start
    return result


def process_many(
    paths: list[Path],
    settings: Settings = Settings(),
    cache: Cache | None = None,
    root: Path = ROOT,
    progress: TextIO | bool = True,
    on_result: Callable[[ImageResult], None] | None = None,
) -> tuple[list[ImageResult], list[str]]:
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
            errors.append(str(exc))
            continue
        results.append(result)
        if on_result:
            on_result(result)
    return results, errors


# ---------------------------------------------------------------- SVG

_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.I)
_IMPORT = re.compile(r"@import", re.I)
_EDITOR_METADATA = ("sodipodi:docname", "inkscape:export-filename", "<metadata", "adobe:")


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def _external(value: str) -> bool:
    v = re.sub(r"\s+", "", value).lower()
    return v.startswith(("http:", "https:", "//", "ftp:", "file:"))


def check_svg(path: Path, root: Path = ROOT, text: str | None = None) -> tuple[int, int] | None:
    """Reject an SVG that could run code or fetch anything; return its size (viewBox)."""
    path = Path(path)
    rel = relative_name(path, root)
    if text is None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ImageError(f"{rel}: image not found.") from None
        except UnicodeDecodeError:
            raise ImageError(f"{rel}: not a text SVG file (not UTF-8). Export it again as plain SVG.") from None
    fix = "Re-export it as a plain drawing (Inkscape: Save as 'Plain SVG' or 'Optimized SVG') without it."
    lowered = text.lower()
    if "<!entity" in lowered or re.search(r"<!doctype[^>]*\[", lowered):
        raise ImageError(f"{rel}: SVG declares entities (<!ENTITY>), which can hide references or expand without limit. {fix}")
    if "<script" in lowered:
        raise ImageError(f"{rel}: SVG contains a <script>: images must not run code. {fix}")
    try:
        tree = ET.fromstring(text)
    except ET.ParseError as exc:
        raise ImageError(f"{rel}: not a well-formed SVG ({exc}). Export it again.") from None
    if _local(tree.tag) != "svg":
        raise ImageError(f"{rel}: not an SVG (the top element is <{_local(tree.tag)}>).")
    for el in tree.iter():
        tag = _local(el.tag)
        if tag == "script":
            raise ImageError(f"{rel}: SVG contains a <script>: images must not run code. {fix}")
        if tag == "foreignobject":
            raise ImageError(f"{rel}: SVG contains a <foreignObject> (embedded HTML). {fix}")
        if tag in ("animate", "set") and _local(el.get("attributeName", "")) in ("href", "src"):
            raise ImageError(f"{rel}: SVG <{tag}> changes a link (attributeName=\"{el.get('attributeName')}\"). {fix}")
        for name, value in el.attrib.items():
            attr = _local(name)
            if attr.startswith("on"):
                raise ImageError(f"{rel}: SVG element <{tag}> has an event handler '{attr}=': images must not run code. {fix}")
            squeezed = re.sub(r"\s+", "", value).lower()
            if "javascript:" in squeezed:
                raise ImageError(f"{rel}: SVG contains a 'javascript:' link. {fix}")
            if attr in ("href", "src") and not value.strip().startswith("#"):
                kind = "an external reference" if _external(value) else ("an embedded file (data:)" if squeezed.startswith("data:") else "a reference to another file")
                raise ImageError(f"{rel}: SVG <{tag}> has {kind} ({value[:60]}): it must be one self-contained drawing. {fix}")
            for url in _URL.findall(value):
                if url and not url.startswith("#"):
                    raise ImageError(f"{rel}: SVG has an external reference url({url[:60]}). {fix}")
        if tag == "style" and el.text:
            if _IMPORT.search(el.text):
                raise ImageError(f"{rel}: SVG style has an @import (an external reference). {fix}")
            for url in _URL.findall(el.text):
                if url and not url.startswith("#"):
                    raise ImageError(f"{rel}: SVG has an external reference url({url[:60]}). {fix}")
    if "javascript:" in re.sub(r"\s+", "", lowered):
        raise ImageError(f"{rel}: SVG contains 'javascript:'. {fix}")
    return svg_size(tree)


def svg_warnings(path: Path, root: Path = ROOT) -> list[str]:
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    found = [m for m in _EDITOR_METADATA if m in text]
    if found:
        return [f"{relative_name(path, root)}: SVG keeps editor metadata ({', '.join(found)}) that may hold a name or a folder path; export it as 'Optimized SVG'."]
    return []


def svg_size(tree: ET.Element) -> tuple[int, int] | None:
    """Width and height from the viewBox, else from width/height in px."""
    box = tree.get("viewBox")
    if box:
        parts = re.split(r"[\s,]+", box.strip())
        try:
            w, h = float(parts[2]), float(parts[3])
            if w > 0 and h > 0:
                return round(w), round(h)
        except (IndexError, ValueError):
            pass
    try:
        w = float(re.sub(r"px$", "", tree.get("width", "")))
        h = float(re.sub(r"px$", "", tree.get("height", "")))
        return round(w), round(h)
    except ValueError:
        return None


# ---------------------------------------------------------------- CLI


def load_settings(config_file: Path = ROOT / "mkdocs.yml") -> Settings:
    """extra.images of mkdocs.yml (tags like !ENV are ignored), else the defaults."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("", lambda loader, suffix, node: None)
    try:
        config = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_Loader) or {}
    except (OSError, yaml.YAMLError):
        return Settings()
    return Settings.from_extra((config.get("extra") or {}).get("images"))


def find_images(src: Path) -> tuple[list[Path], list[Path]]:
    """(raster images, SVGs) under src, sorted."""
    files = sorted(p for p in Path(src).rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(src).parts))
    return [p for p in files if is_raster(p)], [p for p in files if p.suffix.lower() == SVG_SUFFIX]


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
        print(f"optimize_images: {args.src}: no such folder.", file=sys.stderr)
        return 2
    try:
        settings = load_settings()
    except ImageError as exc:
        print(f"ERROR: {exc}", file=sys.stderr)
        return 2
    cache = Cache(ROOT / settings.cache_dir, readonly=args.check)
    rasters, svgs = find_images(args.src)
    start = time.perf_counter()

    def report(r: ImageResult) -> None:
        best = r.webp[-1] if r.webp else r.largest
        note = " (cached)" if r.cached else ""
        print(
            f"{r.rel}: {r.original_size:,} B -> {best.size:,} B ({best.width} px {best.format.upper()}), "
            f"{len(r.variants)} variants {r.total_size:,} B, {r.seconds:.2f} s{note}"
        )

    results, errors = process_many(rasters, settings, cache, ROOT, True, report)
    for svg in svgs:
        try:
            check_svg(svg)
            print(f"{relative_name(svg)}: SVG checked, {svg.stat().st_size:,} B, passed through")
        except ImageError as exc:
            errors.append(str(exc))
    for r in results:
        for w in r.warnings:
            print(f"WARNING  -  images: {w}", file=sys.stderr)
    for svg in svgs:
        for w in svg_warnings(svg):
            print(f"WARNING  -  images: {w}", file=sys.stderr)
    for e in errors:
        print(f"ERROR: {e}", file=sys.stderr)
    before = sum(r.original_size for r in results)
    after = sum(r.total_size for r in results)
    print(f"images: {len(results)} raster, {len(svgs)} SVG; {before:,} B -> {after:,} B in all variants; {time.perf_counter() - start:.2f} s")
    if errors:
        print(f"images: {len(errors)} error(s); nothing was written to {args.out}" if args.out else f"images: {len(errors)} error(s)", file=sys.stderr)
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
