"""The image cache: variants stored under a key made of the source bytes and the settings.

An unchanged image costs a hash on the next build, not a decode.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

from PIL import Image

from alerta.images.settings import Settings
from alerta.media import EntryCache

if TYPE_CHECKING:
    from alerta.images.raster import Variant

PIPELINE_VERSION = 2  # bump when the output (or the stored manifest) of the same settings changes


class Cache(EntryCache):
    """Variants by key (sha256 of source bytes + settings): <dir>/<k[:2]>/<k>/."""

    def load(self, key: str) -> dict | None:
        """The stored manifest, if complete (every variant there, same size)."""
        return self.read_manifest(key, lambda manifest: {v["name"]: v["size"] for v in manifest["variants"]})

    def store(self, key: str, manifest: dict, variants: list[Variant]) -> None:
        """Write the entry whole or not at all; the variants then point at their files there."""
        entry = self.write(key, manifest, {v.name: v.data for v in variants})
        if entry is None:
            return
        for v in variants:
            v.path, v.data = entry / v.name, None


def cache_key(data: bytes, settings: Settings) -> str:
    meta = json.dumps(
        {"pipeline": PIPELINE_VERSION, "pillow": Image.__version__, "settings": settings.key_data()},
        sort_keys=True,
    )
    return hashlib.sha256(hashlib.sha256(data).digest() + meta.encode()).hexdigest()
