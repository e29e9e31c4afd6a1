"""Package the site for phones with no connection, and check a received file (alerta.offline).

    package_offline.py build [--dist DIR]                 build every bundle into dist/
    package_offline.py verify FILE... [--sums LIST]       is each file the original?
    package_offline.py new-key                            make the site's signing key pair

verify checks a zip against the manifest inside it, and every file against
the published SHA256SUMS, whose signature (LIST.sig) must be the site's:
LIST is that file, or its address on the site (https://.../downloads/SHA256SUMS;
the only use of the network, on request). Without --sums, a SHA256SUMS beside
the file is used. Exit 1 on any problem. new-key writes the public key into
data/signing/ and prints the private key once, for the CI secret SITE_SIGNING_KEY.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from alerta.config import ROOT
from alerta.offline.build import build
from alerta.offline.signing import KEY_ENV, SITE_PUBLIC_KEY, new_key
from alerta.offline.verify import ADVICE, SUMS_NAME, check_signature, parse_sums, read_bytes, read_sums, verify
from alerta.problems import ProblemError, message_language, report, say


def verify_command(paths: list[Path], sums: str | None) -> int:
    lists = [sums] if sums else sorted({str(path.parent / SUMS_NAME) for path in paths if (path.parent / SUMS_NAME).is_file()})
    try:
        texts = {where: read_sums(where) for where in lists}
        signatures = {where: read_bytes(where + ".sig") for where in lists}
    except OSError as exc:
        print(say(f"No se pudo leer la lista publicada {sums}: {exc}", f"Could not read the published list {sums}: {exc}"), file=sys.stderr)
        return 2
    unsigned = []
    for where in lists:
        problems, note = check_signature(texts[where].encode("utf-8"), signatures[where])
        unsigned += [say(f"{where}: {text.es}", f"{where}: {text.en}") for text in problems]
        if note:
            print(f"{where}: {note}.")
    published = parse_sums(texts[sums]) if sums else None
    failed = 0
    for path in paths:
        problems = unsigned + verify(path, published)
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
    sub.add_parser("new-key", help="make the site's signing key pair")
    args = parser.parse_args(argv)
    if args.command == "verify":
        return verify_command(args.paths, args.sums)
    if args.command == "new-key":
        private = new_key()
        print(say(f"Clave pública escrita en {SITE_PUBLIC_KEY.as_posix()}: súbala al repositorio.", f"Public key written to {SITE_PUBLIC_KEY.as_posix()}: commit it."), file=sys.stderr)
        print(say(f"Clave privada (guárdela SOLO como secreto {KEY_ENV} de CI; no la guarde en ningún archivo):", f"Private key (store it ONLY as the CI secret {KEY_ENV}; never in a file):"), file=sys.stderr)
        print(private)
        return 0
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
