"""Check docs/contacts.yml and render its markers into pages (alerta.contacts, alerta.directory)."""

from __future__ import annotations

from pathlib import Path

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from alerta.config import root_of, site_config
from alerta.contacts import emergency_phone, load_contacts
from alerta.directory import department_page, departments_of, render_department, render_markers
from alerta.navigation import generated_page
from alerta.pages import markdown_first_line, read_page
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


@event_priority(-110)  # after the i18n plugin (-100) has made this language's files
def on_files(files, config):
    """Each department with entries gets its page beside the help page (ayuda-la-paz.html), so the help page stays light."""
    lang = page_language(config)
    site = site_config(config.config_file_path)
    help_page = config.extra.get("help_page", "ayuda.md")
    dest = site.prefix(lang) + help_page.replace(".md", ".html")
    helper = next((f for f in files.documentation_pages() if f.dest_uri == dest), None)
    if helper is None:
        return files
    meta = read_page(Path(helper.abs_src_path), Path(config.docs_dir)).meta
    prefixes = {code: site.prefix(code) for code in site.codes}
    for department in departments_of(_contacts):
        title = f"{meta.get('title')} – {department}"
        # A draft help page makes draft department pages (their descriptions are the same drafts).
        front = {"title": title, **({"translation": meta["translation"]} if meta.get("translation") in ("draft", "reviewed") else {})}
        body = render_department(_contacts, department, lang, build_strings(config)[lang], help_page)
        content = f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n\n# {title}\n\n{body}"
        files.append(generated_page(config, lang, department_page(help_page, department), content, helper.dest_uri, prefixes))
    return files


def on_page_markdown(markdown, page, config, files):
    lang = page_language(config)
    first_line = markdown_first_line(page.file.abs_src_path, markdown) if page.file.abs_src_path else 1
    try:
        return render_markers(markdown, _contacts, lang, build_strings(config)[lang], f"docs/{page.file.src_uri}", first_line, config.extra.get("help_page", "ayuda.md"))
    except ProblemError as exc:
        raise PluginError(str(exc)) from None
