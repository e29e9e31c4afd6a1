"""Package the site for phones with no connection: zips and single HTML files (alerta.offline).

    package_offline.py build [--dist DIR]     build every bundle into dist/
    package_offline.py verify FILE [FILE...]  check bundles against their manifest
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alerta.config import ROOT
from alerta.offline.archive import verify
from alerta.offline.build import build
from alerta.offline.meta import BundleError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    build_cmd = sub.add_parser("build", help="build every bundle into dist/")
    build_cmd.add_argument("--dist", type=Path, default=ROOT / "dist")
    verify_cmd = sub.add_parser("verify", help="check bundles against their manifest")
    verify_cmd.add_argument("paths", type=Path, nargs="+")
    args = parser.parse_args(argv)

    if args.command == "verify":
        problems = [p for path in args.paths for p in verify(path)]
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"ok: {len(args.paths)} bundle(s) match their manifest")
        return 1 if problems else 0

    try:
        bundles = build(args.dist)
    except BundleError as exc:
        print(f"package_offline: {exc}", file=sys.stderr)
        return 1
    for bundle in bundles:
        print(f"{bundle['file']:<16} {bundle['size'] / 1024:8.1f} KB  {bundle['sha256'][:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
