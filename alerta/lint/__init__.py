"""Content lint: what editors write in docs/, checked in plain words.

Every page (docs/<lang>/*.md) is checked for:
  - front matter (front_matter.py): title and description (160 characters at
    most) as text; `translation: draft|reviewed` in translations (absent or
    `source` in Spanish); `source_hash` only in translations; no other keys;
  - raw HTML and images (markup.py): only a safe list of tags; no <script>,
    <iframe>, <object>, <embed>, <form>, <style>, on...= attributes,
    javascript: links, images or media loaded from other websites, or
    tracking pixels; every image has alt text and its file exists;
  - phone numbers (phones.py): none typed in pages (and none in any other
    file of docs/ but docs/contacts.yml), no tel: link typed by hand;
  - markers, headings, plain language (prose.py): only the [[markers]] the
    hooks render, with a published contact id; an explicit id on each h2/h3;
    a sentence of more than 35 words is a HINT, printed but never an error.

Each finding reads `docs/es/formas.md:14: <what is wrong>. <How to fix it.>`
The build runs the same checks (hooks/content_lint.py); `make lint` alone.
"""

from __future__ import annotations

from pathlib import Path

from alerta.config import DOCS_DIR
from alerta.contacts import ContactsError, load_contacts
from alerta.lint.findings import Finding
from alerta.lint.front_matter import check_front_matter
from alerta.lint.markup import check_html, check_images
from alerta.lint.phones import CONTACTS_NAME, other_text_files, phone_findings, phones_in_file
from alerta.lint.prose import check_headings, check_markers, check_sentences
from alerta.pages import Page, all_page_paths, masked_lines, read_page

__all__ = ["Finding", "format_findings", "lint_docs", "lint_page"]



def lint_page(page: Page, tel_ids: list[str] | None = None) -> list[Finding]:
    """Every check on one page."""
    lines = masked_lines(page.body)
    text = "\n".join(lines)
    findings = check_front_matter(page)
    findings += check_html(page, text)
    findings += check_images(page, text)
    findings += phone_findings(page.text, page.rel)
    findings += check_markers(page, text, tel_ids)
    findings += check_headings(page, lines)
    findings += check_sentences(page, lines)
    return sorted(set(findings), key=lambda f: (f.path, f.line, f.hint, f.message))


def published_tel_ids(docs_dir: Path) -> tuple[list[str] | None, list[Finding]]:
    """Contacts a [[tel:ID]] may name; None when docs/ has no contacts file."""
    path = docs_dir / CONTACTS_NAME
    if not path.is_file():
        return None, []
    try:
        contacts = load_contacts(path)
    except ContactsError as exc:
        return None, [Finding("", 0, str(exc))]
    return [c.id for c in contacts if c.published and c.phones], []


def lint_docs(docs_dir: Path = DOCS_DIR) -> list[Finding]:
    """Every finding in docs/: each page, then phone numbers in the other text files."""
    tel_ids, findings = published_tel_ids(docs_dir)
    for path in all_page_paths(docs_dir):
        findings += lint_page(read_page(path, docs_dir), tel_ids)
    for path in other_text_files(docs_dir):
        findings += phones_in_file(path, docs_dir)
    return findings


def format_findings(findings: list[Finding], hints: bool = True) -> str:
    """Errors first, then hints, with a closing count."""
    errors = [f for f in findings if not f.hint]
    notes = [f for f in findings if f.hint]
    lines = [str(f) for f in errors]
    if hints and notes:
        if lines:
            lines.append("")
        lines.append(f"Plain-language hints ({len(notes)}; they do not block publishing):")
        lines += [str(f) for f in notes]
    if lines:
        lines.append("")
    lines.append(f"{len(errors)} error{'s' if len(errors) != 1 else ''}, {len(notes)} hint{'s' if len(notes) != 1 else ''}.")
    return "\n".join(lines)
