"""Check docs/contacts.yml and render its markers into pages (alerta.contacts, alerta.directory)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from alerta.config import root_of
from alerta.contacts import emergency_phone, load_contacts
from alerta.directory import render_markers
from alerta.pages import markdown_first_line
from alerta.problems import ProblemError
from alerta.strings import build_strings, page_language

_contacts = []
_emergency = None  # the number of the help bar on every page


def on_config(config):
    """Load the directory once per build; a bad entry stops the build, with every problem listed."""
    global _contacts, _emergency
    try:
        _contacts = load_contacts(Path(config.docs_dir) / "contacts.yml", root=root_of(config))
        _emergency = emergency_phone(_contacts, config.extra.get("emergency_contact", "police-emergency"))
    except ProblemError as exc:
        raise PluginError(str(exc)) from None
    return config


def on_page_context(context, page, config, nav):
    context["emergency"] = _emergency
    return context


def on_template_context(context, template_name, config):
    context["emergency"] = _emergency
    return context


def on_page_markdown(markdown, page, config, files):
    lang = page_language(config)
    first_line = markdown_first_line(page.file.abs_src_path, markdown)
    try:
        return render_markers(markdown, _contacts, lang, build_strings(config)[lang], f"docs/{page.file.src_uri}", first_line)
    except ProblemError as exc:
        raise PluginError(str(exc)) from None
