"""Reading text files whose encoding the user did not declare.

Japanese ministries publish UTF-8, UTF-8 with BOM and CP932 (Shift_JIS); the
order of attempts is fixed so that detection is deterministic. Excel's "Unicode text"
export is UTF-16 (little-endian) with a byte-order mark: a file that opens with one is
read as UTF-16, whichever the byte order. Lines end in LF, CRLF or a CR alone (classic Mac
exports): each counts when an error names a line.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import GuidetraceError

ENCODINGS = ("utf-8-sig", "cp932")
UTF16 = "utf-16"  # Python's codec reads the byte-order mark, takes its byte order and drops it
UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def line_of(data: bytes, offset: int) -> int:
    """The line a byte offset falls on, counting LF, CRLF and a CR alone (a CP932 character never holds
    either byte)."""
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def decode_bytes(data: bytes, *, file: str, encoding: str | None = None) -> DecodedText:
    if encoding is None and data.startswith(UTF16_BOMS):
        return _utf16(data, file=file)
    wide = encoding is not None and _codec(encoding, file).startswith(("utf-16", "utf-32"))  # NUL bytes are its text
    if b"\x00" in data[:8192] and not wide:
        raise GuidetraceError("binary data (NUL byte): expected a text file", file=file,
                              line=line_of(data, data.index(b"\x00")))
    tried = (encoding,) if encoding else ENCODINGS
    furthest: UnicodeDecodeError | None = None
    for enc in tried:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError) as exc:
            if isinstance(exc, LookupError):
                raise GuidetraceError(f"unknown encoding {enc!r}", file=file) from None
            if furthest is None or exc.start > furthest.start:  # the encoding that read furthest names the place
                furthest = exc
            continue
        name = "utf-8-bom" if enc == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf") else enc
        return DecodedText(text=text.replace("\r\n", "\n").replace("\r", "\n"), encoding=name)
    assert furthest is not None
    line = line_of(data, furthest.start)
    expected = f"text in {encoding}, as declared" if encoding else "UTF-8 or CP932/Shift_JIS text"
    raise GuidetraceError(
        f"cannot decode text as {' or '.join(tried)} (byte {furthest.start}): expected {expected}",
        file=file,
        line=line,
    )


def _codec(encoding: str, file: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise GuidetraceError(f"unknown encoding {encoding!r}", file=file) from None


def _utf16(data: bytes, *, file: str) -> DecodedText:
    try:
        text = data.decode(UTF16)
    except UnicodeDecodeError as exc:
        units = data[2: exc.start].decode(UTF16 + ("-le" if data.startswith(codecs.BOM_UTF16_LE) else "-be"), "replace")
        line = units.count("\n") + units.count("\r") - units.count("\r\n") + 1
        raise GuidetraceError(f"cannot decode text as UTF-16 (byte {exc.start}): expected the UTF-16 its byte-order "
                              "mark announces", file=file, line=line) from None
    if "\x00" in text[:4096]:
        raise GuidetraceError("binary data (NUL character): expected a text file", file=file,
                              line=text[: text.index("\x00")].count("\n") + 1)
    return DecodedText(text=text.replace("\r\n", "\n").replace("\r", "\n"), encoding=UTF16)


def read_text(path: Path, *, encoding: str | None = None) -> DecodedText:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise GuidetraceError(f"cannot read: {exc.strerror}", file=str(path)) from None
    return decode_bytes(data, file=str(path), encoding=encoding)


SNIFF_BYTES = 1 << 20


def sniff(path: Path, *, encoding: str | None = None) -> DecodedText:
    """The encoding, and the text of the first megabyte (cut at a line end), without reading the rest."""
    file = str(path)
    try:
        with path.open("rb") as f:
            head = f.read(SNIFF_BYTES)
            more = bool(f.read(1))
    except OSError as exc:
        raise GuidetraceError(f"cannot read: {exc.strerror}", file=file) from None
    if more and encoding is None and head.startswith(UTF16_BOMS):
        try:
            text = codecs.getincrementaldecoder(UTF16)().decode(head)  # a character cut in two waits, unread
        except UnicodeDecodeError:
            return _utf16(head[: len(head) // 2 * 2], file=file)  # names the bad bytes
        cut = max(text.rfind("\n"), text.rfind("\r"))
        return _utf16((text[: cut + 1] if cut >= 0 else text).encode(UTF16), file=file)
    if more and (b"\n" in head or b"\r" in head):
        head = head[: max(head.rfind(b"\n"), head.rfind(b"\r")) + 1]  # never cut a character in two
    return decode_bytes(head, file=file, encoding=encoding)


def open_lines(path: Path, *, encoding: str) -> Iterator[tuple[int, str]]:
    """Numbered lines of a large file, decoded as it is read; a bad byte later on is a clear error."""
    python_encoding = "utf-8-sig" if encoding in ("utf-8-bom", "utf-8-sig") else encoding
    number = 0
    try:
        with path.open(encoding=python_encoding, errors="strict", newline=None) as f:
            for number, line in enumerate(f, start=1):
                yield number, line.rstrip("\n")
    except UnicodeDecodeError as exc:
        raise GuidetraceError(f"cannot decode text as {encoding} (after the first megabyte): {exc.reason}",
                              file=str(path), line=number + 1) from None


def open_csv_source(path: Path, *, encoding: str) -> Iterator[str]:
    """Lines with their line ends kept, as the csv module wants them for quoted multi-line cells."""
    python_encoding = "utf-8-sig" if encoding in ("utf-8-bom", "utf-8-sig") else encoding
    try:
        with path.open(encoding=python_encoding, errors="strict", newline="") as f:
            yield from f
    except UnicodeDecodeError as exc:
        raise GuidetraceError(f"cannot decode text as {encoding} (after the first megabyte): {exc.reason}",
                              file=str(path)) from None
