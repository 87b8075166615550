"""A guideline's tree from the guideline itself: PDF with and without an outline (LibreOffice), printed by
Chromium, Word heading styles, Markdown, HTML; then a text-aware diff and draft→final check."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from guidetrace.comments.review.check import check_store
from guidetrace.comments.store_comments import load_comments
from guidetrace.guideline.formats import read_tree
from guidetrace.guideline.formats.yaml_writer import tree_yaml
from guidetrace.guideline.importers import import_tree
from guidetrace.guideline.queries import diff_revisions
from guidetrace.guideline.records import GuidelineRecord, RevisionRecord
from guidetrace.guideline.store_tree import store_tree
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.store import Store

DOCS = Path(__file__).parent / "fixtures" / "documents"
G = GuidelineRecord("kdata", "公共施設データ利活用指針")


def imported(name: str, revision: str = "1.0-draft", **kw) -> list[tuple]:  # type: ignore[no-untyped-def]
    tree = import_tree(DOCS / name, guideline=G, revision=RevisionRecord(revision, revision, "draft", **kw))
    return [(s.key, s.parent, s.title, s.pages, s.body) for s in tree.sections]


def test_outline_and_contents_give_the_same_tree_with_pages() -> None:
    with_outline, without = imported("guideline-draft.pdf"), imported("guideline-draft-no-outline.pdf")
    assert [s[:4] for s in with_outline] == [s[:4] for s in without]
    keys = [s[0] for s in with_outline]
    assert keys == ["general", "1", "1.1", "1.2", "2", "2.1", "2.2", "2.3", "3", "3.1", "3.1.1", "3.1.2", "3.2", "4",
                    "4.1", "4.2", "4.3", "5", "Appendix A"]
    by_key = {s[0]: s for s in with_outline}
    assert by_key["3.1.2"][1:4] == ("3.1", "審査の基準", (5,)) and by_key["Appendix A"][1] == "general"
    assert by_key["2.1"][4].startswith("収集するデータの範囲について") and "\n" not in by_key["2.1"][4][:40]


@pytest.mark.parametrize("name", ["guideline-draft-chromium.pdf", "guideline-draft.docx", "guideline-draft.html"])
def test_chromium_print_word_styles_and_html_give_the_same_keys_parents_titles(name: str) -> None:
    reference = [s[:3] for s in imported("guideline-draft.pdf")]
    assert [s[:3] for s in imported(name)] == reference


def test_markdown_headings(tmp_path: Path) -> None:
    md = tmp_path / "g.md"
    md.write_text("# 指針\n\n## 第1章 総則\n本文。\n### 第1節 目的\n目的の本文。\n## 付録A 様式\n", encoding="utf-8")
    assert [s[:3] for s in imported_path(md)] == [("general", None, "全般"), ("1", "general", "総則"),
                                                  ("1.1", "1", "目的"), ("Appendix A", "general", "様式")]


def imported_path(path: Path) -> list[tuple]:
    tree = import_tree(path, guideline=G, revision=RevisionRecord("r", "r", "draft"))
    return [(s.key, s.parent, s.title) for s in tree.sections]


def test_written_yaml_loads_back(store: Store, tmp_path: Path) -> None:
    tree = import_tree(DOCS / "guideline-draft.pdf", guideline=G,
                       revision=RevisionRecord("1.0-draft", "第1.0版（案）", "draft", partial=False))
    path = tmp_path / "tree.yaml"
    path.write_text(tree_yaml(tree), encoding="utf-8")
    back = read_tree(path)
    assert [(s.key, s.parent, s.title, s.pages, s.body) for s in back.sections] == \
        [(s.key, s.parent, s.title, s.pages, s.body) for s in tree.sections]
    assert store_tree(store, back).sections == 19


def test_diff_and_draft_final_check_use_the_text(store: Store, tmp_path: Path) -> None:
    for name, rev, status, pred in (("guideline-draft.pdf", "1.0-draft", "draft", None),
                                    ("guideline-final.pdf", "1.0", "final", "1.0-draft")):
        tree = import_tree(DOCS / name, guideline=G, revision=RevisionRecord(rev, rev, status, predecessor=pred,
                                                                             partial=False))
        path = tmp_path / f"{rev}.yaml"
        path.write_text(tree_yaml(tree), encoding="utf-8")
        store_tree(store, read_tree(path))
    with store.sessions() as s:
        diff = diff_revisions(s, "1.0-draft", "1.0")
    assert [(e["old"], e["new"]) for e in diff["renumbered"]] == [("4.3", "4.4")]
    assert [(e["old"], e["title"]) for e in diff["retitled"]] == [("3.1.2", "審査の基準と手続")]
    assert [e["key"] for e in diff["added"]] == ["4.3"] and [e["key"] for e in diff["removed"]] == ["5"]
    changed = {e["old"]: e["diff"] for e in diff["text_changed"]}
    assert sorted(changed) == ["2.1", "4.2"]
    assert changed["2.1"] == ["+位置情報を収集する場合は、その取扱いを利用者に事前に通知する。"]
    load_comments(store, DOCS / "results.pdf", revision="1.0-draft", round_key="r")
    with store.sessions() as s:
        found = check_store(s)
    text_changes = {c["draft_section"]: c["explained_by"] for c in found["draft_final_changes"]
                    if c["change"] == "text_changed"}
    assert text_changes == {"2.1": ["r/1", "r/2"], "4.2": []}  # 4.2 changed with no revised answer
    assert [(r["comment"], r["sections"]) for r in found["revised_unchanged"]] == [("r/3", ["3.2"])]


def test_a_document_without_headings_is_one_clear_line(tmp_path: Path) -> None:
    md = tmp_path / "plain.md"
    md.write_text("ただの文章です。\n見出しはありません。\n", encoding="utf-8")
    with pytest.raises(GuidetraceError, match="no numbered headings"):
        import_tree(md, guideline=G, revision=RevisionRecord("r", "r", "draft"))


def test_cli_import_writes_reviewable_yaml(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "tree.yaml"
    result = run("guideline", "import", str(DOCS / "guideline-draft.docx"), "--guideline", "kdata",
                 "--revision", "1.0-draft", "--status", "draft", "-o", str(out))
    assert result.exit_code == 0 and "18節（推定 0）" in result.stderr
    doc = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert doc["revision"]["status"] == "draft" and doc["sections"][0] == {
        "key": "1", "title": "総則", "body": doc["sections"][0]["body"]}
    assert run("guideline", "load", str(out)).exit_code == 0


@pytest.mark.parametrize(("encrypt", "content", "message"), [
    (True, b"", "encrypted PDF"), (False, b"0 0 1 rg 10 10 100 100 re f", "no text layer")])
def test_encrypted_or_scanned_guideline_pdf_is_one_line(tmp_path: Path, encrypt: bool, content: bytes,
                                                        message: str) -> None:
    from .pdf_samples import minimal_pdf

    path = tmp_path / "g.pdf"
    path.write_bytes(minimal_pdf(content, encrypt=encrypt))
    with pytest.raises(GuidetraceError, match=message):
        import_tree(path, guideline=G, revision=RevisionRecord("r", "r", "draft"))
