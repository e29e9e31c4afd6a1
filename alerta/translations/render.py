"""The translation status as a terminal table, a pull-request summary (Markdown) or JSON."""

from __future__ import annotations

import json

from alerta.config import site_config
from alerta.pages import HASH_KEY, SOURCE_LANGUAGE
from alerta.translations.status import STATUSES, Report, plural

LANGUAGE_NAMES = {language.code: language.name for language in site_config().languages}
STATUS_LABELS = {
    "reviewed": "translated and reviewed",
    "draft": "translated, a draft waiting for review",
    "outdated": "the Spanish page changed after the translation (or no source_hash is recorded)",
    "missing": "not translated: readers get the Spanish page",
}
STATUS_ICONS = {"reviewed": "✅", "draft": "📝", "outdated": "⚠️", "missing": "❌"}


def render_table(report: Report, require_all: bool = False) -> str:
    """A plain-text table for the terminal."""
    langs = report.languages
    header = ["page", HASH_KEY] + [f"{lang}" for lang in langs]
    rows = [[p.name, p.source_hash] + [p.translations[lang].label for lang in langs] for p in report.pages]
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    lines = [f"Translation status: {plural(len(report.pages), 'Spanish page')} in {report.docs}/{SOURCE_LANGUAGE}/", ""]
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
        lines.append("  How to fix: a translation keeps every heading id, link, image, list item and [[marker]] of its Spanish page;")
        lines.append("  `translation: reviewed` needs the reviewers (name, variety, date) under `reviewers:` in the front matter.")
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
        f"Source: Spanish, `{report.docs}/{SOURCE_LANGUAGE}/` ({plural(len(report.pages), 'page')}). "
        + " · ".join(f"{STATUS_ICONS[s]} {STATUS_LABELS[s]}" for s in STATUSES),
        "",
        "| Page | " + HASH_KEY + " | " + " | ".join(f"{LANGUAGE_NAMES.get(lang, lang)} ({lang})" for lang in langs) + " |",
        "|---|---|" + "---|" * len(langs),
    ]
    for page in report.pages:
        cells = [f"{STATUS_ICONS[page.translations[lang].status]} {page.translations[lang].label}" for lang in langs]
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
                        "reviewers": e.speakers,
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
