"""The graph's questions, the disposition rules and the resolver's locator forms."""

import pytest

from guidetrace.comments.classify_answer import default_classifier
from guidetrace.comments.resolve_citations import CitationResolver
from guidetrace.comments.tree_index import TreeIndex
from guidetrace.reports.graph import build_graph, cited_by, impact_set, section_node, section_tree
from guidetrace.trace.store import Store


def test_rollup_ancestors_impact(loaded: Store) -> None:
    with loaded.sessions() as s:
        g = build_graph(s)
    tree = section_tree(g, "3.0-draft")
    roll = {g.nodes[n]["key"]: {"direct": len(cited_by(g, n)),
                                "subtree": len(set().union(*(cited_by(g, m) for m in tree.subtree(n))))}
            for n in tree.order}
    assert roll["3.1.3"] == {"direct": 3, "subtree": 4}  # A-05 cites 都市OS2-2, below it
    assert roll["3.1.2"] == {"direct": 3, "subtree": 3}
    assert roll["2.3.2"]["subtree"] == 2 and roll["general"]["direct"] == 11
    assert roll["3.1.1"] == {"direct": 0, "subtree": 0}
    assert roll["general"]["subtree"] == 26
    assert tree.ancestors(section_node("3.0-draft", "サービス3-2")) == [
        section_node("3.0-draft", k) for k in ("3.1.2", "3.1", "3", "general")]
    touched = impact_set(g, section_node("3.0-draft", "サービス3-2"), depth=1)
    assert touched == {section_node("3.0-draft", "都市OS2-2"): 1}
    touched = impact_set(g, section_node("3.0-draft", "3.1"), depth=1)
    assert section_node("3.0-draft", "4.2") in touched and section_node("3.0-draft", "3.1.2") in touched


@pytest.mark.parametrize(
    ("answer", "primary", "all_"),
    [
        ("ご意見を踏まえ、「②マルチステークホルダへのポリシーの浸透」に修正いたします。", "revised", ["revised"]),
        ("原案のとおりとします。", "declined", ["declined"]),
        ("参考意見として承ります。 なお、プライバシー情報のセキュリティ確保については、本ガイドラインでも記載しております。",
         "out_of_scope", ["out_of_scope", "covered"]),
        ("セキュリティ対策について、賛同のご意見として承ります。また、…重要である旨記載しております。ご意見については、今後の更新・改定の検討にあたり、参考とさせていただきます。",
         "noted", ["support", "answered", "covered", "noted"]),
        ("ｺﾞ意見を踏まえ、修正いたします。", "revised", ["revised"]),
        ("", "unclassified", []),
        ("よろしくお願いします。", "unclassified", []),
    ],
)
def test_dispositions(answer: str, primary: str, all_: list[str]) -> None:
    result = default_classifier().classify(answer)
    assert (result.primary, result.all) == (primary, all_)


def small_index() -> TreeIndex:
    index = TreeIndex(revision="t")
    for key, kind, parent, title, pages in [
        ("general", "root", None, "全般", ()), ("3", "chapter", "general", "対策", ()),
        ("3.1", "section", "3", "各カテゴリ", ()), ("3.1.2", "subsection", "3.1", "サービス", (42,)),
        ("3.1.2(4)", "item", "3.1.2", "インシデント発生時に備えたセキュリティ対策", (45,)),
        ("サービス2-6", "measure", "3.1.2", "セキュリティ監視を実施する", (42,)),
        ("都市OS2-2", "measure", "3.1", "脆弱性を把握する", ()), ("サプライチェーン1", "measure", "3.1", "リスク管理", ()),
        ("Appendix B", "appendix", "general", "リスク一覧", (114,)),
        ("3.1/コラム1", "column", "3.1", "コラム：海外の事例から得られる示唆", ()),
    ]:
        index.add(key, kind, parent, title, pages)
    return index


@pytest.mark.parametrize(
    ("text", "sections", "evidence"),
    [
        ("3. 1. 2.", ["3.1.2"], "number"), ("3.1.2.", ["3.1.2"], "number"), ("３．１．２", ["3.1.2"], "number"),
        ("サービス 2-6", ["サービス2-6"], "measure"), ("サービス２－６", ["サービス2-6"], "measure"),
        ("都市 OS 2-2", ["都市OS2-2"], "measure"), ("都市ＯＳ２－２", ["都市OS2-2"], "measure"),
        ("サプライチェーン 1", ["サプライチェーン1"], "measure"),
        ("P.42", ["3.1.2"], "page"), ("p.42、P.114", ["3.1.2", "Appendix B"], "page"), ("P.114-117", ["Appendix B"], "page"),
        ("【Appendix】 B", ["Appendix B"], "appendix"), ("付録B", ["Appendix B"], "appendix"),
        ("コラム：海外の事例から得られる示唆", ["3.1/コラム1"], "column"), ("コラム：海外の事例", ["3.1/コラム1"], "column"),
        ("サービス", ["3.1.2"], "title"), ("全般", ["general"], "general"),
    ],
)
def test_locator_forms(text: str, sections: list[str], evidence: str) -> None:
    res = CitationResolver(small_index()).resolve(text, origin="location")
    assert list(res.cited) == sections and res.cited[sections[0]].evidence == evidence and not res.unresolved


@pytest.mark.parametrize(("text", "cited"), [
    ("3.1.2 ④", ["3.1.2(4)"]), ("3.1.2 (4)", ["3.1.2(4)"]), ("３．１．２ ④", ["3.1.2(4)"]),  # one place: the item
    ("3.1.2. サービス\n4 インシデント発生時に備えたセキュリティ対策", ["3.1.2", "3.1.2(4)"]),  # a section, then its item
])
def test_item_forms(text: str, cited: list[str]) -> None:
    res = CitationResolver(small_index()).resolve(text, origin="location")
    assert list(res.cited) == cited and res.cited["3.1.2(4)"].evidence == "item"


def test_unresolved_locators_are_kept() -> None:
    res = CitationResolver(small_index()).resolve("P.999 サービス9-9 3.1.2 (7)", origin="location")
    assert [(u.text, u.evidence) for u in res.unresolved] == [("サービス9-9", "measure"), ("(7)", "item"), ("P.999", "page")]
