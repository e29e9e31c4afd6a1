"""The fallback, draft and reviewed notices of a page (alerta.notices)."""

from pathlib import Path

from alerta.notices import page_notice
from alerta.review import review_settings
from alerta.review.reviewers import speakers
from alerta.strings import build_strings, page_language


def on_page_context(context, page, config, nav):
    lang = page_language(config)
    file_lang = getattr(page.file, "locale", lang)
    meta = page.meta or {}
    languages = review_settings(Path(config.config_file_path)).languages
    context["page_notice"] = page_notice(build_strings(config)[lang], lang, file_lang, meta.get("translation"), speakers(meta), languages)
    return context
