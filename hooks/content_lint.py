"""Run the content lint (alerta.lint) on every build: the build's one Markdown checker.

Errors stop the build with every problem listed, each with its file, line and
fix; warnings and plain-language hints are shown and never fail the build,
even with --strict (they are logged as INFO). The i18n plugin builds each
language in turn: the whole docs/ folder is checked once, in the first build.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from alerta.lint import lint_docs
from alerta.problems import errors, report

log = logging.getLogger("mkdocs.hooks.content_lint")


def on_pre_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a later language of the same build: already checked
    problems = lint_docs(Path(config.docs_dir))
    notes = [p for p in problems if not p.error]
    if notes:
        log.info(report(notes))
    if errors(problems):
        raise PluginError(report(errors(problems)))
