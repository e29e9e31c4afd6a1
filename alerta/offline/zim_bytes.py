"""Make a ZIM written by libzim the same bytes for the same content.

libzim gives every file a random UUID (in the header) and python-libzim has
no way to set it; each Xapian index inside (full text, titles) gets a random
UUID of its own too. Everything else libzim writes depends only on what it is
given (with one worker thread). So, once the file is written, each of these
UUIDs is replaced by one derived from the file's content, and the MD5
checksum at the end (over everything before it) is computed again. The format
is openZIM's: https://wiki.openzim.org/wiki/ZIM_file_format#Header
"""

from __future__ import annotations

import hashlib
import struct
import uuid

HEADER_UUID = slice(8, 24)  # after the magic number (4 bytes) and the major and minor versions (2 + 2)
CHECKSUM_POS = 72  # the header's last field: where the MD5 checksum starts (8 bytes, little-endian)
# The start of a Xapian glass database's version block, then 2 bytes of format version, then its UUID.
GLASS_MAGIC = b"\x0f\x0dXapian Glass"
GLASS_UUID_OFFSET = len(GLASS_MAGIC) + 2


def uuid_spans(data: bytes, indexes: int) -> list[slice]:
    """Where the random UUIDs are: the header's, then each Xapian database's (exactly `indexes` of them)."""
    spans = [HEADER_UUID]
    start = data.find(GLASS_MAGIC)
    while start != -1:
        spans.append(slice(start + GLASS_UUID_OFFSET, start + GLASS_UUID_OFFSET + 16))
        start = data.find(GLASS_MAGIC, start + 1)
    if len(spans) != 1 + indexes:
        raise ValueError(f"expected {indexes} Xapian databases in the ZIM file, found {len(spans) - 1}")
    return spans


def reproducible(data: bytes, indexes: int) -> bytes:
    """The same ZIM with content-derived UUIDs and its checksum recomputed."""
    (checksum_pos,) = struct.unpack_from("<Q", data, CHECKSUM_POS)
    if checksum_pos != len(data) - 16:
        raise ValueError("the ZIM file does not end with its MD5 checksum")
    out = bytearray(data[:checksum_pos])
    spans = uuid_spans(out, indexes)
    for span in spans:
        out[span] = bytes(16)
    content = hashlib.sha256(out).digest()
    for number, span in enumerate(spans):
        derived = hashlib.sha256(content + bytes([number])).digest()[:16]
        out[span] = uuid.UUID(bytes=derived, version=4).bytes  # marked as a random UUID would be: readers expect one
    return bytes(out) + hashlib.md5(out).digest()  # noqa: S324 - the format's checksum, not a security measure
