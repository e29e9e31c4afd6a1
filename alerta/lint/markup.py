"""Raw HTML, attribute lists and images in a page: a safe list of tags, no code, nothing loaded from elsewhere.

Raw HTML is read with the project's HTML parser (alerta.html), the way a
browser reads it, so entities are decoded before a scheme is checked.
Attribute lists (`{: style="..." }`, `{ src="..." }`) are read with
Python-Markdown's own attr_list parser and checked like HTML attributes.
Markdown's link syntax is found with its patterns.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from markdown.extensions.attr_list import get_attrs_and_remainder

from alerta.html import attribute, elements, line, parse
from alerta.pages import AUTOLINKS, Page, line_of
from alerta.problems import Problem, Text, say

# Raw HTML an editor may use; anything else is reported.
SAFE_TAGS = frozenset(
    "a abbr b bdi bdo blockquote br caption cite code col colgroup dd del details dfn div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s samp small span strong sub summary sup "
    "table tbody td tfoot th thead time tr u ul var wbr".split()
)
ASK = say("pida ayuda a quien programa si la página la necesita", "ask a developer if the page needs it")
LINK_INSTEAD = say("bórrelo y ponga un enlace a esa página: [texto](https://...)", "remove it and link to that page instead: [text](https://...)")
NO_DATA = say("el sitio no recoge datos de quien lo lee: bórrelo", "the site collects no data from its readers: remove it")
BLOCKED_TAGS: dict[str, tuple[Text, Text]] = {
    "script": (say("las páginas no pueden ejecutar programas", "pages cannot run their own scripts"), ASK),
    "noscript": (say("las páginas no pueden ejecutar programas", "pages cannot run their own scripts"), say("bórrelo", "remove it")),
    "iframe": (say("muestra otro sitio dentro de la página, que puede seguir a quien lee y no funciona sin internet", "it shows another website inside the page, which can track readers and does not work offline"), LINK_INSTEAD),
    "frame": (say("muestra otro sitio dentro de la página", "it shows another website inside the page"), LINK_INSTEAD),
    "object": (say("inserta contenido de fuera de la página", "it embeds content from outside the page"), LINK_INSTEAD),
    "embed": (say("inserta contenido de fuera de la página", "it embeds content from outside the page"), LINK_INSTEAD),
    "applet": (say("inserta un programa", "it embeds a program"), say("bórrelo", "remove it")),
    "form": (say("es un formulario", "it is a form"), NO_DATA),
    "input": (say("es un campo de formulario", "it is a form field"), NO_DATA),
    "button": (say("es un botón de formulario", "it is a form button"), NO_DATA),
    "textarea": (say("es un campo de formulario", "it is a form field"), NO_DATA),
    "select": (say("es un campo de formulario", "it is a form field"), NO_DATA),
    "style": (say("los estilos están en docs/assets/stylesheets/site.css, no en las páginas", "styles live in docs/assets/stylesheets/site.css, not in pages"), ASK),
    "link": (say("carga un archivo en la página", "it loads a file into the page"), say("bórrelo; para enlazar otra página escriba [texto](pagina.md)", "remove it; for a link to another page write [text](page.md)")),
    "meta": (say("los datos de la página van en el encabezado (entre las líneas ---)", "page settings go in the front matter"), say("bórrelo", "remove it")),
    "base": (say("cambia adónde apunta cada enlace de la página", "it changes where every link of the page points"), say("bórrelo", "remove it")),
}
# Attributes that load a file into the page (never from another server), and those that hold any URL.
EMBED_ATTRS = ("src", "srcset", "poster", "data", "background")
URL_ATTRS = EMBED_ATTRS + ("href", "cite", "action", "formaction", "xlink:href")
SAFE_SCHEMES = ("http", "https", "mailto", "tel")
EXTERNAL = re.compile(r"^\s*(?:https?:)?//", re.I)
SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)
ATTR_LIST = re.compile(r"\{:?([^{}\n]*=[^{}\n]*)\}")
MD_LINK_TARGET = re.compile(r"(?:\]\(|\]:[ \t]+)[ \t]*<?([^)\s>]*)")
MD_IMAGE = re.compile(r"!\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\(\s*<?([^)\s>]*)")
CSS_URL = re.compile(r"url\s*\(", re.I)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def scheme_of(url: str) -> str:
    """The scheme as a browser reads it: spaces, tabs and control characters inside are ignored."""
    match = SCHEME.match("".join(ch for ch in url if ord(ch) > 32))
    return match.group(1).lower() if match else ""


def check_url(value: str, attr: str) -> tuple[Text, Text] | None:
    """(what, fix) when a URL may not be used in a page."""
    scheme = scheme_of(value)
    if scheme in ("javascript", "vbscript"):
        return (
            say(f"un enlace {scheme}: ejecuta un programa, y las páginas no pueden hacerlo", f"a {scheme}: link runs a script, which pages may not do"),
            say("enlace una página (ayuda.md) o un sitio (https://...)", "link to a page (ayuda.md) or a website (https://...) instead"),
        )
    if scheme == "data":
        return (
            say("un enlace o imagen data: lleva un archivo escondido dentro de la página", "a data: link or image hides a file inside the page"),
            say("guarde el archivo en docs/assets/images/ y enlácelo desde allí", "save the file in docs/assets/images/ and link it from there"),
        )
    if scheme and scheme not in SAFE_SCHEMES:
        return (
            say(f"un enlace {scheme}: puede no abrir en un teléfono y no se revisa", f"a {scheme}: link may not open on a phone and is not checked"),
            say("use una página del sitio, https://, mailto: o [[tel:ID]]", "use a page of the site, https://, mailto: or [[tel:ID]]"),
        )
    if attr in EMBED_ATTRS and (EXTERNAL.match(value) or scheme in ("http", "https")):
        return (
            say(f'el atributo {attr}="{value}" carga un archivo de otro sitio, que sabría quién lee la página y no funciona sin internet', f'the attribute {attr}="{value}" loads a file from another website, which tracks readers and does not work offline'),
            say("guarde el archivo en docs/assets/images/ y úselo desde allí", "upload the file to docs/assets/images/ and use it from there"),
        )
    return None


def check_attributes(attrs: list[tuple[str, str]], where: str) -> list[tuple[Text, Text]]:
    """The (what, fix) of each attribute that may not be used, raw HTML (`where` = "") or attribute list ("{ }")."""
    out = []
    for name, value in attrs:
        name = name.lower()
        if name.startswith("on"):
            out.append((say(f"el atributo {name}={where} ejecuta un programa, y las páginas no pueden hacerlo", f"the attribute {name}={where} runs a script, which pages may not do"), say("bórrelo", "remove it")))
        elif name == "style":
            if CSS_URL.search(value):
                out.append((say(f"el atributo style={where} carga un archivo (url(...))", f"the attribute style={where} loads a file (url(...))"), say("bórrelo: los estilos están en site.css", "remove it: styles live in site.css")))
            else:
                out.append((say(f"el atributo style={where} está bloqueado por la política de seguridad del sitio", f"the attribute style={where} is blocked by the site's security policy"), say("bórrelo (pida un estilo a quien programa)", "remove it (ask a developer for a style)")))
        elif name == "ping":
            out.append((say(f"el atributo ping={where} avisa a otro servidor cada vez que alguien toca el enlace", f"the attribute ping={where} tells another server each time someone follows the link"), say("bórrelo", "remove it")))
        elif name == "srcset":
            for candidate in value.split(","):
                problem = check_url(candidate.strip().split(" ")[0], name)
                if problem:
                    out.append(problem)
                    break
        elif name in URL_ATTRS:
            problem = check_url(value, name)
            if problem:
                out.append(problem)
    return out


def check_html(page: Page, text: str) -> list[Problem]:
    """Raw HTML and attribute lists against the safe lists; links that run code, hide files or use odd schemes."""
    out = []
    scan = AUTOLINKS.sub(_blank, text)
    for element in elements(parse(scan, fragment=True)):
        name, attrs = element.name, [(k.lower(), str(v)) for k, v in (element.attrs or {}).items()]
        where = page.body_line + line(element) - 1
        if name in BLOCKED_TAGS:
            reason, fix = BLOCKED_TAGS[name]
            out.append(Problem(page.rel, where, say(f"la etiqueta HTML <{name}> no está permitida: {reason.es}", f"raw HTML <{name}> is not allowed: {reason.en}"), fix))
            continue
        if name not in SAFE_TAGS:
            out.append(
                Problem(
                    page.rel,
                    where,
                    say(f"la etiqueta HTML <{name}> no está en la lista de etiquetas permitidas", f"raw HTML <{name}> is not in the list of allowed tags"),
                    say("bórrela, o escriba el contenido en Markdown", "remove it, or write the content in Markdown"),
                )
            )
            continue
        out += [Problem(page.rel, where, what, fix) for what, fix in check_attributes(attrs, "")]
        if name == "img":
            values = dict(attrs)
            size = {values.get("width", "").strip().lower(), values.get("height", "").strip().lower()}
            if size & {"0", "1", "0px", "1px"}:
                out.append(Problem(page.rel, where, say("esta <img> mide 0 o 1 píxel: parece un píxel espía", "this <img> is 0 or 1 pixel wide or high: it looks like a tracking pixel"), say("bórrela", "remove it")))
            elif not values.get("alt", "").strip():
                out.append(Problem(page.rel, where, say("<img> sin texto alternativo", "<img> without alt text"), say('agregue alt="lo que muestra la imagen" dentro de la etiqueta', 'add alt="what the picture shows" inside the tag')))
    for match in ATTR_LIST.finditer(scan):
        attrs, _ = get_attrs_and_remainder(match.group(1))
        where = line_of(scan, match.start(), page.body_line)
        out += [Problem(page.rel, where, what, fix) for what, fix in check_attributes(attrs, " en { }")]
    for match in MD_LINK_TARGET.finditer(scan):
        problem = check_url(match.group(1), "href")
        if problem:
            out.append(Problem(page.rel, line_of(scan, match.start(), page.body_line), *problem))
    return out


def check_images(page: Page, text: str) -> list[Problem]:
    """Markdown and HTML images: alt text (Markdown), the file there (Markdown and HTML)."""
    out = []
    for match in MD_IMAGE.finditer(text):
        where = line_of(text, match.start(), page.body_line)
        if not match.group(1).strip():
            out.append(
                Problem(
                    page.rel,
                    where,
                    say("imagen sin texto alternativo", "image without alt text"),
                    say(
                        "describa lo que muestra la imagen entre los corchetes: ![Dos mujeres conversan en un mercado](../assets/images/mercado.jpg)",
                        "describe what the picture shows between the brackets: ![Two women talking at a market](../assets/images/market.jpg)",
                    ),
                )
            )
        problem = check_url(match.group(2), "src")
        out += [Problem(page.rel, where, *problem)] if problem else _missing_file(page, match.group(2), where)
    for element in elements(parse(AUTOLINKS.sub(_blank, text), fragment=True), "img"):
        out += _missing_file(page, attribute(element, "src") or "", page.body_line + line(element) - 1)
    return out


def _missing_file(page: Page, src: str, where: int) -> list[Problem]:
    """A local image that is not there (other schemes are check_html's concern)."""
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or not parts.path:
        return []
    docs = _docs_dir(page)
    target = ((docs / unquote(parts.path).lstrip("/")) if parts.path.startswith("/") else (page.path.parent / unquote(parts.path))).resolve()
    if target.is_file():
        return []
    looked = (Path(docs.name) / target.relative_to(docs.resolve())).as_posix() if target.is_relative_to(docs.resolve()) else str(target)
    return [
        Problem(
            page.rel,
            where,
            say(f"no se encuentra la imagen '{src}' (se buscó {looked})", f"image '{src}' not found (looked for {looked})"),
            say("revise el nombre y los ../ delante", "check the name and the ../ in front of it"),
        )
    ]


def _docs_dir(page: Page) -> Path:
    """The docs folder a page belongs to (docs/<lang>/page.md, or docs/page.md)."""
    folder = page.path.parent
    for _ in range(len(Path(page.rel).parts) - 2):
        folder = folder.parent
    return folder
