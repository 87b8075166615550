"""Smaller losses (issue 31, item 7): UTF-16 text read, CR-only line ends counted, a newer store named, killed
site builds cleaned up, a decisions file never overwritten (SQLite and PostgreSQL where a store is involved)."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text

from guidetrace.reports.site.build import MARKER
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.store import resolve_url
from guidetrace.trace.textfile import decode_bytes

HEADER = ["番号", "氏名", "ご意見", "該当箇所"]
ROWS = [["S1", "個人A", "SBOMの活用を3.1.2に書いてほしい。", "3.1.2"],
        ["S2", "株式会社テスト", "監視について「EDR」の例を追記してください。", "サービス2-6"],
        ["S3", "個人B", "全体に分量が多い。", ""]]
BOMS = {"le": codecs.BOM_UTF16_LE, "be": codecs.BOM_UTF16_BE}


def unicode_text(rows: list[list[str]], order: str, sep: str = "\t") -> bytes:
    """What Excel's "Unicode text" export writes: UTF-16 with a byte-order mark, CRLF line ends."""
    body = "\r\n".join(sep.join(r) for r in [HEADER, *rows]) + "\r\n"
    return BOMS[order] + body.encode(f"utf-16-{order}")


def listed(run, round_key: str) -> list[tuple[str, str, list[str]]]:  # type: ignore[no-untyped-def]
    out = json.loads(run("comments", "list", "--round", round_key, "--format", "json").stdout)
    return [(c["body"], c["location"] or "", [x["section"] for x in c["citations"]]) for c in out]


@pytest.mark.parametrize("order", ["le", "be"])
def test_utf16_with_a_byte_order_mark_loads(run, tmp_path: Path, order: str) -> None:  # type: ignore[no-untyped-def]
    assert run("guideline", "load", "--bundled").exit_code == 0
    for name, sep, command in (("excel.txt", "\t", "load-raw"), ("excel.csv", ",", "load-raw"),
                               ("results.txt", "\t", "load")):
        plain, path = tmp_path / f"utf8-{name}", tmp_path / name  # the same table in UTF-8, to compare with
        plain.write_text("\n".join(sep.join(r) for r in [HEADER, *ROWS]) + "\n", encoding="utf-8")
        path.write_bytes(unicode_text(ROWS, order, sep))
        key = name.replace(".", "-")
        for file, round_key in ((plain, f"{key}-utf8"), (path, key)):
            result = run("comments", command, str(file), "--revision", "3.0-draft", "--round", round_key)
            assert result.exit_code == 0, result.output
        assert listed(run, key) == listed(run, f"{key}-utf8") and len(listed(run, key)) == len(ROWS), name
    big = tmp_path / "big.txt"  # past the first megabyte: the sniffed head is cut at a line end, not in a character
    many = [[f"S{i}", f"個人{i}", f"意見{i}：監視の記載を増やしてほしい。𠮷" * 3, "3.1.2"] for i in range(9000)]
    big.write_bytes(unicode_text(many, order))
    assert big.stat().st_size > 1 << 20
    result = run("comments", "load-raw", str(big), "--revision", "3.0-draft", "--round", "big")
    assert result.exit_code == 0, result.output
    assert len(listed(run, "big")) == len(many)


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=200),
       st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_utf16_decodes_to_its_text(body: str, codec: str) -> None:
    data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + body.encode(codec)
    decoded = decode_bytes(data, file="f")
    assert decoded.text == body.replace("\r\n", "\n").replace("\r", "\n") and decoded.encoding == "utf-16"


LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r"])
JAPANESE = st.text(st.sampled_from("あいうえお監視計画情報ｱｲｳ①ＡＢ 、。abc,"), min_size=1, max_size=12)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(JAPANESE, LINE_ENDS), min_size=1, max_size=30), st.data())
def test_a_bad_byte_is_named_on_its_line_whatever_the_line_ends(lines: list[tuple[str, str]], data: st.DataObject) -> None:
    bad = data.draw(st.integers(0, len(lines) - 1))
    chunks = []
    for n, (words, end) in enumerate(lines):
        chunks.append(words.encode("cp932") + (b"\x81\x7f" if n == bad else b"") + end.encode())
    with pytest.raises(GuidetraceError) as caught:
        decode_bytes(b"".join(chunks), file="f.csv")
    assert caught.value.line == bad + 1, (bad, caught.value)


def test_a_cp932_file_with_cr_line_ends(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("guideline", "load", "--bundled").exit_code == 0
    lines = [",".join(HEADER)] + [f"S{i},個人{i},監視の記載を増やしてほしい{i}。,3.1.2" for i in range(1, 9)]
    path = tmp_path / "mac.csv"
    data = "\r".join(lines).encode("cp932").replace("増やしてほしい5".encode("cp932"), b"\x81\x7f", 1) + b"\r"
    path.write_bytes(data)
    result = run("comments", "load-raw", str(path), "--revision", "3.0-draft", "--round", "mac")
    assert result.exit_code == 2 and f"{path}:6:" in result.output, result.output  # S5 is on line 6
    big = tmp_path / "big.csv"  # over a megabyte of CR-only CP932: every row, no false decoding error
    rows = [",".join(HEADER)] + [f"S{i},個人{i},監視カメラの設置基準を明記してほしい{i}。,3.1.2" for i in range(1, 20001)]
    big.write_bytes("\r".join(rows).encode("cp932") + b"\r")
    assert big.stat().st_size > 1 << 20
    result = run("comments", "load-raw", str(big), "--revision", "3.0-draft", "--round", "big")
    assert result.exit_code == 0, result.output
    assert json.loads(run("rounds", "--format", "json").stdout)[0]["submissions"] == 20000


def test_a_store_of_a_newer_guidetrace_says_so(run, store_url: str) -> None:  # type: ignore[no-untyped-def]
    assert run("guideline", "load", "--bundled").exit_code == 0
    engine = create_engine(resolve_url(store_url))
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    engine.dispose()
    for args in (("rounds",), ("guideline", "load", "--bundled"), ("db", "upgrade")):
        result = run(*args)
        line = result.output.strip()
        assert result.exit_code == 2 and "\n" not in line, result.output
        assert "written by a newer guidetrace (schema 0099" in line and "upgrade guidetrace" in line, line
        assert "Can't locate" not in line


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def test_killed_site_builds_leave_nothing_behind(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("guideline", "load", "--bundled").exit_code == 0
    assert run("comments", "load", "--bundled").exit_code == 0
    dead = _dead_pid()
    half = tmp_path / f".site.building-{dead}"
    (half / "sections").mkdir(parents=True)
    (half / "index.html").write_text("half", encoding="utf-8")
    alive = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        running = tmp_path / f".site.building-{alive.pid}"  # another build still at work: left alone
        running.mkdir()
        other = tmp_path / f".other.building-{dead}"  # another site's: not this build's business
        other.mkdir()
        moved = tmp_path / f".site.previous-{dead}"  # killed between its renames: the old site, moved aside
        moved.mkdir()
        (moved / MARKER).write_text("x", encoding="utf-8")
        (moved / "index.html").write_text("old site", encoding="utf-8")
        result = run("site", str(tmp_path / "site"))
        assert result.exit_code == 0, result.output
        left = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
        assert left == sorted([running.name, other.name]), left
        assert "old site" not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    finally:
        alive.kill()
        alive.wait()


def test_rounds_remove_never_overwrites_a_decisions_file(run, seed: Path, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("guideline", "load", "--bundled").exit_code == 0
    files: list[Path] = []
    for key in ("r/1", "r_1", "r/1"):  # two keys one file name would fold together, and one removed twice
        assert run("comments", "load", str(seed), "--revision", "3.0-draft", "--round", key).exit_code == 0
        assert run("review", "set", f"{key}/A-03", "--disposition", "revised", "--by", key).exit_code == 0
        result = run("rounds", "remove", key, "--yes")
        assert result.exit_code == 0, result.output
        files.append(Path(result.stderr.split("件を ")[1].split(" に保存しました")[0]))  # 判断 N件を FILE に保存しました
    assert len(set(files)) == 3 and all(f.is_file() for f in files)  # all within a second or two: none replaced
    assert [json.loads(f.read_text(encoding="utf-8"))["round"] for f in files] == ["r/1", "r_1", "r/1"]
    kept = tmp_path / "kept.json"
    kept.write_text("mine", encoding="utf-8")
    assert run("comments", "load", str(seed), "--revision", "3.0-draft", "--round", "r").exit_code == 0
    assert run("review", "set", "r/A-03", "--disposition", "revised").exit_code == 0
    result = run("rounds", "remove", "r", "--yes", "--decisions-out", str(kept))
    assert result.exit_code == 2 and "\n" not in result.output.strip() and "kept.json exists" in result.output
    assert kept.read_text(encoding="utf-8") == "mine"
    assert [r["round"] for r in json.loads(run("rounds", "--format", "json").stdout)] == ["r"]  # nothing removed
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert os.listdir(tmp_path)  # (the files above are all there)
