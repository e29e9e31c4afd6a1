"""Publish a site's recordings as small Opus files, and put a player beside what each one reads.

The build (hooks/audio.py) hands this class its events: the docs folder
before the build, each language's files, each page's HTML. It keeps what it
learnt between builds (`mkdocs serve`), so only new or changed recordings
are processed again. A page's recording gets a player right after its title,
a section's right after its heading: a native <audio controls> (no script)
with preload="none", so not one byte of sound is downloaded before a tap,
and a label in the page's language with the length and size ("Escuchar esta
página · 2:10 · 390 KB"), the speaker's name if she chose to show it, and a
link to the text it reads.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from alerta.audio import FOLDER, MIME
from alerta.audio.cache import Cache
from alerta.audio.process import AudioResult, minutes, process_many
from alerta.audio.recordings import Recording, find_recordings, section_ids, speaker_name
from alerta.audio.settings import AudioError, Settings
from alerta.downloads import human_size
from alerta.html import Edit, apply_edits, attribute, elements, outer_span, parse, start_tag, start_tag_span
from alerta.media import Kept
from alerta.problems import Problem

ARTICLE = ('<article class="md-content__inner', "</article>")
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


@dataclass
class AudioPublisher(Kept):
    """The recordings of a site across its language builds (and `mkdocs serve` rebuilds); results: AudioResult by source path."""

    settings: Settings = field(default_factory=Settings)
    by_page: dict[Path, list[tuple[Recording, AudioResult]]] = field(default_factory=dict)  # page source -> its recordings, in reading order

    def prepare(self, docs: Path) -> list[Problem]:
        """Process every recording (or take it from the cache); AudioError with every bad one. Returns warnings (none yet)."""
        docs = Path(docs).resolve()
        recordings, problems = find_recordings(docs)
        todo = [r.path for r in recordings if self.stale(r.path, lambda known: [known.path])]
        results, failed = process_many(todo, self.settings, Cache(self.settings.cache_path(self.root)), self.root)
        if problems + failed:
            raise AudioError(problems + failed)
        self.keep([r.path for r in recordings], results)
        self.by_page = {}
        for recording in recordings:
            self.by_page.setdefault(recording.page_path.resolve(), []).append((recording, self.results[recording.path]))
        for page, entries in self.by_page.items():
            order = [None, *section_ids(page)]
            entries.sort(key=lambda entry: order.index(entry[0].section))
        return []

    def page_files(self, page_src: Path, page_dest: str) -> list[tuple[str, Path]]:
        """(site path, file in the cache) of a page's recordings: beside the page, in audio/."""
        folder = page_dest.rsplit("/", 1)[0] + "/" if "/" in page_dest else ""
        return [(f"{folder}{FOLDER}/{result.name}", Path(result.path)) for _, result in self.by_page.get(Path(page_src).resolve(), [])]

    def rewrite(self, output: str, page_src: Path, meta: dict, strings: dict[str, str]) -> str:
        """The page with a player after its title (the whole page) and after each recorded section's heading."""
        entries = self.by_page.get(Path(page_src).resolve())
        start = output.find(ARTICLE[0])
        end = output.find(ARTICLE[1], start)
        if not entries or start == -1 or end == -1:
            return output
        chunk = output[start:end]
        root = parse(chunk, fragment=True)
        article = next(elements(root, "article"))
        headings = list(elements(article, *HEADINGS))
        title = next((h for h in headings if h.name == "h1"), None)
        by_id = {attribute(h, "id"): h for h in headings if attribute(h, "id")}
        speaker = speaker_name(meta or {})
        edits = []
        for recording, result in entries:
            heading = title if recording.section is None else by_id.get(recording.section)
            if heading is None and recording.section is not None:
                continue  # the heading id was checked against the Markdown; a theme that drops it shows no player
            at = outer_span(heading)[1] if heading is not None else start_tag_span(article)[1]
            target = attribute(heading, "id") if heading is not None else None
            edits.append(Edit(start + at, start + at, player(recording, result, strings, speaker, target)))
        return apply_edits(output, edits)


def player(recording: Recording, result: AudioResult, strings: dict[str, str], speaker: str | None, target: str | None) -> str:
    """The player of one recording: label, native controls, nothing loaded before a tap."""
    label_id = f"audio-{recording.section or 'page'}"
    what = strings["audio_section" if recording.section else "audio_page"]
    label = f"{what} · {minutes(result.duration)} · {human_size(result.size)}"
    src = f"{FOLDER}/{quote(result.name)}"
    notes = []
    if speaker:
        notes.append(html.escape(strings["audio_speaker"].format(name=speaker)))
    if target:
        notes.append(f'<a href="#{html.escape(target)}">{html.escape(strings["audio_transcript"])}</a>')
    return (
        f'<figure class="audio-player"><figcaption id="{html.escape(label_id)}">{html.escape(label)}</figcaption>'
        + start_tag("audio", [("controls", None), ("preload", "none"), ("aria-labelledby", label_id)])
        + start_tag("source", [("src", src), ("type", MIME)])
        + f'<a href="{html.escape(src)}" download>{html.escape(strings["audio_download"])}</a></audio>'
        + (f'<p class="audio-player__meta">{" · ".join(notes)}</p>' if notes else "")
        + "</figure>"
    )
