"""The printed and shared files against their budgets: card PDF <= 60 KB, poster <= 300 KB, booklet <= 600 KB
per language, share image <= 150 KB, and all of them adding <= 30 s to `make site` on this machine. One offline
build of the project, then the two printed producers (alerta.printed.produce.sheets and .shared) timed on it.
Run alone with `python -m bench.printed [--workdir DIR]` (prints JSON).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from alerta.config import site_config
from alerta.contacts import load_contacts
from alerta.directory import as_of
from alerta.offline.build import Package, offline_build
from alerta.offline.meta import bundle_name, source_date_epoch, version
from alerta.printed.produce import shared, sheets
from bench.peer import command_line

KB = 1024
BUDGETS = {"card": 60 * KB, "poster_a4": 300 * KB, "poster_a3": 300 * KB, "booklet": 600 * KB, "share": 150 * KB, "seconds": 30}


def run(workdir: Path) -> dict:
    """Sizes per file, time per producer, and whether each budget holds."""
    site = offline_build(workdir / "offline")
    meta = {"version": version(), "built": "2026-01-01", "contacts": as_of(load_contacts())}
    package = Package(site, meta, source_date_epoch(), bundle_name(), site_config())
    timings, outputs = {}, {}
    for produce in (sheets, shared):
        started = time.perf_counter()
        outputs.update(produce(package))
        timings[produce.__name__] = round(time.perf_counter() - started, 2)
    files = {name: len(out[0]) for name, out in sorted(outputs.items())}
    largest = {kind: max((len(out[0]) for out in outputs.values() if out[1] == kind), default=0) for kind in BUDGETS if kind != "seconds"}
    total = round(sum(timings.values()), 2)
    within = {kind: largest[kind] <= BUDGETS[kind] for kind in largest} | {"seconds": total <= BUDGETS["seconds"]}
    return {"budgets": BUDGETS, "largest_bytes": largest, "seconds": timings, "total_seconds": total, "within_budget": within, "files": files}


def main(argv: list[str] | None = None) -> int:
    return command_line("bench.printed", __doc__.split("\n")[0], run, argv)


if __name__ == "__main__":
    sys.exit(main())
