"""Build every offline file: one offline build of the site, sliced into zips and single files.

The offline build (mkdocs-offline.yml) is pruned of what a phone never
needs, then written under neutral names (`extra.bundle.name`, "guia"):
  NAME.zip          the whole site, every language
  NAME-LANG.zip     one language, its switcher listing only that language
  NAME-LANG.html    every page of one language in one self-contained file
  NAME-LANG-audio.zip  only the recordings of one language (alerta/audio/offline.py)
plus SHA256SUMS and bundles.json (read by the download page). Zips are
reproducible (SOURCE_DATE_EPOCH or the last commit's date) and written
atomically: a failed run leaves the previous bundles in dist/ untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from alerta import mkdocs_run
from alerta.audio import FOLDER as AUDIO_FOLDER
from alerta.audio.offline import audio_zips
from alerta.config import OFFLINE_YML, ROOT, SiteConfig, site_config
from alerta.contacts import load_contacts
from alerta.directory import as_of
from alerta.html import Edit, apply_edits, attribute, classes, elements, outer_span, parse
from alerta.offline.archive import manifest, write_atomically, zip_bytes
from alerta.offline.meta import BundleError, bundle_name, source_date_epoch, version
from alerta.offline.single_file import build_single_page
from alerta.offline.start_page import SITE_FOLDER, start_page
from alerta.problems import errors

# What a phone never needs in an offline copy.
PRUNE = ("sitemap.xml", "sitemap.xml.gz", "*/sitemap.xml", "*/sitemap.xml.gz", "_headers", "404.html", "downloads")


def offline_build(workdir: Path, root: Path = ROOT) -> Path:
    """Build the offline site (mkdocs-offline.yml) into workdir/site, pruned; BundleError with every problem if it fails."""
    site = workdir / "site"
    problems = mkdocs_run.build(root / OFFLINE_YML.name, site, root)
    if errors(problems):
        raise BundleError(problems)
    for pattern in PRUNE:
        for path in site.glob(pattern):
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return site


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


def zip_bundle(top: str, site_files: dict[str, bytes], languages: list[str], meta: dict, epoch: int) -> bytes:
    """Start page + site folder + manifest, zipped."""
    files = {f"{SITE_FOLDER}/{path}": data for path, data in site_files.items()}
    files["index.html"] = start_page(languages, meta)
    files["manifest.json"] = manifest(files, meta, languages)
    return zip_bytes(top, files, epoch)


@dataclass(frozen=True)
class Package:
    """What every producer of an offline file gets: the offline build, and what the files record about themselves."""

    site: Path  # the offline build of the site, pruned
    meta: dict  # version, build date, how current the contacts are
    epoch: int  # SOURCE_DATE_EPOCH: every date inside a file comes from it
    name: str  # the neutral name every file starts with
    config: SiteConfig
    root: Path = ROOT


Output = tuple[bytes, str, str]  # the file's bytes, its kind (the download page's title), its language or "all"


def zips(package: Package) -> dict[str, Output]:
    """NAME.zip (the whole site) and NAME-LANG.zip (one language each)."""
    site, name, meta, epoch = package.site, package.name, package.meta, package.epoch
    all_files = {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}
    outputs = {f"{name}.zip": (zip_bundle(name, all_files, list(package.config.codes), meta, epoch), "zip", "all")}
    for lang in package.config.codes:
        outputs[f"{name}-{lang}.zip"] = (zip_bundle(f"{name}-{lang}", language_files(site, lang), [lang], meta, epoch), "zip", lang)
    return outputs


def single_files(package: Package) -> dict[str, Output]:
    """NAME-LANG.html: every page of one language in one file."""
    return {f"{package.name}-{lang}.html": (build_single_page(package.site, lang, package.config.nav, package.meta), "single", lang) for lang in package.config.codes}


# Every offline file `make site` writes into dist/, listed with size and SHA-256 on the download page.
PRODUCERS: tuple[Callable[[Package], dict[str, Output]], ...] = (zips, single_files, audio_zips)


def package(site: Path, dist: Path, producers=PRODUCERS) -> list[dict]:
    """Every offline file made from an offline build of the site, written into dist/ atomically; return the list."""
    epoch = source_date_epoch()
    built = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%d")
    meta = {"version": version(), "built": built, "contacts": as_of(load_contacts())}
    context = Package(site, meta, epoch, bundle_name(), site_config())
    outputs: dict[str, Output] = {}
    for produce in producers:
        outputs.update(produce(context))
    write_atomically(dist, outputs, built)
    return json.loads((dist / "bundles.json").read_text(encoding="utf-8"))["bundles"]


def build(dist: Path) -> list[dict]:
    """The offline build of the site, then every bundle into dist/."""
    with tempfile.TemporaryDirectory(prefix="offline-") as tmp:
        return package(offline_build(Path(tmp)), dist)
