"""`guideline import` of heading chains: plans printed 第N部 / 第M章 / K / （J） / ア whose numbers restart in
every part, chapter and item, measure headings (【体制1-2】, 〔連携1〕, boxed or as headings), appendix C.1.
Made by real producers (Chromium with and without an outline, LibreOffice DOCX, HTML) and compared with a
gold written by hand (tests/fixtures/import_chains/make_chains.py); the keys walk in the resolver's model."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidetrace.comments.listing import list_comments
from guidetrace.comments.store_comments import load_comments
from guidetrace.guideline.formats import read_tree
from guidetrace.guideline.formats.yaml_writer import tree_yaml
from guidetrace.guideline.importers import import_tree
from guidetrace.guideline.importers.headings import Heading, build_tree, heading_line
from guidetrace.guideline.keys import canonical_key
from guidetrace.guideline.numbering import Numbering, read_number
from guidetrace.guideline.records import GuidelineRecord, RevisionRecord
from guidetrace.guideline.store_tree import store_tree
from guidetrace.trace.store import Store

CHAINS = Path(__file__).parent / "fixtures" / "import_chains"
G = GuidelineRecord("chains", "見出しの連なり")
PRODUCED = [f"{doc}{kind}" for doc in ("plan", "guide") for kind in ("-outline.pdf", "-plain.pdf", ".docx", ".html")] \
    + [f"plan-flat{kind}" for kind in ("-outline.pdf", ".docx", ".html")]  # outline and styles list only the parts


def imported(path: Path) -> list[tuple[str, str | None, str | None]]:
    tree = import_tree(path, guideline=G, revision=RevisionRecord("r", "r", "draft"))
    return [(s.key, s.parent, s.title) for s in tree.sections if s.kind != "root"]


def gold(name: str) -> list[tuple[str, str | None, str | None]]:
    doc = yaml.safe_load((CHAINS / f"{name}.gold.yaml").read_text(encoding="utf-8"))
    return [(s["key"], s["parent"], s["title"]) for s in doc["sections"]]


@pytest.mark.parametrize("name", PRODUCED)
def test_every_key_parent_and_title_as_the_gold(name: str) -> None:
    assert imported(CHAINS / name) == gold(name.split("-")[0].split(".")[0])


def test_imported_plan_loads_unchanged_and_comments_citing_its_chains_resolve(store: Store, tmp_path: Path) -> None:
    tree = import_tree(CHAINS / "plan-plain.pdf", guideline=G, revision=RevisionRecord("1", "案", "draft"))
    path = tmp_path / "tree.yaml"
    path.write_text(tree_yaml(tree), encoding="utf-8")
    back = read_tree(path)
    assert [(s.key, s.parent) for s in back.sections] == [(s.key, s.parent) for s in tree.sections]
    store_tree(store, back)
    doc = tmp_path / "results.md"
    doc.write_text("| 番号 | 該当箇所 | 御意見 | 考え方 |\n|---|---|---|---|\n"
                   "| 1 | 第２部第１章１の（２） | 収集の方法を具体的に示すべき。 | 御意見を踏まえ修正します。 |\n"
                   "| 2 | 第1部第2章2(2) | 関係者の役割を明確に。 | 原案のとおりとします。 |\n"
                   "| 3 | 【体制1-2】 | 責任者の任命時期を示すべき。 | 原案のとおりとします。 |\n", encoding="utf-8")
    load_comments(store, doc, revision="1", round_key="r")
    with store.sessions() as s:
        rows = list_comments(s, round_key="r")
    assert [[c["section"] for c in r["citations"]] for r in rows] == [["第2部第1章1(2)"], ["第1部第2章2(2)"],
                                                                      ["体制1-2"]]


def test_appendix_sections_are_keyed_by_their_number_under_the_appendix(tmp_path: Path) -> None:
    md = tmp_path / "g.md"
    md.write_text("# Guide\n\n## 1 Scope\n\n## Appendix C Formats\n\n### C.1 File Size\n\n### C.2 File Naming\n\n"
                  "#### C.2.1 Dates\n\n## Appendix D Samples\n\n### D.1 Minimal\n", encoding="utf-8")
    assert imported(md) == [("1", "general", "Scope"), ("Appendix C", "general", "Formats"),
                            ("C.1", "Appendix C", "File Size"), ("C.2", "Appendix C", "File Naming"),
                            ("C.2.1", "C.2", "Dates"), ("Appendix D", "general", "Samples"),
                            ("D.1", "Appendix D", "Minimal")]


def test_chapters_without_parts_key_their_items_dotted(tmp_path: Path) -> None:
    md = tmp_path / "g.md"
    md.write_text("# 計画\n\n## 第１章　総則\n\n### １　目的\n\n### ２　範囲\n\n#### （１）対象\n\n##### ①　施設\n\n"
                  "## 第二章　取組\n\n### １　体制\n\n### 2. 評価\n", encoding="utf-8")
    assert imported(md) == [("1", "general", "総則"), ("1.1", "1", "目的"), ("1.2", "1", "範囲"),
                            ("1.2(1)", "1.2", "対象"), ("1.2(1)(1)", "1.2(1)", "施設"),
                            ("2", "general", "取組"), ("2.1", "2", "体制"), ("2.2", "2", "評価")]


def test_a_flat_outline_is_nested_by_the_numbering(tmp_path: Path) -> None:
    """Every heading at one level (a flat outline) over parts and chapters: the numbers nest them."""
    md = tmp_path / "g.md"
    md.write_text("# 第1部 総論\n\n# 第1章 趣旨\n\n# 1 背景\n\n# （1）現状\n\n# 【体制1-1】会議を置く\n\n# （2）課題\n\n"
                  "# 第2章 方針\n\n# 第2部 各論\n\n# 第1章 施策\n", encoding="utf-8")
    assert imported(md) == [("第1部", "general", "総論"), ("第1部第1章", "第1部", "趣旨"),
                            ("第1部第1章1", "第1部第1章", "背景"), ("第1部第1章1(1)", "第1部第1章1", "現状"),
                            ("体制1-1", "第1部第1章1(1)", "会議を置く"), ("第1部第1章1(2)", "第1部第1章1", "課題"),
                            ("第1部第2章", "第1部", "方針"), ("第2部", "general", "各論"), ("第2部第1章", "第2部", "施策")]


def test_measures_printed_as_paragraphs_sit_under_the_heading_above(tmp_path: Path) -> None:
    md = tmp_path / "g.md"
    md.write_text("## 3.1.2 サービス\n\n### (1) 監視\n\n【サービス1-1】稼働を監視する\n\n本文です。\n\n"
                  "サービス1-2 記録を残す\n\n〔サービス1-3〕記録を確認する\n\n### (2) 対応\n\n"
                  "【サービス2-1】は前項のとおり対応する。\n", encoding="utf-8")
    assert imported(md) == [("3.1.2", "general", "サービス"), ("3.1.2(1)", "3.1.2", "監視"),
                            ("サービス1-1", "3.1.2(1)", "稼働を監視する"), ("サービス1-3", "3.1.2(1)", "記録を確認する"),
                            ("3.1.2(2)", "3.1.2", "対応")]


def test_unnumbered_headings_keep_short_unique_titles_else_their_place() -> None:
    headings = [Heading(t, level, trusted=True) for t, level in (
        ("はじめに", 1), ("第1部 総論", 1), ("概要", 2), ("概要", 2), ("全般", 2), ("第1 趣旨", 2),
        ("この計画が対象とする地域公共交通の範囲と関係者の整理", 2), ("第2部 各論", 1), ("おわりに", 1))]
    got = [(s.key, s.parent, s.title) for s in build_tree(headings, source="t")][1:]
    assert got == [("はじめに", "general", "はじめに"), ("第1部", "general", "総論"), ("第1部/1", "第1部", "概要"),
                   ("第1部/2", "第1部", "概要"), ("第1部/3", "第1部", "全般"), ("第1部/4", "第1部", "第1 趣旨"),
                   ("第1部/5", "第1部", "この計画が対象とする地域公共交通の範囲と関係者の整理"),
                   ("第2部", "general", "各論"), ("おわりに", "general", "おわりに")]


def test_lines_without_levels_repeated_or_wrapped_sentences_are_not_new_sections() -> None:
    lines = ["第1部 総論", "第1章 趣旨", "1 背景", "第1部 総論", "2 目的", "第2部で述べるとおり、各団体は", "第2部 各論"]
    headings = [Heading(t) for t in lines if heading_line(t)]
    got = [(s.key, s.parent) for s in build_tree(headings, source="t")][1:]
    assert got == [("第1部", "general"), ("第1部第1章", "第1部"), ("第1部第1章1", "第1部第1章"),
                   ("第1部第1章2", "第1部第1章"), ("第2部", "general")]


# Random heading chains ---------------------------------------------------------------------------------------

WIDE = str.maketrans("0123456789()", "０１２３４５６７８９（）")
KANJI = {1: "一", 2: "二", 3: "三", 4: "四"}
TITLES = ["総則", "目的", "体制の整備", "データの収集", "利用の条件", "評価と見直し", "関係者の役割", "安全管理"]
KANA = "アイウ"


@st.composite
def plans(draw: st.DrawFn) -> tuple[list[Heading], list[tuple[str, str, str]], list[tuple[str, str]]]:
    """A plan of parts (or of chapters only, or dotted), printed in one of several ways, with outline levels,
    none, or levels that stop at some depth (what lies deeper printed at that level), with the keys the scheme
    gives and a printed citation of each numbered place."""
    shape = draw(st.sampled_from(["parts", "chapters", "dotted"]))
    levels = draw(st.sampled_from(["outline", "none", 1, 2, 3]))  # a number: every level below it printed at it
    wide, kanji = draw(st.booleans()), draw(st.booleans())
    gap = draw(st.sampled_from([" ", "\u3000"]))
    headings: list[Heading] = []
    expected: list[tuple[str, str, str]] = []
    places: list[tuple[str, str]] = []
    measures = iter(range(1, 1000))

    def digits(n: int) -> str:
        return str(n).translate(WIDE) if wide else str(n)

    def add(level: int, printed: str, key: str, parent: str, place: str | None = None) -> None:
        title = draw(st.sampled_from(TITLES))
        at = None if levels == "none" else level if levels == "outline" else min(level, int(levels))
        headings.append(Heading(f"{printed}{gap}{title}", at, trusted=True))
        expected.append((key, parent, title))
        if place:
            places.append((place, key))

    def items(level: int, under: str, cite: str, dotted: bool) -> None:
        for k in range(1, draw(st.integers(0, 3)) + 1):
            key = f"{under}.{k}" if dotted else f"{under}{k}"
            item = f"{cite}.{k}" if dotted and "." in cite else f"{cite}{k}"  # 3.1.2 in a dotted guide, 第2章3
            add(level, ".".join(map(digits, map(int, key.split(".")))) if "." in cite else digits(k), key, under, item)
            for j in range(1, draw(st.integers(0, 2)) + 1):
                paren = f"{key}({j})"
                add(level + 1, f"({j})".translate(WIDE) if wide else f"({j})", paren, key, f"{item}の({j})")
                if draw(st.booleans()):
                    n = next(measures)
                    bracket = draw(st.sampled_from(["【】", "〔〕"]))
                    same = draw(st.booleans())  # printed at its heading's own level, or one below
                    add(level + (1 if same else 2), f"{bracket[0]}体制{digits(n)}-{digits(1)}{bracket[1]}",
                        f"体制{n}-1", paren)
                for a in KANA[:draw(st.integers(0, 2))]:
                    add(level + 2, a, f"{paren}{a}", paren, f"{item}({j}){a}")

    def number(n: int) -> str:
        return KANJI[n] if kanji else digits(n)

    if shape == "parts":
        for p in range(1, draw(st.integers(1, 3)) + 1):
            add(1, f"第{number(p)}部", f"第{p}部", "general", f"第{p}部")
            for c in range(1, draw(st.integers(1, 3)) + 1):
                key = f"第{p}部第{c}章"
                add(2, f"第{number(c)}章", key, f"第{p}部", key)
                items(3, key, key, dotted=False)
    elif shape == "chapters":
        for c in range(1, draw(st.integers(1, 4)) + 1):
            add(1, f"第{number(c)}章", str(c), "general", f"第{c}章")
            items(2, str(c), f"第{c}章", dotted=True)
    else:
        for a in range(1, draw(st.integers(1, 3)) + 1):
            add(1, digits(a), str(a), "general", str(a))
            for b in range(1, draw(st.integers(0, 3)) + 1):
                add(2, f"{digits(a)}.{digits(b)}", f"{a}.{b}", str(a), f"{a}.{b}")
                items(3, f"{a}.{b}", f"{a}.{b}", dotted=True)
    return headings, expected, places


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_random_heading_chains_give_the_scheme_keys_and_parents(plan: tuple) -> None:  # type: ignore[type-arg]
    headings, expected, places = plan
    sections = build_tree(headings, source="t")
    assert [(s.key, s.parent, s.title) for s in sections[1:]] == expected
    assert all(canonical_key(s.key) == s.key for s in sections)  # `guideline load` keeps every key
    numbering = Numbering((s.key, s.parent, s.title) for s in sections)
    for place, key in places:  # the resolver's model walks a printed place to the imported section
        reached = numbering.find(read_number(place)[0], absolute=True)
        assert reached is not None and reached.complete and reached.key == key, place

