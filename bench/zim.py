"""The Kiwix files and the single files against their budgets: each language's ZIM at most 250 KB, all
the ZIMs adding at most 20 s to `make site`, each single-file HTML at most 80 KB with its quick exit.
One offline build of the real project (as `make site` makes it), then the ZIM producer
(alerta.offline.zim.zims) timed alone, RUNS times (median), and the sizes of what it and the single-file
producer write. KB = 1000 bytes. Run alone with `python -m bench.zim [--workdir DIR]` (prints JSON).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from alerta.config import site_config
from alerta.contacts import load_contacts
from alerta.directory import as_of
from alerta.offline.build import offline_build, single_files
from alerta.offline.meta import bundle_name, source_date_epoch, version
from alerta.offline.package import Package
from alerta.offline.zim import zims
from bench.peer import command_line

ZIM_MAX_KB = 250
ZIM_SECONDS_MAX = 20
SINGLE_MAX_KB = 80
RUNS = 3
KB = 1000


def run(workdir: Path) -> dict:
    """Sizes and build time of every ZIM and single file, each against its budget."""
    site = offline_build(Path(workdir) / "offline")
    epoch = source_date_epoch()
    meta = {"version": version(), "built": time.strftime("%Y-%m-%d", time.gmtime(epoch)), "contacts": as_of(load_contacts())}
    package = Package(site, meta, epoch, bundle_name(), site_config())
    times, outputs = [], {}
    for _ in range(RUNS):
        started = time.perf_counter()
        outputs = zims(package)
        times.append(time.perf_counter() - started)
    singles = single_files(package)
    zim_sizes = {name: len(data) for name, (data, _kind, _lang) in sorted(outputs.items())}
    single_sizes = {name: len(data) for name, (data, _kind, _lang) in sorted(singles.items())}
    per_language = {name: size for name, size in zim_sizes.items() if outputs[name][2] != "all"}
    seconds = statistics.median(times)
    summary = {
        "zim_largest_language_kb": round(max(per_language.values()) / KB, 1),
        "zim_budget_kb": ZIM_MAX_KB,
        "zim_size_pass": max(per_language.values()) <= ZIM_MAX_KB * KB,
        "zim_all_languages_kb": round(sum(s for n, s in zim_sizes.items() if n not in per_language) / KB, 1),
        "zim_build_median_s": round(seconds, 2),
        "zim_build_budget_s": ZIM_SECONDS_MAX,
        "zim_build_pass": seconds <= ZIM_SECONDS_MAX,
        "single_largest_kb": round(max(single_sizes.values()) / KB, 1),
        "single_budget_kb": SINGLE_MAX_KB,
        "single_size_pass": max(single_sizes.values()) <= SINGLE_MAX_KB * KB,
    }
    return {"summary": summary, "zim_bytes": zim_sizes, "single_bytes": single_sizes, "zim_build_seconds": [round(t, 3) for t in times]}


def main(argv: list[str] | None = None) -> int:
    return command_line("bench.zim", "The Kiwix files and single files against their budgets.", run, argv)


if __name__ == "__main__":
    sys.exit(main())
