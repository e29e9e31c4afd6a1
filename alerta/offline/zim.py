"""Kiwix files: one ZIM per language and one with every language, written with python-libzim.

Schools, libraries and NGOs share offline content through Kiwix (the Android
app, kiwix-serve, Internet-in-a-Box, RACHEL). Each ZIM holds the offline
build's pages of its language, with the assets and pictures they use, the
metadata Kiwix lists (mkdocs.yml extra.zim, the strings zim_title and
zim_description, a 48x48 picture drawn from the site's logo) and a full-text
index. The index has no stemmer for Quechua or Aymara, so each of their pages
also gets, as keywords, the beginnings of its words: a search for a root
("warmi") finds "warmikunata", as the site's own search does by prefix.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import mimetypes
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from libzim.writer import Creator, Hint, IndexData, Item, StringProvider

from alerta.html import Edit, apply_edits, classes, edit_start_tag, elements, parse, start_tag_span, text
from alerta.offline.meta import BundleError
from alerta.offline.package import Output, Package, language_files, site_files
from alerta.offline.single_file import smallest_candidate
from alerta.offline.zim_bytes import reproducible
from alerta.problems import Problem, say
from alerta.search import WORD, normalize
from alerta.strings import load_strings

TITLE_MAX = 30  # openZIM metadata rules: Kiwix cuts longer titles
DESCRIPTION_MAX = 80
ROOT_MIN = 3  # the shortest root a search may give (uta, "house" in Aymara)
ROOT_MAX = 7  # roots are short (warmi, yanapa, llamk'a): longer beginnings would only grow the index
ILLUSTRATION = 48  # Kiwix's library picture: 48x48 PNG
LOGO = "assets/images/logo.svg"
BACKGROUND = "#7a1a38"  # the header's colour (docs/assets/stylesheets/site.css)
TYPES = {".js": "application/javascript", ".webp": "image/webp", ".svg": "image/svg+xml", ".html": "text/html"}


def roots(content: str) -> str:
    """Every beginning (ROOT_MIN to ROOT_MAX letters) of every word, as written and without accents, space-separated."""
    found: dict[str, None] = {}
    for word in WORD.findall(content.lower()) + WORD.findall(normalize(content)):
        for end in range(ROOT_MIN, min(len(word), ROOT_MAX) + 1):
            found[word[:end]] = None
    return " ".join(found)


class PageIndex(IndexData):
    """What the full-text index reads of a page: its article only (not the menu every page repeats), and keywords."""

    def __init__(self, title: str, content: str, keywords: str) -> None:
        super().__init__()
        self.title, self.content, self.keywords = title, content, keywords

    def has_indexdata(self) -> bool:
        return True

    def get_title(self) -> str:
        return self.title

    def get_content(self) -> str:
        return self.content

    def get_keywords(self) -> str:
        return self.keywords

    def get_wordcount(self) -> int:
        return len(self.content.split())

    def get_geoposition(self):
        return None


class File(Item):
    """One file of the offline build inside the ZIM, at the same path."""

    def __init__(self, path: str, data: bytes, index: PageIndex | None = None) -> None:
        super().__init__()
        self.path, self.data, self.index = path, data, index

    def get_path(self) -> str:
        return self.path

    def get_title(self) -> str:
        return self.index.title if self.index else ""

    def get_mimetype(self) -> str:
        suffix = Path(self.path).suffix.lower()
        return TYPES.get(suffix) or mimetypes.types_map.get(suffix, "application/octet-stream")

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self.data)

    def get_hints(self) -> dict:
        return {Hint.FRONT_ARTICLE: self.index is not None}

    def get_indexdata(self) -> PageIndex | None:
        return self.index


def page_index(page: str, with_roots: bool) -> PageIndex | None:
    """The title and article text of a built page (None for a page without an article, like the blank exit page)."""
    article = next((e for e in elements(parse(page, locations=False), "article") if "md-content__inner" in classes(e)), None)
    if article is None:
        return None
    heading = next(elements(article, "h1"), None)
    title = " ".join(text(heading).split()) if heading is not None else ""
    content = " ".join(text(article).split())
    return PageIndex(title, content, roots(content) if with_roots else "")


def phone_pictures(page: str) -> str:
    """Each picture as its phone-sized WebP alone: a ZIM is read on phones, and every other copy would weigh on each file."""
    edits, webp = [], ""
    for element in elements(parse(page)):
        if element.name == "source":
            if (element.attrs or {}).get("type") == "image/webp":
                webp = smallest_candidate((element.attrs or {}).get("srcset") or "")
            edits.append(Edit(*start_tag_span(element), ""))
        elif element.name == "img" and (element.attrs or {}).get("srcset"):
            src = webp or smallest_candidate(element.attrs["srcset"])
            edits.append(edit_start_tag(page, element, {"src": src, "srcset": None, "sizes": None}))
            webp = ""
    return apply_edits(page, edits)


def used_only(files: dict[str, bytes]) -> dict[str, bytes]:
    """The files without the pictures no page or stylesheet names any more."""
    texts = [data.decode("utf-8") for path, data in files.items() if path.endswith((".html", ".css"))]
    names = "\n".join(texts)
    return {path: data for path, data in files.items() if not path.startswith("assets/images/") or path.rsplit("/", 1)[-1] in names or quote(path.rsplit("/", 1)[-1]) in names}


def illustration(logo_svg: bytes, background: str) -> bytes:
    """The 48x48 PNG Kiwix shows in its library: the site's logo, white on the header's colour."""
    import cairosvg  # Debian's cairo draws the SVG (libcairo2, installed by the Makefile where missing)
    from PIL import Image

    inner = ILLUSTRATION * 3 // 4
    logo = Image.open(io.BytesIO(cairosvg.svg2png(bytestring=logo_svg, output_width=inner, output_height=inner))).convert("RGBA")
    picture = Image.new("RGBA", (ILLUSTRATION, ILLUSTRATION), background)
    picture.alpha_composite(logo, ((ILLUSTRATION - inner) // 2,) * 2)
    out = io.BytesIO()
    picture.convert("RGB").save(out, "PNG", optimize=True)  # Pillow writes no date or other metadata into a PNG
    return out.getvalue()


def metadata_problems(title: str, description: str, lang: str) -> list[Problem]:
    """Title and description too long for Kiwix: the editor's strings, named."""
    problems = []
    for key, value, limit in (("zim_title", title, TITLE_MAX), ("zim_description", description, DESCRIPTION_MAX)):
        if len(value) > limit:
            problems.append(
                Problem(
                    f"data/strings/{lang}.yml",
                    0,
                    say(f"{key} tiene {len(value)} caracteres y Kiwix admite {limit}: «{value}»", f"{key} has {len(value)} characters, Kiwix allows {limit}: «{value}»"),
                    say(f"acórtelo a {limit} caracteres o menos", f"shorten it to {limit} characters or fewer"),
                )
            )
    return problems


@contextlib.contextmanager
def quiet():
    """libzim prints its progress (and that Quechua has no stemmer) whatever the settings: send it nowhere. Errors still raise."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
            os.dup2(null.fileno(), 2)
            yield
    finally:
        for fd, copy in zip((1, 2), saved):
            os.dup2(copy, fd)
            os.close(copy)


def write_zim(files: dict[str, bytes], main_page: str, metadata: dict[str, str], picture: bytes, index_language: str, with_roots: Callable[[str], bool]) -> bytes:
    """A ZIM of these files (site-relative paths), its bytes the same for the same input."""
    files = used_only({path: phone_pictures(data.decode("utf-8")).encode("utf-8") if path.endswith(".html") else data for path, data in files.items()})
    with tempfile.TemporaryDirectory(prefix="zim-") as tmp:
        target = Path(tmp) / "out.zim"
        # One worker: with several, the order of the index's documents may change between runs.
        with quiet(), Creator(target).config_indexing(True, index_language).config_nbworkers(1) as creator:
            creator.set_mainpath(main_page)
            for path, data in sorted(files.items()):
                index = page_index(data.decode("utf-8"), with_roots(path)) if path.endswith(".html") else None
                creator.add_item(File(path, data, index))
            for name, value in sorted(metadata.items()):
                creator.add_metadata(name, value)
            creator.add_illustration(ILLUSTRATION, picture)
        return reproducible(target.read_bytes(), indexes=2)


def zim_metadata(package, lang: str | None, strings: dict) -> dict[str, str]:
    """Name, Title, Creator, Publisher, Date, Description, Language of one ZIM (lang None: every language)."""
    config = package.config
    extra = config.extra.get("zim") or {}
    codes = extra.get("languages") or {}
    missing = [code for code in config.codes if not codes.get(code)]
    if missing:
        raise BundleError(
            [Problem("mkdocs.yml", 0, say(f"extra.zim.languages no da el código ISO 639-3 de {', '.join(missing)}", f"extra.zim.languages has no ISO 639-3 code for {', '.join(missing)}"), say("añádalo, por ejemplo qu: quh", "add it, e.g. qu: quh"))]
        )
    text_lang = lang or config.default.code
    title = strings[text_lang]["zim_title"] if lang else strings[text_lang]["zim_title_all"]
    description = strings[text_lang]["zim_description"]
    problems = metadata_problems(title, description, text_lang)
    if problems:
        raise BundleError(problems)
    date = dt.datetime.fromtimestamp(package.epoch, dt.timezone.utc).strftime("%Y-%m-%d")
    return {
        "Name": f"{package.name}_{lang or 'all'}",
        "Title": title,
        "Description": description,
        "Creator": str(extra.get("creator") or ""),
        "Publisher": str(extra.get("publisher") or ""),
        "Date": date,
        "Language": codes[lang] if lang else ",".join(codes[code] for code in config.codes),
        "Flavour": lang or "all",
    }


def zims(package: Package) -> dict[str, Output]:
    """NAME-LANG.zim for each language and NAME.zim with every language."""
    config, strings = package.config, load_strings()
    extra = config.extra.get("zim") or {}
    codes, stemless = extra.get("languages") or {}, set(extra.get("roots") or ())
    picture = illustration((package.site / LOGO).read_bytes(), BACKGROUND)
    outputs = {}
    for lang in config.codes:
        files = package.with_list(language_files(package.site, lang))
        metadata = zim_metadata(package, lang, strings)
        data = write_zim(files, config.prefix(lang) + "index.html", metadata, picture, codes[lang], lambda path, lang=lang: lang in stemless)
        outputs[f"{package.name}-{lang}.zim"] = (data, "zim", lang)

    def page_language(path: str) -> str:
        top = path.split("/", 1)[0]
        return top if top in config.translations else config.default.code

    default = config.default.code
    files = package.with_list(site_files(package.site))
    data = write_zim(files, "index.html", zim_metadata(package, None, strings), picture, codes[default], lambda path: page_language(path) in stemless)
    outputs[f"{package.name}.zim"] = (data, "zim", "all")
    return outputs
