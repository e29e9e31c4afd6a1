"""Only the CSS the site uses, inlined online and reduced offline (alerta.site_css).

It needs every language's pages, so it runs once, after the last language's
build (the i18n plugin builds them in the order of mkdocs.yml). Listed last
among the hooks: it rewrites pages and _headers the others have written.
"""

from __future__ import annotations

from pathlib import Path

from alerta.config import site_config
from alerta.site_css import apply
from alerta.strings import page_language


def on_post_build(config):
    if page_language(config) != site_config(config.config_file_path).codes[-1]:
        return
    # extra.inline_css: false keeps one stylesheet file online too (the benchmark measures both ways).
    apply(Path(config.site_dir), inline=not config.extra.get("offline") and config.extra.get("inline_css", True))
