"""[[forward]]: the message to forward, with its copy button (alerta.printed.forward)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from alerta.config import root_of
from alerta.contacts import load_contacts
from alerta.printed.forward import MARKER, message, render
from alerta.problems import ProblemError
from alerta.strings import build_strings, page_language


def on_page_markdown(markdown, page, config, files):
    if MARKER not in markdown:
        return markdown
    lang = page_language(config)
    root = root_of(config)
    try:
        text = message(lang, load_contacts(Path(config.docs_dir) / "contacts.yml", root=root), root)
    except ProblemError as exc:
        raise PluginError(str(exc)) from None
    return markdown.replace(MARKER, "\n" + render(text, build_strings(config)[lang]) + "\n")
