"""The referral directory (docs/contacts.yml) rendered into pages, honest about what nobody has checked.

Markers an editor can write in a page:
  [[tel:ID]]            a click-to-call link to the entry's first shown number
  [[contacts]]          the whole country's entries, then the departments, each linking
                        to its own page (help page name + department: ayuda-la-paz.html,
                        made by hooks/contacts.py), so the help page stays light as the
                        directory grows
  [[contacts:national]] the whole country's entries, compact (the printable card)
  [[contacts:verified]] how current the directory is: its oldest date, and how many
                        entries no one has confirmed by a call
Every entry shows where its information was read (with dates) and a mark
when no one has confirmed it by calling, or the call was too long ago.
"""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata

from alerta.contacts import DEPARTMENTS, KINDS, Contact, display_number, oldest_as_of
from alerta.problems import Problem, ProblemError, say

MARKER = re.compile(r"\[\[(tel|contacts)(?::([a-z0-9-]+))?\]\]")
e = html.escape


def render_markers(markdown: str, contacts: list[Contact], lang: str, strings: dict, where: str, first_line: int, help_page: str = "ayuda.md") -> str:
    """Replace the contact markers of one page's Markdown; `where` is the page as editors see it."""
    by_id = {c.id: c for c in contacts}

    def replace(match: re.Match, line: int) -> str:
        name, arg = match.group(1), match.group(2)
        if name == "tel":
            contact = by_id.get(arg or "")
            if contact is None or not contact.shown_phones:
                known = ", ".join(c.id for c in contacts if c.shown_phones)
                raise ProblemError(
                    [
                        Problem(
                            where,
                            line,
                            say(f"[[tel:{arg}]] no es un contacto con un número que se muestre", f"[[tel:{arg}]] does not name a contact with a shown number"),
                            say(f"use uno de estos: {known}", f"use one of: {known}"),
                        )
                    ]
                )
            return tel_link(contact.shown_phones[0].number, contact.shown_phones[0].display)
        if arg is None:
            return render_directory(contacts, lang, strings, help_page)
        if arg == "national":
            return render_compact([c for c in contacts if c.national], lang, strings)
        if arg == "verified":
            return e(as_of_sentence(contacts, strings))
        raise ProblemError(
            [
                Problem(
                    where,
                    line,
                    say(f"la marca [[contacts:{arg}]] no existe", f"unknown marker [[contacts:{arg}]]"),
                    say("use [[contacts]], [[contacts:national]] o [[contacts:verified]]", "use [[contacts]], [[contacts:national]] or [[contacts:verified]]"),
                )
            ]
        )

    lines = markdown.split("\n")
    for i, text in enumerate(lines):
        if "[[" in text:
            lines[i] = MARKER.sub(lambda m, n=i: replace(m, n + first_line), text)
    return "\n".join(lines)


def tel_link(number: str, display: str) -> str:
    """A click-to-call link; the visible text keeps digits together."""
    return f'<a class="tel" href="tel:{number}">{e(display)}</a>'


def as_of(contacts: list[Contact]) -> dict:
    """How current the directory is, as data (bundle manifests keep it): its oldest date, and how many no one has confirmed by a call."""
    return {"oldest": oldest_as_of(contacts), "unconfirmed": sum(1 for c in contacts if not c.confirmed), "total": len(contacts)}


def as_of_sentence(contacts: list[Contact] | dict, strings: dict) -> str:
    """How current the directory is, in one or two sentences of the reader's language."""
    facts = as_of(contacts) if isinstance(contacts, list) else contacts
    parts = [strings["contacts_as_of"].format(date=facts["oldest"])] if facts["oldest"] else []
    if facts["unconfirmed"] == facts["total"]:
        parts.append(strings["contacts_none_confirmed"])
    elif facts["unconfirmed"]:
        parts.append(strings["contacts_some_unconfirmed"].format(n=facts["unconfirmed"], total=facts["total"]))
    return " ".join(parts)


def slug(text: str) -> str:
    """An id from a department name: "Potosí" -> "potosi"."""
    plain = unicodedata.normalize("NFD", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", "".join(ch for ch in plain if not unicodedata.combining(ch))).strip("-")


def _ordered(contacts: list[Contact]) -> list[Contact]:
    return sorted(contacts, key=lambda c: (KINDS.index(c.kind), c.municipality or ""))


def department_page(help_page: str, department: str) -> str:
    """A department's page, beside the help page: ayuda.md -> ayuda-la-paz.md."""
    return f"{posixpath.splitext(help_page)[0]}-{slug(department)}.md"


def departments_of(contacts: list[Contact]) -> list[str]:
    """The departments that have entries, in the order of DEPARTMENTS."""
    return [d for d in DEPARTMENTS if any(c.department == d for c in contacts)]


def reading_order(nav: list[str], help_page: str, contacts: list[Contact]) -> list[str]:
    """The nav's pages with each department's page right after the help page (a single file, the booklet)."""
    pages = list(nav)
    if help_page in pages:
        at = pages.index(help_page) + 1
        pages[at:at] = [department_page(help_page, d) for d in departments_of(contacts)]
    return pages


def render_directory(contacts: list[Contact], lang: str, strings: dict, help_page: str = "ayuda.md") -> str:
    """The help page's directory: the whole country's entries, then every department, linking to its page (or saying it has none)."""
    parts = [f'<h2 id="area-national">{e(strings["contacts_national"])}</h2>']
    parts += [render_contact(c, lang, strings, "h3") for c in _ordered([c for c in contacts if c.national])]
    parts.append(f'<h2 id="area-departments">{e(strings["contacts_departments"])}</h2>')
    listed = departments_of(contacts)
    links = "".join(f'<li id="area-{slug(d)}"><a href="{e(department_page(help_page, d).replace(".md", ".html"))}">{e(d)}</a></li>' for d in listed)
    parts.append(f'<ul class="contacts__departments">{links}</ul>')
    missing = [d for d in DEPARTMENTS if d not in listed]
    if missing:
        parts.append(f'<p class="contacts__none">{e(strings["contacts_department_none"].format(departments=", ".join(missing)))}</p>')
    return '\n<div class="contacts">\n' + "\n".join(parts) + "\n</div>\n"


def render_department(contacts: list[Contact], department: str, lang: str, strings: dict, help_page: str = "ayuda.md") -> str:
    """A department's page body: its entries, and the way back to the whole country's lines and how to read the list."""
    back = help_page.replace(".md", ".html")
    entries = [render_contact(c, lang, strings, "h2") for c in _ordered([c for c in contacts if c.department == department])]
    return (
        f'<p class="contacts__back"><a href="{e(back)}">{e(strings["contacts_department_back"])}</a></p>\n'
        f'<p>{e(as_of_sentence([c for c in contacts if c.department == department], strings))}</p>\n'
        '<div class="contacts">\n' + "\n".join(entries) + "\n</div>\n"
    )


def render_compact(contacts: list[Contact], lang: str, strings: dict) -> str:
    """The card's entries (web page and printed card alike): name, numbers, the one caveat, the newest source's date and how sure we are.

    An entry whose number is withheld has nothing to dial: the help page explains it, the card leaves it out.
    """
    shown = [c for c in _ordered(contacts) if not (c.withheld and not c.confirmed)]
    return '\n<div class="contacts contacts--compact">\n' + "\n".join(_card_entry(c, lang, strings) for c in shown) + "\n</div>\n"


def _card_entry(contact: Contact, lang: str, strings: dict) -> str:
    modifier, mark = status(contact, strings)
    if contact.phones:
        phones = " · ".join(tel_link(p.number, p.display) + (f' <span class="contact__free">({e(strings["contacts_free_line"])})</span>' if p.free else "") for p in contact.phones)
    else:
        phones = f'<span class="contact__none">{e(strings["contacts_no_phone"])}</span>'
    out = [f'<section class="contact contact--{modifier}" id="contact-{contact.id}">', f'<p class="contact__line"><strong class="contact__name">{e(contact.name)}</strong> {phones}</p>']
    caveat = contact.caveat.get(lang)
    if caveat or contact.caveat.get("es"):
        lang_attr = "" if caveat else ' lang="es"'
        out.append(f'<p class="contact__caveat"{lang_attr}>{e(caveat or contact.caveat["es"])}</p>')
    # The date of the newest source: which sources, and everything else, are on the help page.
    out.append(f'<p class="contact__meta">{e(strings["contacts_source"])}: {e(contact.read_on or strings["contacts_date_unknown"])} · <strong class="contact__status">{e(mark)}</strong></p>')
    return "\n".join(out + ["</section>"])


def _phones(contact: Contact, strings: dict) -> str:
    if contact.withheld and not contact.confirmed:
        return f'<p class="contact__phones contact__phones--withheld">{e(strings["contacts_withheld"])}</p>'
    if not contact.phones:
        return f'<p class="contact__phones contact__phones--none">{e(strings["contacts_no_phone"])}</p>'
    links = [tel_link(p.number, p.display) + (f' <span class="contact__free">({e(strings["contacts_free_line"])})</span>' if p.free else "") for p in contact.phones]
    return '<p class="contact__phones">' + " · ".join(links) + "</p>"


def status(contact: Contact, strings: dict) -> tuple[str, str]:
    """(css modifier, text) of how sure we are of an entry."""
    if not contact.confirmed:
        return "unconfirmed", strings["contacts_not_confirmed"]
    if contact.review_due:
        return "due", strings["contacts_review_due"].format(date=contact.confirmed)
    return "confirmed", strings["contacts_confirmed"].format(date=contact.confirmed)


def sources_text(contact: Contact, strings: dict) -> str:
    return "; ".join(f"{s.name} ({s.date or strings['contacts_date_unknown']})" for s in contact.sources)


def render_contact(contact: Contact, lang: str, strings: dict, heading: str, compact: bool = False) -> str:
    """One entry: name, numbers, description, area, hours, where it was read, and whether anyone has checked it."""
    modifier, mark = status(contact, strings)
    out = [
        f'<section class="contact contact--{modifier}" id="contact-{contact.id}">',
        f'<{heading} class="contact__name">{e(contact.name)}</{heading}>',
        _phones(contact, strings),
    ]
    if contact.whatsapp and contact.shown_phones and not compact:
        out.append(f'<p>{e(strings["contacts_whatsapp"])}: {tel_link(contact.whatsapp, display_number(contact.whatsapp))}</p>')
    text = contact.description.get(lang)
    lang_attr = "" if text else ' lang="es"'
    out.append(f'<p class="contact__description"{lang_attr}>{e(text or contact.description["es"])}</p>')
    facts = []
    if not compact:
        area = strings["contacts_national"] if contact.national else ", ".join(filter(None, (contact.municipality, contact.department)))
        facts.append(f"{e(strings['contacts_area'])}: {e(area)}")
        if contact.hours:
            facts.append(f"{e(strings['contacts_hours'])}: {e(contact.hours)} ({e(strings['contacts_source'])}: {e(contact.hours_source)})")
    if contact.languages:
        names = ", ".join(strings[f"contacts_language_{code}"] for code in contact.languages)
        facts.append(f"{e(strings['contacts_languages'])}: {e(names)}")
    facts.append(f"{e(strings['contacts_read_in'])}: {e(sources_text(contact, strings))}")
    facts.append(f'<strong class="contact__status">{e(mark)}</strong>')
    out.append('<p class="contact__meta">' + "<br>".join(facts) + "</p>")
    out.append("</section>")
    return "\n".join(out)
