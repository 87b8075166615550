"""How a comment document is recognised by its content, for the reader registry (`registry.py`).

Containers (PDF, Word, Excel) by their bytes, whatever their name says: each test is given the
path. Text layouts by their first megabyte, decoded: each test is given the text. Kept apart from
the readers so that telling a file's format imports none of them.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

HEAD = 20000  # characters of a text file a layout is told by


def _magic(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(8)


def _zip_names(path: Path) -> set[str]:
    if not _magic(path).startswith(b"PK\x03\x04"):
        return set()
    try:
        with zipfile.ZipFile(path) as archive:
            return set(archive.namelist())
    except zipfile.BadZipFile:
        return set()


def is_pdf(path: Path) -> bool:
    return _magic(path).startswith(b"%PDF-")


def is_docx(path: Path) -> bool:
    return "word/document.xml" in _zip_names(path)


def is_xlsx(path: Path) -> bool:
    names = _zip_names(path)
    return "word/document.xml" not in names and any(n.startswith("xl/") for n in names)


def is_pipe_table(text: str) -> bool:
    return any(line.lstrip().startswith("|") for line in text[:HEAD].split("\n"))


def is_tab_separated(text: str) -> bool:
    return "\t" in text[:HEAD]
