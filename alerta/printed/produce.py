"""The producers of the printed and shared files (alerta.offline.build PRODUCERS), per language:

  NAME-tarjeta-LANG.pdf            the pocket card, A6, one page (the web card page's content)
  NAME-tarjetas-a4-LANG.pdf        four cards on one A4 sheet, with cutting guides
  NAME-afiche-a4-LANG.pdf, -a3-    the poster
  NAME-cuadernillo-LANG.pdf        the whole guide on A5 pages
  NAME-cuadernillo-a4-LANG.pdf     the same, two pages a side, to print on both sides and fold
  NAME-imagen-N-LANG.png           a 1080x1080 image per block marked `share` (alt text in bundles.json)
  NAME-mensaje-LANG.txt            the message to forward

A card or poster that needs a second page, an image whose text cannot fit
and a message over 700 characters stop the build, in plain Spanish, naming
the language and the file to shorten.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from alerta.contacts import emergency_phone, load_contacts
from alerta.directory import as_of_sentence
from alerta.offline.meta import BundleError
from alerta.offline.single_file import page_path, rewrite_article
from alerta.printed.blocks import Block, marked_blocks, page_source
from alerta.printed.booklet import render_booklet
from alerta.printed.engine import Printer, fit, folded_booklet, four_up, page_count
from alerta.printed.qr import codes, site_address
from alerta.printed.share import MESSAGE_MAX, alt_text, forward_message, message_problem, share_image
from alerta.printed.sheets import CARD_SIZES, POSTER_SCALE, POSTER_SIGN_SIZES, card_html, guides_html, meta_line, poster_html
from alerta.problems import Problem, say
from alerta.strings import load_strings

if TYPE_CHECKING:
    from alerta.offline.package import Output, Package

CARD_PAGE = "tarjeta.md"  # extra.printed.card: the page that is the pocket card
POSTER_IMAGE = "assets/images/warning-signs.svg"  # extra.printed.poster_image


def settings(package: Package) -> dict:
    return package.config.extra.get("printed") or {}


def language_name(lang: str, strings: dict) -> str:
    return strings[lang]["language_name"]


def too_long(what_es: str, what_en: str, lang: str, name: str, file: str, pages: int, fix: tuple[str, str]) -> Problem:
    """A sheet that must be one page and is not."""
    return Problem(
        file,
        0,
        say(f"{what_es} en {name} ({lang}) no cabe en una página: ocupa {pages}", f"{what_en} in {name} ({lang}) does not fit on one page: it takes {pages}"),
        say(*fix),
    )


CARD_FIX = (
    "acorte las listas o los textos de esa página, o la advertencia (caveat) de un contacto en docs/contacts.yml: la tarjeta impresa es de una sola página A6",
    "shorten the lists or texts of that page, or a contact's caveat in docs/contacts.yml: the printed card is one A6 page",
)
POSTER_FIX = (
    "acorte el título o las frases del bloque marcado poster en esa página: el afiche es de una sola página",
    "shorten the heading or the items of the block marked poster on that page: the poster is one page",
)


def card_article(package: Package, lang: str) -> str:
    """The card page's article as the offline build made it (images inlined, as in the single file)."""
    page = package.site / page_path(lang, settings(package).get("card", CARD_PAGE))
    return rewrite_article(page.read_text(encoding="utf-8"), "card", page.parent, package.site, {})[0]


def sheets(package: Package) -> dict[str, Output]:
    """Card, four-card sheet, posters and booklets of every language; all printed by one Chromium."""
    config, name, meta = package.config, package.name, package.meta
    contacts = load_contacts(package.root / "docs" / "contacts.yml", root=package.root)
    number = emergency_phone(contacts, config.extra.get("emergency_contact", "police-emergency")).display
    qr, address, strings = codes(contacts, config), site_address(config), load_strings()
    card_page = settings(package).get("card", CARD_PAGE)
    image = package.root / "docs" / settings(package).get("poster_image", POSTER_IMAGE)
    outputs: dict[str, Output] = {}
    problems: list[Problem] = []
    with Printer(package.epoch) as printer:
        guides = printer.pdf(guides_html())
        for lang in config.codes:
            s, language = strings[lang], language_name(lang, strings)
            as_of = as_of_sentence(meta["contacts"], s)
            line = meta_line(meta, s, as_of)
            card_file = page_source(lang, card_page, package.root).relative_to(package.root).as_posix()
            article = card_article(package, lang)
            card = fit(printer, lambda size: card_html(lang, article, qr, s, line, address, size), CARD_SIZES)
            if page_count(card) != 1:
                problems.append(too_long("la tarjeta", "the card", lang, language, card_file, page_count(card), CARD_FIX))
            outputs[f"{name}-tarjeta-{lang}.pdf"] = (card, "card", lang)
            outputs[f"{name}-tarjetas-a4-{lang}.pdf"] = (four_up(card, guides, package.epoch), "card_sheet", lang)
            blocks = marked_blocks(lang, contacts, package.root)
            signs = next((b for b in blocks if "poster" in b.kinds and b.items), None)
            danger = next((b for b in blocks if "poster" in b.kinds and b.emergency), None)
            if signs is None or danger is None:
                problems.append(Problem(card_file, 0, say("falta un bloque marcado poster con una lista, o un aviso !!! danger marcado poster", "a block marked poster with a list, or a !!! danger admonition marked poster, is missing"), say("marque el título de la lista con { #id .poster } y el aviso con !!! danger poster", "mark the list's heading with { #id .poster } and the admonition with !!! danger poster")))
            else:
                for size, scale in POSTER_SCALE.items():
                    poster = fit(printer, lambda sign: poster_html(lang, signs, danger, number, image, qr, s, line, scale, sign), POSTER_SIGN_SIZES)
                    if page_count(poster) != 1:
                        problems.append(too_long(f"el afiche {size.upper()}", f"the {size.upper()} poster", lang, language, signs.file, page_count(poster), POSTER_FIX))
                    outputs[f"{name}-afiche-{size}-{lang}.pdf"] = (poster, f"poster_{size}", lang)
            footer = f"{config.data.get('site_name', '')} · {s['offline_version']} {meta['version']} · {s['offline_built']}: {meta['built']}\n{s['offline_contacts']}: {meta['contacts']['oldest']}"
            help_html = card_help(package, lang)
            booklet = render_booklet(printer, lang, site_title(package, lang), help_html, package.site, package.reading_order(), config.default.code, s, line, footer)
            outputs[f"{name}-cuadernillo-{lang}.pdf"] = (booklet, "booklet", lang)
            outputs[f"{name}-cuadernillo-a4-{lang}.pdf"] = (folded_booklet(booklet, package.epoch), "booklet_sheet", lang)
    if problems:
        raise BundleError(problems)
    return outputs


def site_title(package: Package, lang: str) -> str:
    """The site's name in that language (mkdocs.yml, i18n languages)."""
    plugins = package.config.data.get("plugins") or {}
    entries = (plugins.get("i18n") or {}).get("languages") or [] if isinstance(plugins, dict) else []
    return next((str(e.get("site_name")) for e in entries if e.get("locale") == lang and e.get("site_name")), str(package.config.data.get("site_name", "")))


def card_help(package: Package, lang: str) -> str:
    """The card page's danger admonition (¿Peligro ahora? Llame al 110), as the booklet's cover line."""
    blocks = [b for b in marked_blocks(lang, load_contacts(package.root / "docs" / "contacts.yml", root=package.root), package.root) if b.emergency]
    return " ".join([blocks[0].title, *blocks[0].paragraphs]) if blocks else ""


def shared(package: Package) -> dict[str, Output]:
    """The square images and the message to forward, of every language."""
    config, name = package.config, package.name
    contacts = load_contacts(package.root / "docs" / "contacts.yml", root=package.root)
    number = emergency_phone(contacts, config.extra.get("emergency_contact", "police-emergency")).display
    qr, address, strings = codes(contacts, config), site_address(config), load_strings()
    outputs: dict[str, Output] = {}
    problems: list[Problem] = []
    for lang in config.codes:
        s = strings[lang]
        blocks = marked_blocks(lang, contacts, package.root)
        for index, block in enumerate((b for b in blocks if "share" in b.kinds), 1):
            picture = share_image(block, number, qr, s, address)
            if picture is None:
                problems.append(image_problem(block, lang, language_name(lang, strings)))
                continue
            outputs[f"{name}-imagen-{index}-{lang}.png"] = (picture, "share", lang, {"alt": alt_text(block, number, s, address)})
        message = forward_message(blocks, number, s, address)
        if len(message) >= MESSAGE_MAX:
            problems.append(message_problem(lang, language_name(lang, strings), next((b.file for b in blocks if "forward" in b.kinds), f"docs/{lang}"), len(message)))
        outputs[f"{name}-mensaje-{lang}.txt"] = (message.encode("utf-8"), "message", lang)
    if problems:
        raise BundleError(problems)
    return outputs


def image_problem(block: Block, lang: str, name: str) -> Problem:
    return Problem(
        block.file,
        block.line,
        say(f"el bloque «{block.title}» no cabe en una imagen para compartir en {name} ({lang}), ni con la letra más pequeña", f"the block '{block.title}' does not fit a share image in {name} ({lang}), even in the smallest type"),
        say("acorte sus frases, o quite la marca share de ese título", "shorten its items, or remove the share mark from that heading"),
    )
