"""Images: reading a picture safely (decode.py), small metadata-free variants (raster.py), a cache (cache.py),
SVG checks (svg.py), settings (settings.py), and the pages pointed at the variants (publish.py)."""

from __future__ import annotations

from pathlib import Path

from alerta.images.raster import is_raster
from alerta.images.svg import SVG_SUFFIX


def find_images(src: Path) -> tuple[list[Path], list[Path]]:
    """(raster images, SVGs) under src, sorted; hidden files left out."""
    files = sorted(p for p in Path(src).rglob("*") if p.is_file() and not any(part.startswith(".") for part in p.relative_to(src).parts))
    return [p for p in files if is_raster(p)], [p for p in files if p.suffix.lower() == SVG_SUFFIX]
