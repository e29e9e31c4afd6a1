"""The project's place on disk and what its mkdocs.yml says, read with MkDocs' own loader.

mkdocs.yml is the one place where the languages are defined (the i18n
plugin's `languages`): their codes, their own names, which one is the
default (Spanish, published at the site root). Everything else asks here.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils.yaml import get_yaml_loader, yaml_load

ROOT = Path(__file__).resolve().parent.parent
MKDOCS_YML = ROOT / "mkdocs.yml"
OFFLINE_YML = ROOT / "mkdocs-offline.yml"
DOCS_DIR = ROOT / "docs"


class ConfigError(ValueError):
    """mkdocs.yml lacks something the project needs; the message names the key (a developer's setting)."""


@dataclass(frozen=True)
class Language:
    """One language of the site."""

    code: str  # es, en, qu, ay
    name: str  # its own name, as the language switcher shows it
    default: bool

    @property
    def prefix(self) -> str:
        """Where its pages are published: "" (the site root) for the default language, else "qu/"."""
        return "" if self.default else f"{self.code}/"


@dataclass(frozen=True)
class SiteConfig:
    """mkdocs.yml as plain data, with the languages pulled out."""

    path: Path
    data: dict
    languages: tuple[Language, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    @property
    def default(self) -> Language:
        return next(language for language in self.languages if language.default)

    @property
    def translations(self) -> tuple[str, ...]:
        """Every language but the default (the source of the translations)."""
        return tuple(language.code for language in self.languages if not language.default)

    @property
    def extra(self) -> dict:
        return self.data.get("extra") or {}

    @property
    def nav(self) -> list[str]:
        """The nav entries (file names inside a language folder), in order."""
        return [str(entry) for entry in self.data.get("nav") or []]

    def language(self, code: str) -> Language:
        return next(language for language in self.languages if language.code == code)

    def prefix(self, code: str) -> str:
        """"" for the default language, "qu/" for Quechua: where a language's pages live in the site."""
        return self.language(code).prefix


def read_config(path: Path = MKDOCS_YML) -> dict:
    """An MkDocs configuration file as MkDocs reads it (!ENV tags, INHERIT)."""
    with open(path, "rb") as stream:
        return yaml_load(stream, get_yaml_loader())


def _languages(data: dict, path: Path) -> tuple[Language, ...]:
    plugins = data.get("plugins") or {}
    if isinstance(plugins, list):  # plugins may also be written as a list of mappings
        plugins = {k: v for item in plugins if isinstance(item, dict) for k, v in item.items()}
    entries = ((plugins.get("i18n") or {}).get("languages")) or []
    languages = tuple(Language(str(e["locale"]), str(e.get("name") or e["locale"]), bool(e.get("default"))) for e in entries)
    if sum(language.default for language in languages) != 1:
        raise ConfigError(f"{relative_name(path)}: plugins.i18n.languages must list the languages with exactly one 'default: true'.")
    return languages


@functools.cache
def _cached(path: Path, mtime_ns: int) -> SiteConfig:
    data = read_config(path)
    return SiteConfig(path, data, _languages(data, path))


def site_config(path: Path = MKDOCS_YML) -> SiteConfig:
    """The configuration, read once per version of the file."""
    path = Path(path).resolve()
    return _cached(path, path.stat().st_mtime_ns)


def root_of(mkdocs_config) -> Path:
    """The project a build belongs to: the folder of the mkdocs.yml MkDocs was given (a test may build a copy)."""
    return Path(mkdocs_config.config_file_path).resolve().parent


def cache_dir() -> Path:
    """Where builds keep work they can reuse: .cache/ in the project, or $SITE_CACHE_DIR (the tests use their own)."""
    return Path(os.environ.get("SITE_CACHE_DIR") or ROOT / ".cache")


def relative_name(path: Path, root: Path = ROOT) -> str:
    """The file as editors see it: relative to the project when inside it."""
    path = Path(path).resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
