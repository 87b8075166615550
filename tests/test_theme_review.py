"""Issue 32.2: the themes `topics suggest` proposes are reviewed into the store's lexicon — accepted, renamed,
merged into a topic or rejected — from the command line and from the review workbook, through the same
functions, as decisions that outlive a retag and a reload.

The data: the bundled trees and seed, plus invented raw opinions (tests/fixtures/raw/theme-opinions.csv) on
four themes no shipped topic covers: 顔認証カメラ, 人流データ (with its variant 人流データ分析), 公衆無線LAN,
スマート街路灯. Each test runs on SQLite and on a real PostgreSQL server.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from guidetrace.comments.lexicon_in_force import store_lexicon
from guidetrace.comments.review.theme_sheet import THEME_COLUMNS, THEME_SHEET, read_theme_sheet
from guidetrace.reports.review.words import code_of
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import ReviewDecision, ThemeDecision
from guidetrace.trace.store import open_store

from .conftest import FIXTURES

THEMES_CSV = FIXTURES / "raw" / "theme-opinions.csv"
ROUND = "themes"
FACES, FLOWS, WIFI, LIGHTS = "顔認証カメラ", "人流データ", "公衆無線LAN", "スマート街路灯"


def _load(run, seed: Path) -> None:  # type: ignore[no-untyped-def]
    for args in (("guideline", "load", "--bundled"), ("comments", "load", str(seed), "--revision", "3.0-draft"),
                 ("comments", "load-raw", str(THEMES_CSV), "--revision", "3.0-draft", "--round", ROUND)):
        assert run(*args).exit_code == 0


def _suggested(run, limit: int = 30) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Each suggestion's term -> its terms (the term and its variants), as `topics suggest` prints them."""
    result = run("topics", "suggest", "--limit", str(limit))
    assert result.exit_code == 0, result.output
    return {t["key"]: t["terms"] for t in yaml.safe_load(result.stdout)["topics"]}


def _tags(run) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    rows = json.loads(run("comments", "list", "--round", ROUND, "--format", "json").stdout)
    return {r["id"].split("/R-")[1]: set(r["topics"]) for r in rows}


def _lexicon(store_url: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    store = open_store(store_url)
    try:
        with store.sessions() as s:
            return {c.topic.key: (c.topic.labels["ja"], c.topic.terms) for c in store_lexicon(s)}
    finally:
        store.dispose()


def _decisions(store_url: str) -> list[dict[str, Any]]:
    store = open_store(store_url)
    try:
        with store.sessions() as s:
            return [{"term": d.term, "action": d.action, "topic": d.topic_key, "label": d.label, "by": d.by,
                     "at": d.at, "note": d.note, "variants": d.variants}
                    for d in s.scalars(select(ThemeDecision).order_by(ThemeDecision.id))]
    finally:
        store.dispose()


def _state(store_url: str) -> tuple[Any, ...]:
    """What a refused import must leave as it was: every decision and the lexicon in force."""
    store = open_store(store_url)
    try:
        with store.sessions() as s:
            counts = (s.scalar(select(func.count()).select_from(ThemeDecision)),
                      s.scalar(select(func.count()).select_from(ReviewDecision)))
    finally:
        store.dispose()
    return counts, _lexicon(store_url)


def _assert_reviewed(run, store_url: str, face: str, suggested: dict[str, list[str]]) -> None:  # type: ignore[no-untyped-def]
    """The four decisions of both round trips, seen through the lexicon, the tags and the suggestions (`face`: the
    key the renamed 顔認証カメラ was given; `suggested`: each suggestion's term and variants before the decisions)."""
    lexicon = _lexicon(store_url)
    assert lexicon[face] == ("顔認証", tuple(suggested[FACES]))  # renamed; its variants are its terms too
    assert lexicon[LIGHTS] == (LIGHTS, tuple(suggested[LIGHTS]))  # accepted as it stands
    assert set(suggested[FLOWS]) <= set(lexicon["privacy"][1])  # merged with its variants
    assert not set(suggested[WIFI]) & {t for _, terms in lexicon.values() for t in terms}  # rejected: no topic has it
    before = _tags(run)
    assert face not in before["T01"]  # the lexicon changed; the tags follow a retag
    assert run("topics", "retag").exit_code == 0
    after = _tags(run)
    for tags in (after, _reload_and_tag(run)):
        assert {"T01", "T02", "T03", "T13"} == {k for k, t in tags.items() if face in t}
        assert {"T10", "T11", "T12"} == {k for k, t in tags.items() if LIGHTS in t}
        assert {"T04", "T05", "T06", "T13"} <= {k for k, t in tags.items() if "privacy" in t}
        assert not tags["T08"]  # 公衆無線LAN only: rejected, so no topic
    decided = {t for theme in (FACES, FLOWS, WIFI, LIGHTS) for t in suggested[theme]}
    assert not decided & {t for terms in _suggested(run, 100).values() for t in terms}  # nor their variants
    queue = json.loads(run("review", "list", "--kind", "topic", "--format", "json").stdout)
    assert queue and not decided & {i["machine"] for i in queue}


def _reload_and_tag(run) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """The raw round loaded again, the seed too: the loads tag with the reviewed lexicon."""
    assert run("comments", "load-raw", str(THEMES_CSV), "--revision", "3.0-draft", "--round", ROUND).exit_code == 0
    assert run("comments", "load", "--bundled").exit_code == 0
    return _tags(run)


def test_cli_accept_rename_merge_reject_round_trip(run, seed: Path, store_url: str) -> None:  # type: ignore[no-untyped-def]
    _load(run, seed)
    suggested = _suggested(run)
    assert {FACES, FLOWS, WIFI, LIGHTS} <= set(list(suggested)[:10])  # the planted themes, near the top
    assert "人流データ分析" in suggested[FLOWS]  # a variant, typed below
    renamed = run("topics", "accept", FACES, "--as", "顔認証", "--key", "face-recognition", "--by", "tanaka",
                  "--note", "監視の論点として")
    assert renamed.exit_code == 0, renamed.output
    said, hint = renamed.stderr.splitlines()
    assert said == f"テーマ「顔認証カメラ」をトピック face-recognition（顔認証）として採用：語 {'、'.join(suggested[FACES])}"
    assert hint.startswith("語彙を更新しました。意見に付与するには：guidetrace --db ") and hint.endswith(" topics retag")
    assert run("topics", "accept", LIGHTS, "--by", "tanaka").exit_code == 0
    merged = run("topics", "merge", "人流データ分析", "--into", "privacy", "--by", "suzuki")  # a variant stands for its theme
    assert merged.exit_code == 0 and "トピック privacy に統合：語 人流データ、人流データ分析" in merged.stderr
    rejected = run("topics", "reject", WIFI, "--by", "suzuki")
    assert rejected.exit_code == 0  # nothing to retag: it never was a topic
    forms = "、".join(suggested[WIFI])
    assert rejected.stderr.splitlines() == [f"テーマ「公衆無線LAN」を却下：今後は候補に出しません（{forms}）"]
    made = _decisions(store_url)
    assert [(d["term"], d["action"], d["topic"], d["by"]) for d in made] == [
        (FACES, "rename", "face-recognition", "tanaka"), (LIGHTS, "accept", LIGHTS, "tanaka"),
        (FLOWS, "merge", "privacy", "suzuki"), (WIFI, "reject", None, "suzuki")]
    assert made[0]["note"] == "監視の論点として" and all(d["at"] for d in made)
    listed = run("topics", "list")
    assert "確認で加えたテーマ 3件を含みます" in listed.stderr
    _assert_reviewed(run, store_url, "face-recognition", suggested)

    # the latest decision is the one in force: rejecting an accepted theme takes its topic out at the next retag
    again = run("topics", "reject", LIGHTS)
    assert again.exit_code == 0 and again.stderr.endswith(" topics retag\n")
    assert LIGHTS not in _lexicon(store_url)
    assert run("topics", "retag").exit_code == 0
    assert not any(LIGHTS in t for t in _tags(run).values())
    assert LIGHTS not in {t for terms in _suggested(run, 100).values() for t in terms}


def test_cli_refusals_are_one_line_and_change_nothing(run, seed: Path, store_url: str) -> None:  # type: ignore[no-untyped-def]
    _load(run, seed)
    before = _state(store_url)
    for args, said in (
            (("topics", "merge", FLOWS, "--into", "no-such-topic"), "no topic 'no-such-topic' to merge '人流データ' into"),
            (("topics", "accept", FACES, "--key", "privacy"), "the lexicon has a topic 'privacy' already"),
            (("topics", "accept", " "), "expected a term of 1 to 300 characters"),
            (("topics", "accept", FACES, "--as", "x" * 201), "a label holds up to 200 characters")):
        result = run(*args)
        assert result.exit_code == 2 and result.output.count("\n") == 1 and said in result.output, result.output
    assert _state(store_url) == before
    assert run("topics", "accept", FACES, "--key", "face").exit_code == 0  # its own key again is no clash
    assert run("topics", "accept", FACES, "--as", "顔認証").exit_code == 0
    assert _lexicon(store_url)["face"][0] == "顔認証"
    refused = run("topics", "merge", FACES, "--into", "face")
    assert refused.exit_code == 2 and "is the topic '顔認証カメラ' was accepted as" in refused.output
    # a theme merged into a topic that later leaves the lexicon tags nothing, and `topics list` says so
    assert run("topics", "merge", WIFI, "--into", "face").exit_code == 0
    assert WIFI in _lexicon(store_url)["face"][1]
    assert run("topics", "reject", FACES).exit_code == 0
    assert not any(WIFI in terms for _, terms in _lexicon(store_url).values())
    assert "警告：テーマ「公衆無線LAN」の統合先 face が語彙にないため、この語は付与されません" in run("topics", "list").stderr


def _fill(book_path: Path, decisions: dict[str, tuple[str, str | None]], out: Path) -> Path:
    """The themes sheet with a decision (in the drop-down's words) and a value typed on the named terms' rows."""
    book = load_workbook(book_path)
    sheet = book[THEME_SHEET]
    cols = {c.value: c.column_letter for c in sheet[1]}
    for row in range(3, sheet.max_row + 1):
        term = sheet[f"{cols['term']}{row}"].value
        if term in decisions:
            decision, value = decisions[term]
            sheet[f"{cols['decision']}{row}"] = decision
            sheet[f"{cols['value']}{row}"] = value
    book.save(out)
    return out


def test_workbook_round_trip(run, seed: Path, store_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _load(run, seed)
    suggested = _suggested(run)
    exported = tmp_path / "review.xlsx"
    result = run("review", "export", "-o", str(exported))
    assert result.exit_code == 0 and "テーマ候補" in result.stderr
    sheet = load_workbook(exported)[THEME_SHEET]
    assert [c.value for c in sheet[1]] == list(THEME_COLUMNS) and sheet.row_dimensions[1].hidden
    assert [c.value for c in sheet[2]][:5] == ["テーマ（語）", "異表記・関連語", "意見数", "意見の例", "判断（選択）"]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=3, values_only=True)}
    assert rows[FLOWS][1] == "、".join(suggested[FLOWS][1:]) and rows[FLOWS][2] == 4
    assert f"{ROUND}/R-T04：人流データの匿名化" in rows[FLOWS][3]  # opinions, at the term
    (choices,) = [v.formula1 for v in sheet.data_validations.dataValidation if "E3" in v.sqref]
    assert choices == '"採用,名前を変えて採用,統合,却下"'
    filled = _fill(exported, {FACES: ("名前を変えて採用", "顔認証"), LIGHTS: ("採用", None), FLOWS: ("統合", "privacy"),
                              WIFI: ("reject", None)}, tmp_path / "filled.xlsx")  # either language's word
    imported = run("review", "import", str(filled), "--by", "sato")
    assert imported.exit_code == 0, imported.output
    assert "filled.xlsx：テーマの判断 4件を記録" in imported.stderr
    made = {d["term"]: d for d in _decisions(store_url)}
    assert {t: (d["action"], d["topic"], d["by"]) for t, d in made.items()} == {
        FACES: ("rename", "顔認証", "sato"), LIGHTS: ("accept", LIGHTS, "sato"), FLOWS: ("merge", "privacy", "sato"),
        WIFI: ("reject", None, "sato")}
    _assert_reviewed(run, store_url, "顔認証", suggested)  # a renamed theme's key is its new label
    again = run("review", "export", "-o", str(tmp_path / "again.xlsx"))
    assert again.exit_code == 0
    left = [r[0] for r in load_workbook(tmp_path / "again.xlsx")[THEME_SHEET].iter_rows(min_row=3, values_only=True)]
    assert left and not {FACES, FLOWS, WIFI, LIGHTS} & set(left)  # decided themes leave the sheet


@pytest.mark.parametrize("damage, said", [
    ({WIFI: ("保留", None)}, "row {row}, column E (判断（選択）): expected one of 採用 (accept)、名前を変えて採用 (rename)"),
    ({WIFI: ("名前を変えて採用", None)}, "row {row}, column F (新しい名前、または統合先のトピック): expected the new label"),
    ({WIFI: ("統合", "no-such-topic")}, "row {row}, column F (新しい名前、または統合先のトピック): no topic 'no-such-topic'"),
    ({WIFI: ("却下", "privacy")}, "row {row}, column F (新しい名前、または統合先のトピック): expected nothing for '却下'"),
    ({WIFI: ("採用", "=HYPERLINK(\"x\")")}, "row {row}, column F (新しい名前、または統合先のトピック): holds a formula"),
])
def test_a_bad_theme_cell_is_one_line_and_changes_nothing(run, seed: Path, store_url: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                          damage: dict[str, tuple[str, str | None]], said: str) -> None:
    _load(run, seed)
    exported = tmp_path / "review.xlsx"
    assert run("review", "export", "-o", str(exported)).exit_code == 0
    row = next(n for n, r in enumerate(load_workbook(exported)[THEME_SHEET].iter_rows(values_only=True), start=1)
               if r[0] == WIFI)
    before = _state(store_url)
    # a good row first: the bad one must take it back too
    bad = _fill(exported, {FACES: ("採用", None), **damage}, tmp_path / "bad.xlsx")
    result = run("review", "import", str(bad))
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert result.output.startswith("guidetrace: error: bad.xlsx: sheet themes, ")
    assert said.format(row=row) in result.output, result.output
    assert _state(store_url) == before


def test_one_theme_decided_twice_differently_names_both_cells(tmp_path: Path) -> None:
    book = _sheet([("x", "採用", None), ("y", "却下", None), ("x", "却下", None), ("y", "却下", None)])
    with pytest.raises(GuidetraceError, match=r"row 3, column C \(decision\) and .*row 5, column C \(decision\): "
                                              "the same theme 'x' decided differently"):
        read_theme_sheet(book, tmp_path / "r.xlsx", code_of)
    same = _sheet([("y", "却下", None), ("ｙ", "REJECT", None)])  # the same decision twice (any width, case) is one
    assert [(r.term, r.action) for r in read_theme_sheet(same, tmp_path / "r.xlsx", code_of)] == [("y", "reject")]


def _sheet(rows: list[tuple[str, str, str | None]]) -> Workbook:
    book = Workbook()
    sheet = book.active
    sheet.title = THEME_SHEET
    sheet.append(["term", "variants", "decision", "value"])
    sheet.append(["term", "variants", "decision", "value"])
    for term, decision, value in rows:
        sheet.append([term, "", decision, value])
    return book


CELL = st.characters(blacklist_categories=("Cc", "Cs"))  # what a cell can hold
WORDS = ["採用", "名前を変えて採用", "統合", "却下", "accept", "rename", "merge", "reject", "Accept", "ＭＥＲＧＥ"]


@settings(max_examples=150, deadline=None)
@given(decision=st.one_of(st.sampled_from(WORDS), st.text(CELL, max_size=12)),
       value=st.one_of(st.none(), st.sampled_from(["", "sbom", "新しい名前"]), st.text(CELL, max_size=12)),
       term=st.one_of(st.sampled_from(["顔認証カメラ", " 人流データ ", ""]), st.text(CELL, max_size=12)))
def test_any_cell_reads_as_a_decision_or_one_line_naming_it(decision: str, value: str | None, term: str) -> None:
    """Whatever an editor types, the sheet reads as checked rows or one error naming sheet, row and column."""
    book = _sheet([(term, decision, value)])
    try:
        rows = read_theme_sheet(book, Path("r.xlsx"), code_of)
    except GuidetraceError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("r.xlsx: sheet themes, row 3, column ")
        return
    typed = decision.strip()
    if not typed.removeprefix("'"):  # blank, or the apostrophe the export puts before = + - @ alone
        assert rows == []
        return
    (row,) = rows
    assert row.action in ("accept", "rename", "merge", "reject") and row.term
    assert (row.value is not None) == (row.action in ("rename", "merge"))
