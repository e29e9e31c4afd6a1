"""Publish images as small, metadata-free variants (alerta.images).

Before anything is written, every raster image is processed (or taken from
.cache/images/) and every SVG checked: a bad file stops the build with its
name. Only the variants are published (the original, with its EXIF and GPS,
stays out of the site while MkDocs still validates links to it), and each
page's <img> becomes a <picture>. Alt text and image paths in the Markdown
are the content lint's job (hooks/content_lint.py).
Settings: mkdocs.yml `extra.images` (alerta/images/settings.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from alerta.images.publish import ImagePublisher
from alerta.images.settings import ImageError, Settings

log = logging.getLogger("mkdocs.hooks.images")
_publisher: ImagePublisher | None = None  # kept across the language builds and `mkdocs serve` rebuilds


def _skip_copy(dirty: bool = False) -> None:
    """The original is not published: its variants are."""


def on_config(config):
    global _publisher
    root = Path(config.config_file_path).resolve().parent
    try:
        settings = Settings.from_extra(config.extra.get("images"))
    except ImageError as exc:
        raise PluginError(str(exc)) from None
    if _publisher is None or _publisher.root != root:
        _publisher = ImagePublisher(root)
    _publisher.configure(settings)
    return config


def on_pre_build(config):
    try:
        warnings = _publisher.prepare(Path(config.docs_dir))
    except ImageError as exc:
        raise PluginError(str(exc)) from None
    for warning in warnings:
        # INFO, not WARNING: an image over its budget must not fail `--strict`.
        log.info(f"{warning}")


@event_priority(-110)  # after the i18n plugin (-100) has rebuilt the files for the language
def on_files(files, config):
    pairs = [(f.dest_uri, Path(f.abs_src_path).resolve() if f.abs_src_path else None) for f in files]
    added = _publisher.map_files(pairs)
    for file in files:
        if file.dest_uri in _publisher.by_dest:
            file.copy_file = _skip_copy  # kept in `files`, so links to it still validate
    for dest, path in added:
        if files.get_file_from_path(dest) is None:
            files.append(File.generated(config, dest, abs_src_path=str(path)))
    return files


def on_post_build(config):
    """Belt and braces: no original raster in the site, whatever copied it."""
    for dest in _publisher.originals():
        (Path(config.site_dir) / dest).unlink(missing_ok=True)


def on_post_page(output, page, config):
    return _publisher.rewrite(output, page.url)


def on_post_template(output, template_name, config):
    """404.html and other theme templates: the logo's size only."""
    return _publisher.rewrite(output, template_name)
