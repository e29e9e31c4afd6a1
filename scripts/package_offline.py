"""Package the site for phones with no connection, and check a received file (alerta.offline).

    package_offline.py build [--dist DIR]                 build every bundle into dist/
    package_offline.py verify FILE... [--sums LIST]       is each file the original?

verify checks a zip against the manifest inside it, and every file against
the published SHA256SUMS: LIST is that file, or its address on the site
(https://.../downloads/SHA256SUMS; the only use of the network, on request).
Without --sums, a SHA256SUMS beside the file is used. Exit 1 on any problem.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alerta.config import ROOT
from alerta.offline.build import build
from alerta.offline.verify import ADVICE, parse_sums, read_sums, verify
from alerta.problems import ProblemError, message_language, report, say


def verify_command(paths: list[Path], sums: str | None) -> int:
    try:
        published = parse_sums(read_sums(sums)) if sums else None
    except OSError as exc:
        print(say(f"No se pudo leer la lista publicada {sums}: {exc}", f"Could not read the published list {sums}: {exc}"), file=sys.stderr)
        return 2
    failed = 0
    for path in paths:
        problems = verify(path, published)
        if problems:
            failed += 1
            for problem in problems:
                print(problem, file=sys.stderr)
        else:
            print(say(f"{path.name}: es el original.", f"{path.name}: it is the original."))
    if failed:
        label = "Qué hacer" if message_language() == "es" else "What to do"
        print(f"{label}: {ADVICE}.", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="build every bundle into dist/")
    build_cmd.add_argument("--dist", type=Path, default=ROOT / "dist")
    verify_cmd = sub.add_parser("verify", help="is each file the published original?")
    verify_cmd.add_argument("paths", type=Path, nargs="+")
    verify_cmd.add_argument("--sums", help="the published SHA256SUMS: a file or its address")
    args = parser.parse_args(argv)
    if args.command == "verify":
        return verify_command(args.paths, args.sums)
    try:
        bundles = build(args.dist)
    except ProblemError as exc:
        print(report(exc.problems), file=sys.stderr)
        return 1
    for bundle in bundles:
        print(f"{bundle['file']:<16} {bundle['size'] / 1024:8.1f} KB  {bundle['sha256'][:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
