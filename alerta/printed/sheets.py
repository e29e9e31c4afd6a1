"""The one-page sheets: the pocket card (A6, the web card page's own content) and the poster (A4, A3).

Text sizes of the poster, for reading from two metres (Noto Sans: capitals
are 0.714 em tall, x-height 0.536 em): on A4 the signs are 28 pt bold
(capitals 7.1 mm, x-height 5.3 mm: 9 minutes of arc at 2 m, above the 5
that normal sight resolves), 26 or 24 pt only where a language's longer
words need it to keep one page (24 pt: x-height 4.5 mm), the heading 36 pt, "call 110" 22 pt and the
number 110 pt (capitals 28 mm); on A3 everything is 1.41 times larger (signs
40 pt, capitals 10 mm; number 155 pt, 39 mm).
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path

from alerta.html import Edit, apply_edits, classes, elements, outer_span, parse
from alerta.printed.blocks import Block
from alerta.printed.engine import FONT_FAMILY
from alerta.printed.qr import Code, svg

e = html.escape
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
POSTER_SCALE = {"a4": 1.0, "a3": 2**0.5}


# Nothing but the page itself: no script, no request anywhere (images are data: URIs, fonts the system's).
PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def document(lang: str, css: str, body: str) -> str:
    """A printable page: no title (the PDF's metadata stays neutral), no script, no request."""
    return f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="{PRINT_CSP}">\n<style>{css}\n.date {{ white-space: nowrap; }}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n'


def codes_html(codes: list[Code], strings: dict) -> str:
    """Each QR code with what it says printed under it, so it is useful even unscanned."""
    labels = {"tel": strings["print_qr_tel"], "site": strings["print_qr_site"]}
    return "".join(f'<figure class="qr qr--{c.kind}">{svg(c.data)}<figcaption>{e(labels[c.kind].format(number=c.shown))}<br><b>{e(c.shown)}</b></figcaption></figure>' for c in codes)


def meta_line(meta: dict, strings: dict, as_of: str) -> str:
    """Version, build date and how current the contacts are, as printed at the foot of every sheet."""
    line = f'{e(strings["offline_version"])}: {e(meta["version"])} · {e(strings["offline_built"])}: {e(meta["built"])} · {e(strings["offline_contacts"])}: {e(as_of)}'
    return whole_dates(line)


def whole_dates(text: str) -> str:
    """Escaped text with each ISO date kept on one line: a date split at its hyphen ("2016-" / "09-24") reads as two numbers."""
    return ISO_DATE.sub(lambda m: f'<span class="date">{m[0]}</span>', text)


def card_content(article: str) -> str:
    """The web card page's article without its page title (the sheet is the card)."""
    edits = []
    for element in elements(parse(article, fragment=True)):
        if element.name == "h1" or (element.name == "a" and "md-content__button" in classes(element)):
            edits.append(Edit(*outer_span(element), ""))
    return apply_edits(article, edits)


CARD_CSS = """
@page {{ size: 105mm 148mm; margin: 4mm 4.5mm 3.5mm; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 0; font-family: {font}; font-size: {size}pt; line-height: 1.17; color: #111; }}
a {{ color: inherit; text-decoration: none; }}
h2 {{ font-size: 7.6pt; margin: 1.6mm 0 0.5mm; color: #7a1a38; break-after: avoid; }}
ul {{ margin: 0; padding-left: 3mm; }}
li {{ margin: 0 0 0.2mm; }}
p {{ margin: 0.4mm 0; }}
.site-notice {{ font-style: italic; font-size: 5.6pt; margin: 0 0 1mm; }}
.admonition.danger {{ background: #7a1a38; color: #fff; border-radius: 1.5mm; padding: 1.2mm 2.5mm; margin: 0 0 1mm; display: flex; align-items: baseline; gap: 2.5mm; flex-wrap: wrap; }}
.admonition.danger p {{ margin: 0; font-size: 8.5pt; }}
.admonition.danger .admonition-title {{ font-weight: 700; }}
.admonition.danger a.tel {{ font-size: 17pt; font-weight: 700; }}
.columns {{ column-count: 2; column-gap: 3mm; column-fill: balance; }}
.contact {{ break-inside: avoid; border-top: 0.2mm solid #bbb; padding-top: 0.4mm; margin-top: 0.5mm; }}
.contact p {{ margin: 0; }}
.contact__name {{ font-weight: 700; }}
a.tel {{ font-weight: 700; white-space: nowrap; }}
.contact__caveat {{ font-style: italic; }}
.contact__meta {{ font-size: 5.6pt; color: #333; }}
.contact__status {{ color: #8a4b00; }}
.foot {{ display: flex; gap: 2mm; align-items: center; border-top: 0.3mm solid #7a1a38; margin-top: 1.2mm; padding-top: 1mm; break-inside: avoid; }}
.qr {{ margin: 0; display: flex; align-items: center; gap: 1mm; font-size: 5.2pt; line-height: 1.1; width: 28mm; flex: none; }}
.qr svg {{ width: 13mm; height: 13mm; flex: none; }}
.foot__text {{ font-size: 5.6pt; }}
.foot__site {{ font-size: 7pt; font-weight: 700; }}
"""


CARD_SIZES = (6.6, 6.3, 6.0)  # pt: the largest with which the card fits its one page (6 pt Noto Sans: x-height 1.1 mm)
POSTER_SIGN_SIZES = (28, 26, 24)  # pt on A4, times 1.41 on A3: the largest with which the poster fits its page


def card_html(lang: str, article: str, codes: list[Code], strings: dict, meta: str, address: str, size: float = CARD_SIZES[0]) -> str:
    """The A6 card: the card page's content in two columns, the QR codes, the address and the dates at its foot."""
    site = f'<p class="foot__site">{e(address)}</p>' if address else ""
    body = f"""<main class="columns">{card_content(article)}</main>
<footer class="foot">{codes_html(codes, strings)}<div class="foot__text">{site}<p>{meta}</p></div></footer>"""
    return document(lang, CARD_CSS.format(font=FONT_FAMILY, size=size), body)


GUIDES_CSS = """
@page { size: 210mm 297mm; margin: 0; }
body { margin: 0; }
.v { position: absolute; left: 105mm; top: 0; height: 297mm; border-left: 0.2mm dashed #999; }
.h { position: absolute; top: 148.5mm; left: 0; width: 210mm; border-top: 0.2mm dashed #999; }
"""


def guides_html() -> str:
    """The cutting guides of the four-card sheet: one dashed line each way."""
    return document("und", GUIDES_CSS, '<div class="v"></div><div class="h"></div>')


def poster_css(scale: float, sign: float) -> str:
    def pt(value: float) -> str:
        return f"{value * scale:.1f}pt"

    def mm(value: float) -> str:
        return f"{value * scale:.1f}mm"

    size = "210mm 297mm" if scale == 1 else "297mm 420mm"
    return f"""
@page {{ size: {size}; margin: {mm(11)}; }}
main {{ display: flex; flex-direction: column; justify-content: space-between; min-height: {mm(297 - 22 - 1)}; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
body {{ margin: 0; font-family: {FONT_FAMILY}; color: #111; line-height: 1.15; }}
.top {{ display: flex; gap: {mm(6)}; align-items: center; }}
.top img {{ width: {mm(52)}; height: auto; flex: none; }}
h1 {{ font-size: {pt(36)}; line-height: 1.1; color: #7a1a38; margin: 0; }}
ul {{ list-style: none; padding: 0; margin: {mm(4)} 0 {mm(5)}; }}
li {{ font-size: {pt(sign)}; font-weight: 700; margin: 0 0 {mm(2.2)}; padding-left: {mm(11)}; position: relative; }}
li::before {{ content: ""; position: absolute; left: 0; top: {mm(2.4)}; width: {mm(6)}; height: {mm(6)}; background: #c0392b; border-radius: 50%; }}
.emergency {{ background: #7a1a38; color: #fff; border-radius: {mm(4)}; padding: {mm(4)} {mm(5)}; display: flex; align-items: center; gap: {mm(5)}; }}
.emergency__text {{ flex: 1; }}
.emergency h2 {{ font-size: {pt(30)}; line-height: 1.1; margin: 0 0 {mm(2)}; }}
.emergency p {{ font-size: {pt(22)}; margin: 0; font-weight: 700; }}
.number {{ font-size: {pt(110)}; font-weight: 700; line-height: 1; letter-spacing: 0.01em; }}
.codes {{ display: flex; gap: {mm(3)}; }}
.qr {{ margin: 0; background: #fff; color: #111; border-radius: {mm(2)}; padding: {mm(1.5)}; text-align: center; font-size: {pt(8)}; line-height: 1.15; width: {mm(36)}; }}
.qr svg {{ width: {mm(33)}; height: {mm(33)}; display: block; }}
.foot {{ font-size: {pt(8)}; color: #444; margin: {mm(3)} 0 0; }}
"""


def poster_html(lang: str, signs: Block, emergency: Block, number: str, image: Path | None, codes: list[Code], strings: dict, meta: str, scale: float, sign: float = POSTER_SIGN_SIZES[0]) -> str:
    """The poster: illustration and the signs' heading, the signs in large type, the emergency number, the QR codes."""
    picture = ""
    if image is not None and image.is_file():
        mime = "image/svg+xml" if image.suffix == ".svg" else "image/jpeg" if image.suffix in (".jpg", ".jpeg") else "image/png"
        picture = f'<img alt="" src="data:{mime};base64,{base64.b64encode(image.read_bytes()).decode()}">'
    body = f"""<main><header class="top">{picture}<h1>{e(signs.title)}</h1></header>
<ul>{"".join(f"<li>{e(item)}</li>" for item in signs.items)}</ul>
<div><section class="emergency"><div class="emergency__text"><h2>{e(emergency.title)}</h2><p>{e(" ".join(emergency.paragraphs))}</p></div><div class="number">{e(number)}</div><div class="codes">{codes_html(codes, strings)}</div></section>
<p class="foot">{meta}</p></div></main>"""
    return document(lang, poster_css(scale, sign), body)
