"""Build every offline file: one offline build of the site, sliced into single files, ZIMs and zips.

The offline build (mkdocs-offline.yml) is pruned of what a phone never
needs, then written under neutral names (`extra.bundle.name`, "guia"):
  NAME-LANG.html    every page of one language in one self-contained file
  NAME-LANG.zim     one language for Kiwix; NAME.zim every language (zim.py)
  NAME.zip          the whole site, every language
  NAME-LANG.zip     one language, its switcher listing only that language
  NAME-LANG-audio.zip  only the recordings of one language (alerta/audio/offline.py)
plus SHA256SUMS, its Ed25519 signature SHA256SUMS.sig (signing.py), the same
list as SHA256SUMS.js for the file-check page, and bundles.json (read by the
download page). Every file is reproducible (SOURCE_DATE_EPOCH or the last
commit's date) and written atomically: a failed run leaves the previous
bundles in dist/ untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from alerta import mkdocs_run
from alerta.audio.offline import audio_zips
from alerta.config import OFFLINE_YML, ROOT, site_config
from alerta.contacts import load_contacts
from alerta.directory import as_of
from alerta.offline.archive import manifest, write_atomically, zip_bytes
from alerta.offline.meta import BundleError, bundle_name, source_date_epoch, version
from alerta.offline.package import Output, Package, language_files, site_files
from alerta.offline.signing import signer
from alerta.offline.single_file import build_single_page
from alerta.offline.start_page import SITE_FOLDER, start_page
from alerta.offline.zim import zims
from alerta.printed.produce import shared, sheets
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


def zip_bundle(top: str, site_files: dict[str, bytes], languages: list[str], meta: dict, epoch: int) -> bytes:
    """Start page + site folder + manifest, zipped."""
    files = {f"{SITE_FOLDER}/{path}": data for path, data in site_files.items()}
    files["index.html"] = start_page(languages, meta)
    files["manifest.json"] = manifest(files, meta, languages)
    return zip_bytes(top, files, epoch)


def zips(package: Package) -> dict[str, Output]:
    """NAME.zip (the whole site) and NAME-LANG.zip (one language each)."""
    site, name, meta, epoch = package.site, package.name, package.meta, package.epoch
    outputs = {f"{name}.zip": (zip_bundle(name, package.with_list(site_files(site)), list(package.config.codes), meta, epoch), "zip", "all")}
    for lang in package.config.codes:
        outputs[f"{name}-{lang}.zip"] = (zip_bundle(f"{name}-{lang}", package.with_list(language_files(site, lang)), [lang], meta, epoch), "zip", lang)
    return outputs


def single_files(package: Package) -> dict[str, Output]:
    """NAME-LANG.html: every page of one language in one file."""
    pages = package.reading_order()
    return {f"{package.name}-{lang}.html": (build_single_page(package.site, lang, pages, package.meta), "single", lang) for lang in package.config.codes}


# Every offline file `make site` writes into dist/, listed with size and SHA-256 on the download page.
# In this order: each offline copy carries the list of the files made before it, for its file-check page.
PRODUCERS: tuple[Callable[[Package], dict[str, Output]], ...] = (sheets, shared, audio_zips, single_files, zims, zips)


def package(site: Path, dist: Path, producers=PRODUCERS) -> list[dict]:
    """Every offline file made from an offline build of the site, written into dist/ atomically; return the list."""
    epoch = source_date_epoch()
    built = dt.datetime.fromtimestamp(epoch, dt.timezone.utc).strftime("%Y-%m-%d")
    meta = {"version": version(), "built": built, "contacts": as_of(load_contacts())}
    who = signer()
    outputs: dict[str, Output] = {}
    for produce in producers:
        outputs.update(produce(Package(site, meta, epoch, bundle_name(), site_config(), earlier=dict(outputs))))
    write_atomically(dist, outputs, meta, who)
    return json.loads((dist / "bundles.json").read_text(encoding="utf-8"))["bundles"]


def build(dist: Path) -> list[dict]:
    """The offline build of the site, then every bundle into dist/."""
    with tempfile.TemporaryDirectory(prefix="offline-") as tmp:
        return package(offline_build(Path(tmp)), dist)
