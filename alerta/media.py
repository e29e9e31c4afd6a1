"""What the image and audio pipelines share: a cache of work keyed by content, and results kept between builds.

EntryCache: <dir>/<k[:2]>/<k>/ holds the files made from one source and a
manifest.json listing their sizes, written whole or not at all (a temporary
folder renamed), so an interrupted build never leaves half an entry.
Kept: a pipeline's results by source file across the language builds and
`mkdocs serve` rebuilds, redone only when the file or the settings change.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class EntryCache:
    """Made files by key (sha256 of the source bytes and of what decides the output)."""

    def __init__(self, directory: Path, readonly: bool = False) -> None:
        self.dir = Path(directory)
        self.readonly = readonly

    def entry(self, key: str) -> Path:
        return self.dir / key[:2] / key

    def read_manifest(self, key: str, sizes: Callable[[dict], dict[str, int]]) -> dict | None:
        """The stored manifest, if the entry is complete: every file sizes(manifest) names is there, with that size."""
        entry = self.entry(key)
        try:
            manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
            for name, size in sizes(manifest).items():
                if (entry / name).stat().st_size != size:
                    return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return manifest

    def write(self, key: str, manifest: dict, files: dict[str, bytes]) -> Path | None:
        """Write the entry whole or not at all; its folder (None when read-only)."""
        if self.readonly:
            return None
        entry = self.entry(key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key[:8]}-", dir=entry.parent))
        try:
            tmp.chmod(0o755)
            for name, data in files.items():
                (tmp / name).write_bytes(data)
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
            if entry.exists():
                shutil.rmtree(entry)
            os.replace(tmp, entry)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        return entry


@dataclass
class Kept:
    """A pipeline's results by source file, and the (size, mtime) each was made from."""

    root: Path
    settings: Any = None
    results: dict[Path, Any] = field(default_factory=dict)
    seen: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def configure(self, settings) -> None:
        """New settings (an edit of mkdocs.yml during `mkdocs serve`) make every file be processed again."""
        if settings != self.settings:
            self.results.clear()
            self.seen.clear()
        self.settings = settings

    def stale(self, path: Path, files_of: Callable[[Any], Iterable[Path]]) -> bool:
        """New, changed, or its cache entry was deleted (`make clean` during `serve`)."""
        stat = path.stat()
        known = self.results.get(path)
        return self.seen.get(path) != (stat.st_size, stat.st_mtime_ns) or known is None or not all(f is not None and Path(f).is_file() for f in files_of(known))

    def keep(self, present: Iterable[Path], results: Iterable[Any]) -> None:
        """Forget the sources that are gone; remember the new results (each has .source)."""
        for gone in set(self.results) - set(present):
            self.results.pop(gone, None)
            self.seen.pop(gone, None)
        for result in results:
            stat = result.source.stat()
            self.results[result.source] = result
            self.seen[result.source] = (stat.st_size, stat.st_mtime_ns)
