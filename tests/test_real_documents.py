"""Documents from any publisher: trees of any shape, the locator grammar, headers and answers
as publishers write them, and the accuracy on the development corpus (tests/corpus)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidetrace.comments.classify_answer import default_classifier
from guidetrace.comments.headers import field_of, map_header
from guidetrace.comments.listing import list_comments
from guidetrace.comments.review.check import check_store
from guidetrace.comments.rounds import round_rows
from guidetrace.comments.records import OpinionRecord
from guidetrace.comments.resolution import TEXT_ORIGIN, Resolution
from guidetrace.comments.resolve_citations import CitationResolver
from guidetrace.comments.resolve_opinion import resolve_opinion
from guidetrace.comments.store_comments import load_comments
from guidetrace.comments.tree_index import TreeIndex
from guidetrace.guideline.formats import read_tree
from guidetrace.guideline.store_tree import store_tree
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.store import Store

CORPUS = Path(__file__).parent / "corpus"


def index_of(*sections: tuple[str, str, str | None, str | None]) -> TreeIndex:
    index = TreeIndex(revision="t")
    index.add("general", "root", None, "全般")
    for key, kind, parent, title in sections:
        index.add(key, kind, parent, title)
    return index


def cited(index: TreeIndex, text: str, origin: str = "location") -> list[str]:
    return list(CitationResolver(index).resolve(text, origin=origin).cited)


def test_tree_without_measure_ids_loads_numbers_and_general(store: Store, tmp_path: Path) -> None:
    """The crash case: a tree {1, 1.1} with no measure IDs, rows citing 1.1 and 全般."""
    tree = tmp_path / "tree.yaml"
    tree.write_text('guideline: {key: g, title: G}\nrevision: {key: "1"}\nsections:\n'
                    '  - {key: "1", title: 総則}\n  - {key: "1.1", title: 目的}\n', encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text("| 該当箇所 | ご意見 | 考え方 |\n|---|---|---|\n| 1.1 | 目的を明確に。 | 修正します。 |\n"
                   "| 全般 | 全体に賛成。 | 賛同のご意見として承ります。 |\n", encoding="utf-8")
    store_tree(store, read_tree(tree))
    load_comments(store, doc, revision="1", round_key="r")
    with store.sessions() as s:
        rows = list_comments(s, round_key="r")
    assert [[c["section"] for c in r["citations"]] for r in rows] == [["1.1"], ["general"]]
    assert [r["disposition"]["primary"] for r in rows] == ["revised", "support"]


JP_NUMBERED = index_of(("1", "chapter", "general", "総則"), ("1.1", "section", "1", "目的"),
                       ("2", "chapter", "general", "データの取扱い"), ("2.1", "section", "2", "収集するデータの範囲"),
                       ("2.2", "section", "2", "匿名加工の手順"), ("2.3", "section", "2", "保存期間と廃棄"),
                       ("3", "chapter", "general", "提供"), ("3.1", "section", "3", "利用申請"),
                       ("3.1.1", "subsection", "3.1", "様式"), ("3.1.2", "subsection", "3.1", "審査"),
                       ("3.1.3", "subsection", "3.1", "通知"), ("4", "chapter", "general", "安全管理措置"),
                       ("4.1", "section", "4", "組織的安全管理措置"), ("別紙1", "appendix", "general", "様式例"),
                       ("表1", "table", "2.3", "保存期間の目安"))
LAW = index_of(("第1章", "chapter", "general", "総則"), ("第1条", "article", "第1章", "目的"),
               ("第2条", "article", "第1章", "定義"), ("第2条第1項", "paragraph", "第2条", None),
               ("第2条第2項", "paragraph", "第2条", None), ("第2条第2項第1号", "item", "第2条第2項", None),
               ("第3条", "article", "第1章", "範囲"), ("別表1", "appendix", "general", "項目"))
ENGLISH = index_of(("4", "chapter", "general", "Governance"), ("4.1", "section", "4", "Roles and responsibilities"),
                   ("4.2", "section", "4", "Risk assessment process"), ("5", "chapter", "general", "Requirements"),
                   ("5.1", "section", "5", "Access control policy"), ("5.2", "section", "5", "Tests"),
                   ("5.3", "section", "5", "Language"), ("Table 3", "table", "5.3", "Cipher suites"),
                   ("7", "chapter", "general", "Conformance"), ("Annex A", "appendix", "general", "Mapping"),
                   ("AC-2", "control", "5.1", "Account management"), ("AC-2(1)", "control", "AC-2", "Automation"))


@pytest.mark.parametrize(("index", "text", "keys"), [
    (JP_NUMBERED, "第２章", ["2"]), (JP_NUMBERED, "第2章第3節", ["2.3"]), (JP_NUMBERED, "2章", ["2"]),
    (JP_NUMBERED, "3.1.1〜3.1.3", ["3.1.1", "3.1.2", "3.1.3"]), (JP_NUMBERED, "3.1.1 - 3.1.2", ["3.1.1", "3.1.2"]),
    (JP_NUMBERED, "2.1、2.2及び4.1", ["2.1", "2.2", "4.1"]), (JP_NUMBERED, "「匿名加工の手順」", ["2.2"]),
    (JP_NUMBERED, "別紙１", ["別紙1"]), (JP_NUMBERED, "表１", ["表1"]), (JP_NUMBERED, "pp. 5-6", []),
    (JP_NUMBERED, "全般", ["general"]), (JP_NUMBERED, "4", ["4"]),
    (LAW, "第2条第2項第1号", ["第2条第2項第1号"]), (LAW, "第２条 第１項", ["第2条第1項"]), (LAW, "第1章", ["第1章"]),
    (LAW, "第1条〜第3条", ["第1条", "第2条", "第3条"]), (LAW, "別表１", ["別表1"]),
    (LAW, "第2条 第2項 第1号", ["第2条第2項第1号"]),
    (ENGLISH, "Section 4.2", ["4.2"]), (ENGLISH, "Sec. 5.1", ["5.1"]), (ENGLISH, "§7", ["7"]),
    (ENGLISH, "Clause 4.1", ["4.1"]), (ENGLISH, "Annex A", ["Annex A"]), (ENGLISH, "Appendix A", ["Annex A"]),
    (ENGLISH, "Table 3", ["Table 3"]), (ENGLISH, "AC-2(1)", ["AC-2(1)"]), (ENGLISH, "AC-2 (1)", ["AC-2(1)"]),
    (ENGLISH, "Sections 4.1 to 4.2", ["4.1", "4.2"]), (ENGLISH, "4.2, line 120", ["4.2"]),
])
def test_locator_grammar(index: TreeIndex, text: str, keys: list[str]) -> None:
    assert cited(index, text) == keys


@pytest.mark.parametrize("text", [
    "v4.0", "第3.0版", "ISO/IEC 27001:2022", "CSAF 2.1", "2024年4月1日", "令和6年4月26日", "line 120", "TLS 1.3",
    "Version 2.1", "10:30", "2.5%", "3.5倍",
])
def test_versions_standards_and_dates_are_not_sections(text: str) -> None:
    index = index_of(("2", "chapter", "general", "x"), ("2.1", "section", "2", "y"), ("3", "chapter", "general", "z"),
                     ("3.0", "section", "3", "w"), ("2.5", "section", "2", "v"), ("3.5", "section", "3", "u"),
                     ("10", "chapter", "general", "t"), ("1.3", "section", "general", "s"))
    res = CitationResolver(index).resolve(text, origin="location")
    assert list(res.cited) == [] and [u for u in res.unresolved if u.evidence != "location"] == []


@pytest.mark.parametrize("text", ["We need better language in the tests.", "The requirements are unclear.",
                                  "Tests of the language requirements"])
def test_one_generic_word_cites_no_section(text: str) -> None:
    assert cited(ENGLISH, text) == [] and cited(ENGLISH, text, TEXT_ORIGIN) == []


def test_a_location_cell_that_is_exactly_a_unique_title_cites_it() -> None:
    assert cited(ENGLISH, "Tests") == ["5.2"] and cited(ENGLISH, "Tests", TEXT_ORIGIN) == []


def test_title_alone_has_lower_confidence_and_says_so() -> None:
    res = CitationResolver(ENGLISH).resolve("risk assessment process", origin="location")
    (c,) = res.cited.values()
    assert (c.section, c.evidence, c.note) == ("4.2", "title", "by title alone") and c.confidence < 1.0


def test_locators_in_opinion_text_are_weaker_and_bare_numbers_never_guess() -> None:
    res = CitationResolver(ENGLISH).resolve("See Section 4.2; a 9.9 ratio and item 3. are not places.",
                                            origin=TEXT_ORIGIN)
    assert list(res.cited) == ["4.2"] and res.cited["4.2"].evidence == "opinion-text"
    assert res.cited["4.2"].confidence < 1.0 and res.unresolved == []
    assert cited(LAW, "個人情報保護法第2条の定義と整合させること。", TEXT_ORIGIN) == []


def test_unknown_locator_is_kept_unresolved_with_its_text() -> None:
    res = CitationResolver(JP_NUMBERED).resolve("第６章", origin="location")
    assert res.cited == {} and [(u.text, u.proposed_key) for u in res.unresolved] == [("第6章", "6")]


SECTION_KINDS = ["dotted", "chapter_ja", "article", "appendix", "table", "measure", "control", "english"]


@st.composite
def random_tree(draw: st.DrawFn) -> TreeIndex:
    kinds = draw(st.sets(st.sampled_from(SECTION_KINDS)))
    index = TreeIndex(revision="r")
    index.add("general", "root", None, "全般")
    n = draw(st.integers(1, 4))
    for i in range(1, n + 1):
        if "dotted" in kinds:
            index.add(str(i), "chapter", "general", draw(st.text(max_size=8)))
            index.add(f"{i}.1", "section", str(i), None)
        if "chapter_ja" in kinds:
            index.add(f"第{i}章", "chapter", "general", None)
        if "article" in kinds:
            index.add(f"第{i}条", "article", "general", None)
            index.add(f"第{i}条第1項", "paragraph", f"第{i}条", None)
        if "appendix" in kinds:
            index.add(f"Appendix {chr(64 + i)}", "appendix", "general", None)
            index.add(f"別表{i}", "appendix", "general", None)
        if "table" in kinds:
            index.add(f"表{i}", "table", "general", None)
        if "measure" in kinds:
            index.add(f"サービス{i}-1", "measure", "general", "監視を実施する")
        if "control" in kinds:
            index.add(f"AC-{i}", "control", "general", None)
            index.add(f"AC-{i}({i})", "control", f"AC-{i}", None)
        if "english" in kinds:
            index.add(f"Annex {chr(64 + i)}", "appendix", "general", "Example templates")
    return index


LOCATOR_PIECES = st.sampled_from(["1", "1.1", "2.1", "第1章", "第２節", "第1条第1項", "第3号", "全般", "General", "別表1",
                                  "表2", "Table 1", "Annex B", "Appendix A", "§1", "Sec. 1.1", "Clause 2", "AC-1(1)",
                                  "サービス1-1", "P.3", "pp. 1-4", "line 5", "〜", " - ", "、", "及び", "「", "」", "(1)",
                                  "①", "v4.0", "ISO/IEC 27001:2022", "第3.0版", "2024年4月1日", " ", "\n", "x"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_tree(), st.lists(LOCATOR_PIECES, max_size=12).map("".join) | st.text(max_size=60),
       st.sampled_from(["location", "detail", TEXT_ORIGIN]))
def test_random_trees_and_locators_never_raise(index: TreeIndex, text: str, origin: str) -> None:
    res = CitationResolver(index).resolve(text, origin=origin)
    assert all(key in index.ids for key in res.cited)
    assert all(u.text is not None and u.reason for u in res.unresolved)


PLACES = st.lists(LOCATOR_PIECES, min_size=1, max_size=4).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_tree(), st.lists(st.tuples(st.sampled_from(["", "1", "2.1", "全般", "第1章", "別表1", "第２節", "(1)", "第1項"]),
                                         PLACES, st.booleans(), st.sampled_from(["", "1", "第1章", "2.1 見出し"])),
                               min_size=1, max_size=12))
def test_remembered_places_resolve_as_each_alone(index: TreeIndex, opinions: list[tuple[str, str, bool, str]]) -> None:
    """One resolver and cache over a load (a 該当箇所 and a place's scan remembered apart) gives, for every
    opinion, what a fresh resolver with no cache gives it."""
    shared, cache, headings = CitationResolver(index), dict[object, Resolution](), dict[str, str | None]()
    for location, detail, carried, heading in opinions:
        o = OpinionRecord(part="A", seq=1, body="本文", location=location or None, location_detail=detail,
                          carried=("location",) if carried else (), heading=heading or None)
        got = resolve_opinion(shared, index, o, headings, cache)
        alone = resolve_opinion(CitationResolver(index), index, o, {}, None)
        assert (list(got.cited.values()), got.unresolved, got.context) == \
            (list(alone.cited.values()), alone.unresolved, alone.context)


@pytest.mark.parametrize(("cell", "field"), [
    ("○○に対する御意見（要旨）", "opinion"), ("意見に対する○○省の考え方（案）", "answer"), ("ご意見に対する考え方", "answer"),
    ("意見提出者", "submitter"), ("Comment #", "number"), ("Commenter", "submitter"), ("Submitted by", "submitter"),
    ("Organization", "organization"), ("Section", "location"), ("Clause", "location"), ("Page", "page"),
    ("Line", "line"), ("Comment", "opinion"), ("Description", "opinion"), ("Proposed change", "proposal"),
    ("Suggested change", "proposal"), ("Resolution", "answer"), ("Response", "answer"), ("Disposition", "disposition"),
    ("Status", "disposition"), ("Type", "type"), ("Item #", "number"), ("No.", "number"), ("修正の有無", "revised"),
])
def test_header_synonyms_inside_longer_labels_and_in_english(cell: str, field: str) -> None:
    assert field_of(cell) == field


def test_data_rows_are_not_headers() -> None:
    assert map_header(["1", "3.1", "意見です。", "考え方です。"]) is None
    assert map_header(["Ⅰ-3", "別紙2", "チェックリストに項目を加えるべき。", "ご意見のとおり修正します。"]) is None
    assert map_header(["番号", "該当箇所", "The opinion ends here.", "考え方"]) is None  # a sentence, not a label


def test_a_header_repeated_on_every_page_is_the_same_mapping_each_time() -> None:
    """Rows of labels are matched once and remembered: each caller still gets its own mapping."""
    row = ["番号", "該当箇所", "ご意見の概要", "ご意見に対する考え方"]
    first = map_header(row)
    assert first == {"number": 0, "location": 1, "opinion": 2, "answer": 3}
    first["opinion"] = 9  # a reader adjusting its copy
    assert map_header(list(row)) == {"number": 0, "location": 1, "opinion": 2, "answer": 3}
    assert map_header(["", *row]) == {"number": 1, "location": 2, "opinion": 3, "answer": 4}


def test_no_header_lists_the_cells_it_saw(tmp_path: Path) -> None:
    from guidetrace.comments.readers import read_document

    path = tmp_path / "odd.csv"
    path.write_text("alpha,beta\n1,2\n", encoding="utf-8")
    with pytest.raises(GuidetraceError, match=r"cells seen: \['alpha', 'beta'\]"):
        list(read_document(path).opinions)


@pytest.mark.parametrize(("answer", "column", "heading", "primary"), [
    ("ご意見を踏まえ、追記いたしました。", None, None, "revised"), ("修正させていただきます。", None, None, "revised"),
    ("記載しているところです。", None, None, "covered"), ("素案のとおりとします。", None, None, "declined"),
    ("今後の検討の参考とさせていただきます。", None, None, "noted"), ("次期改定において修正します。", None, None, "noted"),
    ("対処して参ります。", None, None, "answered"), ("We will update the text in the next revision.", None, None, "noted"),
    ("The text has been revised.", None, None, "revised"), ("Not accepted.", None, None, "declined"),
    ("Already covered in 4.2.", None, None, "covered"), ("Out of scope.", None, None, "out_of_scope"),
    ("See the explanation.", "Accepted in principle", None, "revised"), ("", "Partially accepted", None, "revised"),
    ("", "Rejected", None, "declined"), ("", "Deferred", None, "noted"), ("", "Noted", None, "noted"),
    ("", "Completed", None, "revised"), ("", "No change", None, "declined"), ("", "Withdrawn", None, "withdrawn"),
    ("", "Duplicate", None, "duplicate"), ("今後の参考とさせていただきます。", "無", None, "noted"),
    ("原案のとおりとします。", "無", None, "declined"), ("", "有", None, "revised"), ("", "一部", None, "revised"),
    ("考え方を示します。", None, "1. ご意見を踏まえ修正するもの", "revised"),
    ("その旨記載しております。", None, "2. その他のご意見", "covered"),
])
def test_dispositions_from_column_heading_and_text(answer: str, column: str | None, heading: str | None,
                                                    primary: str) -> None:
    assert default_classifier().classify(answer, column=column, heading=heading).primary == primary


@pytest.mark.parametrize(("answer", "primary"), [
    # one sentence each
    ("第2章に記述しているところです。", "covered"), ("適切に対処して参ります。", "answered"),
    ("関係機関と連携して取り組んで参ります。", "answered"), ("引き続き検討を進めてまいります。", "answered"),
    ("必要な支援を行ってまいります。", "answered"), ("御意見を踏まえ、3.2に追記しました。", "revised"),
    ("次期改定の際に検討します。", "noted"), ("原案のとおりとします。", "declined"),
    # "already says it" beats a generic promise, in one sentence or in two
    ("御指摘の点は第3章に記述しているところであり、ご意見も踏まえて適切に対処して参ります。", "covered"),
    ("その旨は4.1に記載しております。今後も適切に対処してまいります。", "covered"),
    # the request already met, and the text kept: covered; the text only described as a reason: declined
    ("ご意見の趣旨は第3章におおむね記述しており、素案のとおりとします。", "covered"),
    ("用語集は章の順に掲載しており、現行の記載のままとさせていただきます。", "declined"),
    # a change beats everything; a later revision beats a promise; an arrangement is about the text only with a place
    ("記載しておりますが、御意見を踏まえ、例を追記いたします。", "revised"),
    ("今後の改定において参考とさせていただきます。引き続き取り組んでまいります。", "noted"),
    ("5の見直しにおいて、市民の意見を聴くこととしております。", "covered"),
    ("新車への義務付けを拡大することとしております。", "answered"),
    # supplementary sentences decide only when nothing else does
    ("原案のとおりとします。なお、ご意見を踏まえ解説を追記いたします。", "declined"),
])
def test_the_answer_is_decided_from_what_its_sentences_say_about_the_text(answer: str, primary: str) -> None:
    assert default_classifier().classify(answer).primary == primary


def test_decide_orders_statements_about_the_text_before_promises() -> None:
    from guidetrace.comments.classify_answer import Match, decide

    order = ("revised", "covered", "declined", "noted", "out_of_scope", "support", "answered")
    table = [
        ([("answered", False, False), ("covered", False, False)], "covered"),
        ([("covered", False, True), ("declined", False, False)], "declined"),
        ([("covered", False, False), ("declined", False, False)], "covered"),
        ([("covered", False, True), ("answered", False, False)], "covered"),
        ([("noted", False, False), ("covered", False, True)], "noted"),
        ([("revised", True, False), ("declined", False, False)], "declined"),
        ([("revised", True, False)], "revised"),
        ([("support", False, False), ("answered", False, False)], "support"),
        ([], "unclassified"),
    ]
    for said, primary in table:
        matches = [Match(d, "r", supplementary, weak=weak) for d, supplementary, weak in said]
        assert decide(matches, order) == primary, said


def test_column_text_disagreement_is_kept_and_listed_by_check(store: Store, tmp_path: Path) -> None:
    assert default_classifier().classify("ご意見を踏まえ修正します。", column="無").conflict == "revised"
    store_tree(store, read_tree(CORPUS / "trees" / "jp-numbered.yaml"))
    doc = tmp_path / "conflict.csv"
    doc.write_text("番号,該当箇所,意見,考え方,修正の有無\n1,2.1,範囲を狭めるべき。,ご意見を踏まえ修正します。,無\n", encoding="utf-8")
    load_comments(store, doc, revision="1.0-draft", round_key="c")
    with store.sessions() as s:
        found = check_store(s)
    assert [(c["comment"], c["column"], c["text"]) for c in found["disposition_conflicts"]] == [
        ("c/1", "declined", "revised")]


def test_english_document_is_recorded_as_english(store: Store) -> None:
    store_tree(store, read_tree(CORPUS / "trees" / "en-standard.yaml"))
    summary = load_comments(store, CORPUS / "docs" / "08-en-matrix.csv", revision="1.0-draft", round_key="en")
    assert summary.lang == "en" and summary.columns["location"] == "Clause (4)"
    with store.sessions() as s:
        assert round_rows(s)[0]["lang"] == "en"


def _accuracy_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("accuracy", Path(__file__).parents[1] / "benchmarks" / "accuracy.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_corpus_accuracy_targets() -> None:
    accuracy = _accuracy_module()
    results = accuracy.evaluate(CORPUS)
    t = accuracy.totals(results)
    assert t["documents"] >= 12 and t["families"] >= 8
    assert t["found"] == t["opinions"] and t["spurious"] == 0 and t["load_errors"] == 0, accuracy.report(results)
    assert t["citations_pct"] >= 95 and t["dispositions_pct"] >= 95, accuracy.report(results)
    assert t["languages_right"] == t["documents"]
    # The recorded review decisions (26-needs-review) mend what no rule should guess, and nothing else.
    (review,) = [r for r in results if r.document.startswith("26-")]
    assert t["decisions"] == 7 and review.citations_reviewed == review.opinions, accuracy.report(results)
    assert t["citations_reviewed"] == t["citations_exact"] + review.opinions - review.citations_exact
    # 見直しの周期 is read as declined by the rules since answers are read for what they say of the text
    assert t["dispositions_reviewed"] == t["dispositions_right"] + 2, accuracy.report(results)


def test_hyphenated_numbering_subitems_and_paragraphs() -> None:
    hyphen = index_of(("1", "chapter", "general", "総則"), ("1-1", "section", "1", "目的"), ("1-2", "section", "1", "範囲"))
    assert cited(hyphen, "1-1及び1-2") == ["1-1", "1-2"] and cited(hyphen, "１－２") == ["1-2"]
    assert cited(hyphen, "03-1234-5678") == [] and cited(hyphen, "2024-05-27") == []
    assert cited(ENGLISH, "Clause 4.2 (a)") == ["4.2"]  # the clause, when its item is not in the tree
    assert cited(ENGLISH, "Section 4.2, paragraph 3") == ["4.2"]  # a paragraph of 4.2, not chapter 3


def test_a_printed_number_used_twice_keeps_both_opinions_apart(store: Store, tmp_path: Path) -> None:
    store_tree(store, read_tree(CORPUS / "trees" / "jp-numbered.yaml"))
    doc = tmp_path / "twice.md"
    doc.write_text("## 1. 修正するもの\n\n| 番号 | 該当箇所 | 意見 | 考え方 |\n|---|---|---|---|\n"
                   "| 1 | 2.1 | 一つ目。 | 修正します。 |\n| 1 | 2.2 | 二つ目。 | 修正します。 |\n\n"
                   "## 2. その他\n\n| 番号 | 該当箇所 | 意見 | 考え方 |\n|---|---|---|---|\n"
                   "| 1 | 2.3 | 三つ目。 | 原案のとおりとします。 |\n", encoding="utf-8")
    load_comments(store, doc, revision="1.0-draft", round_key="t")
    with store.sessions() as s:
        ids = [(r["id"], r["label"]) for r in list_comments(s, round_key="t")]
    assert sorted(ids) == [("t/1", "1"), ("t/A-1", "1"), ("t/B-1", "1")]
