"""Reading text files whose encoding the user did not declare.

Japanese ministries publish UTF-8, UTF-8 with BOM and CP932 (Shift_JIS); the
order of attempts is fixed so that detection is deterministic.
"""

from __future__ import annotations

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
