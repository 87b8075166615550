"""Comment-document formats: each declares what it reads; `read_document` picks one."""

from __future__ import annotations

from pathlib import Path

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.textfile import open_lines, sniff

from ..records import CommentDocument
from .mic import looks_like_mic, read_mic
from .table import read_table_file

FORMATS = ("auto", "mic", "markdown", "tsv", "csv", "xlsx", "pdf", "docx")
SUFFIXES = {".xlsx": "xlsx", ".xlsm": "xlsx", ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".pdf": "pdf",
            ".docx": "docx"}
CONTAINERS = ("xlsx", "pdf", "docx")


def sniff_container(path: Path) -> str | None:
    """PDF, Word and Excel files by their content, whatever their name says."""
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise GuidetraceError(f"cannot read: {exc.strerror}", file=str(path)) from None
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        if "word/document.xml" in names:
            return "docx"
        if any(n.startswith("xl/") for n in names):
            return "xlsx"
    return None


def detect_format(path: Path, text: str | None = None) -> str:
    """By ending for containers; by content for text (a .md export may be mic or a pipe table)."""
    suffix = path.suffix.lower()
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    if text is None:
        text = sniff(path).text
    if looks_like_mic(text):
        return "mic"
    head = text[:20000]
    if any(line.lstrip().startswith("|") for line in head.split("\n")):
        return "markdown"
    if "\t" in head:
        return "tsv"
    return "csv"


def read_document(path: Path, *, fmt: str = "auto", columns: str | None = None,
                  encoding: str | None = None) -> CommentDocument:
    """`encoding` overrides detection (UTF-8, UTF-8 with BOM, then CP932) for text formats."""
    if not path.is_file():
        raise GuidetraceError("no such file", file=str(path))
    if fmt not in FORMATS:
        raise GuidetraceError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})", file=str(path))
    container = sniff_container(path) if fmt == "auto" else (fmt if fmt in CONTAINERS else None)
    if fmt == "auto" and container is None and SUFFIXES.get(path.suffix.lower()) in CONTAINERS:
        container = SUFFIXES[path.suffix.lower()]  # a broken container: its reader says what is wrong
    head = None if container else sniff(path, encoding=encoding)  # the first megabyte settles encoding and layout
    chosen = container or (detect_format(path, head.text if head else None) if fmt == "auto" else fmt)
    if chosen == "pdf":
        from .pdf_tables import read_pdf

        return read_pdf(path, columns=columns)
    if chosen == "docx":
        from .word_tables import read_docx

        return read_docx(path, columns=columns)
    if chosen == "mic":
        if columns:
            raise GuidetraceError("--columns applies to table layouts, not to the mic layout", file=str(path))
        return read_mic(open_lines(path, encoding=head.encoding if head else "utf-8"), file=str(path))
    return read_table_file(path, fmt=chosen, columns=columns, encoding=encoding)
