"""The audio cache: each published recording stored under a key made of the source bytes and the encoding.

An unchanged recording costs a hash on the next build, not a decode.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path

AUDIO_NAME = "audio.webm"


class Cache:
    """Recordings by key: <dir>/<k[:2]>/<k>/audio.webm and manifest.json."""

    def __init__(self, directory: Path, readonly: bool = False) -> None:
        self.dir = Path(directory)
        self.readonly = readonly

    def entry(self, key: str) -> Path:
        return self.dir / key[:2] / key

    def load(self, key: str) -> dict | None:
        """The stored manifest, if the entry is complete (the file there, same size)."""
        entry = self.entry(key)
        try:
            manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
            if (entry / AUDIO_NAME).stat().st_size != manifest["size"]:
                return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return manifest

    def store(self, key: str, manifest: dict, data: bytes) -> Path | None:
        """Write the entry whole or not at all (a temp folder renamed); the stored file's path."""
        if self.readonly:
            return None
        entry = self.entry(key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key[:8]}-", dir=entry.parent))
        try:
            tmp.chmod(0o755)
            (tmp / AUDIO_NAME).write_bytes(data)
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
            if entry.exists():
                shutil.rmtree(entry)
            os.replace(tmp, entry)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        return entry / AUDIO_NAME


def cache_key(data: bytes, encoding: dict) -> str:
    """sha256 of the source bytes and of everything that decides the output."""
    meta = json.dumps(encoding, sort_keys=True)
    return hashlib.sha256(hashlib.sha256(data).digest() + meta.encode()).hexdigest()
