"""Reading text files whose encoding the user did not declare.

Japanese ministries publish UTF-8, UTF-8 with BOM and CP932 (Shift_JIS); the
order of attempts is fixed so that detection is deterministic.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import GuidetraceError

ENCODINGS = ("utf-8-sig", "cp932")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def decode_bytes(data: bytes, *, file: str, encoding: str | None = None) -> DecodedText:
    if b"\x00" in data[:8192]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise GuidetraceError("binary data (NUL byte): expected a text file", file=file, line=line)
    tried = (encoding,) if encoding else ENCODINGS
    first_error: UnicodeDecodeError | None = None
    for enc in tried:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError) as exc:
            if isinstance(exc, LookupError):
                raise GuidetraceError(f"unknown encoding {enc!r}", file=file) from None
            first_error = first_error or exc
            continue
        name = "utf-8-bom" if enc == "utf-8-sig" and data.startswith(b"\xef\xbb\xbf") else enc
        return DecodedText(text=text.replace("\r\n", "\n").replace("\r", "\n"), encoding=name)
    assert first_error is not None
    line = data[: first_error.start].count(b"\n") + 1
    expected = f"text in {encoding}, as declared" if encoding else "UTF-8 or CP932/Shift_JIS text"
    raise GuidetraceError(
        f"cannot decode text as {' or '.join(tried)} (byte {first_error.start}): expected {expected}",
        file=file,
        line=line,
    )


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
    if more and b"\n" in head:
        head = head[: head.rindex(b"\n") + 1]  # never cut a character in two
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
