"""Remove the theme files no page uses (alerta.theme_assets); keep one 404 page."""

from __future__ import annotations

from pathlib import Path

from alerta.config import site_config
from alerta.theme_assets import prune


def on_pre_build(config):
    """404.html is written at the site root by every language's build: keep the default language's."""
    templates = config.theme.static_templates
    if config.theme["language"] == site_config(config.config_file_path).default.code:
        templates.add("404.html")
    else:
        templates.discard("404.html")


def on_post_build(config):
    prune(Path(config.site_dir), keep_sitemaps=bool(config.site_url))
