"""Publish only what is meant to be published (alerta.publishing): allowed file types, no symlinks, nothing from outside docs/."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

from alerta.problems import errors, report
from alerta.publishing import check_tree


def on_files(files, config):
    refused = errors(check_tree(Path(config.docs_dir)))
    if refused:
        raise PluginError(report(refused))
    return files
