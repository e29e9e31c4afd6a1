"""Publish recordings as small Opus files with a player beside what they read (alerta.audio).

Before anything is written, every recording in docs/<lang>/audio/ is matched
to its page or section and processed (or taken from .cache/audio/): a bad
one stops the build with its name. Only the processed files are published,
beside their page (qu/audio/formas.1a2b3c4d.webm); the phone's original
never is. A page read in a fallback language shows no player. The speaker's
consent is the content lint's check (alerta/lint/front_matter.py).
Settings: mkdocs.yml `extra.audio` (alerta/audio/settings.py).
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from alerta.audio.publish import AudioPublisher
from alerta.audio.recordings import is_recording
from alerta.audio.settings import AudioError, Settings
from alerta.config import root_of
from alerta.problems import report
from alerta.strings import build_strings, page_language

_publisher: AudioPublisher | None = None  # kept across the language builds and `mkdocs serve` rebuilds


def on_config(config):
    global _publisher
    try:
        settings = Settings.from_extra(config.extra.get("audio"))
    except AudioError as exc:
        raise PluginError(report(exc.problems)) from None
    if _publisher is None or _publisher.root != root_of(config):
        _publisher = AudioPublisher(root_of(config))
    _publisher.configure(settings)
    return config


def on_pre_build(config):
    try:
        _publisher.prepare(Path(config.docs_dir))
    except AudioError as exc:
        raise PluginError(report(exc.problems)) from None


def _own_language(file, config) -> bool:
    """A page of the language being built (not one published from Spanish in its place)."""
    return getattr(file, "locale", None) in (None, page_language(config))


@event_priority(-110)  # after the i18n plugin (-100) has rebuilt the files for the language
def on_files(files, config):
    for file in list(files):
        if file.abs_src_path and is_recording(Path(file.abs_src_path)):
            files.remove(file)  # the phone's original is never published
    for file in list(files):
        if file.is_documentation_page() and file.abs_src_path and _own_language(file, config):
            for dest, path in _publisher.page_files(Path(file.abs_src_path), file.dest_uri):
                if files.get_file_from_path(dest) is None:
                    files.append(File.generated(config, dest, abs_src_path=str(path)))
    return files


def on_post_page(output, page, config):
    if not page.file.abs_src_path or not _own_language(page.file, config):
        return output
    strings = build_strings(config)[page_language(config)]
    return _publisher.rewrite(output, Path(page.file.abs_src_path), page.meta, strings)
