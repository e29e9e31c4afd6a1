"""The contacts waiting for a call (never confirmed, or confirmed too long ago), and the sheet to call them.

    contacts_due.py [--sheet PATH] [--review-days N]

Lists each entry due, writes a printable call sheet (default
dist/review/contactos-por-llamar.html, never published) and exits 1 when
any entry is due, so the weekly workflow can open an issue.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from alerta.call_sheet import due_lines, sheet
from alerta.config import ROOT, site_config
from alerta.contacts import CONTACTS_FILE, REVIEW_DAYS, due, load_contacts
from alerta.problems import ProblemError, report

SHEET = ROOT / "dist" / "review" / "contactos-por-llamar.html"


def main(argv: list[str] | None = None) -> int:
    default_days = int((site_config().extra.get("contacts") or {}).get("review_days", REVIEW_DAYS))
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contacts", type=Path, default=CONTACTS_FILE)
    parser.add_argument("--sheet", type=Path, default=SHEET)
    parser.add_argument("--review-days", type=int, default=default_days)
    parser.add_argument("--today", type=dt.date.fromisoformat, default=dt.date.today())
    args = parser.parse_args(argv)
    try:
        contacts = load_contacts(args.contacts, today=args.today, review_days=args.review_days)
    except ProblemError as exc:
        print(report(exc.problems), file=sys.stderr)
        return 2
    waiting = due(contacts)
    if not waiting:
        print(f"Ningún contacto espera una llamada (revisión cada {args.review_days} días).")
        return 0
    print(f"{len(waiting)} de {len(contacts)} contactos esperan una llamada que los confirme (revisión cada {args.review_days} días):")
    print("\n".join(due_lines(waiting)))
    args.sheet.parent.mkdir(parents=True, exist_ok=True)
    args.sheet.write_text(sheet(waiting, args.today), encoding="utf-8")
    print(f"\nHoja para imprimir y llamar: {args.sheet}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
