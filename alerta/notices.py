"""Tell readers when a page is not (fully) in their language, or who checked it.

A page missing from docs/<lang>/ is published from Spanish by the i18n
plugin's fallback: it gets a "not translated yet" notice in the reader's
language. A translation whose front matter says `translation: draft` gets a
"draft awaiting native review" notice. In the languages native speakers
review (mkdocs.yml extra.review), a reviewed page says how many of them
reviewed it ("reviewed by 2 speakers"). The strings are in data/strings/.
"""

from __future__ import annotations


def page_notice(strings: dict[str, str], page_lang: str, file_lang: str, translation: str | None, speakers: int = 0, reviewed_languages: tuple[str, ...] = ()) -> dict | None:
    """Which notice a page shows, if any; `strings` are the page language's, `speakers` the reviewers in its front matter."""
    if file_lang != page_lang:
        return {"kind": "fallback", "text": strings["fallback_notice"], "content_lang": file_lang}
    if translation == "draft":
        return {"kind": "draft", "text": strings["draft_notice"]}
    if translation == "reviewed" and page_lang in reviewed_languages:
        return {"kind": "reviewed", "text": strings["reviewed_notice"].format(n=speakers)}
    return None
