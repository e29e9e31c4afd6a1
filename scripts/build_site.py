"""Build everything `make site` publishes, all or nothing (alerta.build).

    build_site.py

Checks the content, builds the offline copy, the bundles and the site into a
temporary folder, checks their links, and only then replaces site/ and dist/.
Every problem is listed at once, in Spanish (SITE_MESSAGES=en for English).
Exit status: 0 published (maybe with warnings), 1 something must be fixed
(site/ and dist/ left exactly as they were).
"""

from __future__ import annotations

import sys

from alerta.build import build_all
from alerta.problems import errors, message_language, report


def main(argv: list[str] | None = None) -> int:
    problems = build_all()
    if problems:
        print(report(problems), file=sys.stderr if errors(problems) else sys.stdout)
    es = message_language() == "es"
    if errors(problems):
        count = len(errors(problems))
        print(
            f"\nNo se publicó nada: {count} problema{'s' if count != 1 else ''} que arreglar (arriba, con el archivo y la línea). site/ y dist/ quedaron como estaban."
            if es
            else f"\nNothing was published: {count} problem{'s' if count != 1 else ''} to fix (above, with file and line). site/ and dist/ are as they were.",
            file=sys.stderr,
        )
        return 1
    print("\nListo: el sitio está en site/ y los archivos para descargar en dist/." if es else "\nDone: the site is in site/ and the downloads in dist/.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
