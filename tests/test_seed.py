"""The real seed document, end to end, on SQLite and PostgreSQL."""

from pathlib import Path

import pytest
from sqlalchemy import func, select

from guidetrace.comments.listing import list_comments

from guidetrace.comments.review.check import check_store

from guidetrace.comments.rounds import round_rows
from guidetrace.comments.store_comments import load_comments
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import Citation, Comment, ConsultationRound, Submitter
from guidetrace.trace.store import Store


def table_counts(store: Store) -> dict[str, int]:
    with store.sessions() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) for m in (Comment, Citation, Submitter, ConsultationRound)}


def by_id(store: Store) -> dict[str, dict]:
    with store.sessions() as s:
        return {c["id"]: c for c in list_comments(s)}


def test_seed_counts_totals_and_period(loaded: Store) -> None:
    comments = by_id(loaded)
    assert len(comments) == 26
    assert sum(c["part"] == "A" for c in comments.values()) == 18
    assert sum(c["part"] == "B" for c in comments.values()) == 8
    with loaded.sessions() as s:
        (rnd,) = round_rows(s)
        problems = check_store(s)
    assert rnd["submissions"] == 460 and rnd["by_kind"] == {"corporation": 3, "individual": 457}  # one vocabulary: submitter_kinds.yaml
    assert rnd["parts"] == {"A": 5, "B": 455}
    assert rnd["period"] == ["2024-04-26", "2024-05-27"]
    assert len(rnd["warnings"]) == 1 and "令和5月27日" in rnd["warnings"][0]
    assert rnd["named_submitters"] == ["エムオーテックス株式会社", "一般社団法人セキュアIoTプラットフォーム協議会", "株式会社ラック"]
    assert problems["unresolved"] == [] and problems["unclassified"] == []


def test_seed_spot_checks(loaded: Store) -> None:
    c = by_id(loaded)
    sections = {k: [x["section"] for x in v["citations"]] for k, v in c.items()}
    a05 = c["scsg-3.0-draft/A-05"]
    assert {"サービス3-2", "都市OS2-2"} <= set(sections["scsg-3.0-draft/A-05"])
    assert a05["proposal"].startswith("「SBOMを活用することで")
    assert a05["submitter"] == {"name": "エムオーテックス株式会社", "kind": "corporation"}
    column = c["scsg-3.0-draft/A-13"]
    assert "3.3.5/コラム1" in sections["scsg-3.0-draft/A-13"] and column["disposition"]["primary"] == "revised"
    assert sections["scsg-3.0-draft/A-14"] == ["4.2", "4.2(1)"] and c["scsg-3.0-draft/A-14"]["disposition"]["primary"] == "revised"
    assert sections["scsg-3.0-draft/A-15"] == ["Appendix B"]
    assert sections["scsg-3.0-draft/A-06"] == ["3.1.2", "3.1.2(4)", "3.1.3", "3.1.3(3)"]
    assert sections["scsg-3.0-draft/A-01"] == ["2.3.1", "2.3.1(4)"]
    for key in ("A-16", "A-17", "A-18"):
        assert sections[f"scsg-3.0-draft/{key}"] == ["general"]
    assert c["scsg-3.0-draft/A-16"]["disposition"]["primary"] == "support"
    assert c["scsg-3.0-draft/A-12"]["disposition"]["primary"] == "declined"
    assert c["scsg-3.0-draft/A-03"]["disposition"]["primary"] == "covered"
    a04 = c["scsg-3.0-draft/A-04"]["disposition"]
    assert (a04["primary"], a04["all"]) == ("noted", ["answered", "noted"])
    assert a04["rules"][:2] == ["answered-acknowledged", "noted-future"]
    part_b = [v for v in c.values() if v["part"] == "B"]
    assert all(v["bulk"] for v in part_b) and all(v["submitter"]["kind"] == "individual" for v in part_b)
    assert all(sections[v["id"]] == ["general"] for v in part_b)
    assert all(v["disposition"]["primary"] == "out_of_scope" for v in part_b)
    assert part_b[7]["body"].startswith("マイナンバーカードに反対。") and part_b[7]["source"]["line"] == 112
    assert c["scsg-3.0-draft/A-01"]["reason"].startswith("特に広く")
    assert c["scsg-3.0-draft/A-01"]["source"] == {"file": str(c["scsg-3.0-draft/A-01"]["source"]["file"]), "line": 34, "page": "3"}


def test_section_filter_includes_subtree(loaded: Store) -> None:
    with loaded.sessions() as s:
        under_313 = [c["id"] for c in list_comments(s, section="3.1.3")]
        corporate = list_comments(s, submitter_kind="corporation")
        revised = list_comments(s, disposition="revised")
    assert under_313 == ["scsg-3.0-draft/A-05", "scsg-3.0-draft/A-06", "scsg-3.0-draft/A-07", "scsg-3.0-draft/A-08"]
    assert len(corporate) == 9 and len(revised) == 2


def test_loading_twice_changes_nothing(loaded: Store, seed: Path) -> None:
    before = table_counts(loaded)
    ids_before = by_id(loaded)
    summary = load_comments(loaded, seed, revision="3.0-draft")
    assert summary.added == 0 and summary.removed == 0 and summary.updated == 26
    assert table_counts(loaded) == before == {"comment": 26, "citation": 42, "submitter": 4, "consultation_round": 1}
    assert by_id(loaded) == ids_before


def test_corrected_document_updates_in_place(loaded: Store, seed: Path, tmp_path: Path) -> None:
    fixed = tmp_path / "fixed.md"
    fixed.write_text(seed.read_text(encoding="utf-8").replace("ご意見を踏まえ、題名を", "ご意見を踏まえ、表題を"), encoding="utf-8")
    with loaded.sessions() as s:
        old_id = s.scalar(select(Comment.id).where(Comment.key == "scsg-3.0-draft/A-13"))
    summary = load_comments(loaded, fixed, revision="3.0-draft")
    assert (summary.added, summary.removed) == (0, 0)
    with loaded.sessions() as s:
        row = s.scalar(select(Comment).where(Comment.key == "scsg-3.0-draft/A-13"))
    assert row.id == old_id and "表題を" in row.response
    assert table_counts(loaded)["comment"] == 26


def test_broken_document_leaves_store_unchanged(loaded: Store, seed: Path, tmp_path: Path) -> None:
    before, ids = table_counts(loaded), by_id(loaded)
    lines = seed.read_text(encoding="utf-8").split("\n")
    lines[44] = lines[44].split("\t")[0] + "\t" + lines[44].split("\t")[1][:40]  # cut mid-row
    broken = tmp_path / "broken.md"
    broken.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(GuidetraceError, match=r"broken.md:45: truncated or malformed row: 2 tab-separated cell\(s\) where the header has 3"):
        load_comments(loaded, broken, revision="3.0-draft")
    assert table_counts(loaded) == before and by_id(loaded) == ids


def test_unknown_revision_is_a_user_error(store: Store, seed: Path) -> None:
    with pytest.raises(GuidetraceError, match="unknown revision '3.0-draft'"):
        load_comments(store, seed, revision="3.0-draft")


def test_loading_the_same_document_under_a_second_round_warns(loaded: Store, seed: Path) -> None:
    assert not any("already loaded" in w for w in load_comments(loaded, seed, revision="3.0-draft").warnings)
    summary = load_comments(loaded, seed, revision="3.0-draft", round_key="again")
    assert any("already loaded as round 'scsg-3.0-draft'" in w for w in summary.warnings)
