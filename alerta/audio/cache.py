"""The audio cache: each published recording stored under a key made of the source bytes and the encoding.

An unchanged recording costs a hash on the next build, not a decode.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from alerta.media import EntryCache

AUDIO_NAME = "audio.webm"


class Cache(EntryCache):
    """Recordings by key: <dir>/<k[:2]>/<k>/audio.webm and manifest.json."""

    def load(self, key: str) -> dict | None:
        """The stored manifest, if the entry is complete (the file there, same size)."""
        return self.read_manifest(key, lambda manifest: {AUDIO_NAME: manifest["size"]})

    def store(self, key: str, manifest: dict, data: bytes) -> Path | None:
        """Write the entry whole or not at all; the stored file's path (None when read-only)."""
        entry = self.write(key, manifest, {AUDIO_NAME: data})
        return entry / AUDIO_NAME if entry else None


def cache_key(data: bytes, encoding: dict) -> str:
    """sha256 of the source bytes and of everything that decides the output."""
    meta = json.dumps(encoding, sort_keys=True)
    return hashlib.sha256(hashlib.sha256(data).digest() + meta.encode()).hexdigest()
