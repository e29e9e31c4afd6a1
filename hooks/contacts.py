"""Validate docs/contacts.yml and render it into pages.

Markers an editor can write in a page:
  [[tel:ID]]            a click-to-call link to the entry's first number
  [[contacts]]          the whole directory, grouped by kind
  [[contacts:national]] national entries only (the printable card)
  [[contacts:verified]] the date the contacts were last verified
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from scripts.contacts import KINDS, Contact, ContactsError, display_number, last_verified, load_contacts  # noqa: E402
from scripts.site_strings import page_language, strings_for  # noqa: E402

MARKER = re.compile(r"\[\[(tel|contacts)(?::([a-z0-9-]+))?\]\]")

_contacts: list[Contact] = []
_emergency = None  # the number of the help bar on every page


def on_config(config):
    """Load the directory once per build; a bad entry stops the build."""
    global _contacts, _emergency
    try:
        _contacts = load_contacts()
    except ContactsError as exc:
        raise PluginError(str(exc)) from None
    emergency_id = config.extra.get("emergency_contact", "police-emergency")
    contact = next((c for c in _contacts if c.id == emergency_id and c.published and c.phones), None)
    if contact is None:
        raise PluginError(f"mkdocs.yml: extra.emergency_contact '{emergency_id}' is not a published entry with a phone in docs/contacts.yml.")
    _emergency = contact.phones[0]
    for contact in _contacts:
        for warning in contact.warnings:
            # Printed, not logged: a stale date must not fail `--strict`, but
            # editors should see it on every build.
            print(f"WARNING  -  {warning}", file=sys.stderr)
    return config


def on_page_context(context, page, config, nav):
    context["emergency"] = _emergency
    return context


def on_template_context(context, template_name, config):
    context["emergency"] = _emergency
    return context


def on_page_markdown(markdown, page, config, files):
    """Replace the contact markers of a page; an unknown id names the page and line."""
    lang = page_language(config)
    strings = strings_for(lang)
    by_id = {c.id: c for c in _contacts}

    def replace(match: re.Match, line: int) -> str:
        name, arg = match.group(1), match.group(2)
        where = f"docs/{page.file.src_uri}:{line}"
        if name == "tel":
            contact = by_id.get(arg or "")
            if contact is None or not contact.published or not contact.phones:
                known = ", ".join(c.id for c in _contacts if c.published and c.phones)
                raise PluginError(f"{where}: [[tel:{arg}]] does not name a published contact with a phone. Use one of: {known}.")
            return tel_link(contact.phones[0].number, contact.phones[0].display)
        if arg is None:
            return render_directory(_contacts, lang, strings)
        if arg == "national":
            return render_directory([c for c in _contacts if c.national], lang, strings, compact=True)
        if arg == "verified":
            return html.escape(last_verified(_contacts))
        raise PluginError(f"{where}: unknown marker [[contacts:{arg}]]. Use [[contacts]], [[contacts:national]] or [[contacts:verified]].")

    lines = markdown.split("\n")
    # MkDocs stripped the front matter (and blank lines after it) from the
    # top: the difference in line count maps lines back to the source file.
    offset = _source_line_count(page) - len(markdown.splitlines())
    for i, line in enumerate(lines):
        if "[[" in line:
            lines[i] = MARKER.sub(lambda m, n=i: replace(m, n + 1 + offset), line)
    return "\n".join(lines)


def tel_link(number: str, display: str) -> str:
    """A click-to-call link; the visible text keeps digits together."""
    return f'<a class="tel" href="tel:{number}">{html.escape(display)}</a>'


def render_directory(contacts: list[Contact], lang: str, strings: dict, compact: bool = False) -> str:
    """The directory as HTML, grouped by kind in a fixed order."""
    parts = []
    published = [c for c in contacts if c.published]
    for kind in KINDS:
        group = [c for c in published if c.kind == kind]
        if not group:
            continue
        if not compact:
            parts.append(f'<h2 id="kind-{kind}">{html.escape(strings["kind_" + kind])}</h2>')
        parts.extend(render_contact(c, lang, strings, compact) for c in group)
    css = "contacts contacts--compact" if compact else "contacts"
    return f'\n<div class="{css}">\n' + "\n".join(parts) + "\n</div>\n"


def render_contact(contact: Contact, lang: str, strings: dict, compact: bool) -> str:
    """One directory entry: name, numbers, description, source and date."""
    e = html.escape
    heading = "h3" if not compact else "p"
    out = [f'<section class="contact" id="contact-{contact.id}">', f'<{heading} class="contact__name">{e(contact.name)}</{heading}>']
    if contact.phones:
        links = []
        for phone in contact.phones:
            label = e(strings["contacts_free_line"]) if phone.label else ""
            links.append(tel_link(phone.number, phone.display) + (f" <span>({label})</span>" if label else ""))
        out.append('<p class="contact__phones">' + " · ".join(links) + "</p>")
    else:
        out.append(f'<p class="contact__phones contact__phones--none">{e(strings["contacts_no_phone"])}</p>')
    if contact.whatsapp and not compact:
        out.append(f'<p>{e(strings["contacts_whatsapp"])}: {tel_link(contact.whatsapp, display_number(contact.whatsapp))}</p>')
    if not compact:
        text = contact.description.get(lang)
        lang_attr = "" if text else ' lang="es"'
        out.append(f"<p{lang_attr}>{e(text or contact.description['es'])}</p>")
        facts = []
        coverage = strings["contacts_national"] if contact.national else contact.coverage
        facts.append(f"{e(strings['contacts_coverage'])}: {e(coverage)}")
        if contact.hours:
            facts.append(f"{e(strings['contacts_hours'])}: {e(contact.hours)}")
        facts.append(f"{e(strings['contacts_source'])}: {e(contact.source)}")
        facts.append(f"{e(strings['contacts_verified'])}: {e(contact.verified or '')}")
        out.append('<p class="contact__meta">' + "<br>".join(facts) + "</p>")
    out.append("</section>")
    return "\n".join(out)


def _source_line_count(page) -> int:
    """Lines in the page's source file (0 when it cannot be read)."""
    path = Path(page.file.abs_src_path or "")
    return len(path.read_text(encoding="utf-8").splitlines()) if path.is_file() else 0
