"""The referral directory (docs/contacts.yml) rendered into pages.

Markers an editor can write in a page:
  [[tel:ID]]            a click-to-call link to the entry's first number
  [[contacts]]          the whole directory, grouped by kind
  [[contacts:national]] national entries only (the printable card)
  [[contacts:verified]] the date the contacts were last verified
"""

from __future__ import annotations

import html
import re

from alerta.contacts import KINDS, Contact, display_number, last_verified

MARKER = re.compile(r"\[\[(tel|contacts)(?::([a-z0-9-]+))?\]\]")


class MarkerError(ValueError):
    """A marker names no published contact, or is unknown; the message names the page and line."""


def render_markers(markdown: str, contacts: list[Contact], lang: str, strings: dict, where: str, first_line: int) -> str:
    """Replace the contact markers of one page's Markdown; `where` is the page as editors see it."""
    by_id = {c.id: c for c in contacts}

    def replace(match: re.Match, line: int) -> str:
        name, arg = match.group(1), match.group(2)
        place = f"{where}:{line}"
        if name == "tel":
            contact = by_id.get(arg or "")
            if contact is None or not contact.published or not contact.phones:
                known = ", ".join(c.id for c in contacts if c.published and c.phones)
                raise MarkerError(f"{place}: [[tel:{arg}]] does not name a published contact with a phone. Use one of: {known}.")
            return tel_link(contact.phones[0].number, contact.phones[0].display)
        if arg is None:
            return render_directory(contacts, lang, strings)
        if arg == "national":
            return render_directory([c for c in contacts if c.national], lang, strings, compact=True)
        if arg == "verified":
            return html.escape(last_verified(contacts))
        raise MarkerError(f"{place}: unknown marker [[contacts:{arg}]]. Use [[contacts]], [[contacts:national]] or [[contacts:verified]].")

    lines = markdown.split("\n")
    for i, text in enumerate(lines):
        if "[[" in text:
            lines[i] = MARKER.sub(lambda m, n=i: replace(m, n + first_line), text)
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
