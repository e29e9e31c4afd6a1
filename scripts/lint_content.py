"""Content lint: what editors write in docs/, checked in plain words (alerta.lint).

    lint_content.py [--docs DIR] [--no-hints]

Each problem names the file and line, what is wrong and how to fix it, in
Spanish (SITE_MESSAGES=en for English). Exit 1 when there is an error;
plain-language hints never fail.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alerta.config import DOCS_DIR
from alerta.lint import lint_docs
from alerta.problems import errors, message_language, report, say


def counts(problems) -> str:
    """The closing line: how many errors and hints."""
    n_errors = len(errors(problems))
    n_hints = len({p for p in problems if p.level == "hint"})
    if message_language() == "es":
        return f"{n_errors} error{'es' if n_errors != 1 else ''}, {n_hints} sugerencia{'s' if n_hints != 1 else ''}."
    return f"{n_errors} error{'s' if n_errors != 1 else ''}, {n_hints} hint{'s' if n_hints != 1 else ''}."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lint_content.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="the docs folder (default: docs/)")
    parser.add_argument("--check", action="store_true", help="exit 1 on errors (always the case; hints never fail)")
    parser.add_argument("--no-hints", action="store_true", help="do not print the plain-language hints")
    args = parser.parse_args(argv)
    docs_dir = args.docs.resolve()
    if not docs_dir.is_dir():
        print(say(f"No existe la carpeta {args.docs}.", f"{args.docs}: no such folder."), file=sys.stderr)
        return 1
    problems = lint_docs(docs_dir)
    shown = [p for p in problems if not (args.no_hints and p.level == "hint")]
    if shown:
        print(report(shown) + "\n")
    print(counts(problems))
    return 1 if errors(problems) else 0


if __name__ == "__main__":
    sys.exit(main())
