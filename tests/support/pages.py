"""Reading built pages in tests, with the project's HTML parser."""

from __future__ import annotations

from pathlib import Path

from alerta.html import elements, parse


def tags(page: Path) -> list[tuple[str, dict]]:
    """(tag, attributes) of every element of a built page, in order."""
    return [(e.name, dict(e.attrs or {})) for e in elements(parse(page.read_text(encoding="utf-8"), locations=False))]


def html_lang(page: Path) -> str:
    """The lang attribute of the page's <html> element."""
    return next(attrs["lang"] for tag, attrs in tags(page) if tag == "html")
