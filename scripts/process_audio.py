#!/usr/bin/env python3
"""Prepare the site's recordings: mono, -16 LUFS, trimmed, Opus in WebM, no tags (alerta.audio).

    process_audio.py [DOCS_DIR] [--out DIR] [--check]

Every recording of DOCS_DIR/<lang>/audio/ is matched to its page or section
and processed into the cache (what the build uses). --out also copies the
published files to DIR/<lang>/audio/ once every recording has passed.
--check writes nothing (not even the cache). Exit codes: 0 ok, 1 a bad
recording, 2 bad arguments or settings.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from alerta.audio.cache import Cache
from alerta.audio.process import minutes, process_many
from alerta.audio.recordings import find_recordings
from alerta.audio.settings import AudioError, load_settings
from alerta.config import DOCS_DIR, ROOT
from alerta.downloads import human_size
from alerta.problems import report, say


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("docs", nargs="?", type=Path, default=DOCS_DIR, help="the docs folder (default: docs/)")
    parser.add_argument("--out", type=Path, help="also copy the published files here, once every recording has passed")
    parser.add_argument("--check", action="store_true", help="write nothing (not even the cache); exit 1 on any error")
    args = parser.parse_args(argv)
    if not args.docs.is_dir():
        print(say(f"process_audio: no existe la carpeta {args.docs}.", f"process_audio: {args.docs}: no such folder."), file=sys.stderr)
        return 2
    try:
        settings = load_settings()
    except AudioError as exc:
        print(report(exc.problems), file=sys.stderr)
        return 2
    started = time.perf_counter()
    recordings, problems = find_recordings(args.docs)
    results, failed = process_many([r.path for r in recordings], settings, Cache(settings.cache_path(ROOT), readonly=args.check), ROOT)
    for r in results:
        note = " (cached)" if r.cached else f", gain {r.gain:+.1f} dB, kept {r.trim[0]:.2f}-{r.trim[1]:.2f} s"
        print(f"{r.rel}: {human_size(r.source.stat().st_size)} -> {r.name} {human_size(r.size)}, {minutes(r.duration)}, {r.size / r.duration / 1000:.2f} KB/s, {r.loudness:.1f} LUFS{note}, {r.seconds:.2f} s")
    if problems + failed:
        print(report(problems + failed), file=sys.stderr)
    audio = sum(r.duration for r in results)
    print(f"audio: {len(results)} recording(s), {minutes(audio)} of speech, {human_size(sum(r.size for r in results))} published; {time.perf_counter() - started:.2f} s")
    if problems + failed:
        return 1
    if args.out and not args.check:
        language = {r.path: r.lang for r in recordings}
        for result in results:
            target = args.out / language[result.source] / "audio" / result.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(result.read())
    return 0


if __name__ == "__main__":
    sys.exit(main())
