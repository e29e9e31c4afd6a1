"""Translation status of every page: reviewed, draft, outdated or missing (alerta.translations).

    i18n_status.py [--format table|markdown|json] [--check] [--require-all]
    i18n_status.py mark LANG PAGE      record that docs/LANG/PAGE follows the current Spanish page
    i18n_status.py mark LANG --all     the same for every page of LANG

The statuses and the structural comparison are described in
alerta/translations/status.py. `--check` exits 1 on a structural difference,
on a translation without a Spanish page, and on a page missing in English (in
every language with --require-all); an outdated page does not fail.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alerta.config import DOCS_DIR
from alerta.pages import SOURCE_LANGUAGE, TRANSLATION_LANGUAGES
from alerta.translations.mark import mark
from alerta.translations.render import RENDERERS
from alerta.translations.status import status_report


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="i18n_status.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=DOCS_DIR, help="the docs folder (default: docs/)")
    parser.add_argument("--format", choices=sorted(RENDERERS), default="table", help="output format (default: table)")
    parser.add_argument("--check", action="store_true", help="exit 1 on structural differences or missing required pages")
    parser.add_argument("--require-all", action="store_true", help="with --check: every page must exist in every language")
    commands = parser.add_subparsers(dest="command")
    marker = commands.add_parser("mark", help="record that a translation follows the current Spanish page")
    marker.add_argument("lang", help="the translation's language: " + ", ".join(TRANSLATION_LANGUAGES))
    marker.add_argument("pages", nargs="*", help="page file names, e.g. señales.md")
    marker.add_argument("--all", action="store_true", help="every page of the language")
    marker.add_argument("--docs", dest="mark_docs", type=Path, default=None, help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    docs_dir = Path(args.docs).resolve()
    if args.command == "mark":
        if args.mark_docs:
            docs_dir = Path(args.mark_docs).resolve()
        if bool(args.pages) == args.all:
            parser.error("mark needs either page names or --all, e.g. mark en señales.md")
        done, errors = mark(docs_dir, args.lang, None if args.all else args.pages)
        for message in done:
            print(message)
        for message in errors:
            print(message, file=sys.stderr)
        return 1 if errors else 0
    if not (docs_dir / SOURCE_LANGUAGE).is_dir():
        print(f"{docs_dir}: no {SOURCE_LANGUAGE}/ folder with the Spanish pages.", file=sys.stderr)
        return 1
    report = status_report(docs_dir)
    sys.stdout.write(RENDERERS[args.format](report, args.require_all))
    if args.check and report.failures(args.require_all):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
