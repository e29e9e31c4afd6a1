"""Content lint: what editors write in docs/, checked in plain words.

Every page (docs/<lang>/*.md) is checked for:
  - front matter (front_matter.py): title and description (160 characters at
    most) as text; `translation: draft|reviewed` in translations (absent or
    `source` in Spanish); `source_hash` and `reviewers` (name, variety, date) only in translations; no other keys;
  - raw HTML and images (markup.py): only a safe list of tags; no <script>,
    <iframe>, <object>, <embed>, <form>, <style>, on...= attributes,
    javascript: links, images or media loaded from other websites, or
    tracking pixels; every image has alt text and its file exists;
  - phone numbers (phones.py): none typed in pages (and none in any other
    file of docs/ but docs/contacts.yml), no tel: link typed by hand;
  - markers, headings, plain language (prose.py): only the [[markers]] the
    hooks render, with a published contact id; an explicit id on each h2/h3;
    a sentence of more than 35 words is a HINT, printed but never an error;
  - in the languages native speakers review (consistency.py, mkdocs.yml
    extra.review): variants the glossary says to avoid, words left in
    Spanish, sentences with no Spanish counterpart (WARNINGS in drafts), and
    `translation: reviewed` only with enough reviewers.

Each finding reads `docs/es/formas.md:14: <what is wrong>. <How to fix it.>`
The build runs the same checks (hooks/content_lint.py); `make lint` alone.
"""

from __future__ import annotations

from pathlib import Path

from alerta.config import DOCS_DIR
from alerta.contacts import load_contacts
from alerta.lint.consistency import check_consistency
from alerta.lint.front_matter import check_front_matter
from alerta.lint.markup import check_html, check_images
from alerta.lint.phones import CONTACTS_NAME, other_text_files, phone_findings, phones_in_file
from alerta.lint.prose import check_headings, check_markers, check_sentences
from alerta.pages import Page, all_page_paths, display_path, masked_lines, read_page
from alerta.problems import Problem, ProblemError, encoding_problem

__all__ = ["lint_docs", "lint_page"]


def lint_page(page: Page, tel_ids: list[str] | None = None) -> list[Problem]:
    """Every check on one page."""
    lines = masked_lines(page.body)
    text = "\n".join(lines)
    problems = check_front_matter(page)
    problems += check_html(page, text)
    problems += check_images(page, text)
    problems += phone_findings(page.text, page.rel)
    problems += check_markers(page, text, tel_ids)
    problems += check_headings(page, lines)
    problems += check_sentences(page, lines)
    return sorted(set(problems))


def published_tel_ids(docs_dir: Path) -> tuple[list[str] | None, list[Problem]]:
    """Contacts a [[tel:ID]] may name; None when docs/ has no contacts file (or it cannot be read)."""
    path = docs_dir / CONTACTS_NAME
    if not path.is_file():
        return None, []
    try:
        contacts = load_contacts(path, root=docs_dir.parent)
    except ProblemError as exc:
        return None, exc.problems
    return [c.id for c in contacts if c.shown_phones], []


def lint_docs(docs_dir: Path = DOCS_DIR, drafts: bool = True) -> list[Problem]:
    """Every problem in docs/: each page, then phone numbers in the other text files; then (drafts) the drafts' consistency."""
    tel_ids, problems = published_tel_ids(docs_dir)
    for path in all_page_paths(docs_dir):
        try:
            problems += lint_page(read_page(path, docs_dir), tel_ids)
        except UnicodeDecodeError as exc:
            problems.append(encoding_problem(display_path(path, docs_dir), path.read_bytes(), exc))
    for path in other_text_files(docs_dir):
        try:
            problems += phones_in_file(path, docs_dir)
        except UnicodeDecodeError as exc:
            problems.append(encoding_problem(display_path(path, docs_dir), path.read_bytes(), exc))
    return problems + (check_consistency(docs_dir) if drafts else [])
