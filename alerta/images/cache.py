"""The image cache: variants stored under a key made of the source bytes and the settings.

An unchanged image costs a hash on the next build, not a decode.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image

from alerta.images.settings import Settings

if TYPE_CHECKING:
    from alerta.images.raster import Variant

PIPELINE_VERSION = 2  # bump when the output (or the stored manifest) of the same settings changes


class Cache:
    """Variants by key (sha256 of source bytes + settings): <dir>/<k[:2]>/<k>/."""

    def __init__(self, directory: Path, readonly: bool = False) -> None:
        self.dir = Path(directory)
        self.readonly = readonly

    def entry(self, key: str) -> Path:
        return self.dir / key[:2] / key

    def load(self, key: str) -> dict | None:
        """The stored manifest, if complete (every variant there, same size)."""
        entry = self.entry(key)
        try:
            manifest = json.loads((entry / "manifest.json").read_text(encoding="utf-8"))
            for v in manifest["variants"]:
                if (entry / v["name"]).stat().st_size != v["size"]:
                    return None
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return manifest

    def store(self, key: str, manifest: dict, variants: list[Variant]) -> None:
        """Write the entry whole or not at all (a temp folder renamed)."""
        if self.readonly:
            return
        entry = self.entry(key)
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{key[:8]}-", dir=entry.parent))
        try:
            tmp.chmod(0o755)
            for v in variants:
                (tmp / v.name).write_bytes(v.data)
            (tmp / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
            if entry.exists():
                shutil.rmtree(entry)
            os.replace(tmp, entry)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
        for v in variants:
            v.path, v.data = entry / v.name, None


def cache_key(data: bytes, settings: Settings) -> str:
    meta = json.dumps(
        {"pipeline": PIPELINE_VERSION, "pillow": Image.__version__, "settings": settings.key_data()},
        sort_keys=True,
    )
    return hashlib.sha256(hashlib.sha256(data).digest() + meta.encode()).hexdigest()
