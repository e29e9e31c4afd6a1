"""The fallback and draft notices of a page (alerta.notices)."""

from alerta.notices import page_notice
from alerta.strings import build_strings, page_language


def on_page_context(context, page, config, nav):
    lang = page_language(config)
    file_lang = getattr(page.file, "locale", lang)
    context["page_notice"] = page_notice(build_strings(config)[lang], lang, file_lang, (page.meta or {}).get("translation"))
    return context
