"""The file-check page: its form, and the flags that make the template load its scripts (alerta.file_check)."""

from __future__ import annotations

from alerta.config import root_of
from alerta.downloads import load_bundles
from alerta.file_check import MARKER, render
from alerta.strings import build_strings, page_language


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    page.meta["file_check"] = True
    # The published list: online once the bundles are built; inside every offline copy (its producers add it).
    page.meta["published_list"] = bool(config.extra.get("offline") or load_bundles(root_of(config), config.extra))
    return markdown.replace(MARKER, render(build_strings(config)[page_language(config)]))
