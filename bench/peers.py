"""The peer comparisons, each in a fresh Python (bench.peer): our link checker against LinkChecker
(bench.links), our image pipeline against Material's optimize plugin (bench.images); and the
budgets of the printed files (bench.printed), the Kiwix and single files (bench.zim) and the
audio pipeline (bench.audio). Whatever
goes wrong in a peer (an exception, a missing module, a timeout, a result that is not a dict)
becomes {"error": ...} in the report, never a crash of the whole benchmark.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from alerta.config import ROOT
from bench.timing import ENV, progress, r3

PEER_TIMEOUT = {"quick": 240, "full": 1800}


def run_peer(module: str, args: list, workdir: Path, timeout: float, root: Path = ROOT) -> dict:
    """Call <module>.run(*args, workdir) (a module under root, e.g. bench.links) in a fresh Python; its dict or {"error": ...}."""
    name = module.rsplit(".", 1)[-1]
    source = root / (module.replace(".", "/") + ".py")
    if not source.is_file():
        return {"error": f"{source.relative_to(root).as_posix()} is missing"}
    workdir.mkdir(parents=True, exist_ok=True)
    workdir.chmod(0o755)
    out = workdir / "result.json"
    # cwd=root: `-m` puts it first on sys.path, so the module is root's.
    command = [sys.executable, "-m", "bench.peer", module, str(out), json.dumps([*args, str(workdir)])]
    started = time.perf_counter()
    try:
        result = subprocess.run(command, cwd=root, capture_output=True, text=True, env=ENV, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"{name}.run() did not finish within {timeout:.0f} s"}
    if result.returncode != 0 or not out.is_file():
        lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
        return {"error": f"{name}.run() failed: {' | '.join(lines[-3:]) or f'exit {result.returncode}'}"}
    data = json.loads(out.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        return {"error": f"{name}.run() returned {type(data).__name__}, not a dict"}
    data["bench_wall_s"] = r3(time.perf_counter() - started)
    return data


def peer_figures(link_pages: int, workdir: Path, quick: bool) -> dict:
    """{"links": ..., "images": ..., "audio": ...}: each peer's figures or its error."""
    timeout = PEER_TIMEOUT["quick" if quick else "full"]
    progress(f"peers: bench/links.py run({link_pages}) (our checker vs LinkChecker)")
    links = run_peer("bench.links", [link_pages], workdir / "links", timeout)
    progress("peers: bench/images.py run() (our images vs Material's optimize plugin)")
    images = run_peer("bench.images", [], workdir / "images", timeout)
    progress("printed: bench/printed.py run() (card, poster, booklet, share images against their budgets)")
    printed = run_peer("bench.printed", [], workdir / "printed", timeout)
    progress("budgets: bench/zim.py run() (Kiwix files and single files)")
    zim = run_peer("bench.zim", [], workdir / "zim", timeout)
    progress("peers: bench/audio.py run() (recordings against their budgets)")
    return {"links": links, "images": images, "printed": printed, "zim": zim, "audio": run_peer("bench.audio", [], workdir / "audio", timeout)}
