"""Each reader on fixtures of its own, each encoding, and the errors bad tables get."""

from pathlib import Path

import pytest
from openpyxl import Workbook

from guidetrace.comments.listing import list_comments
from guidetrace.comments.readers import detect_format, read_document
from guidetrace.comments.store_comments import load_comments
from guidetrace.guideline.bundled import load_bundled_trees
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.store import Store

from .conftest import FIXTURES

SRC = FIXTURES / "comments"


def csv_in(tmp_path: Path, encoding: str) -> Path:
    path = tmp_path / f"numbered-{encoding}.csv"
    path.write_bytes((SRC / "numbered.csv").read_text(encoding="utf-8").encode(encoding))
    return path


def xlsx_in(tmp_path: Path) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["意見募集の結果"])  # a title row above the header
    sheet.append([])
    for line in (SRC / "numbered.tsv").read_text(encoding="utf-8").splitlines():
        sheet.append([int(c) if c.isdigit() else c for c in line.split("\t")])
    path = tmp_path / "numbered.xlsx"
    book.save(path)
    return path


def all_inputs(tmp_path: Path) -> list[tuple[Path, str]]:
    return [(SRC / "numbered.md", "markdown"), (SRC / "numbered.tsv", "tsv"), (SRC / "numbered.csv", "csv"),
            (csv_in(tmp_path, "utf-8-sig"), "csv"), (csv_in(tmp_path, "cp932"), "csv"), (xlsx_in(tmp_path), "xlsx")]


def test_every_format_reads_the_same_opinions(tmp_path: Path) -> None:
    docs = [read_document(path) for path, _ in all_inputs(tmp_path)]
    assert [d.layout for d in docs] == ["markdown", "tsv", "csv", "csv", "csv", "xlsx"]
    opinions = [list(d.opinions) for d in docs]
    first = opinions[0]
    assert len(first) == 10
    for other in opinions[1:]:
        assert [(o.number, o.submitter, o.location, o.body, o.response, o.represents) for o in other] == [
            (o.number, o.submitter, o.location, o.body, o.response, o.represents) for o in first]
    third = first[2]
    assert (third.represents, third.bulk, third.revised_flag) == (3, True, "無")
    assert first[7].body == "全体への意見。<script>alert(1)</script> | 縦棒"


def test_detect_format(tmp_path: Path, seed: Path) -> None:
    assert [detect_format(p) for p, _ in all_inputs(tmp_path)] == ["markdown", "tsv", "csv", "csv", "csv", "xlsx"]
    assert detect_format(seed) == "mic"


def test_numbered_table_citations_and_dispositions(store: Store, tmp_path: Path) -> None:
    load_bundled_trees(store)
    summary = load_comments(store, SRC / "numbered.md", revision="3.0-draft", round_key="test-md")
    assert (summary.opinions, summary.submissions, summary.unresolved) == (10, 12, 1)
    with store.sessions() as s:
        rows = {r["seq"]: r for r in list_comments(s, round_key="test-md")}
    cited = {k: [c["section"] for c in r["citations"]] for k, r in rows.items()}
    assert cited == {1: ["3.1.2"], 2: ["都市OS2-2"], 3: ["Appendix B"], 4: ["Appendix B"], 5: ["3.1.2(4)"],
                     6: ["3.1.3(3)"], 7: ["4.2"], 8: ["general"], 9: [], 10: ["3.1.2", "3.1.3"]}
    assert rows[9]["unresolved"] == [{"text": "9.9.9", "evidence": "number", "reason": "no section '9.9.9' in 3.0-draft"}]
    assert [rows[k]["disposition"]["primary"] for k in range(1, 10)] == [
        "noted", "revised", "declined", "out_of_scope", "support", "covered", "answered", "answered", "answered"]
    kinds = [rows[k]["submitter"]["kind"] for k in (1, 2, 3, 4, 5)]
    assert kinds == ["corporation", "association", "individual", "academic", "government"]


def test_grow_tree_adds_named_sections(store: Store) -> None:
    load_bundled_trees(store)
    summary = load_comments(store, SRC / "numbered.md", revision="3.0-draft", round_key="grow", grow=True)
    assert summary.grown == ["9", "9.9", "9.9.9"] and summary.unresolved == 0


def test_columns_override(tmp_path: Path) -> None:
    path = tmp_path / "plain.tsv"
    path.write_text("a\tb\tc\n3.1.2\t意見本文\t考え方本文\n", encoding="utf-8")
    with pytest.raises(GuidetraceError, match="no recognisable table"):
        list(read_document(path).opinions)
    doc = read_document(path, columns="location=1,opinion=2,answer=3")
    # a first row of short labels is the header, even when no synonym knows its words
    assert [(o.location, o.body, o.response) for o in doc.opinions] == [("3.1.2", "意見本文", "考え方本文")]
    with pytest.raises(GuidetraceError, match="--columns: cannot read 'opinion=x'"):
        read_document(path, columns="opinion=x")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "no recognisable table"),
        ("binary.csv", b"\x00\x01\x02PK", "binary data"),
        ("latin.csv", "番号,ご意見\n1,テスト\n".encode("utf-8")[:-4] + b"\xff\xfe\n", "cannot decode text"),
        ("short.tsv", "番号\t該当箇所\tご意見\tご意見に対する考え方\n1\t3.1.2\n".encode(), "short.tsv:2: truncated row"),
        ("notzip.xlsx", b"not a zip", "not an XLSX workbook"),
    ],
)
def test_bad_inputs_give_one_line_errors(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(GuidetraceError, match=message) as err:
        list(read_document(path).opinions)
    assert "\n" not in str(err.value) and str(path) in str(err.value)


def test_xlsx_whose_declared_range_understates_its_rows_loads_every_row(tmp_path: Path) -> None:
    """Some exporters write <dimension ref="A1:C3"/> for a sheet of ten rows: nothing may be lost."""
    import re
    import zipfile

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["該当箇所", "ご意見", "考え方"])
    for i in range(1, 11):
        sheet.append([f"3.1.{i}", f"意見{i}です。", "参考とさせていただきます。"])
    good = tmp_path / "good.xlsx"
    book.save(good)
    bad = tmp_path / "understated.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:C3"', data)
            dst.writestr(item, data)
    assert len(list(read_document(bad).opinions)) == 10


def test_opinions_listed_by_round_and_place_not_by_load_order(store: Store, tmp_path: Path) -> None:
    """list_comments sorts in Python (not ORDER BY): rounds by key, then part and place in the document, on
    both backends, whatever order the rows were written in."""
    load_bundled_trees(store)
    doc = tmp_path / "unordered.tsv"
    doc.write_text("番号\t該当箇所\tご意見\tご意見に対する考え方\n"
                   "10\t3.1.2\t十番目の意見です。\t原案のとおりとします。\n"
                   "2\t3.1.2\t二番目の意見です。\t原案のとおりとします。\n"
                   "1\t3.1.2\t一番目の意見です。\t原案のとおりとします。\n", encoding="utf-8")
    for key in ("zz-later-key", "aa-earlier-key"):
        load_comments(store, doc, revision="3.0-draft", round_key=key)
    with store.sessions() as s:
        listed = [(r["round"], r["label"]) for r in list_comments(s)]
        one_round = [r["label"] for r in list_comments(s, round_key="zz-later-key")]
    assert listed == [("aa-earlier-key", "10"), ("aa-earlier-key", "2"), ("aa-earlier-key", "1"),
                      ("zz-later-key", "10"), ("zz-later-key", "2"), ("zz-later-key", "1")]
    assert one_round == ["10", "2", "1"]
