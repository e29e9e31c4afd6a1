"""Remove the theme files no page uses from the published site.

Also: sitemaps when no site_url is set, and the other languages' 404 pages.

Pages load Material's CSS and the site's own script only (overrides/main.html),
so the theme's JavaScript bundle, search worker, 34 lunr language files,
palette CSS and source maps would only cost bytes in the site and the bundles.
"""

from __future__ import annotations

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


def prune(site_dir: Path, keep_sitemaps: bool = True) -> list[str]:
    """Delete the unused theme files; return what was removed (relative paths)."""
    removed = []
    for pattern in UNUSED + (() if keep_sitemaps else SITEMAPS):
        for path in sorted(site_dir.glob(pattern)):
            removed.append(path.relative_to(site_dir).as_posix())
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return removed


def on_pre_build(config):
    """404.html is written at the site root by every language's build: keep Spanish."""
    templates = config.theme.static_templates
    if config.theme["language"] == "es":
        templates.add("404.html")
    else:
        templates.discard("404.html")


def on_post_build(config):
    # Without site_url the sitemaps would list "None/..." addresses: drop them.
    prune(Path(config.site_dir), keep_sitemaps=bool(config.site_url))
