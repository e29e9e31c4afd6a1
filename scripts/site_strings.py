"""The site's languages and its own interface strings (data/strings/<lang>.yml)."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from scripts.site_config import relative_name

ROOT = Path(__file__).resolve().parent.parent
STRINGS_DIR = ROOT / "data" / "strings"
LANGUAGES = ("es", "en", "qu", "ay")
DEFAULT_LANGUAGE = "es"


class StringsError(ValueError):
    """A strings file is missing, malformed or lacks a key."""


@functools.cache
def load_strings(directory: Path = STRINGS_DIR) -> dict[str, dict[str, str]]:
    """Every language's strings; each must have every key of the Spanish file."""
    result = {}
    for lang in LANGUAGES:
        path = directory / f"{lang}.yml"
        rel = relative_name(path)
        if not path.is_file():
            raise StringsError(f"{rel}: missing. Copy {DEFAULT_LANGUAGE}.yml and translate it.")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 1}" if mark else ""
            raise StringsError(f"{rel}{line}: not valid YAML ({getattr(exc, 'problem', exc)}). Put quotes around a text that contains ': '.") from None
        if not isinstance(data, dict):
            raise StringsError(f"{rel}: must be a list of 'key: text' lines.")
        result[lang] = {str(k): str(v) for k, v in data.items()}
    source = result[DEFAULT_LANGUAGE]
    for lang, strings in result.items():
        missing = sorted(set(source) - set(strings))
        if missing:
            raise StringsError(f"data/strings/{lang}.yml: missing key(s) {', '.join(missing)}. Add them, translated from {DEFAULT_LANGUAGE}.yml.")
    return result


def strings_for(lang: str) -> dict[str, str]:
    """The strings of one language."""
    return load_strings()[lang]


def page_language(config) -> str:
    """The language being built (the i18n plugin sets the theme language per build)."""
    lang = config.theme["language"]
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE
