"""Each page's menu kept short, and a list of every page per language (alerta.navigation)."""

from __future__ import annotations

import posixpath

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from alerta.config import site_config
from alerta.navigation import ALL_PAGES_NAME, all_pages_html, generated_page, limit_of, menu
from alerta.strings import build_strings, page_language

_all_pages: dict[str, File] = {}


def on_config(config):
    try:
        limit_of(config.extra)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    return config


@event_priority(-110)  # after the i18n plugin (-100) has made this language's files
def on_files(files, config):
    """Add the language's list of every page, beside its home page, outside the nav."""
    lang = page_language(config)
    site = site_config(config.config_file_path)
    home = next(f for f in files.documentation_pages() if posixpath.basename(f.src_uri) == "index.md" and posixpath.dirname(f.src_uri) == lang)
    title = build_strings(config)[lang]["all_pages"]
    file = generated_page(config, lang, ALL_PAGES_NAME, f"# {title}\n", home.dest_uri, {code: site.prefix(code) for code in site.codes})
    files.append(file)
    _all_pages[lang] = file
    return files


def on_page_context(context, page, config, nav):
    page_menu = menu(nav.items, page, limit_of(config.extra))
    context["menu_items"] = page_menu.items
    all_pages = _all_pages.get(page_language(config))
    context["all_pages_url"] = all_pages.url if all_pages and page_menu.trimmed else None
    if all_pages and page.file is all_pages:
        page.content = (page.content or "") + all_pages_html(nav.items, page.url)
    return context
