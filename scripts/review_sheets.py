"""Review sheets for the native speakers who review the Quechua and Aymara drafts (alerta.review.sheets).

    review_sheets.py [--out DIR]

Writes one sheet per language and page, and one for the interface strings
and contacts, into dist/review/ (never published), with an index.html.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from alerta.config import ROOT
from alerta.problems import ProblemError, report, say
from alerta.review.sheets import write_sheets


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="review_sheets.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=ROOT, help="the project (default: this one)")
    parser.add_argument("--out", type=Path, default=None, help="where to write them (default: dist/review/)")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    out = args.out or root / "dist" / "review"
    try:
        sheets = write_sheets(root, out)
    except ProblemError as exc:
        print(report(exc.problems), file=sys.stderr)
        return 1
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        print(say(f"Un archivo de textos o de contactos no se puede leer ({exc}). Ejecute make lint: dice cuál y en qué línea.", f"A strings or contacts file cannot be read ({exc}). Run make lint: it says which and where."), file=sys.stderr)
        return 1
    for sheet in sheets:
        print(f"{sheet.path.name}: {sheet.source}, {sheet.pieces} frases, {sheet.priority} de seguridad, {sheet.flagged} con aviso")
    print(f"\n{len(sheets)} hojas en {out}/ (abra index.html). No se publican.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
