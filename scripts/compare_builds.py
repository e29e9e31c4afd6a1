"""Compare two builds of the project file by file: did a change alter what is published?

    compare_builds.py OLD NEW [--show N]

OLD and NEW are folders that each hold site/ and dist/ (a checkout after
`make site`), or two site/ or dist/ folders. Zips are compared entry by
entry, so a difference names the file inside. For byte-identical bundles,
build both with the same SOURCE_DATE_EPOCH and SOURCE_VERSION.
Exit status: 0 identical, 1 different, 2 bad usage.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import zipfile
from pathlib import Path


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under folder (zips opened: entries as 'x.zip!/name'), by relative path."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        data = path.read_bytes()
        found[rel] = data
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    found[f"{rel}!/{name}"] = archive.read(name)
    return found


def outputs(root: Path) -> Path | list[Path]:
    return [root / name for name in ("site", "dist") if (root / name).is_dir()] or [root]


def first_difference(old: bytes, new: bytes, show: int) -> str:
    """The first differing lines of two text files."""
    try:
        a, b = old.decode("utf-8").splitlines(), new.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        return f"    binary: {len(old)} -> {len(new)} bytes"
    diff = list(difflib.unified_diff(a, b, lineterm="", n=0))[2 : 2 + show]
    return "\n".join(f"    {line[:200]}" for line in diff)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--show", type=int, default=6, help="lines of difference shown per file (default 6)")
    args = parser.parse_args(argv)
    if not args.old.is_dir() or not args.new.is_dir():
        print("compare_builds: both arguments must be folders.", file=sys.stderr)
        return 2
    old, new = {}, {}
    for folder in outputs(args.old):
        old.update({f"{folder.name}/{k}": v for k, v in files_of(folder).items()})
    for folder in outputs(args.new):
        new.update({f"{folder.name}/{k}": v for k, v in files_of(folder).items()})
    only_old, only_new = sorted(set(old) - set(new)), sorted(set(new) - set(old))
    changed = sorted(name for name in set(old) & set(new) if old[name] != new[name])
    for name in only_old:
        print(f"only in {args.old}: {name}")
    for name in only_new:
        print(f"only in {args.new}: {name}")
    for name in changed:
        print(f"differs: {name}")
        print(first_difference(old[name], new[name], args.show))
    same = len(set(old) & set(new)) - len(changed)
    print(f"compare_builds: {same} identical, {len(changed)} different, {len(only_old)} only in old, {len(only_new)} only in new.")
    return 1 if changed or only_old or only_new else 0


if __name__ == "__main__":
    sys.exit(main())
