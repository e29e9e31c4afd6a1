"""Tell readers when a page is not (fully) in their language.

A page missing from docs/<lang>/ is published from Spanish by the i18n
plugin's fallback: it gets a "not translated yet" notice in the reader's
language. A translation whose front matter says `translation: draft` gets a
"draft awaiting native review" notice. Both strings are in data/strings/.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.site_strings import load_strings, page_language  # noqa: E402


def page_notice(page_lang: str, file_lang: str, translation: str | None) -> dict | None:
    """Which notice a page shows, if any."""
    strings = load_strings()[page_lang]
    if file_lang != page_lang:
        return {"kind": "fallback", "text": strings["fallback_notice"], "content_lang": file_lang}
    if translation == "draft":
        return {"kind": "draft", "text": strings["draft_notice"]}
    return None


def on_page_context(context, page, config, nav):
    lang = page_language(config)
    file_lang = getattr(page.file, "locale", lang)
    context["page_notice"] = page_notice(lang, file_lang, (page.meta or {}).get("translation"))
    return context
