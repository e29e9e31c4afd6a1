"""Read the project's mkdocs.yml the way the scripts need it, and name files for editors."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
MKDOCS_YML = ROOT / "mkdocs.yml"


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may hold !ENV or !relative tags; the scripts do not need their values."""


_IgnoreTags.add_multi_constructor("!", lambda loader, suffix, node: None)


def read_config(path: Path = MKDOCS_YML) -> dict:
    """An MkDocs configuration file as plain data (tags become None)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_IgnoreTags) or {}


def language_names(path: Path = MKDOCS_YML) -> dict[str, str]:
    """Each language's own name, as the language switcher shows it."""
    plugins = read_config(path).get("plugins") or {}
    i18n = plugins.get("i18n") if isinstance(plugins, dict) else next((p["i18n"] for p in plugins if isinstance(p, dict) and "i18n" in p), {})
    return {lang["locale"]: lang["name"] for lang in (i18n or {}).get("languages", [])}


def relative_name(path: Path, root: Path = ROOT) -> str:
    """The file as editors see it: relative to the project when inside it."""
    path = Path(path).resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
