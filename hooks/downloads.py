"""List the offline bundles on the download page and publish them under downloads/ (alerta.downloads)."""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

from alerta.config import root_of, site_config
from alerta.downloads import DOWNLOADS_DIR, MARKER, bundles_file, load_bundles, load_listing, offline_note, render, sort_for
from alerta.offline.signing import SIGNATURE_SUFFIX
from alerta.offline.sums import LIST_SCRIPT, SUMS_NAME
from alerta.strings import build_strings, page_language


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    lang = page_language(config)
    strings = build_strings(config)
    if config.extra.get("offline"):
        # No files inside an offline copy: say where they are (there is no address to give without site_url).
        online = config.site_url + page.file.dest_uri if config.site_url else None
        return markdown.replace(MARKER, offline_note(strings[lang], online))
    depth = page.file.dest_uri.count("/")
    listing = load_listing(root_of(config), config.extra)
    bundles = sort_for(listing.get("bundles", []), lang)
    # The other languages' files are on their own download pages.
    config_site = site_config(config.config_file_path)
    name = posixpath.basename(page.file.dest_uri)
    others = {code: "../" * depth + config_site.prefix(code) + name for code in config_site.codes if code != lang}
    return markdown.replace(MARKER, render(bundles, lang, depth, strings, listing.get("signing"), others))


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
    for name in (SUMS_NAME, SUMS_NAME + SIGNATURE_SUFFIX, LIST_SCRIPT.rsplit("/", 1)[-1]):
        shutil.copy2(source / name, target / name)
