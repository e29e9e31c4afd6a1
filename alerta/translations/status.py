"""Translation status of every page: reviewed, draft, outdated or missing.

For each Spanish page (docs/es/) and each translation language (en, qu, ay):
  reviewed  translated, `translation: reviewed`, follows the current Spanish text
  draft     translated, `translation: draft`, follows the current Spanish text
  outdated  the Spanish page changed after the translation was made (or the
            translation records no `source_hash:`)
  missing   no file: readers get the Spanish page (fallback)

It also compares each translation with its Spanish source: the same heading
ids in the same order, and as many links, images, list items (checklists
included) and [[markers]]. In the languages native speakers review
(mkdocs.yml extra.review), `translation: reviewed` needs that many different
reviewers in the front matter's `reviewers:` (alerta.review.reviewers):
otherwise the page counts as a draft and --check fails.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from alerta.config import DOCS_DIR
from alerta.pages import HASH_KEY, SOURCE_LANGUAGE, TRANSLATION_LANGUAGES, display_path, page_files, read_page, source_hash, structure
from alerta.review import review_settings
from alerta.review.reviewers import people, read_reviewers, reviewed_problem

STATUSES = ("reviewed", "draft", "outdated", "missing")
# A missing page fails --check in these languages; the others fall back to Spanish.
REQUIRED_LANGUAGES = ("en",)
MARK_COMMAND = "python scripts/i18n_status.py mark"


@dataclass
class Entry:
    """One page in one language."""

    lang: str
    path: str  # docs/en/formas.md
    status: str
    translation: str | None = None  # the front matter value
    recorded_hash: str | None = None
    problems: list[str] = field(default_factory=list)  # structural differences, too few reviewers: fail --check
    speakers: int = 0  # different people listed under reviewers:
    native_review: bool = False  # a language native speakers review (mkdocs.yml extra.review)

    @property
    def label(self) -> str:
        """The status as the table shows it: "reviewed (2 speakers)" in the languages native speakers review."""
        if self.native_review and self.status == "reviewed":
            return f"reviewed ({plural(self.speakers, 'speaker')})"
        if self.native_review and self.status == "draft" and self.speakers:
            return f"draft ({plural(self.speakers, 'review')})"
        return self.status
    notes: list[str] = field(default_factory=list)  # outdated, missing: information for translators


@dataclass
class PageStatus:
    """One Spanish page and its translations."""

    name: str
    source: str  # docs/es/formas.md
    source_hash: str
    translations: dict[str, Entry]


@dataclass
class Report:
    docs: str
    languages: tuple[str, ...]
    pages: list[PageStatus]
    orphans: list[str]  # translations without a Spanish page

    def totals(self) -> dict[str, dict[str, int]]:
        """How many pages of each status, per language."""
        counts = {lang: dict.fromkeys(STATUSES, 0) for lang in self.languages}
        for page in self.pages:
            for lang, entry in page.translations.items():
                counts[lang][entry.status] += 1
        return counts

    def failures(self, require_all: bool = False) -> list[str]:
        """The messages that make --check fail."""
        required = self.languages if require_all else REQUIRED_LANGUAGES
        messages = list(self.orphans)
        for page in self.pages:
            for lang, entry in page.translations.items():
                messages.extend(entry.problems)
                if entry.status == "missing" and lang in required:
                    messages.extend(entry.notes)
        return messages


def plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def compare_structure(rel: str, source_body: str, body: str) -> list[str]:
    """Differences between a translation and its source, one message each."""
    src, dst = structure(source_body), structure(body)
    messages = []
    if src.heading_ids != dst.heading_ids:
        missing = [f"#{h}" for h in src.heading_ids if h not in dst.heading_ids]
        extra = [f"#{h}" for h in dst.heading_ids if h not in src.heading_ids]
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing))
        if extra:
            parts.append("extra " + ", ".join(extra))
        if not parts:
            parts.append("the same ids in another order or repeated (source: " + " ".join(f"#{h}" for h in src.heading_ids) + ")")
        messages.append(f"{rel}: heading ids differ from source: " + ", ".join(parts))
    for label, theirs, ours in (
        ("link", src.links, dst.links),
        ("image", src.images, dst.images),
        ("list item", src.list_items, dst.list_items),
    ):
        if theirs != ours:
            messages.append(f"{rel}: {plural(ours, label)}, source has {theirs}")
    if Counter(src.markers) != Counter(dst.markers):
        missing_markers = list((Counter(src.markers) - Counter(dst.markers)).elements())
        extra_markers = list((Counter(dst.markers) - Counter(src.markers)).elements())
        parts = []
        if missing_markers:
            parts.append("missing " + ", ".join(missing_markers))
        if extra_markers:
            parts.append("extra " + ", ".join(extra_markers))
        messages.append(f"{rel}: markers differ from source: " + ", ".join(parts))
    return messages


def page_entry(lang: str, name: str, docs_dir: Path, source_body: str, current: str, path: Path | None) -> Entry:
    """The status of one translation of one page."""
    rel = f"{docs_dir.name}/{lang}/{name}"
    source_rel = f"{docs_dir.name}/{SOURCE_LANGUAGE}/{name}"
    if path is None:
        note = f"{rel}: missing (readers get the Spanish page). Copy {source_rel} to {rel} and translate it."
        return Entry(lang, rel, "missing", notes=[note])
    page = read_page(path, docs_dir)
    translation = page.meta.get("translation")
    recorded = page.raw_meta(HASH_KEY)
    entry = Entry(lang, page.rel, "draft", translation=translation if isinstance(translation, str) else None, recorded_hash=recorded)
    entry.problems = compare_structure(page.rel, source_body, page.body)
    entry.native_review = lang in review_settings().languages
    entry.speakers = len(people(read_reviewers(page)[0]))
    too_few = reviewed_problem(page)
    if too_few:
        entry.problems.append(str(too_few))
    fix = f"then run: {MARK_COMMAND} {lang} {name} (or write {HASH_KEY}: {current} in its front matter)"
    if recorded is None:
        entry.status = "outdated"
        entry.notes.append(
            f"{page.rel}: no {HASH_KEY} recorded, so the Spanish version it follows is unknown. Compare it with {source_rel}, {fix}."
        )
    elif recorded != current:
        entry.status = "outdated"
        entry.notes.append(
            f"{page.rel}: outdated: made from source version {recorded}, {source_rel} is now {current}. Update the translation, {fix}."
        )
    elif translation == "reviewed" and not too_few:
        entry.status = "reviewed"
    return entry


def status_report(docs_dir: Path = DOCS_DIR, languages: tuple[str, ...] = TRANSLATION_LANGUAGES) -> Report:
    """The status of every Spanish page in every translation language."""
    sources = page_files(docs_dir, SOURCE_LANGUAGE)
    pages = []
    for name, source_path in sources.items():
        source_page = read_page(source_path, docs_dir)
        current = source_hash(source_page.text)
        translations = {}
        for lang in languages:
            translated = page_files(docs_dir, lang).get(name)
            translations[lang] = page_entry(lang, name, docs_dir, source_page.body, current, translated)
        pages.append(PageStatus(name, source_page.rel, current, translations))
    orphans = []
    for lang in languages:
        for name, path in page_files(docs_dir, lang).items():
            if name not in sources:
                rel = display_path(path, docs_dir)
                orphans.append(
                    f"{rel}: there is no Spanish page {docs_dir.name}/{SOURCE_LANGUAGE}/{name}. "
                    "Give the file the same name as the Spanish page it translates, or delete it."
                )
    return Report(docs_dir.name, languages, pages, orphans)
