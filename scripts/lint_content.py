"""Content lint: what editors write in docs/, checked in plain words (alerta.lint).

    lint_content.py [--docs DIR] [--no-hints]

Each finding reads `docs/es/formas.md:14: <what is wrong>. <How to fix it.>`
The exit code is 1 when there is an error; hints never fail.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alerta.config import DOCS_DIR
from alerta.lint import format_findings, lint_docs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="lint_content.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="the docs folder (default: docs/)")
    parser.add_argument("--check", action="store_true", help="exit 1 on errors (always the case; hints never fail)")
    parser.add_argument("--no-hints", action="store_true", help="do not print the plain-language hints")
    args = parser.parse_args(argv)
    docs_dir = args.docs.resolve()
    if not docs_dir.is_dir():
        print(f"{args.docs}: no such folder.", file=sys.stderr)
        return 1
    findings = lint_docs(docs_dir)
    print(format_findings(findings, hints=not args.no_hints))
    return 1 if any(not f.hint for f in findings) else 0


if __name__ == "__main__":
    sys.exit(main())
