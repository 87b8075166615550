"""Guideline trees: bundled data, formats, lineage and diff, on SQLite and PostgreSQL."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from guidetrace.guideline.bundled import load_bundled_trees
from guidetrace.guideline.formats import read_tree
from guidetrace.guideline.queries import diff_revisions, list_sections, show_section
from guidetrace.guideline.store_tree import store_tree
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import Section, SectionLink
from guidetrace.trace.store import Store

from .conftest import FIXTURES


def counts(store: Store) -> tuple[int, int]:
    with store.sessions() as s:
        return s.scalar(select(func.count()).select_from(Section)), s.scalar(select(func.count()).select_from(SectionLink))


def test_bundled_trees_load_idempotently(store: Store) -> None:
    first = load_bundled_trees(store)
    assert [(t.revision, t.sections) for t in first] == [("1.0", 11), ("2.0", 16), ("3.0-draft", 35), ("3.0", 35)]
    before = counts(store)
    again = load_bundled_trees(store)
    assert all(t.added == 0 and t.updated == 0 and t.removed == 0 for t in again)
    assert counts(store) == before == (97, 54)  # 51 read + 3 root-to-root links


def test_bundled_3_0_draft_sections(store: Store) -> None:
    load_bundled_trees(store)
    with store.sessions() as s:
        rows = {r["key"]: r for r in list_sections(s, "3.0-draft")}
    assert rows["サービス2-6"]["parent"] == "3.1.2" and rows["サービス2-6"]["kind"] == "measure"
    assert rows["Appendix B"]["kind"] == "appendix" and rows["Appendix B"]["pages"] == [114, 116, 117, 122]
    assert rows["general"]["title"] == "全般" and rows["general"]["kind"] == "root"
    assert rows["4.2"]["kind"] == "checklist"
    assert rows["3.3.5/コラム1"]["kind"] == "column"
    assert rows["3.1.1"]["inferred"] is True and rows["3.1.2"]["inferred"] is False
    with store.sessions() as s:
        final = {r["key"]: r for r in list_sections(s, "3.0")}
    assert all(r["inferred"] for k, r in final.items() if k != "general")


def test_diff_draft_to_final_and_across_chain(store: Store) -> None:
    load_bundled_trees(store)
    with store.sessions() as s:
        d = diff_revisions(s, "3.0-draft", "3.0")
        assert [(e["old"], e["new"]) for e in d["renumbered"]] == [("4.2(1)", "4.2(2)")]
        assert [e["title"] for e in d["retitled"]] == ["コラム：海外のスマートシティ事例"]
        assert d["added"] == [] and d["removed"] == []
        d = diff_revisions(s, "2.0", "3.0-draft")
        assert {(e["old"], e["new"]) for e in d["renumbered"]} == {
            ("適切なサプライチェーン管理", "3.2.1"), ("インシデント対応時の連携", "3.2.2"), ("データ連携時のセキュリティ確保", "3.2.3")}
        assert "caveat" in d
        d = diff_revisions(s, "1.0", "3.0")
        assert [(e["old"], e["new"]) for e in d["merged"]] == [("4", "3")]
        with pytest.raises(GuidetraceError, match="not an ancestor"):
            diff_revisions(s, "3.0", "1.0")


def test_show_section_links_and_ancestors(store: Store) -> None:
    load_bundled_trees(store)
    with store.sessions() as s:
        row = show_section(s, "サービス 3-2", "3.0-draft")
    assert row["ancestors"] == ["3.1.2", "3.1", "3", "general"]
    assert {"direction": "out", "kind": "refers_to", "section": "都市OS2-2", "revision": "3.0-draft",
            "proposed": False, "note": "same measure text in both categories"} in row["links"]


def test_csv_tree_and_proposed_lineage(store: Store) -> None:
    load_bundled_trees(store)
    from guidetrace.guideline.records import GuidelineRecord, RevisionRecord

    tree = read_tree(FIXTURES / "trees" / "scsg-4.0-draft.csv",
                     guideline=GuidelineRecord("scsg", "スマートシティセキュリティガイドライン"),
                     revision=RevisionRecord("4.0-draft", "第4.0版（案）", "draft", predecessor="3.0"))
    summary = store_tree(store, tree)
    assert summary.proposed_links == summary.links - 1 > 0  # all but the root-to-root link
    with store.sessions() as s:
        d = diff_revisions(s, "3.0", "4.0-draft")
    renumbered = {(e["old"], e["new"]) for e in d["renumbered"]}
    assert ("3.2.2", "3.2.4") in renumbered  # same title, new number
    assert [e["key"] for e in d["added"]] == ["3.2.5"]


@pytest.mark.parametrize(
    ("name", "message", "line"),
    [
        ("unknown-parent.yaml", "unknown parent '9.9'", 6),
        ("duplicate-key.yaml", "duplicate section key '3.1'", 8),
        ("bad-syntax.yaml", "invalid YAML", 6),
        ("custom-tag.yaml", "invalid YAML", 5),
        ("bad-kind.csv", "unknown kind 'chapterr'", 3),
        ("unknown-key.yaml", "unknown section key(s) titel", 5),
    ],
)
def test_malformed_trees_fail_with_file_and_line(store: Store, name: str, message: str, line: int) -> None:
    load_bundled_trees(store)
    before = counts(store)
    from guidetrace.guideline.records import GuidelineRecord, RevisionRecord

    path = FIXTURES / "trees" / name
    with pytest.raises(GuidetraceError) as err:
        store_tree(store, read_tree(path, guideline=GuidelineRecord("scsg", "x"), revision=RevisionRecord("9", "9", "final")))
    assert message in str(err.value) and f"{path}:{line}:" in str(err.value)
    assert counts(store) == before


def test_failed_load_rolls_back_whole_tree(store: Store, tmp_path: Path) -> None:
    """A lineage error is found after sections were written: the transaction undoes them."""
    load_bundled_trees(store)
    before = counts(store)
    bad = tmp_path / "t.yaml"
    bad.write_text(
        "guideline: {key: scsg, title: x}\nrevision: {key: '5.0', predecessor: '3.0'}\n"
        "sections:\n  - {key: '1', title: a}\nlineage:\n  - {from: '99', to: '1'}\n", encoding="utf-8")
    with pytest.raises(GuidetraceError, match=r"t.yaml:6: lineage names '99'"):
        store_tree(store, read_tree(bad))
    assert counts(store) == before


def test_parents_stored_whatever_the_order_of_records(store: Store) -> None:
    """New sections are written in one executemany, each with its parent when that row is already in; a
    child listed before its parent, or under a section of the earlier load, still gets it."""
    from guidetrace.guideline.keys import ROOT_KEY
    from guidetrace.guideline.records import GuidelineRecord, RevisionRecord, RevisionTree, SectionRecord

    def tree(*sections: tuple[str, str | None]) -> RevisionTree:
        records = [SectionRecord(ROOT_KEY, "root", None)] + [SectionRecord(k, "section", p or ROOT_KEY) for k, p in sections]
        return RevisionTree(GuidelineRecord("g", "街灯"), RevisionRecord("1", "1", "final"), tuple(records))

    def parents() -> dict[str, str | None]:
        with store.sessions() as s:
            key_of = {i: k for i, k in s.execute(select(Section.id, Section.key))}
            return {k: key_of.get(p) for k, p in s.execute(select(Section.key, Section.parent_id))}

    store_tree(store, tree(("1.1", "1"), ("1", None), ("2", None)))  # the child first
    assert parents() == {ROOT_KEY: None, "1": ROOT_KEY, "1.1": "1", "2": ROOT_KEY}
    summary = store_tree(store, tree(("1.1", "1"), ("1", None), ("2", None), ("2.1", "2"), ("1.1.1", "1.1")))
    assert (summary.added, summary.updated, summary.removed) == (2, 0, 0)
    assert parents() == {ROOT_KEY: None, "1": ROOT_KEY, "1.1": "1", "2": ROOT_KEY, "2.1": "2", "1.1.1": "1.1"}
