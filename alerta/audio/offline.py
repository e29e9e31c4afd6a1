"""The recordings in the offline files.

The site's zips hold them already (each language's beside its pages). Here:
  published_recordings(lang)  every recording a language publishes, in reading
                              order, with its path in the site: what a zip or a
                              ZIM producer needs to include them;
  audio_zips(package)         NAME-LANG-audio.zip, a producer (PRODUCERS in
                              alerta/offline/build.py): only a language's
                              recordings and a small index.html, for a phone
                              with little space; none for a language without
                              recordings;
  single_file_note(...)       what the single HTML file says in place of a
                              player: the recording's name and where it is,
                              so the file stays small.
"""

from __future__ import annotations

import functools
import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from alerta.audio import FOLDER, OUTPUT_SUFFIX, SUFFIXES
from alerta.audio.process import minutes
from alerta.audio.publish import AudioPublisher
from alerta.audio.recordings import heading_texts, speaker_name
from alerta.audio.settings import Settings
from alerta.config import ROOT, site_config
from alerta.downloads import human_size
from alerta.offline.archive import manifest, zip_bytes
from alerta.offline.standalone import standalone_page
from alerta.pages import read_page
from alerta.strings import load_strings, strings_dir

if TYPE_CHECKING:
    from alerta.offline.package import Package

KIND = "audio"  # the download page's title: the strings key downloads_audio


@dataclass(frozen=True)
class Published:
    """One recording as a language publishes it."""

    lang: str
    site_path: str  # in the site: qu/audio/formas.1a2b3c4d.webm ("" prefix for the default language)
    path: Path  # the published bytes (in the audio cache)
    name: str  # in the audio-only zip: formas.webm, formas--sexual-exploitation.webm
    page: str  # formas.md
    section: str | None
    title: str  # the page's title, and the section's heading after a colon
    duration: float
    size: int
    speaker: str | None


def audio_zip_name(name: str, lang: str) -> str:
    """NAME-LANG-audio.zip: neutral, like every offline file."""
    return f"{name}-{lang}-{KIND}.zip"


def published_recordings(lang: str, root: Path = ROOT) -> list[Published]:
    """Every recording of one language, in the order of the nav, each page's own before its sections'."""
    docs = root / "docs"
    # The recordings and the pages (titles, speakers' names): read again when any changes.
    watched = [p for p in docs.glob(f"*/{FOLDER}/*") if p.suffix.lower() in SUFFIXES] + list(docs.glob("*/*.md"))
    stamps = tuple(sorted((p.as_posix(), p.stat().st_size, p.stat().st_mtime_ns) for p in watched))
    return [item for item in _published(root.resolve(), stamps) if item.lang == lang]


@functools.cache
def _published(root: Path, stamps: tuple) -> tuple[Published, ...]:
    """Every language's recordings (processed, or from the cache), read once per state of docs/."""
    config = site_config(root / "mkdocs.yml")
    publisher = AudioPublisher(root)
    publisher.configure(Settings.from_extra(config.extra.get("audio")))
    publisher.prepare(root / "docs")
    nav = config.nav
    found = []
    for page_path, entries in sorted(publisher.by_page.items(), key=lambda item: (item[0].parent.name, nav.index(item[0].name) if item[0].name in nav else len(nav))):
        page = read_page(page_path, root / "docs")
        page_title = str(page.meta.get("title") or Path(page.name).stem)
        sections = heading_texts(page_path)
        for recording, result in entries:
            title = page_title if recording.section is None else f"{page_title}: {sections.get(recording.section, recording.section)}"
            site_path = f"{config.prefix(recording.lang)}{FOLDER}/{result.name}"
            found.append(Published(recording.lang, site_path, Path(result.path), f"{recording.stem}{OUTPUT_SUFFIX}", recording.page, recording.section, title, result.duration, result.size, speaker_name(page.meta)))
    return tuple(found)


def audio_zips(package: Package) -> dict[str, tuple[bytes, str, str]]:
    """NAME-LANG-audio.zip for each language with recordings: the recordings, index.html, manifest.json."""
    outputs = {}
    for lang in package.config.codes:
        items = published_recordings(lang, package.root)
        if not items:
            continue
        top = audio_zip_name(package.name, lang).removesuffix(".zip")
        files = {}
        for item in items:
            in_site = package.site / item.site_path
            files[item.name] = in_site.read_bytes() if in_site.is_file() else item.path.read_bytes()
        files["index.html"] = index_page(lang, items, package.meta, package.root)
        files["manifest.json"] = manifest(files, package.meta, [lang])
        outputs[f"{top}.zip"] = (zip_bytes(top, files, package.epoch), KIND, lang)
    return outputs


INDEX_CSS = (
    "body{font-family:system-ui,sans-serif;margin:0;line-height:1.5;color:#1f1f1f}"
    "main{max-width:40rem;margin:0 auto;padding:1rem}"
    "h1{font-size:1.5rem;color:#7a1a38}"
    "ol{padding-left:1.2rem}li{margin:1rem 0}"
    ".title{font-weight:700;margin:0 0 .2rem}.meta{font-size:.85rem;color:#4a4a4a;margin:0 0 .3rem}"
    "audio{width:100%}"
)


def index_page(lang: str, items: list[Published], meta: dict, root: Path = ROOT) -> bytes:
    """index.html of an audio-only zip: every recording with its title, length, size and a player."""
    s = load_strings(strings_dir(root))[lang]
    rows = []
    for number, item in enumerate(items, 1):
        details = " · ".join(x for x in (minutes(item.duration), human_size(item.size), item.name, s["audio_speaker"].format(name=item.speaker) if item.speaker else "") if x)
        rows.append(
            f'<li><p class="title" id="r{number}">{html.escape(item.title)}</p><p class="meta">{html.escape(details)}</p>'
            f'<audio controls preload="none" aria-labelledby="r{number}" src="{html.escape(item.name)}"></audio></li>'
        )
    body = f"""<main>
<h1>{html.escape(s["audio_index_title"])}</h1>
<p>{html.escape(s["audio_index_intro"])}</p>
<ol>{"".join(rows)}</ol>
<p class="meta">{html.escape(s["offline_version"])}: {html.escape(meta["version"])} · {html.escape(s["offline_built"])}: {html.escape(meta["built"])}</p>
</main>"""
    return standalone_page(lang, s["audio_index_title"], INDEX_CSS, body, media=True).encode("utf-8")


def single_file_note(src: str, lang: str, strings: dict[str, str], name: str, root: Path = ROOT) -> str:
    """What the single HTML file shows instead of a player: the recording's name and where to find it ("" if unknown)."""
    published = Path(src).name
    item = next((i for i in published_recordings(lang, root) if Path(i.site_path).name == published), None)
    if item is None:
        return ""
    details = f"{minutes(item.duration)} · {human_size(item.size)}"
    text = strings["audio_elsewhere"].format(file=item.name, details=details, zip=audio_zip_name(name, lang))
    return f'<p class="notice">{html.escape(text)}</p>'
