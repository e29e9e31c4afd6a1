"""The theme files no page uses, removed from the published site.

Pages load Material's CSS and the site's own script only (overrides/main.html),
so the theme's JavaScript bundle, search worker, 34 lunr language files,
palette CSS and source maps would only cost bytes in the site and the bundles.
Sitemaps go too when no site_url is set (they would list "None/..." addresses).
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

UNUSED = (
    "assets/javascripts/bundle.*",
    "assets/javascripts/lunr",
    "assets/javascripts/workers",
    "assets/stylesheets/palette.*",
    "assets/**/*.map",
    "assets/images/favicon.png",
)
SITEMAPS = ("sitemap.xml", "sitemap.xml.gz", "*/sitemap.xml", "*/sitemap.xml.gz")
# The site's own CSS and JS get a content hash in their names, so browsers may cache them for good.
FINGERPRINTED = ("assets/stylesheets/site.css", "assets/javascripts/site.js", "assets/javascripts/check.js")
# Material's stylesheet already carries its hash: main.<hash>.min.css.
THEME_CSS_PREFIX = "assets/stylesheets/main."
THEME_CSS_SUFFIX = ".min.css"


def prune(site_dir: Path, keep_sitemaps: bool = True) -> list[str]:
    """Delete the unused theme files; return what was removed (relative paths)."""
    removed = []
    for pattern in UNUSED + (() if keep_sitemaps else SITEMAPS):
        for path in sorted(site_dir.glob(pattern)):
            removed.append(path.relative_to(site_dir).as_posix())
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return removed


def fingerprinted(dest_uri: str, data: bytes) -> str:
    """name.css -> name.<8 hex of its SHA-256>.css"""
    stem, ext = dest_uri.rsplit(".", 1)
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:8]}.{ext}"


def is_theme_css(src_uri: str) -> bool:
    return src_uri.startswith(THEME_CSS_PREFIX) and src_uri.endswith(THEME_CSS_SUFFIX)
