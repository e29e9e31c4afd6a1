"""List the offline bundles on the download page and publish them under downloads/ (alerta.downloads)."""

from __future__ import annotations

import shutil
from pathlib import Path

from alerta.config import root_of
from alerta.downloads import DOWNLOADS_DIR, MARKER, bundles_file, load_bundles, render, sort_for
from alerta.strings import build_strings, page_language


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    lang = page_language(config)
    depth = page.file.dest_uri.count("/")
    bundles = sort_for(load_bundles(root_of(config), config.extra), lang)
    return markdown.replace(MARKER, render(bundles, lang, depth, build_strings(config)))


def on_post_build(config):
    """Copy the bundles into the published site (once, for every language)."""
    bundles = load_bundles(root_of(config), config.extra)
    if not bundles:
        return
    source = bundles_file(root_of(config), config.extra).parent
    target = Path(config.site_dir) / DOWNLOADS_DIR
    target.mkdir(parents=True, exist_ok=True)
    for bundle in bundles:
        shutil.copy2(source / bundle["file"], target / bundle["file"])
    shutil.copy2(source / "SHA256SUMS", target / "SHA256SUMS")
