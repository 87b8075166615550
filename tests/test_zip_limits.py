"""Zip containers are bounded before they are opened: a DOCX whose document.xml unpacks to 400 MB is refused
in one line, within 2 s of what starting the command costs and under 200 MB, by `comments load` and
`guideline import` (review workbooks are checked the same way); an archive that understates a member's size
is refused too (zipfile would inflate the member whole before cutting it to that size)."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from guidetrace.trace.containers import MAX_UNPACKED, check_container
from guidetrace.trace.errors import GuidetraceError

CLI = str(Path(sys.executable).with_name("guidetrace"))
BOMB_MB = 400
SECONDS, MEGABYTES = 2.0, 200
# Runs a command and reports its exit code, output, wall time and peak memory (the wrapper's only child).
MEASURE = """
import json, resource, subprocess, sys, time
start = time.monotonic()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"rc": p.returncode, "stderr": p.stderr, "seconds": time.monotonic() - start,
                  "mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def small_docx(path: Path) -> Path:
    from docx import Document

    document = Document()
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("該当箇所", "ご意見", "考え方")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("3.1.2", "監視の記載を増やしてほしい。", "参考とします。")):
        cell.text = text
    document.save(str(path))
    return path


def bomb_docx(path: Path, tmp: Path, megabytes: int = BOMB_MB, *, zip64: bool = True) -> Path:
    """A real Word file whose document.xml is padded (inside an XML comment) to `megabytes` when unpacked."""
    source = small_docx(tmp / "small.docx")
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename != "word/document.xml":
                out.writestr(info.filename, data)
                continue
            head, _, tail = data.partition(b"?>")
            with out.open("word/document.xml", "w", force_zip64=zip64) as f:
                f.write(head + b"?><!--")
                chunk = b" " * (1024 * 1024)
                for _ in range(megabytes):
                    f.write(chunk)
                f.write(b"-->" + tail)
    return path


def understated(path: Path, tmp: Path) -> Path:
    """The bomb with document.xml's declared size rewritten to 2,000 bytes in both headers."""
    bomb_docx(path, tmp, 300, zip64=False)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
    assert data[info.header_offset:info.header_offset + 4] == b"PK\x03\x04"
    struct.pack_into("<I", data, info.header_offset + 22, 2000)  # local header: uncompressed size
    central = data.rfind(b"PK\x01\x02" + data[info.header_offset + 4: info.header_offset + 6])
    while data[central + 46: central + 46 + len(b"word/document.xml")] != b"word/document.xml":
        central = data.rfind(b"PK\x01\x02", 0, central)
    struct.pack_into("<I", data, central + 24, 2000)  # central directory: uncompressed size
    path.write_bytes(bytes(data))
    return path


def measured(*args: str) -> dict:  # type: ignore[type-arg]
    out = subprocess.run([sys.executable, "-c", MEASURE, CLI, *args], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def one_line(result: dict, *words: str) -> str:  # type: ignore[type-arg]
    lines = result["stderr"].strip().split("\n")
    assert result["rc"] == 2 and len(lines) == 1 and lines[0].startswith("guidetrace: error: "), result["stderr"]
    assert all(w in lines[0] for w in words), lines[0]
    return str(lines[0])


def started(tmp_path: Path, *args: str) -> float:
    """The same command's time on a file refused at once (not a zip at all): what starting it costs here
    (the store's libraries, a server connection), which the bomb must not add more than SECONDS to."""
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    result = measured(*[str(empty) if a.endswith(".docx") else a for a in args])
    one_line(result)  # refused at once, whichever reader says so
    return float(result["seconds"])


def test_a_docx_bomb_is_refused_in_one_line_fast_and_small(tmp_path: Path, run, store_url: str) -> None:  # type: ignore[no-untyped-def]
    bomb = bomb_docx(tmp_path / "results.docx", tmp_path)
    assert bomb.stat().st_size < 2 * 1024 * 1024  # small on disk, 400 MB unpacked
    assert run("guideline", "load", "--bundled").exit_code == 0
    before = run("rounds", "--format", "json").stdout
    load = ("--db", store_url, "comments", "load", str(bomb), "--revision", "3.0-draft")
    loaded = measured(*load)
    one_line(loaded, str(bomb), "word/document.xml", f"unpacks to {BOMB_MB * 1024 * 1024 + 1000}"[:-4])
    assert loaded["seconds"] - started(tmp_path, *load) < SECONDS and loaded["mb"] < MEGABYTES, loaded
    assert run("rounds", "--format", "json").stdout == before  # the store is as it was
    load_tree = ("guideline", "import", str(bomb), "--guideline", "g", "--revision", "1", "-o", str(tmp_path / "t.yaml"))
    imported = measured(*load_tree)
    one_line(imported, "word/document.xml", "unpacks to")
    assert imported["seconds"] - started(tmp_path, *load_tree) < SECONDS and imported["mb"] < MEGABYTES, imported
    assert not (tmp_path / "t.yaml").exists()


def test_an_archive_that_understates_a_member_is_refused(tmp_path: Path, run, store_url: str) -> None:  # type: ignore[no-untyped-def]
    liar = understated(tmp_path / "liar.docx", tmp_path)
    assert run("guideline", "load", "--bundled").exit_code == 0
    load = ("--db", store_url, "comments", "load", str(liar), "--revision", "3.0-draft")
    result = measured(*load)
    one_line(result, str(liar), "word/document.xml unpacks to more than the 2000 bytes it declares")
    assert result["seconds"] - started(tmp_path, *load) < SECONDS and result["mb"] < MEGABYTES, result


def test_every_container_is_checked_per_member_and_in_total(tmp_path: Path) -> None:
    many = tmp_path / "many.xlsx"  # no member over the limit, together over it
    with zipfile.ZipFile(many, "w", zipfile.ZIP_DEFLATED) as z:
        for n in range(3):
            with z.open(f"xl/worksheets/sheet{n}.xml", "w", force_zip64=True) as f:
                for _ in range(MAX_UNPACKED // (2 * 1024 * 1024) + 1):
                    f.write(b"0" * (1024 * 1024))
    with pytest.raises(GuidetraceError, match=r"many.xlsx: XLSX workbook unpacks to \d+ bytes"):
        check_container(many, "XLSX workbook")
    from guidetrace.comments.review.workbook_import import read_review_workbook

    with pytest.raises(GuidetraceError, match="review workbook unpacks to"):
        read_review_workbook(many)
    check_container(small_docx(tmp_path / "fine.docx"), "Word document")  # an ordinary file passes
    (tmp_path / "text.docx").write_text("not a zip", encoding="utf-8")
    with pytest.raises(GuidetraceError, match="not a Word document"):
        check_container(tmp_path / "text.docx", "Word document")
