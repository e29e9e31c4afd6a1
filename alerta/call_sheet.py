"""The contacts waiting for a call, as a list and as a sheet to print for the person who calls.

Every entry never confirmed, or confirmed longer ago than the review age,
is due. The sheet gives each number (withheld ones too: they are why the
call is needed), what to ask, and a box for the date, the result and who
called; the answers go back into docs/contacts.yml as `confirmed:`. The
sheet is for the team, never published: it goes to dist/review/.
"""

from __future__ import annotations

import datetime as dt
import html

from alerta.contacts import Contact, display_number

QUESTIONS = (
    "¿Qué institución atiende esta línea? ¿Es la que dice la descripción?",
    "¿Atiende casos de trata de personas, o a dónde derivan?",
    "¿Es gratuita desde Entel, Tigo y Viva?",
    "¿En qué horario atiende? ¿Atiende en quechua o aymara?",
)
CSS = (
    "body{font-family:system-ui,sans-serif;font-size:11pt;margin:1.5cm;color:#111}"
    "h1{font-size:16pt}.contact{border:1px solid #444;padding:.4cm;margin:.4cm 0;page-break-inside:avoid}"
    "h2{font-size:12pt;margin:0 0 .2cm}.numbers{font-size:14pt;font-weight:700}.box{border:1px solid #888;height:1.4cm;margin-top:.2cm}"
    "ol{margin:.2cm 0 .2cm 1.2em;padding:0}small{color:#444}"
)


def due_lines(contacts: list[Contact]) -> list[str]:
    """One line per entry waiting for a call, for the terminal and the weekly issue."""
    lines = []
    for contact in contacts:
        numbers = ", ".join(display_number(p.number) for p in contact.phones) or "sin número: confirme la oficina"
        when = f"última llamada {contact.confirmed}" if contact.confirmed else "nunca confirmado por llamada"
        withheld = " (no se publica hasta confirmarlo)" if contact.withheld and not contact.confirmed else ""
        lines.append(f"- {contact.id} (docs/contacts.yml, línea {contact.line}): {contact.name}: {numbers}{withheld}; {when}")
    return lines


def sheet(contacts: list[Contact], today: dt.date) -> str:
    """A printable HTML page: one box per entry to call."""
    e = html.escape
    blocks = []
    for contact in contacts:
        numbers = " · ".join(display_number(p.number) + (" (dicen: gratuita)" if p.free else "") for p in contact.phones) or "Sin número publicado: confirme la oficina en persona."
        sources = "; ".join(f"{s.name} ({s.date or 'sin fecha'})" for s in contact.sources)
        blocks.append(
            f'<section class="contact"><h2>{e(contact.name)}</h2>'
            f'<p class="numbers">{e(numbers)}</p>'
            f"<p>{e(contact.description.get('es', ''))}</p>"
            f"<p><small>Leído en: {e(sources)}. Última llamada: {e(contact.confirmed or 'ninguna')}. Entrada: docs/contacts.yml, línea {contact.line}.</small></p>"
            "<ol>" + "".join(f"<li>{e(q)}</li>" for q in QUESTIONS) + "</ol>"
            '<p>Fecha de la llamada · resultado · quién llamó:</p><div class="box"></div></section>'
        )
    return f"""<!doctype html>
<html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Contactos por confirmar</title><style>{CSS}</style></head>
<body><h1>Contactos por confirmar ({len(contacts)}), {today.isoformat()}</h1>
<p>Llame a cada número. Si responde como dice la descripción, escriba en docs/contacts.yml
<code>confirmed: {{date: AAAA-MM-DD, by: sus iniciales}}</code>. Si no, anote qué pasó y avise al equipo.
No comparta esta hoja: tiene números que todavía no se publican.</p>
{"".join(blocks)}
</body></html>
"""
