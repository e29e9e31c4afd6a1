"""The site's own interface strings, one file per language (data/strings/<lang>.yml)."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

from alerta.config import ROOT, relative_name, root_of, site_config
from alerta.problems import Problem, ProblemError, encoding_problem, say

STRINGS_DIR = ROOT / "data" / "strings"


class StringsError(ProblemError):
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
    """load_strings, read again only when a file changes (`mkdocs serve`); every problem of every file at once."""
    config = site_config()
    default = config.default.code
    result, problems = {}, []
    for lang in config.codes:
        path = directory / f"{lang}.yml"
        rel = relative_name(path, directory.parent.parent)
        if not path.is_file():
            problems.append(Problem(rel, 0, say("falta el archivo de textos de este idioma", "the strings file is missing"), say(f"copie {default}.yml con ese nombre y tradúzcalo", f"copy {default}.yml and translate it")))
            continue
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            problems.append(encoding_problem(rel, path.read_bytes(), exc))
            continue
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problems.append(
                Problem(
                    rel,
                    mark.line + 1 if mark else 0,
                    say(f"el archivo no se puede leer ({getattr(exc, 'problem', exc)})", f"not valid YAML ({getattr(exc, 'problem', exc)})"),
                    say("ponga entre comillas un texto que tenga ': '", "put quotes around a text that contains ': '"),
                )
            )
            continue
        if not isinstance(data, dict):
            problems.append(Problem(rel, 0, say("el archivo debe ser una lista de líneas 'clave: texto'", "must be a list of 'key: text' lines"), say("siga el modelo de es.yml", "follow es.yml")))
            continue
        result[lang] = {str(k): str(v) for k, v in data.items()}
    source = result.get(default, {})
    for lang, strings in result.items():
        missing = sorted(set(source) - set(strings))
        if missing:
            problems.append(
                Problem(
                    f"data/strings/{lang}.yml",
                    0,
                    say(f"faltan textos: {', '.join(missing)}", f"missing key(s) {', '.join(missing)}"),
                    say(f"agréguelos, traducidos de {default}.yml", f"add them, translated from {default}.yml"),
                )
            )
    if problems:
        raise StringsError(problems)
    return result


def page_language(config) -> str:
    """The language being built: the i18n plugin sets the theme language for each language's build."""
    site = site_config(config.config_file_path)
    lang = config.theme["language"]
    return lang if lang in site.codes else site.default.code


def build_strings(config) -> dict[str, dict[str, str]]:
    """The strings of the project a build belongs to."""
    return load_strings(strings_dir(root_of(config)))
