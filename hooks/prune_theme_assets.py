"""Remove the theme files no page uses from the published site.

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


def prune(site_dir: Path) -> list[str]:
    """Delete the unused theme files; return what was removed (relative paths)."""
    removed = []
    for pattern in UNUSED:
        for path in sorted(site_dir.glob(pattern)):
            removed.append(path.relative_to(site_dir).as_posix())
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return removed


def on_post_build(config):
    prune(Path(config.site_dir))
