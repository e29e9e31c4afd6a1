"""What every producer of an offline file gets (Package), and the offline build sliced by language."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from alerta.audio import FOLDER as AUDIO_FOLDER
from alerta.config import ROOT, SiteConfig, site_config
from alerta.contacts import load_contacts
from alerta.directory import reading_order
from alerta.html import Edit, apply_edits, attribute, classes, elements, outer_span, parse
from alerta.offline.sums import LIST_SCRIPT, list_script

# The file's bytes, its kind (the download page's title), its language or "all",
# and optionally what else bundles.json says of it (a share image's "alt").
Output = tuple


@dataclass(frozen=True)
class Package:
    """What every producer of an offline file gets: the offline build, and what the files record about themselves."""

    site: Path  # the offline build of the site, pruned
    meta: dict  # version, build date, how current the contacts are
    epoch: int  # SOURCE_DATE_EPOCH: every date inside a file comes from it
    name: str  # the neutral name every file starts with
    config: SiteConfig
    root: Path = ROOT
    # The files the producers before this one made: their list goes inside later ones (the file-check page reads it).
    earlier: dict[str, Output] = field(default_factory=dict)

    def reading_order(self) -> list[str]:
        """The pages in the order a reader meets them: the nav, each department's page after the help page."""
        contacts = load_contacts(self.root / "docs" / "contacts.yml", root=self.root)
        return reading_order(self.config.nav, self.config.extra.get("help_page", "ayuda.md"), contacts)

    def with_list(self, files: dict[str, bytes], prefix: str = "") -> dict[str, bytes]:
        """files plus the list of the earlier files (LIST_SCRIPT), for the file-check page of an offline copy."""
        return {**files, prefix + LIST_SCRIPT: list_script(self.earlier, self.meta)}



def language_files(site: Path, lang: str) -> dict[str, bytes]:
    """The files of one language's bundle: its pages, shared assets, its search index."""
    config = site_config()
    others = config.translations
    files = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        top = rel.split("/", 1)[0]
        if rel.startswith("assets/search/"):
            if rel != f"assets/search/{lang}.js":
                continue
        elif top in others or top == AUDIO_FOLDER or (path.suffix == ".html" and "/" not in rel):
            # Pages and recordings: only those of this language (the default language's are at the root).
            in_lang = (top == lang) if lang != config.default.code else (top not in others)
            if not in_lang:
                continue
        data = path.read_bytes()
        if path.suffix == ".html":
            data = keep_languages(data.decode("utf-8"), {lang}).encode("utf-8")
        files[rel] = data
    return files


def keep_languages(page: str, languages: set[str]) -> str:
    """Drop switcher entries and hreflang links to languages not in the bundle; hide a switcher of one."""
    edits, switcher = [], None
    for element in elements(parse(page), "li", "link", "div"):
        names = classes(element)
        if element.name == "li" and "md-select__item" in names:
            link = next(elements(element, "a"), None)
            if link is not None and attribute(link, "hreflang") not in languages:
                edits.append(_removal(page, element))
        elif element.name == "link" and attribute(element, "rel") == "alternate":
            if attribute(element, "hreflang") not in languages | {None}:
                edits.append(_removal(page, element))
        elif element.name == "div" and "md-header__option" in names and switcher is None:
            switcher = element
    if switcher is not None and len(languages) == 1:
        # A switcher with one language is noise: remove it, with the entries the edits above removed from it.
        start, end = outer_span(switcher)
        edits = [e for e in edits if e.end <= start or e.start >= end] + [Edit(start, end, "")]
    return apply_edits(page, edits)


def _removal(page: str, element) -> Edit:
    """Remove an element and the white space before it."""
    start, end = outer_span(element)
    while start > 0 and page[start - 1] in " \t\n\r\f":
        start -= 1
    return Edit(start, end, "")


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of the offline build, by its path in the site."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
