"""index.html at the top of every zip: the languages inside, version, dates, how to open the files."""

from __future__ import annotations

import html

from alerta.config import site_config
from alerta.directory import as_of_sentence
from alerta.offline.standalone import standalone_page
from alerta.strings import load_strings

SITE_FOLDER = "sitio"  # the site inside a zip, beside the start page


def start_page(languages: list[str], meta: dict) -> bytes:
    """index.html at the zip root: languages inside, version, dates, how to open."""
    strings = load_strings()
    config = site_config()
    default = config.default.code
    items = []
    for lang in languages:
        href = f"{SITE_FOLDER}/{config.prefix(lang)}index.html"
        label = strings[lang]["language_name"]
        items.append(f'<li><a href="{href}" hreflang="{lang}" lang="{lang}">{html.escape(label[:1].upper() + label[1:])}</a></li>')
    # The page speaks the bundle's language first (Spanish for the whole site).
    page_lang = languages[0] if len(languages) == 1 else default
    howto = []
    for lang in sorted(config.codes, key=lambda code: code != page_lang):
        s = strings[lang]
        howto.append(f'<section lang="{lang}"><h2>{html.escape(s["offline_howto_title"])}</h2><p>{html.escape(s["offline_howto"])}</p></section>')
    s = strings[page_lang]
    facts = (
        f'<p class="meta">{html.escape(s["offline_version"])}: {meta["version"]} · {html.escape(s["offline_built"])}: {meta["built"]} · '
        f'{html.escape(s["offline_contacts"])}: {html.escape(as_of_sentence(meta["contacts"], s))}</p>'
    )
    body = f"""<main>
<h1>{html.escape(s["offline_title"])}</h1>
<p>{" / ".join(html.escape(strings[code]["offline_choose"]) for code in languages)}</p>
<ul class="languages">{"".join(items)}</ul>
{facts}
{"".join(howto)}
</main>"""
    page = standalone_page(page_lang, s["offline_title"], START_CSS, body)
    return page.encode("utf-8")


START_CSS = (
    "body{font-family:system-ui,sans-serif;margin:0;line-height:1.5;color:#1f1f1f}"
    "main{max-width:40rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.5rem;color:#7a1a38}h2{font-size:1.05rem;margin-top:1.5rem}"
    ".languages{list-style:none;padding:0}.languages li{margin:.5rem 0}"
    ".languages a{display:block;padding:.8rem 1rem;border-radius:.4rem;background:#7a1a38;color:#fff;font-weight:700;text-decoration:none;font-size:1.1rem}"
    ".meta{font-size:.85rem;color:#4a4a4a}"
)
