"""Damaged ZIP archives of the kinds ``zipfile`` answers with something other than
``BadZipFile`` — an XLSX workbook and an orientir backup are both ZIP archives, and a damaged
one must get a clear error, not a traceback. The header offsets are those of the ZIP format
(PKWARE APPNOTE 4.3.7 local header, 4.3.12 central directory header)."""

from __future__ import annotations

import struct

LOCAL = b"PK\x03\x04"
CENTRAL = b"PK\x01\x02"


def _patch(data: bytes, signature: bytes, offset: int, value: int) -> bytes:
    """Write the 2-byte little-endian ``value`` at ``offset`` past every ``signature``."""
    out = bytearray(data)
    at = out.find(signature)
    assert at >= 0, f"no {signature!r} record"
    while at >= 0:
        out[at + offset : at + offset + 2] = struct.pack("<H", value)
        at = out.find(signature, at + 1)
    return bytes(out)


def damaged_archives(data: bytes) -> dict[str, bytes]:
    """Named damaged copies of the ZIP archive ``data``."""
    scrambled = bytearray(data)
    header = data.find(LOCAL)
    while header >= 0:
        name_length, extra_length = struct.unpack_from("<HH", data, header + 26)
        body = header + 30 + name_length + extra_length
        for at in range(body, min(body + 16, len(data))):
            scrambled[at] ^= 0x5A
        header = data.find(LOCAL, body)
    return {
        # NotImplementedError("zip file version 8.4"), found by the import fuzzing in CI.
        "format version 8.4": _patch(data, CENTRAL, 6, 84),
        # NotImplementedError("That compression method is not supported").
        "unknown compression": _patch(_patch(data, CENTRAL, 10, 99), LOCAL, 8, 99),
        # The first bytes of every member scrambled: zlib.error or a CRC mismatch.
        "scrambled member": bytes(scrambled),
        "cut in the central directory": data[: data.rfind(CENTRAL) + 10],
        "empty": b"",
    }
