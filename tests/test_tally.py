"""The section tally gives the counts the citations give, after every kind of write that changes them.

The oracle is the query the sections report ran before the tally existed: every citation
expanded to its ancestors in a recursive CTE, distinct (section, opinion) pairs counted; an
opinion citing no section of the revision counts at the root (it speaks to the document).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, text

from guidetrace.comments.rounds import find_round
from guidetrace.comments.store_comments import load_comments
from guidetrace.guideline.formats import read_tree
from guidetrace.guideline.store_tree import store_tree
from guidetrace.reports.sections.build import build_sections_report
from guidetrace.trace import tally
from guidetrace.trace.models import (
    Comment,
    ConsultationRound,
    Section,
    SectionTally,
    Submitter,
)
from guidetrace.trace.store import Store, open_store, resolve_url
from guidetrace.trace.tally import refresh_tally, section_ids

from .conftest import empty_revision
from .test_review import ROUND, _decide_five, _id, _tree_variant

ORACLE = text("""
WITH RECURSIVE anc(section_id, ancestor_id) AS (
    SELECT id, id FROM section WHERE revision_id = :revision
    UNION ALL
    SELECT anc.section_id, s.parent_id FROM anc JOIN section s ON s.id = anc.ancestor_id WHERE s.parent_id IS NOT NULL
),
hits AS (
    SELECT DISTINCT anc.ancestor_id AS sid, c.comment_id AS cid
    FROM citation c JOIN anc ON anc.section_id = c.section_id JOIN comment m ON m.id = c.comment_id
    WHERE m.round_id = :round
    UNION
    SELECT r.id, m.id FROM comment m JOIN section r ON r.revision_id = :revision AND r.key = 'general'
    WHERE m.round_id = :round AND NOT EXISTS (SELECT 1 FROM citation c JOIN section s ON s.id = c.section_id
                                              WHERE c.comment_id = m.id AND s.revision_id = :revision)
)
SELECT s.key, m.disposition, COALESCE(sub.kind, 'unknown'), COUNT(*), SUM(COALESCE(m.represents, 1))
FROM hits JOIN comment m ON m.id = hits.cid LEFT JOIN submitter sub ON sub.id = m.submitter_id
JOIN section s ON s.id = hits.sid
GROUP BY s.key, m.disposition, COALESCE(sub.kind, 'unknown')
""")
DIRECT = text("""
SELECT key, COUNT(DISTINCT cid) FROM (
    SELECT s.key AS key, c.comment_id AS cid FROM citation c JOIN comment m ON m.id = c.comment_id
    JOIN section s ON s.id = c.section_id WHERE m.round_id = :round AND s.revision_id = :revision
    UNION ALL
    SELECT r.key, m.id FROM comment m JOIN section r ON r.revision_id = :revision AND r.key = 'general'
    WHERE m.round_id = :round AND NOT EXISTS (SELECT 1 FROM citation c JOIN section s ON s.id = c.section_id
                                              WHERE c.comment_id = m.id AND s.revision_id = :revision)
) cited GROUP BY key
""")


def oracle(session: Any, round_key: str | None) -> dict[str, tuple[int, int, dict[str, int], dict[str, int]]]:
    """section -> (direct, submissions, by disposition, by submitter kind), straight from the citations."""
    rnd = find_round(session, round_key)
    params = {"revision": rnd.revision_id, "round": rnd.id}
    out: dict[str, tuple[int, int, dict[str, int], dict[str, int]]] = {}
    direct = dict(session.execute(DIRECT, params).all())
    for key, disposition, kind, opinions, submissions in session.execute(ORACLE, params):
        _, subs, by_d, by_k = out.get(key, (0, 0, {}, {}))
        by_d[disposition] = by_d.get(disposition, 0) + opinions
        by_k[kind] = by_k.get(kind, 0) + opinions
        out[key] = (0, subs + int(submissions), by_d, by_k)
    for key, n in direct.items():
        _, subs, by_d, by_k = out[key]
        out[key] = (n, subs, by_d, by_k)
    return out


def from_tally(session: Any, round_key: str | None) -> dict[str, tuple[int, int, dict[str, int], dict[str, int]]]:
    return {r.section: (r.direct, r.submissions, r.by_disposition, r.by_submitter_kind)
            for r in build_sections_report(session, round_key).rows if r.subtree}


def assert_agrees(store_url: str, round_key: str | None = ROUND) -> None:
    store = open_store(store_url)
    with store.sessions() as session:
        expected, got = oracle(session, round_key), from_tally(session, round_key)
    store.dispose()
    assert got == expected
    assert got  # something was counted: an empty store would agree trivially


def test_every_write_keeps_the_tally_true(run, seed: Path, tmp_path: Path, store_url: str) -> None:
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    assert_agrees(store_url)
    before = json.loads(run("report", "sections", "--format", "json").stdout)
    _decide_five(run, tmp_path)  # cite, disposition, tag, a workbook's accept and uncite
    assert_agrees(store_url)
    after = json.loads(run("report", "sections", "--format", "json").stdout)
    assert after != before  # the decisions moved counts, and the report shows it
    for entry in json.loads(run("review", "log", "--format", "json").stdout):
        assert run("review", "undo", str(entry["id"])).exit_code == 0
        assert_agrees(store_url)
    assert json.loads(run("report", "sections", "--format", "json").stdout) == before
    without = _tree_variant(tmp_path, "without.yaml",
                            lambda t: "\n".join(line for line in t.split("\n") if 'key: "3.1.3(3)"' not in line))
    assert run("guideline", "load", str(without), "--allow-removals").exit_code == 0
    assert_agrees(store_url)
    assert run("guideline", "load", "--bundled").exit_code == 0  # the section returns and its citations relink
    assert_agrees(store_url)
    assert json.loads(run("report", "sections", "--format", "json").stdout) == before
    assert run("review", "set", _id("A-05"), "--disposition", "declined").exit_code == 0
    run("comments", "load", str(seed), "--revision", "3.0-draft")  # a reload re-applies the decision
    assert_agrees(store_url)
    assert run("rounds", "remove", ROUND, "--yes", "--decisions-out", str(tmp_path / "kept.json")).exit_code == 0
    store = open_store(store_url)
    with store.sessions() as session:
        assert session.scalar(select(func.count()).select_from(SectionTally)) == 0
    store.dispose()
    # a new round again, but with the removed round's decisions restored: counted after they re-apply
    run("comments", "load", str(seed), "--revision", "3.0-draft", "--decisions", str(tmp_path / "kept.json"))
    assert_agrees(store_url)


CORPUS = Path(__file__).parent / "corpus"


def tally_rows(session: Any, round_key: str) -> dict[tuple[Any, ...], list[int]]:
    """(cited sections, disposition, kind) -> [opinions, submissions]: summed, as the reports read it (a
    recount may split one set of sections over two rows when the database joins their ids in two orders)."""
    rnd = find_round(session, round_key)
    out: dict[tuple[Any, ...], list[int]] = {}
    for ids, disposition, kind, n, subs in session.execute(
            select(SectionTally.sections, SectionTally.disposition, SectionTally.submitter_kind, SectionTally.opinions,
                   SectionTally.submissions).where(SectionTally.round_id == rnd.id)):
        counts = out.setdefault((section_ids(ids), disposition, kind), [0, 0])
        counts[0] += n
        counts[1] += subs
    return out


@pytest.mark.parametrize("gold", sorted((CORPUS / "docs").glob("*.gold.yaml")), ids=lambda p: p.name.split(".")[0])
def test_a_load_counts_the_tally_as_a_recount_would(store: Store, gold: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh round's tally is counted while its opinions are written: the same rows as recounting them."""
    spec = yaml.safe_load(gold.read_text(encoding="utf-8"))
    for tree in spec["trees"]:
        store_tree(store, read_tree(CORPUS / "trees" / tree))

    def recount(*_: Any) -> None:
        raise AssertionError("a new round's load recounted its tally instead of counting it")

    monkeypatch.setattr(tally, "refresh_tally", recount)
    summary = load_comments(store, CORPUS / "docs" / spec["document"], revision=spec["revision"], round_key="r")
    monkeypatch.undo()
    with store.transaction() as session:
        counted = tally_rows(session, summary.round)
        refresh_tally(session, [find_round(session, summary.round).id])
        assert tally_rows(session, summary.round) == counted
        assert sum(n for n, _ in counted.values()) == summary.opinions > 0


def test_the_migration_fills_the_tally_of_a_store_loaded_before_it(loaded: Store) -> None:
    from alembic import command

    from guidetrace.trace.store import alembic_config

    with loaded.sessions() as session:
        expected = from_tally(session, ROUND)
    with loaded.engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0008")
    with loaded.engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    with loaded.sessions() as session:
        assert from_tally(session, ROUND) == expected == oracle(session, ROUND)


@st.composite
def forests(draw: Any) -> tuple[list[int | None], list[tuple[list[int], str, str, int]]]:
    """A tree (each node's parent among the earlier ones) and opinions citing any sets of its nodes."""
    size = draw(st.integers(1, 25))
    parents: list[int | None] = [None] + [draw(st.integers(0, i - 1)) for i in range(1, size)]
    opinions = draw(st.lists(st.tuples(st.lists(st.integers(0, size - 1), max_size=4),
                                       st.sampled_from(["revised", "noted", "declined"]),
                                       st.sampled_from(["corporation", "individual", ""]), st.integers(1, 5)),
                             max_size=30))
    return parents, opinions


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=forests())
def test_tally_sums_equal_the_ancestor_expansion_on_any_tree(tmp_path_factory: Any, case: Any) -> None:
    parents, opinions = case
    store = open_store(resolve_url(str(tmp_path_factory.mktemp("tally") / "t.db")))
    with store.transaction() as session:
        rev = empty_revision(session)
        ids: list[int] = []
        for i, parent in enumerate(parents):
            s = Section(revision_id=rev.id, key=f"s{i}", title=f"t{i}", kind="section", position=i,
                        parent_id=ids[parent] if parent is not None else None)
            session.add(s)
            session.flush()
            ids.append(s.id)
        rnd = ConsultationRound(key="r", revision_id=rev.id, source_file="f", kind="result")
        session.add(rnd)
        session.flush()
        people = {k: Submitter(name=f"n-{k}", kind=k) for k in ("corporation", "individual")}
        session.add_all(people.values())
        session.flush()
        for n, (cited, disposition, kind, represents) in enumerate(opinions):
            c = Comment(key=f"r/{n}", round_id=rnd.id, part="A", seq=n, body="x", disposition=disposition,
                        dispositions=[], represents=represents, source_file="f", source_line=n,
                        submitter_id=people[kind].id if kind else None)
            session.add(c)
            session.flush()
            session.execute(text("INSERT INTO citation (comment_id, section_id, text, evidence, confidence, origin, "
                                 "position) VALUES (:c, :s, 'x', 'address', 1.0, 'location', 0)"),
                            [{"c": c.id, "s": ids[i]} for i in cited] or [{"c": c.id, "s": None}])
        refresh_tally(session, [rnd.id])
    with store.sessions() as session:
        got = from_tally(session, "r")
        assert got == oracle(session, "r")
        if any(cited for cited, *_ in opinions):
            assert got
    store.dispose()
