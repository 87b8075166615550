"""Zip containers (XLSX, DOCX) checked before they are opened: what they unpack to is bounded.

A 1.3 MB Word file whose document.xml unpacks to 400 MB took python-docx 82 s and 4.7 GB; the
same holds for any part of any zip container. Declared sizes are checked first (each member and
their sum), then each member is inflated a megabyte at a time and counted: Python's zipfile
inflates a member whole before cutting it to its declared size, so an archive that understates a
member would still cost what the member really holds. Inflating a real workbook or Word file
again costs a few milliseconds per megabyte.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from .errors import GuidetraceError

MAX_UNPACKED = 100 * 1024 * 1024  # bytes, per member and in total
CHUNK = 1024 * 1024
_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature ... name length, extra length (30 bytes)


def check_container(path: Path, what: str, *, limit: int = MAX_UNPACKED) -> None:
    """One line naming the file (and the member) when `path` is no zip archive or unpacks past `limit`."""
    file = str(path)

    def refuse(message: str) -> GuidetraceError:
        return GuidetraceError(message, file=file)

    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise refuse(f"not a{'n' if what[0] in 'aeiouAEIOUX' else ''} {what} (not a zip archive)") from None
    except OSError as exc:
        raise refuse(f"cannot read: {exc.strerror}") from None
    for info in members:
        if info.file_size > limit:
            raise refuse(f"{what} member {info.filename} unpacks to {info.file_size} bytes (at most {limit} "
                         "expected): refusing")
    total = sum(info.file_size for info in members)
    if total > limit:
        raise refuse(f"{what} unpacks to {total} bytes (at most {limit} expected): refusing")
    try:
        with path.open("rb") as f:
            for info in members:
                if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):  # bzip2, lzma: inflated whole
                    raise refuse(f"{what} member {info.filename} uses compression method {info.compress_type}, "
                                 "which Word and Excel do not write: refusing")
                if _inflated(f, info) > info.file_size:
                    raise refuse(f"{what} member {info.filename} unpacks to more than the {info.file_size} bytes "
                                 "it declares: refusing")
    except (zlib.error, struct.error, EOFError):
        raise refuse(f"{what} is corrupt (a member's data cannot be inflated)") from None
    except OSError as exc:
        raise refuse(f"cannot read: {exc.strerror}") from None


def _inflated(f: BinaryIO, info: zipfile.ZipInfo) -> int:
    """How many bytes the member really inflates to, counted no further than one chunk past its declared size."""
    f.seek(info.header_offset)
    signature, name_length, extra_length = _LOCAL_HEADER.unpack(f.read(_LOCAL_HEADER.size))
    if signature != b"PK\x03\x04":
        raise EOFError
    f.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        return left
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    out = 0
    while left > 0 or inflater.unconsumed_tail:
        data = inflater.unconsumed_tail
        if not data:
            data = f.read(min(CHUNK, left))
            if not data:
                raise EOFError
            left -= len(data)
        out += len(inflater.decompress(data, CHUNK))
        if out > info.file_size or inflater.eof:
            break
    return out
