"""Run the content lint (alerta.lint) on every build: the build's one Markdown checker.

Errors stop the build with every finding listed, each with its file, line and
fix; plain-language hints are printed and never fail the build, even with
--strict. The i18n plugin builds each language in turn: the whole docs/
folder is checked once, in the first build.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

from alerta.lint import lint_docs


def on_pre_build(config):
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a later language of the same build: already checked
    findings = lint_docs(Path(config.docs_dir))
    for hint in (f for f in findings if f.hint):
        # Printed, not logged: a hint must not fail `--strict`.
        print(f"HINT     -  {hint}".replace("HINT: ", "", 1), file=sys.stderr)
    errors = [f for f in findings if not f.hint]
    if errors:
        count = f"{len(errors)} problem{'s' if len(errors) != 1 else ''}"
        listing = "\n".join(f"  {error}" for error in errors)
        raise PluginError(f"The content check found {count} (run `make lint` to see them again):\n{listing}")
