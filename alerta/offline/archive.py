"""Zips that are the same bytes for the same sources, and their manifest (checks: verify.py)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import tempfile
import zipfile
from pathlib import Path

from alerta.offline.meta import ZIP_EPOCH_MIN, sha256
from alerta.offline.signing import SIGNATURE_SUFFIX, Signer, sign
from alerta.offline.sums import LIST_SCRIPT, SUMS_NAME, script_of, sums_text

FILE_MODE = 0o644


def manifest(files: dict[str, bytes], meta: dict, languages: list[str]) -> bytes:
    """manifest.json: what the bundle holds, with sizes and SHA-256."""
    entries = [{"path": path, "size": len(data), "sha256": sha256(data)} for path, data in sorted(files.items())]
    doc = {**meta, "languages": languages, "files": entries}
    return (json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def zip_bytes(top: str, files: dict[str, bytes], epoch: int) -> bytes:
    """A reproducible zip: sorted names, fixed dates and permissions, UTF-8 names."""
    stamp = dt.datetime.fromtimestamp(max(epoch, ZIP_EPOCH_MIN), dt.timezone.utc).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{top}/{path}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below are read
            info.external_attr = (0o100000 | FILE_MODE) << 16
            info.flag_bits |= 0x800  # names are UTF-8 (señales.html)
            archive.writestr(info, files[path], compresslevel=9)
    return buffer.getvalue()


def write_atomically(dist: Path, outputs: dict[str, tuple], meta: dict, signer: Signer) -> None:
    """Write everything, the signed list and bundles.json to a staging folder first, then move it into dist/.

    Each output is (bytes, kind, language), or with a fourth item: what else bundles.json says of the file (an image's "alt").
    """
    dist.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=dist, prefix=".staging-"))
    try:
        bundles = []
        for filename, (data, kind, lang, *more) in sorted(outputs.items()):
            (staging / filename).write_bytes(data)
            bundles.append({**(more[0] if more else {}), "file": filename, "kind": kind, "language": lang, "size": len(data), "sha256": sha256(data), "date": meta["built"]})
        digests = {b["file"]: b["sha256"] for b in bundles}
        sums = sums_text(digests).encode("utf-8")
        (staging / SUMS_NAME).write_bytes(sums)
        (staging / (SUMS_NAME + SIGNATURE_SUFFIX)).write_bytes(sign(sums, signer))
        (staging / Path(LIST_SCRIPT).name).write_bytes(script_of(digests, meta))
        (staging / "bundles.json").write_text(json.dumps({"bundles": bundles, "signing": {"public_key": signer.public, "development": signer.development}}, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        # Every file is complete: only now replace the previous bundles.
        for path in sorted(staging.iterdir()):
            os.replace(path, dist / path.name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


