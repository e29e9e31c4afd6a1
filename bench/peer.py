"""The child side of bench.peers: `python -m bench.peer MODULE OUT.json ARGS_JSON` imports MODULE
(from the current folder first), calls its run(*args, workdir) with the last argument as the work
folder, and writes the returned figures to OUT.json. A fresh Python per peer keeps one peer's
imports, caches and crashes out of the benchmark's own process.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    module_name, out, args_json = sys.argv[1:] if argv is None else argv
    args = json.loads(args_json)
    result = importlib.import_module(module_name).run(*args[:-1], Path(args[-1]))
    Path(out).write_text(json.dumps(result, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


def command_line(module: str, description: str, run: Callable[[Path], dict], argv: list[str] | None = None) -> int:
    """A peer run on its own (`python -m bench.zim [--workdir DIR]`): its figures printed as JSON,
    worked out in DIR or in a temporary folder removed after."""
    parser = argparse.ArgumentParser(prog=f"python -m {module}", description=description)
    parser.add_argument("--workdir", type=Path, help="where to work (default: a temporary folder, removed after)")
    args = parser.parse_args(argv)
    if args.workdir:
        result = run(args.workdir)
    else:
        with tempfile.TemporaryDirectory(prefix=f"{module.replace('.', '-')}-") as tmp:
            result = run(Path(tmp))
    print(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
