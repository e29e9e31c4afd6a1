"""Tell readers when a page is not (fully) in their language.

A page missing from docs/<lang>/ is published from Spanish by the i18n
plugin's fallback: it gets a "not translated yet" notice in the reader's
language. A translation whose front matter says `translation: draft` gets a
"draft awaiting native review" notice. Both strings are in data/strings/.
"""

from __future__ import annotations


def page_notice(strings: dict[str, str], page_lang: str, file_lang: str, translation: str | None) -> dict | None:
    """Which notice a page shows, if any; `strings` are the page language's."""
    if file_lang != page_lang:
        return {"kind": "fallback", "text": strings["fallback_notice"], "content_lang": file_lang}
    if translation == "draft":
        return {"kind": "draft", "text": strings["draft_notice"]}
    return None
