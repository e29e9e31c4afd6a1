"""Front matter: title and description as text, `translation` and `source_hash` where they belong, nothing else."""

from __future__ import annotations

import re

from alerta.lint.findings import Finding
from alerta.pages import HASH_KEY, HASH_LENGTH, Page

DESCRIPTION_MAX = 160
SOURCE_KEYS = ("title", "description", "translation")
TRANSLATION_KEYS = ("title", "description", "translation", HASH_KEY)
TRANSLATION_VALUES = ("draft", "reviewed")
SOURCE_TRANSLATION_VALUE = "source"


def check_front_matter(page: Page) -> list[Finding]:
    """Title, description, translation, source_hash and nothing else."""
    out: list[Finding] = []

    def add(line: int, message: str) -> None:
        out.append(Finding(page.rel, line, message))

    if page.meta_text is None:
        add(1, 'the page has no front matter. Start the file with a line ---, then title: "...", description: "...", then a line ---')
        return out
    if page.meta_error:
        add(
            page.meta_error_line,
            f"the front matter cannot be read (YAML says: {page.meta_error}). "
            'If a value contains a colon (:) or starts with a quote, put the whole value between double quotes, like title: "Qué: hacer"',
        )
        return out
    meta = page.meta
    for key, how in (
        ("title", "the page title"),
        ("description", f"one or two sentences about the page, {DESCRIPTION_MAX} characters at most"),
    ):
        value = meta.get(key)
        if key not in meta:
            add(1, f'front matter: "{key}" is missing. Add a line {key}: "..." with {how}')
        elif not isinstance(value, str):
            add(page.meta_line(key), f'front matter: "{key}" must be text. Put it between double quotes: {key}: "..."')
        elif not value.strip():
            add(page.meta_line(key), f'front matter: "{key}" is empty. Write {how}')
    description = meta.get("description")
    if isinstance(description, str) and len(description.strip()) > DESCRIPTION_MAX:
        add(
            page.meta_line("description"),
            f"front matter: the description has {len(description.strip())} characters, more than {DESCRIPTION_MAX}. "
            "Shorten it: search results and link previews cut it",
        )
    translation = meta.get("translation")
    if page.is_source:
        if "translation" in meta and translation != SOURCE_TRANSLATION_VALUE:
            add(
                page.meta_line("translation"),
                f'front matter: "translation: {translation}" is only for translations. Remove the line (this is the Spanish source)',
            )
        if HASH_KEY in meta:
            add(
                page.meta_line(HASH_KEY),
                f'front matter: "{HASH_KEY}" is only for translations. Remove the line (this is the Spanish source)',
            )
    else:
        if "translation" not in meta:
            add(
                1,
                'front matter: "translation" is missing. Add a line translation: draft '
                "(or translation: reviewed once a native speaker has checked the page)",
            )
        elif translation not in TRANSLATION_VALUES:
            add(
                page.meta_line("translation"),
                f'front matter: "translation: {translation}" is not allowed. Write translation: draft or translation: reviewed',
            )
        recorded = page.raw_meta(HASH_KEY)
        if HASH_KEY in meta and not re.fullmatch(rf"[0-9a-f]{{{HASH_LENGTH}}}", recorded or ""):
            add(
                page.meta_line(HASH_KEY),
                f'front matter: "{HASH_KEY}: {recorded or ""}" is not {HASH_LENGTH} characters of 0-9 and a-f. '
                f"Copy it from the translation status, or run python scripts/i18n_status.py mark {page.lang} {page.name}",
            )
    allowed = SOURCE_KEYS if page.is_source else TRANSLATION_KEYS
    for key in meta:
        if key not in allowed and not (page.is_source and key == HASH_KEY):
            add(page.meta_line(key), f'front matter: unknown key "{key}". Remove it or fix its spelling; the keys are {", ".join(allowed)}')
    return out
