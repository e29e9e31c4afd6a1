"""One search index per language, loaded only when search is opened (alerta.search)."""

from __future__ import annotations

import html

from alerta.search import index_path, page_sections, write_index
from alerta.strings import page_language

_sections: dict[str, list[dict]] = {}


def on_pre_build(config):
    _sections[page_language(config)] = []


def on_template_context(context, template_name, config):
    return on_page_context(context, None, config, None)


def on_page_context(context, page, config, nav):
    context["search_index_url"] = index_path(page_language(config))
    return context


def on_page_content(html_content, page, config, files):
    title = html.unescape(page.title or "")
    _sections.setdefault(page_language(config), []).extend(page_sections(html_content, page.url, title))
    return html_content


def on_post_build(config):
    lang = page_language(config)
    write_index(config.site_dir, lang, _sections.get(lang, []))
