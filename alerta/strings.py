"""The site's own interface strings, one file per language (data/strings/<lang>.yml)."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from alerta.config import ROOT, relative_name, root_of, site_config

STRINGS_DIR = ROOT / "data" / "strings"


class StringsError(ValueError):
    """A strings file is missing, malformed or lacks a key."""


def strings_dir(root: Path = ROOT) -> Path:
    return root / "data" / "strings"


def load_strings(directory: Path = STRINGS_DIR) -> dict[str, dict[str, str]]:
    """Every language's strings; each must have every key of the default language's file."""
    directory = Path(directory).resolve()
    stamps = tuple(p.stat().st_mtime_ns if p.is_file() else 0 for p in (directory / f"{code}.yml" for code in site_config().codes))
    return _load(directory, stamps)


@functools.cache
def _load(directory: Path, stamps: tuple[int, ...]) -> dict[str, dict[str, str]]:
    """load_strings, read again only when a file changes (`mkdocs serve`)."""
    config = site_config()
    languages = config.codes
    default = config.default.code
    result = {}
    for lang in languages:
        path = directory / f"{lang}.yml"
        rel = relative_name(path, directory.parent.parent)
        if not path.is_file():
            raise StringsError(f"{rel}: missing. Copy {default}.yml and translate it.")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 1}" if mark else ""
            raise StringsError(f"{rel}{line}: not valid YAML ({getattr(exc, 'problem', exc)}). Put quotes around a text that contains ': '.") from None
        if not isinstance(data, dict):
            raise StringsError(f"{rel}: must be a list of 'key: text' lines.")
        result[lang] = {str(k): str(v) for k, v in data.items()}
    source = result[default]
    for lang, strings in result.items():
        missing = sorted(set(source) - set(strings))
        if missing:
            raise StringsError(f"data/strings/{lang}.yml: missing key(s) {', '.join(missing)}. Add them, translated from {default}.yml.")
    return result


def page_language(config) -> str:
    """The language being built: the i18n plugin sets the theme language for each language's build."""
    site = site_config(config.config_file_path)
    lang = config.theme["language"]
    return lang if lang in site.codes else site.default.code


def build_strings(config) -> dict[str, dict[str, str]]:
    """The strings of the project a build belongs to."""
    return load_strings(strings_dir(root_of(config)))
