"""The machine and the versions a benchmark ran on, recorded with its figures so two runs can be
compared fairly: CPU model and cores (and how many this process may use), memory, OS, Python,
the MkDocs stack, Chromium, Playwright, Pillow, LinkChecker, the date and the load average.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import platform
import subprocess
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from alerta.chromium import CHROMIUM


def package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def proc_field(path: str, prefix: str) -> str | None:
    """The value after `prefix` in a /proc file (e.g. "model name" in /proc/cpuinfo), if any."""
    with contextlib.suppress(OSError):
        for line in Path(path).read_text().splitlines():
            if line.startswith(prefix):
                return line.split(":", 1)[1].strip()
    return None


def environment() -> dict:
    memory = 0
    with contextlib.suppress(AttributeError, ValueError, IndexError):  # no such line, or not "N kB"
        memory = int(proc_field("/proc/meminfo", "MemTotal:").split()[0]) * 1024
    chromium = "not installed"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=30).stdout.strip() or chromium
    return {
        "date": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "cpu_model": proc_field("/proc/cpuinfo", "model name") or "unknown",
        "cores": os.cpu_count() or 1,
        "usable_cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1),
        "memory_bytes": memory,
        "os": platform.platform(),
        "python": platform.python_version(),
        "mkdocs": package_version("mkdocs"),
        "mkdocs_material": package_version("mkdocs-material"),
        "mkdocs_static_i18n": package_version("mkdocs-static-i18n"),
        "playwright": package_version("playwright"),
        "pillow": package_version("pillow"),
        "linkchecker": package_version("linkchecker"),
        "chromium": chromium,
        "load_average_at_start": load_average(),
    }
