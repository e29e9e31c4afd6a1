"""Run the project's commands and time them: wall time of one command, its last output lines
when it fails (StageError), medians, and progress lines on stderr. Each command keeps its build
cache in .cache/ of the folder it runs in (a project copy's own, which the benchmark empties
before each timed command), whatever SITE_CACHE_DIR the caller has set.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

STAGE_TIMEOUT = 1800
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")

_started = time.monotonic()


def progress(message: str) -> None:
    print(f"[bench {time.monotonic() - _started:6.1f}s] {message}", file=sys.stderr, flush=True)


class StageError(RuntimeError):
    """A command of the pipeline failed; the message holds its last lines."""


def command_env(cwd: Path) -> dict[str, str]:
    """ENV with the build cache in cwd/.cache (a shared SITE_CACHE_DIR would never be cold)."""
    return dict(ENV, SITE_CACHE_DIR=str(Path(cwd) / ".cache"))


def mkdocs_build(config: Path, site: Path, strict: bool = True) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "-q", "-f", str(config), "-d", str(site)]


def project_script(name: str, *args) -> list[str]:
    """scripts/NAME.py as a module: run with a project copy as cwd, it imports that copy's
    `alerta` (the current folder comes first on sys.path), not the installed one."""
    return [sys.executable, "-m", f"scripts.{name}", *map(str, args)]


def command_name(command: list) -> str:
    """"mkdocs build" or the script's name, for messages."""
    if command[1] != "-m":
        return Path(str(command[1])).name
    module = str(command[2])
    return f"{module} {command[3]}" if module == "mkdocs" else module.rsplit(".", 1)[-1] + ".py"


def run_timed(command: list[str], cwd: Path, timeout: float = STAGE_TIMEOUT, ok_codes=(0,)) -> tuple[float, subprocess.CompletedProcess]:
    """Wall time of one command; StageError with its last output lines if it fails."""
    started = time.perf_counter()
    try:
        result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=command_env(cwd), timeout=timeout)
    except subprocess.TimeoutExpired:
        raise StageError(f"{command_name(command)}: timed out after {timeout:.0f} s") from None
    seconds = time.perf_counter() - started
    if result.returncode not in ok_codes:
        lines = [ln for ln in (result.stderr + "\n" + result.stdout).splitlines() if ln.strip() and "WARNING" not in ln and "INFO" not in ln]
        raise StageError(f"{command_name(command)} exited {result.returncode}: " + " | ".join(lines[-6:]))
    return seconds, result


def median(values: list[float]) -> float:
    return statistics.median(values)


def r3(x: float) -> float:
    return round(x, 3)


def timings(values: list[float]) -> dict:
    """{"median_s", "runs_s"} of a stage's runs, as bench.json records them."""
    return {"median_s": r3(median(values)), "runs_s": [r3(v) for v in values]}
