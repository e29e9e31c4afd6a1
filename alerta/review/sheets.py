"""Review sheets: one HTML page per language and page, for a speaker on paper or on a phone (`make review-sheets`).

Each sheet shows the Spanish and the draft side by side (one above the
other on a narrow phone), piece by piece, each pair numbered, the safety
sentences first (the emergency box, calls for help, "the victim is never to
blame"), then the whole page, the glossary terms the page uses, a blank to
write each correction, and for the coordinator the corrections file to fill
in (alerta.review.corrections). A first sheet per language holds the
interface strings and the contacts' descriptions, safety texts first.
Sheets go to dist/review/ (for the team, never published; `make site`
keeps that folder), with neutral file names (guia-revision-...).

Another format (a PDF for printing) is a function added to EXPORTERS: it
receives each written sheet and writes its own file beside it.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from alerta.config import site_config
from alerta.offline.meta import source_date_epoch
from alerta.pages import SOURCE_LANGUAGE, page_files, read_page
from alerta.review import review_settings
from alerta.review.corrections import version_of
from alerta.review.glossary import load_glossary, terms_used
from alerta.review.interface import NAME as INTERFACE
from alerta.review.interface import interface_entries
from alerta.review.units import Pair, pair_page

# Other formats of a sheet: each gets the written HTML file and returns the file it wrote (or None).
EXPORTERS: list[Callable[[Path], Path | None]] = []
PREFIX = "guia-revision"
CSS = (Path(__file__).with_name("sheet.css")).read_text(encoding="utf-8")
FLAGS = {
    "count": "El español y el borrador no tienen el mismo número de frases: revise que el borrador no agregue ni quite nada.",
    "extra": "Esta frase no está en la página en español: ¿dice algo que el español no dice?",
    "missing": "Esto está en español pero falta en el borrador.",
}


@dataclass
class Sheet:
    """One written sheet: its file, what it covers, and its counts for the index."""

    path: Path
    lang: str
    title: str
    source: str  # docs/qu/señales.md or data/strings/qu.yml + docs/contacts.yml
    pieces: int
    flagged: int
    priority: int


def slug(name: str) -> str:
    """'señales.md' -> 'senales': plain letters for a file name on any phone."""
    ascii_name = unicodedata.normalize("NFKD", Path(name).stem).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def inline(text: str) -> str:
    """A piece of Markdown as a reader sees it: bold, link texts; [[markers]] shown as they must stay."""
    out = html.escape(text, quote=False)
    out = re.sub(r"\[\[([^\[\]\n]*)\]\]", r'<code class="marker">[[\1]]</code>', out)
    out = re.sub(r"(?<!\[)\[([^\[\]\n]+)\]\([^)\n]*\)", r'<span class="link">\1</span>', out)
    out = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", out)
    return out.replace("\n", " ")


def _pair(number: int, spanish: str | None, draft: str | None, lang: str, language: str, flag: str = "", label: str = "") -> str:
    note = f'<p class="flag">⚠ {html.escape(FLAGS[flag])}</p>' if flag else ""
    shown = f'<span class="key">{html.escape(label)}</span>' if label else ""
    missing = '<em class="none">(falta en el borrador)</em>'
    es = inline(spanish) if spanish is not None else '<em class="none">(no está en español)</em>'
    return (
        f'<article class="pair{" flagged" if flag else ""}" id="n{number}"><p class="num">{number or "–"}</p>'
        f'<div class="es" lang="es"><p class="label">Español {shown}</p><p>{es}</p></div>'
        f'<div class="draft" lang="{lang}"><p class="label" lang="es">{html.escape(language)}</p><p>{inline(draft) if draft is not None else missing}</p></div>'
        f'{note}<div class="fix" lang="es"><p class="label">☐ Está bien &nbsp; · &nbsp; Corrección:</p><div class="lines"></div></div></article>'
    )


def _page(title: str, lang: str, language: str, meta: str, sections: list[str], coordinator: str) -> str:
    return f"""<!doctype html>
<html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>Revisión {html.escape(language)}: {html.escape(title)}</title><style>{CSS}</style></head>
<body><header><h1>Hoja de revisión · {html.escape(language)}</h1><p class="title" lang="{lang}">{html.escape(title)}</p><p class="meta">{meta}</p>
<div class="howto"><p><strong>Cómo revisar.</strong> Cada número tiene una frase en español y la misma frase en {html.escape(language)}.
Léalas como hablaría con su comunidad. Si la frase está bien, marque ☐ Está bien. Si no, escriba debajo cómo la diría usted.
Deje las marcas entre dobles corchetes, como <code class="marker">[[tel:police-emergency]]</code>, tal como están: el sitio pone allí el número de teléfono.
Las frases marcadas con ⚠ necesitan más atención. Lo más importante está primero.</p>
<p>En el teléfono: escriba sus correcciones en un mensaje, con el número de cada frase («12: ...»).</p></div></header>
{"".join(sections)}
<section class="signature"><h2>Quién revisó</h2><p>Nombre o iniciales: <span class="blank"></span></p>
<p>Variedad del idioma (por ejemplo: quechua del Norte de Potosí, aymara de La Paz): <span class="blank"></span></p><p>Fecha: <span class="blank"></span></p></section>
<section class="coordinator"><h2>Para quien coordina</h2><p>Pase las correcciones a este archivo y aplíquelas con <code>make apply-review FILE=…</code> (vea CONTRIBUTING.es.md):</p><pre>{html.escape(coordinator)}</pre></section>
</body></html>
"""


def _coordinator(rel: str, version: str, example: int) -> str:
    return f'# {rel}\nversion: "{version}"\nreviewer: {{name: "", variety: "", date: AAAA-MM-DD}}\ncorrections:\n  {example}: "..."\n'


def page_sheet(docs: Path, root: Path, lang: str, name: str, out: Path, today: str) -> Sheet:
    """The sheet of one translated page."""
    language = site_config(root / "mkdocs.yml").language(lang).name
    page = read_page(page_files(docs, lang)[name], docs)
    source = read_page(page_files(docs, SOURCE_LANGUAGE)[name], docs)
    pairs = pair_page(source, page)
    numbered = [p for p in pairs if p.draft is not None]
    version = version_of([(p.number, p.draft.text) for p in numbered])
    first = [p for p in pairs if p.priority and p.draft is not None]

    def cards(chosen: list[Pair]) -> str:
        return "".join(_pair(p.number, p.source, p.draft.text if p.draft else None, lang, language, p.flag) for p in chosen)

    sections = []
    if first:
        sections.append(f'<section class="priority"><h2>Primero lo más importante: seguridad</h2>{cards(first)}</section>')
    sections.append(f'<section><h2>Toda la página</h2>{cards([p for p in pairs if not p.priority or p.draft is None])}</section>')
    glossary = load_glossary(root, lang)
    if glossary:
        used = terms_used(glossary, "\n".join(p.draft.text for p in numbered))
        items = "".join(f'<li><span lang="es">{html.escape(t.es)}</span> → <strong lang="{lang}">{html.escape(t.term)}</strong></li>' for t in used)
        sections.append(f'<section class="glossary"><h2>Palabras del glosario en esta página ({len(used)})</h2><p>¿Son las palabras que usa su comunidad? Anote al lado la que usaría usted.</p><ul>{items}</ul></section>')
    flagged = sum(1 for p in pairs if p.flag)
    meta = f"Página {html.escape(page.rel)} · versión {version} · {len(numbered)} frases · {flagged} con ⚠ · {today}"
    target = out / f"{PREFIX}-{lang}-{slug(name)}.html"
    rel = f"data/reviews/{lang}/{Path(name).stem}.yml"
    target.write_text(_page(str(page.meta.get("title") or name), lang, language, meta, sections, _coordinator(rel, version, numbered[-1].number if numbered else 1)), encoding="utf-8")
    return Sheet(target, lang, str(page.meta.get("title") or name), page.rel, len(numbered), flagged, len(first))


def interface_sheet(root: Path, lang: str, out: Path, today: str) -> Sheet:
    """The sheet of the interface strings and the contacts' descriptions."""
    language = site_config(root / "mkdocs.yml").language(lang).name
    entries = interface_entries(root, lang)
    version = version_of([(e.number, e.draft or "") for e in entries])
    first = "".join(_pair(e.number, e.source, e.draft, lang, language, label=e.label) for e in entries if e.priority)
    rest = "".join(_pair(e.number, e.source, e.draft, lang, language, label=e.label) for e in entries if not e.priority)
    sections = [f'<section class="priority"><h2>Primero lo más importante: salir rápido, ayuda y contactos</h2>{first}</section>', f"<section><h2>Los demás textos del sitio</h2>{rest}</section>"]
    meta = f"Textos de data/strings/{lang}.yml y descripciones de docs/contacts.yml · versión {version} · {len(entries)} textos · {today}"
    target = out / f"{PREFIX}-{lang}-{INTERFACE}.html"
    title = "Botones, avisos y contactos del sitio"
    target.write_text(_page(title, lang, language, meta, sections, _coordinator(f"data/reviews/{lang}/{INTERFACE}.yml", version, 1)), encoding="utf-8")
    return Sheet(target, lang, title, f"data/strings/{lang}.yml, docs/contacts.yml", len(entries), sum(1 for e in entries if e.draft is None), sum(1 for e in entries if e.priority))


def index_page(sheets: list[Sheet], out: Path, today: str) -> Path:
    """dist/review/index.html: every sheet, by language, the interface first."""
    rows = "".join(
        f'<li><a href="{s.path.name}">{html.escape(s.title)}</a> <small>({s.lang}, {html.escape(s.source)}: {s.pieces} frases, {s.priority} de seguridad, {s.flagged} con ⚠)</small></li>' for s in sheets
    )
    target = out / "index.html"
    target.write_text(
        f'<!doctype html><html lang="es"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">'
        f"<title>Hojas de revisión</title><style>{CSS}</style></head><body><header><h1>Hojas de revisión ({len(sheets)})</h1><p class=\"meta\">{today}. Para el equipo: no se publican.</p></header><ul class=\"sheets\">{rows}</ul></body></html>\n",
        encoding="utf-8",
    )
    return target


def write_sheets(root: Path, out: Path) -> list[Sheet]:
    """Every sheet of every language native speakers review, into `out`; the index last."""
    out.mkdir(parents=True, exist_ok=True)
    today = dt.datetime.fromtimestamp(source_date_epoch(), dt.UTC).date().isoformat()
    docs = root / "docs"
    sources = page_files(docs, SOURCE_LANGUAGE)
    nav = site_config(root / "mkdocs.yml").nav
    sheets = []
    for lang in review_settings(root / "mkdocs.yml").languages:
        sheets.append(interface_sheet(root, lang, out, today))
        names = [n for n in page_files(docs, lang) if n in sources]
        for name in sorted(names, key=lambda n: (nav.index(n) if n in nav else len(nav), n)):
            sheets.append(page_sheet(docs, root, lang, name, out, today))
    for sheet in sheets:
        for export in EXPORTERS:
            export(sheet.path)
    index_page(sheets, out, today)
    return sheets
