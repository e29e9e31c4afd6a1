"""The published list of every offline file's SHA-256: SHA256SUMS, and the same list as a script for the file-check page.

The file-check page (docs/*/comprobar.md) reads the list from LIST_SCRIPT, a
script rather than JSON so that it loads from file:// too (as the search
index does). Online it lists every file of the build; inside an offline copy,
the files made before that copy (a file cannot hold its own SHA-256).
"""

from __future__ import annotations

import json

from alerta.offline.meta import sha256

SUMS_NAME = "SHA256SUMS"
LIST_SCRIPT = "downloads/SHA256SUMS.js"  # the same path in the site and inside every offline copy


def sums_text(digests: dict[str, str]) -> str:
    """SHA256SUMS lines ("<sha256>  <name>"), sorted by name, as sha256sum writes them."""
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(digests.items()))


def script_of(digests: dict[str, str], meta: dict) -> bytes:
    """window.publishedSums = {version, built, files: {name: sha256}}."""
    doc = {"version": meta["version"], "built": meta["built"], "files": dict(sorted(digests.items()))}
    return f"window.publishedSums={json.dumps(doc, ensure_ascii=False, separators=(',', ':'))};\n".encode("utf-8")


def list_script(outputs: dict, meta: dict) -> bytes:
    """The list script of some producers' outputs ({name: (bytes, kind, language[, more])})."""
    return script_of({name: sha256(output[0]) for name, output in outputs.items()}, meta)
