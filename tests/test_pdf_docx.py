"""Result tables from PDF (made by LibreOffice from Word) and from Word, against the same table in XLSX."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from guidetrace.comments.listing import list_comments

from guidetrace.comments.rounds import round_rows
from guidetrace.comments.readers import read_document
from guidetrace.trace.printed_text import join_wrapped
from guidetrace.comments.store_comments import load_comments
from guidetrace.guideline.formats import read_tree
from guidetrace.guideline.store_tree import store_tree
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.store import Store

from .pdf_samples import minimal_pdf

DOCS = Path(__file__).parent / "fixtures" / "documents"
TREE = Path(__file__).parent / "corpus" / "trees" / "jp-numbered.yaml"


def _flat(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def loaded(store: Store, name: str) -> list[dict]:
    store_tree(store, read_tree(TREE))
    load_comments(store, DOCS / name, revision="1.0-draft", round_key=name.replace(".", "-"))
    with store.sessions() as s:
        return list_comments(s, round_key=name.replace(".", "-"))


def summary(rows: list[dict]) -> list[tuple]:
    return [(r["label"], [c["section"] for c in r["citations"]], r["disposition"]["primary"], _flat(r["body"]),
             _flat(r["response"])) for r in rows]


def test_pdf_docx_and_xlsx_of_one_table_load_the_same(store: Store) -> None:
    pdf, docx, xlsx = (summary(loaded(store, f"results.{ext}")) for ext in ("pdf", "docx", "xlsx"))
    assert len(pdf) == 25 and pdf == docx == xlsx


def test_a_table_printed_without_rules_is_read_by_its_header_positions(store: Store) -> None:
    """Chromium's print of the same table as a web page with no borders (no ruling lines to find)."""
    unruled = summary(loaded(store, "results-unruled.pdf"))
    assert unruled == summary(loaded(store, "results.xlsx"))


@pytest.mark.parametrize("ext", ["pdf", "docx"])
def test_merged_location_over_a_page_break_is_carried_down_and_rows_are_not_split(store: Store, ext: str) -> None:
    rows = {r["label"]: r for r in loaded(store, f"results.{ext}")}
    assert sorted(rows, key=int) == [str(i) for i in range(1, 26)]  # no row split, none duplicated
    for label in map(str, range(5, 12)):  # 該当箇所 merged from row 4 down to 11, across a page break
        (c,) = rows[label]["citations"]
        assert (c["section"], c["origin"]) == ("4.2", "carried-down"), label
        assert rows[label]["disposition"]["primary"] == "covered"
    assert rows["2"]["citations"][0]["section"] == "2.1" and rows["2"]["disposition"]["primary"] == "revised"
    assert _flat(rows["11"]["body"]).count("問い合わせ窓口を明示") == 3  # the row the page break cut in two


def test_pdf_opinions_keep_their_page_and_the_front_matter_is_read(store: Store) -> None:
    rows = {r["label"]: r for r in loaded(store, "results.pdf")}
    assert rows["1"]["source"]["page"] == "1" and rows["25"]["source"]["page"] == "7"
    assert rows["1"]["source"]["file"].endswith("results.pdf")
    with store.sessions() as s:
        (rnd,) = round_rows(s)
    assert rnd["period"] == ["2025-08-01", "2025-08-31"] and rnd["submissions"] == 31
    assert rnd["by_kind"] == {"submitters": 14}
    assert rows["1"]["part"] == "A" and rows["4"]["part"] == "B"  # two group headings, two parts


def test_wrapped_cell_lines_join_as_printed() -> None:
    assert join_wrapped("御意見に対する考え\n方") == "御意見に対する考え方"
    assert join_wrapped("Access control\npolicy") == "Access control policy"
    assert join_wrapped("次のとおり。\n・一つ目\n・二つ目") == "次のとおり。\n・一つ目\n・二つ目"


@pytest.mark.parametrize(("make", "message"), [
    (lambda: minimal_pdf(b"0 0 1 rg 10 10 100 100 re f"), "no text layer"),
    (lambda: minimal_pdf(encrypt=True), "encrypted PDF"),
    (lambda: (DOCS / "results.pdf").read_bytes()[:3000], "not a readable PDF"),
    (lambda: b"PK\x03\x04" + b"\x00" * 40, "not"),
])
def test_scan_encrypted_and_corrupt_files_give_one_line(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "bad.pdf"
    path.write_bytes(make())
    with pytest.raises(GuidetraceError, match=message) as info:
        list(read_document(path).opinions)
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_containers_are_detected_by_content_not_by_name(tmp_path: Path) -> None:
    for ext in ("pdf", "docx", "xlsx"):
        disguised = tmp_path / f"results-{ext}.dat"
        disguised.write_bytes((DOCS / f"results.{ext}").read_bytes())
        assert read_document(disguised).layout == ext
