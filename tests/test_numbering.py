"""The numbering model (guideline/numbering.py) and places found by walking down a tree: parts with
chapters that restart, items that restart in every chapter, measure IDs, named parts, headings quoted
with their number, and which text of an opinion is its location."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidetrace.comments.resolution import OPENING, TEXT_ORIGIN
from guidetrace.comments.resolve_citations import CitationResolver
from guidetrace.comments.tree_index import TreeIndex
from guidetrace.guideline.numbering import read_number

WIDE = str.maketrans("0123456789()", "０１２３４５６７８９（）")


@pytest.mark.parametrize(("text", "steps", "words"), [
    ("第２部第１章３の（２）", ["第2部", "第1章", "3", "(2)"], ""), ("第三章 総則", ["第3章"], "総則"),
    ("【体制1-2】 体制を整える", ["体制1-2"], "体制を整える"), ("C.1 File Size", ["C", "1"], "File Size"),
    ("(ア) 小項目", ["(ア)"], "小項目"), ("2024年の計画", [], "2024年の計画"), ("第２章２．", ["第2章", "2"], ""),
    ("3.1.2(4)", ["3", "1", "2", "(4)"], ""), ("1 はじめに", ["1"], "はじめに"),
])
def test_printed_numbers_are_read_into_steps(text: str, steps: list[str], words: str) -> None:
    got, rest = read_number(text, heading=True)
    assert [str(s) for s in got] == steps and rest == words


def parted_tree(parts: int, chapters: int, items: int, subitems: int) -> TreeIndex:
    """第p部 / 第c章 (restarting in each part) / item k (restarting in each chapter) / (j); a measure under each item."""
    index = TreeIndex(revision="r")
    index.add("general", "root", None, "全般")
    for p in range(1, parts + 1):
        part = f"第{p}部"
        index.add(part, "part", "general", f"部の見出し{p}")
        for c in range(1, chapters + 1):
            chapter = f"{part}第{c}章"
            index.add(chapter, "chapter", part, f"章の見出し{p}-{c}")
            for k in range(1, items + 1):
                item = f"{chapter}{k}"
                index.add(item, "section", chapter, f"項目{p}{c}{k}の見出し")
                for j in range(1, subitems + 1):
                    index.add(f"{item}({j})", "item", item, f"小項目{p}{c}{k}{j}")
                index.add(f"体制{p}{c}-{k}", "measure", item, f"対策{p}{c}{k}")
    return index


@st.composite
def tree_and_place(draw: st.DrawFn) -> tuple[TreeIndex, str, str]:
    parts, chapters, items, subitems = (draw(st.integers(1, 3)), draw(st.integers(1, 3)), draw(st.integers(1, 4)),
                                        draw(st.integers(0, 3)))
    index = parted_tree(parts, chapters, items, subitems)
    p, c, k = draw(st.integers(1, parts)), draw(st.integers(1, chapters)), draw(st.integers(1, items))
    depth = draw(st.sampled_from(["part", "chapter", "item", "sub", "measure"] if subitems else
                                 ["part", "chapter", "item", "measure"]))
    j = draw(st.integers(1, max(subitems, 1)))
    space = draw(st.sampled_from(["", " "]))
    joiner = draw(st.sampled_from(["の", "", " "]))
    text = f"第{p}部"
    key = f"第{p}部"
    if depth != "part":
        text, key = f"{text}{space}第{c}章", f"{key}第{c}章"
    if depth in ("item", "sub"):
        text, key = f"{text}{space}{k}", f"{key}{k}"
    if depth == "sub":
        text, key = f"{text}{joiner}({j})", f"{key}({j})"
    if depth == "measure":
        text, key = draw(st.sampled_from([f"体制{p}{c}-{k}", f"【体制{p}{c}-{k}】"])), f"体制{p}{c}-{k}"
    if draw(st.booleans()):
        text = text.translate(WIDE)
    suffix = draw(st.sampled_from(["", "等", "について", "　全般"]))
    return index, text + suffix, key


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree_and_place())
def test_a_place_naming_a_path_reaches_exactly_that_section(case: tuple[TreeIndex, str, str]) -> None:
    index, text, key = case
    res = CitationResolver(index).resolve(text, origin="location")
    assert [c for c in res.cited if c != "general"] == [key], (text, res.unresolved)


def test_a_step_the_tree_lacks_stops_at_the_deepest_section_with_a_note() -> None:
    index = parted_tree(2, 2, 2, 1)
    res = CitationResolver(index).resolve("第2部第1章5の(1)", origin="location")
    (cited,) = res.cited.values()
    assert cited.section == "第2部第1章" and cited.confidence < 1 and cited.note
    assert res.unresolved and "第2部第1章" in res.unresolved[0].reason
    # never an unrelated section of the same number elsewhere
    assert "第1部第1章" not in CitationResolver(index).resolve("第3部第1章", origin="location").cited


def test_a_chapter_and_a_named_part_inside_it_cite_the_part() -> None:
    index = TreeIndex(revision="r")
    index.add("general", "root", None, "全般")
    for key, parent, title in [("1", "general", "第１章"), ("3", "general", "第３章"), ("方針A", "3", "基本方針A"),
                               ("方針B", "3", "基本方針B")]:
        index.add(key, "chapter" if parent == "general" else "section", parent, title)
    resolver = CitationResolver(index)
    assert list(resolver.resolve("第３章基本方針B等", origin="location").cited) == ["方針B"]
    assert list(resolver.resolve("第３章", origin="location").cited) == ["3"]
    assert list(resolver.resolve("第１章等", origin="location").cited) == ["1"]


def test_a_heading_quoted_with_its_number_is_found_by_its_words() -> None:
    index = parted_tree(1, 3, 2, 0)
    for i, (parent, title) in enumerate([("第1部第1章1", "設備の点検"), ("第1部第2章1", "職員の研修"),
                                         ("第1部第3章2", "委託先の管理")]):
        index.add(f"{parent}(1)", "item", parent, title)
    resolver = CitationResolver(index)
    assert list(resolver.resolve("12ページ(1)職員の研修", origin="location").cited) == ["第1部第2章1(1)"]
    assert list(resolver.resolve("p.5 （１） 委託先の管理について", origin="location").cited) == ["第1部第3章2(1)"]
    assert list(resolver.resolve("(1) 設備点検", origin="location").cited) == ["第1部第1章1(1)"]  # a particle missing


def dotted_tree() -> TreeIndex:
    index = TreeIndex(revision="r")
    index.add("general", "root", None, "全般")
    for key, parent, title in [("2", "general", "範囲"), ("2.3", "2", "保存期間"), ("3", "general", "提供"),
                               ("3.1", "3", "申請"), ("3.1.2", "3.1", "審査"), ("4", "general", "安全管理"),
                               ("4.2", "4", "技術的安全管理措置")]:
        index.add(key, "section", parent, title)
    return index


@pytest.mark.parametrize(("text", "keys"), [
    ("P.12 3.1.2について、審査の期間を短くすべき。また第4章も見直すべき。", ["3.1.2"]),  # the opening place only
    ("Section 4.2: the measures are vague; see also Section 2.3 of our policy.", ["4.2"]),
    ("「〇〇ガイドライン」の第2章第3節では保存期間を定めている。", []),  # another document's chapter
    ("ISO/IEC 27001:2022 の 4.2 に整合させるべき。", []), ("個人情報保護法第4条との関係を整理すべき。", []),
    ("本ガイドラインの第2章第3節について、期間が長い。", ["2.3"]),  # this document, named in passing
    ("審査の方法について、4.2と整合させるべき。", ["4.2"]),
    ("1. 申請について、様式を簡素にしてほしい。", []),  # a numbered list, not chapter 1
])
def test_which_text_of_an_opinion_is_its_location(text: str, keys: list[str]) -> None:
    res = CitationResolver(dotted_tree()).resolve(text, origin=TEXT_ORIGIN)
    assert list(res.cited) == keys
    if keys and unicodedata.normalize("NFKC", text)[:1] in "PS":
        assert all(c.origin == OPENING for c in res.cited.values())


def test_grow_tree_adds_a_missing_step_under_the_section_the_walk_reached(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from guidetrace.comments.listing import list_comments
    from guidetrace.comments.store_comments import load_comments
    from guidetrace.guideline.formats import read_tree
    from guidetrace.guideline.store_tree import store_tree

    tree = tmp_path / "plan.yaml"
    tree.write_text('guideline: {key: p, title: 計画}\nrevision: {key: "1"}\nsections:\n'
                    "  - {key: 第1部, parent: general, title: 総論}\n  - {key: 第1部第1章, parent: 第1部, title: 基本的事項}\n"
                    "  - {key: 第1部第1章1, parent: 第1部第1章, title: 趣旨}\n", encoding="utf-8")
    doc = tmp_path / "results.md"
    doc.write_text("| 番号 | 該当箇所 | 意見 | 考え方 |\n|---|---|---|---|\n"
                   "| 1 | 第１部第１章３の（２） | 期間を示すべき。 | 追記しました。 |\n", encoding="utf-8")
    store_tree(store, read_tree(tree))
    summary = load_comments(store, doc, revision="1", round_key="r", grow=True)
    assert summary.grown == ["第1部第1章3(2)"] and summary.unresolved == 0
    with store.sessions() as s:
        (row,) = list_comments(s, round_key="r")
    assert [c["section"] for c in row["citations"]] == ["第1部第1章3(2)"]


def test_a_katakana_sub_item_after_an_item_is_a_step_and_a_katakana_word_is_not() -> None:
    index = parted_tree(1, 2, 2, 2)
    index.add("第1部第2章2(2)イ", "item", "第1部第2章2(2)", "小見出し")
    resolver = CitationResolver(index)
    assert list(resolver.resolve("第1部第2章2(2)イ", origin="location").cited) == ["第1部第2章2(2)イ"]
    assert list(resolver.resolve("第1部第2章2(2)イベントの開催", origin="location").cited) == ["第1部第2章2(2)"]


def test_diff_finds_chain_keys_renumbered_when_a_chapter_is_inserted_in_a_part(store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from guidetrace.guideline.formats import read_tree
    from guidetrace.guideline.queries import diff_revisions
    from guidetrace.guideline.store_tree import store_tree

    head = 'guideline: {key: p, title: 計画}\nrevision: {key: "%s"%s}\nsections:\n'
    common = ("  - {key: 第1部, parent: general, title: 総論}\n  - {key: 第1部第1章, parent: 第1部, title: 基本的事項}\n")
    old, new = tmp_path / "1.yaml", tmp_path / "2.yaml"
    old.write_text(head % ("1", "") + common + "  - {key: 第1部第2章, parent: 第1部, title: 現状と課題}\n"
                   "  - {key: 第1部第2章1, parent: 第1部第2章, title: 犯罪情勢}\n", encoding="utf-8")
    new.write_text(head % ("2", ', predecessor: "1"') + common + "  - {key: 第1部第2章, parent: 第1部, title: 新しい章}\n"
                   "  - {key: 第1部第3章, parent: 第1部, title: 現状と課題}\n"
                   "  - {key: 第1部第3章1, parent: 第1部第3章, title: 犯罪情勢}\n", encoding="utf-8")
    store_tree(store, read_tree(old))
    store_tree(store, read_tree(new))
    with store.sessions() as s:
        diff = diff_revisions(s, "1", "2")
    assert sorted((e["old"], e["new"]) for e in diff["renumbered"]) == [("第1部第2章", "第1部第3章"),
                                                                       ("第1部第2章1", "第1部第3章1")]
    assert [e["key"] for e in diff["added"]] == ["第1部第2章"]
