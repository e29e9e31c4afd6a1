"""Translation status of every page: reviewed, draft, outdated or missing.

    i18n_status.py [--format table|markdown|json] [--check] [--require-all]
    i18n_status.py mark LANG PAGE      record that docs/LANG/PAGE follows the current Spanish page
    i18n_status.py mark LANG --all     the same for every page of LANG

For each Spanish page (docs/es/) and each translation language (en, qu, ay):
  reviewed  translated, `translation: reviewed`, follows the current Spanish text
  draft     translated, `translation: draft`, follows the current Spanish text
  outdated  the Spanish page changed after the translation was made (or the
            translation records no `source_hash:`)
  missing   no file: readers get the Spanish page (fallback)

It also compares each translation with its Spanish source: the same heading
ids in the same order, and as many links, images, list items (checklists
included) and [[markers]]. `--check` exits 1 on such a difference, on a
translation without a Spanish page, and on a page missing in English
(in every language with --require-all); an outdated page does not fail.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from scripts.pages import (  # noqa: E402
    DOCS_DIR,
    FRONT_MATTER,
    HASH_KEY,
    LANGUAGE_NAMES,
    SOURCE_LANGUAGE,
    TRANSLATION_LANGUAGES,
    display_path,
    normalize_name,
    page_files,
    read_page,
    source_hash,
    structure,
)

STATUSES = ("reviewed", "draft", "outdated", "missing")
STATUS_LABELS = {
    "reviewed": "translated and reviewed",
    "draft": "translated, a draft waiting for review",
    "outdated": "the Spanish page changed after the translation (or no source_hash is recorded)",
    "missing": "not translated: readers get the Spanish page",
}
STATUS_ICONS = {"reviewed": "✅", "draft": "📝", "outdated": "⚠️", "missing": "❌"}
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
    problems: list[str] = field(default_factory=list)  # structural differences: fail --check
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


def _plural(count: int, word: str) -> str:
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
            messages.append(f"{rel}: {_plural(ours, label)}, source has {theirs}")
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
    elif translation == "reviewed":
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


def render_table(report: Report, require_all: bool = False) -> str:
    """A plain-text table for the terminal."""
    langs = report.languages
    header = ["page", HASH_KEY] + [f"{lang}" for lang in langs]
    rows = [[p.name, p.source_hash] + [p.translations[lang].status for lang in langs] for p in report.pages]
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    lines = [f"Translation status: {_plural(len(report.pages), 'Spanish page')} in {report.docs}/{SOURCE_LANGUAGE}/", ""]
    for row in [header, ["-" * w for w in widths]] + rows:
        lines.append("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    lines.append("")
    totals = report.totals()
    for lang in langs:
        counts = ", ".join(f"{totals[lang][s]} {s}" for s in STATUSES)
        lines.append(f"{lang} ({LANGUAGE_NAMES.get(lang, lang)}): {counts}")
    lines.append("Statuses: " + "; ".join(f"{s} = {STATUS_LABELS[s]}" for s in STATUSES) + ".")
    failures = report.failures(require_all)
    notes = _outdated_notes(report)
    if failures:
        lines += ["", f"Problems ({len(failures)}, these make --check fail):"] + [f"  {m}" for m in failures]
        lines.append("  How to fix: a translation keeps every heading id, link, image, list item and [[marker]] of its Spanish page.")
    if notes:
        lines += ["", f"Outdated translations ({len(notes)}):"] + [f"  {m}" for m in notes]
    if not failures:
        lines += ["", "No structural problems."]
    return "\n".join(lines) + "\n"


def _outdated_notes(report: Report) -> list[str]:
    return [note for page in report.pages for entry in page.translations.values() if entry.status == "outdated" for note in entry.notes]


def render_markdown(report: Report, require_all: bool = False) -> str:
    """A Markdown summary for a pull request (GitHub job summary or comment)."""
    langs = report.languages
    lines = [
        "## Translation status",
        "",
        f"Source: Spanish, `{report.docs}/{SOURCE_LANGUAGE}/` ({_plural(len(report.pages), 'page')}). "
        + " · ".join(f"{STATUS_ICONS[s]} {STATUS_LABELS[s]}" for s in STATUSES),
        "",
        "| Page | " + HASH_KEY + " | " + " | ".join(f"{LANGUAGE_NAMES.get(lang, lang)} ({lang})" for lang in langs) + " |",
        "|---|---|" + "---|" * len(langs),
    ]
    for page in report.pages:
        cells = [f"{STATUS_ICONS[page.translations[lang].status]} {page.translations[lang].status}" for lang in langs]
        lines.append(f"| `{page.name}` | `{page.source_hash}` | " + " | ".join(cells) + " |")
    totals = report.totals()
    lines += ["", "| Language | " + " | ".join(STATUSES) + " |", "|---|" + "---:|" * len(STATUSES)]
    for lang in langs:
        lines.append(f"| {LANGUAGE_NAMES.get(lang, lang)} ({lang}) | " + " | ".join(str(totals[lang][s]) for s in STATUSES) + " |")
    failures = report.failures(require_all)
    lines.append("")
    if failures:
        lines += [f"### ❌ Problems to fix ({len(failures)})", ""] + [f"- {_code_path(m)}" for m in failures]
        lines += ["", "A translation keeps every heading id, link, image, list item and `[[marker]]` of its Spanish page.", ""]
    else:
        lines += ["No structural problems: every translation has the headings, links, images, lists and markers of its source.", ""]
    notes = _outdated_notes(report)
    if notes:
        lines += [f"<details><summary>⚠️ Outdated translations ({len(notes)})</summary>", ""]
        lines += [f"- {_code_path(m)}" for m in notes] + ["", "</details>", ""]
    lines.append(f"To record the version a translation follows, copy the page's `{HASH_KEY}` from the first table into its front matter.")
    return "\n".join(lines) + "\n"


def _code_path(message: str) -> str:
    """`docs/en/x.md`: rest (file names as code in Markdown)."""
    path, sep, rest = message.partition(": ")
    return f"`{path}`{sep}{rest}" if sep else message


def render_json(report: Report, require_all: bool = False) -> str:
    """Everything as JSON, for other tools."""
    data = {
        "source_language": SOURCE_LANGUAGE,
        "languages": list(report.languages),
        "pages": [
            {
                "page": page.name,
                "source": page.source,
                "source_hash": page.source_hash,
                "translations": {
                    lang: {
                        "path": e.path,
                        "status": e.status,
                        "translation": e.translation,
                        "source_hash": e.recorded_hash,
                        "problems": e.problems,
                        "notes": e.notes,
                    }
                    for lang, e in page.translations.items()
                },
            }
            for page in report.pages
        ],
        "totals": report.totals(),
        "orphans": report.orphans,
        "problems": report.failures(require_all),
        "ok": not report.failures(require_all),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


RENDERERS = {"table": render_table, "markdown": render_markdown, "json": render_json}


def set_source_hash(text: str, value: str) -> str | None:
    """The file text with only its source_hash line written (added after `translation:` if absent)."""
    newline = "\r\n" if "\r\n" in text else "\n"
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    plain = text[len(bom) :].replace("\r\n", "\n")
    match = FRONT_MATTER.match(plain)
    if not match:
        return None
    lines = plain.split("\n")
    end = match.group(0).count("\n") - 1  # index of the closing --- line
    # Quoted only if YAML would read it as a number (all digits).
    new_line = f'{HASH_KEY}: "{value}"' if value.isdigit() else f"{HASH_KEY}: {value}"
    key = re.compile(rf"^{HASH_KEY}\s*:")
    for i in range(1, end):
        if key.match(lines[i]):
            lines[i] = new_line
            break
    else:
        after = next((i for i in range(1, end) if lines[i].startswith("translation:")), end - 1)
        lines.insert(after + 1, new_line)
    return bom + newline.join(lines)


def mark(docs_dir: Path, lang: str, names: list[str] | None) -> tuple[list[str], list[str]]:
    """Record the current Spanish version in translations of lang; (done messages, error messages)."""
    sources = page_files(docs_dir, SOURCE_LANGUAGE)
    translations = page_files(docs_dir, lang)
    done, errors = [], []
    if lang not in TRANSLATION_LANGUAGES:
        return done, [f"'{lang}' is not a translation language. Use one of: {', '.join(TRANSLATION_LANGUAGES)}."]
    wanted = sorted(translations) if names is None else [_page_name(n, lang) for n in names]
    if names is None and not wanted:
        errors.append(f"{docs_dir.name}/{lang}/ has no pages yet.")
    for name in wanted:
        rel = f"{docs_dir.name}/{lang}/{name}"
        if name not in sources:
            errors.append(f"{rel}: there is no Spanish page {docs_dir.name}/{SOURCE_LANGUAGE}/{name}. Check the file name.")
            continue
        if name not in translations:
            errors.append(f"{rel}: does not exist. Copy {docs_dir.name}/{SOURCE_LANGUAGE}/{name} there and translate it first.")
            continue
        path = translations[name]
        text = path.read_text(encoding="utf-8")
        current = source_hash(sources[name].read_text(encoding="utf-8"))
        previous = read_page(path, docs_dir).raw_meta(HASH_KEY)
        if previous == current:
            done.append(f"{rel}: {HASH_KEY} is already {current}.")
            continue
        updated = set_source_hash(text, current)
        if updated is None:
            errors.append(f"{rel}: has no front matter. Add the title, description and translation lines first (see CONTRIBUTING.md).")
            continue
        path.write_text(updated, encoding="utf-8")
        done.append(f"{rel}: {HASH_KEY} set to {current}" + (f" (was {previous})." if previous else "."))
    return done, errors


def _page_name(argument: str, lang: str) -> str:
    """Accept 'señales', 'señales.md' or 'docs/en/señales.md'."""
    name = normalize_name(argument.replace("\\", "/"))
    for prefix in (f"docs/{lang}/", f"{lang}/"):
        if name.startswith(prefix):
            name = name[len(prefix) :]
    return name if name.endswith(".md") else name + ".md"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="i18n_status.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="the docs folder (default: docs/)")
    parser.add_argument("--format", choices=sorted(RENDERERS), default="table", help="output format (default: table)")
    parser.add_argument("--check", action="store_true", help="exit 1 on structural differences or missing required pages")
    parser.add_argument("--require-all", action="store_true", help="with --check: every page must exist in every language")
    commands = parser.add_subparsers(dest="command")
    marker = commands.add_parser("mark", help="record that a translation follows the current Spanish page")
    marker.add_argument("lang", help="the translation's language: " + ", ".join(TRANSLATION_LANGUAGES))
    marker.add_argument("pages", nargs="*", help="page file names, e.g. señales.md")
    marker.add_argument("--all", action="store_true", help="every page of the language")
    marker.add_argument("--docs", dest="mark_docs", type=Path, default=None, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    docs_dir = Path(args.docs).resolve()
    if args.command == "mark":
        if args.mark_docs:
            docs_dir = Path(args.mark_docs).resolve()
        if bool(args.pages) == args.all:
            parser.error("mark needs either page names or --all, e.g. mark en señales.md")
        done, errors = mark(docs_dir, args.lang, None if args.all else args.pages)
        for message in done:
            print(message)
        for message in errors:
            print(message, file=sys.stderr)
        return 1 if errors else 0
    if not (docs_dir / SOURCE_LANGUAGE).is_dir():
        print(f"{docs_dir}: no {SOURCE_LANGUAGE}/ folder with the Spanish pages.", file=sys.stderr)
        return 1
    report = status_report(docs_dir)
    sys.stdout.write(RENDERERS[args.format](report, args.require_all))
    if args.check and report.failures(args.require_all):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
