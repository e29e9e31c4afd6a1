"""Apply a reviewer's corrections to a page (alerta.review.corrections).

    apply_review.py data/reviews/qu/señales.yml [...]

Each file is applied whole or not at all: every problem is listed, in plain
Spanish, and nothing is written. The review is recorded in the page's front
matter (`reviewers:`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alerta.config import ROOT
from alerta.pages import read_page
from alerta.problems import ProblemError, report
from alerta.review import review_settings
from alerta.review.corrections import apply_corrections, read_corrections
from alerta.review.reviewers import people, read_reviewers


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="apply_review.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="corrections files, data/reviews/<lang>/<page>.yml")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    failed = False
    for path in args.files:
        path = path.resolve() if path.exists() else root / path
        try:
            corrections = read_corrections(path, root)
            changed = apply_corrections(corrections, root)
        except ProblemError as exc:
            print(report(exc.problems), file=sys.stderr)
            failed = True
            continue
        numbers = ", ".join(str(n) for n in sorted(corrections.texts))
        who = corrections.reviewer
        print(f"{', '.join(changed)}: {len(corrections.texts)} correcciones aplicadas ({numbers}); revisión de {who.name} ({who.variety}, {who.date}).")
        page = root / changed[0]
        if changed[0].startswith("docs/") and page.suffix == ".md":
            needed = review_settings(root / "mkdocs.yml").reviewers
            count = len(people(read_reviewers(read_page(page, root / "docs"))[0]))
            then = "ya puede poner translation: reviewed." if count >= needed else "la página sigue como borrador (translation: draft)."
            print(f"  Personas que la revisaron: {count} de {needed}; {then}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
