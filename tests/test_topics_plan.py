"""Topics, re-anchoring across revisions, the plan and the draft→final check."""

import json
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from guidetrace.comments.draft_final import check_draft_final
from guidetrace.comments.listing import list_comments
from guidetrace.comments.review.check import check_store, needs_review
from guidetrace.comments.store_comments import load_comments
from guidetrace.comments.suggest_topics import suggest_topics
from guidetrace.comments.tag_topics import retag
from guidetrace.comments.topics_lexicon import load_lexicon
from guidetrace.guideline.formats import read_tree
from guidetrace.guideline.records import GuidelineRecord, RevisionRecord
from guidetrace.guideline.store_tree import store_tree
from guidetrace.reports.plan.build import build_plan
from guidetrace.reports.plan.marks import mark_plan
from guidetrace.reports.topics.build import build_topic_summary
from guidetrace.reports.topics.view import render_topics
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.store import Store

from .conftest import FIXTURES


def topics_by_key(store: Store, target: str | None = None, lang: str = "en") -> dict[str, dict]:
    """The topics report's JSON: every field, reasons in `lang`'s words."""
    with store.sessions() as s:
        return {t["topic"]: t for t in json.loads(render_topics(build_topic_summary(s, target), "json", lang))}


def load_4_0_draft(store: Store) -> None:
    store_tree(store, read_tree(FIXTURES / "trees" / "scsg-4.0-draft.csv",
                                guideline=GuidelineRecord("scsg", "スマートシティセキュリティガイドライン"),
                                revision=RevisionRecord("4.0-draft", "第4.0版（案）", "draft", predecessor="3.0")))


def test_seed_topics(loaded: Store) -> None:
    t = topics_by_key(loaded)
    sbom = t["sbom"]
    assert sbom["comments"] == ["scsg-3.0-draft/A-02", "scsg-3.0-draft/A-05", "scsg-3.0-draft/A-11"]
    assert sbom["organisations"] == ["エムオーテックス株式会社", "一般社団法人セキュアIoTプラットフォーム協議会"]
    assert sbom["sections"] == ["2.3.2", "サービス3-2", "都市OS2-2", "サプライチェーン1", "サプライチェーン3"]
    assert sbom["dispositions"] == {"noted": 3} and sbom["open"] and not sbom["recurring"]
    assert t["edr-xdr"]["comments"] == ["scsg-3.0-draft/A-04"] and t["edr-xdr"]["sections"] == ["サービス2-6"]
    assert t["ota-update"]["comments"] == ["scsg-3.0-draft/A-09"] and t["ota-update"]["sections"] == ["アセット1-2"]
    assert t["recovery-drills"]["comments"] == ["scsg-3.0-draft/A-06"]
    assert t["recovery-drills"]["sections"] == ["3.1.2", "3.1.3"]
    assert t["editorial"]["open"] is False  # two of its answers were `revised`
    assert t["accessibility-elderly"]["comments"] == ["scsg-3.0-draft/A-17"]
    with loaded.sessions() as s:
        a05 = next(c for c in list_comments(s) if c["id"] == "scsg-3.0-draft/A-05")
    assert a05["topics"] == ["sbom"]


def test_plan_ranks_sbom_first(loaded: Store) -> None:
    with loaded.sessions() as s:
        plan = build_plan(s).as_json()
    assert plan["revision"] == "3.0"
    first = plan["groups"][0]
    assert first["topic"] == "sbom" and first["score"] == 12
    assert {e["section"] for e in first["entries"]} == {"2.3.2", "サービス3-2", "都市OS2-2", "サプライチェーン1", "サプライチェーン3"}
    entry = next(e for e in first["entries"] if e["section"] == "サービス3-2")
    assert entry["impact"] == ["都市OS2-2"] and entry["status"] == "open"
    covered = {c for g in plan["groups"] for e in g["entries"] for c in e["comments"]}
    with loaded.sessions() as s:
        wanted = {c["id"] for c in list_comments(s) if c["disposition"]["primary"] in ("noted", "declined")}
    assert covered == wanted  # every opinion answered noted or declined is in the ledger


def test_second_round_recurs_reanchors_and_flags_outdated(loaded: Store) -> None:
    load_4_0_draft(loaded)
    load_comments(loaded, FIXTURES / "comments" / "round2-4.0-draft.md", revision="4.0-draft", round_key="scsg-4.0-draft")
    t = topics_by_key(loaded)
    sbom = t["sbom"]
    assert sbom["recurring"] and sbom["rounds"] == ["scsg-3.0-draft", "scsg-4.0-draft"] and sbom["revision"] == "4.0-draft"
    cases = t["incident-cases"]["per_round"]
    assert cases["scsg-3.0-draft"]["sections"] == ["3.2.2"] and cases["scsg-3.0-draft"]["anchored"] == ["3.2.4"]
    assert cases["scsg-3.0-draft"]["outdated"] == [{"section": "3.2.2", "reasons": ["3.2.2 → 3.2.4 (renumbered)"]}]
    assert cases["scsg-4.0-draft"]["outdated"] == []
    removed = sbom["per_round"]["scsg-3.0-draft"]["outdated"]
    assert {"section": "サプライチェーン1", "reasons": ["サプライチェーン1 has no successor in 4.0-draft"]} in removed
    in_ja = topics_by_key(loaded, lang="ja")
    assert in_ja["incident-cases"]["per_round"]["scsg-3.0-draft"]["outdated"] == [
        {"section": "3.2.2", "reasons": ["3.2.2 → 3.2.4（番号変更）"]}]
    assert {"section": "サプライチェーン1", "reasons": ["サプライチェーン1 は 4.0-draft に後継の節がない"]} in \
        in_ja["sbom"]["per_round"]["scsg-3.0-draft"]["outdated"]
    with loaded.sessions() as s:
        plan = build_plan(s).as_json()
    sbom_group = next(g for g in plan["groups"] if g["topic"] == "sbom")
    assert sbom_group["factors"]["extra_rounds"] == 1 and sbom_group["factors"]["repeated_after_declined"] == 0


def test_addressed_is_proposed_from_a_later_revision_and_marks_win(loaded: Store) -> None:
    load_4_0_draft(loaded)  # its 3.2.5 is titled ソフトウェア部品表（SBOM）の活用
    with loaded.sessions() as s:
        sbom = next(g for g in build_plan(s).as_json()["groups"] if g["topic"] == "sbom")
    entry = next(e for e in sbom["entries"] if e["section"] == "サービス3-2")
    assert (entry["status"], entry["source"], entry["revision"], entry["addressed_in"]) == (
        "addressed", "proposed", "4.0-draft", "3.2.5")
    mark_plan(loaded, "sbom", "サービス3-2", "dropped", note="out of scope for 4.0")
    with loaded.sessions() as s:
        sbom = next(g for g in build_plan(s).as_json()["groups"] if g["topic"] == "sbom")
    entry = next(e for e in sbom["entries"] if e["section"] == "サービス3-2")
    assert (entry["status"], entry["source"], entry["note"]) == ("dropped", "mark", "out of scope for 4.0")
    with pytest.raises(GuidetraceError, match="needs --revision"):
        mark_plan(loaded, "sbom", "2.3.2", "addressed")
    with pytest.raises(GuidetraceError, match="unknown topic"):
        mark_plan(loaded, "nope", "2.3.2", "open")


def test_draft_final_check(loaded: Store, tmp_path: Path) -> None:
    with loaded.sessions() as s:
        (pair,) = check_draft_final(s)
        found = check_store(s)
    assert [(c["change"], c["draft"], c["explained_by"]) for c in pair["changes"]] == [
        ("retitled", "3.3.5/コラム1", ["scsg-3.0-draft/A-13"]), ("renumbered", "4.2(1)", ["scsg-3.0-draft/A-14"])]
    assert pair["revised_unchanged"] == [] and not needs_review(found, pending_ok=True)  # items await review only
    # A 3.0 tree that does not carry the new column title: the promise shows as not kept.
    from guidetrace.guideline.bundled import bundled_tree_paths

    text = bundled_tree_paths()[3].read_text(encoding="utf-8").replace(
        '"コラム：海外のスマートシティ事例"', '"コラム：海外のスマートシティ事例から得られる示唆"')
    stale = tmp_path / "scsg-3.0.yaml"
    stale.write_text(text, encoding="utf-8")
    store_tree(loaded, read_tree(stale))
    with loaded.sessions() as s:
        (pair,) = check_draft_final(s)
        assert needs_review(check_store(s), pending_ok=True)
    assert pair["revised_unchanged"] == [{"comment": "scsg-3.0-draft/A-13", "sections": ["3.3.5", "3.3.5/コラム1"]}]


def test_an_added_item_is_explained_by_an_answer_citing_its_parent(loaded: Store, tmp_path: Path) -> None:
    """A final tree that adds 4.2(5) under 4.2: A-14, revised and citing 4.2, explains it (keys.implied_parent:
    4.2(5) is under 4.2, not under chapter 4 as the key's last dot would say)."""
    from guidetrace.guideline.bundled import bundled_tree_paths

    text = bundled_tree_paths()[3].read_text(encoding="utf-8")
    item = '  - {key: "4.2(5)", title: 追加された確認項目, inferred: true}\n'
    added = tmp_path / "scsg-3.0.yaml"
    added.write_text(text.replace("  - {key: Appendix B,", item + "  - {key: Appendix B,", 1), encoding="utf-8")
    store_tree(loaded, read_tree(added))
    with loaded.sessions() as s:
        (pair,) = check_draft_final(s)
    assert [(c["final"], c["explained_by"]) for c in pair["changes"] if c["change"] == "added"] == [
        ("4.2(5)", ["scsg-3.0-draft/A-14"])]


def test_user_lexicon_merges_and_retag_keeps_matched_text(loaded: Store, tmp_path: Path) -> None:
    user = tmp_path / "topics.yaml"
    user.write_text(yaml.safe_dump({"topics": [
        {"key": "backup", "label": {"ja": "バックアップ", "en": "backups"}, "terms": ["バックアップ"]},
        {"key": "sbom", "remove": True}]}, allow_unicode=True), encoding="utf-8")
    retag(loaded, user)
    t = topics_by_key(loaded)
    assert "sbom" not in t and t["backup"]["comments"] == ["scsg-3.0-draft/A-06"]
    retag(loaded)  # the store keeps the user's lexicon
    assert "sbom" not in topics_by_key(loaded)
    retag(loaded, shipped=True)
    assert topics_by_key(loaded)["sbom"]["opinions"] == 3
    bad = tmp_path / "bad.yaml"
    bad.write_text("topics:\n  - {key: x, patterns: ['(']}\n", encoding="utf-8")
    with pytest.raises(GuidetraceError, match=r"bad.yaml:2: topic 'x': bad pattern"):
        load_lexicon(bad)


def test_width_and_case_insensitive_matching(loaded: Store) -> None:
    lexicon = {c.topic.key: c for c in load_lexicon()}
    from guidetrace.comments.topics_lexicon import fold

    assert lexicon["sbom"].first_match(fold("ＳＢＯＭの活用")) == "sbom"
    assert lexicon["edr-xdr"].first_match(fold("EDRAMの話")) is None
    assert lexicon["ai-ml"].first_match(fold("重要なA IとM Lの導入")) == "a i"


TOPIC_PIECES = ["SBOM", "ＥＤＲ", "edram", "バックアップから", "月次の", "復旧", "a i", "ml", "の誤りではないか", "反対", "。",
                "\n", "スマートシティ", "法", "に", "アプリ", "使い方", "誤記", "OTA", "その他", " "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(TOPIC_PIECES), max_size=12))
def test_matcher_finds_what_each_topic_alone_finds(pieces: list[str]) -> None:
    """The automaton and the joined free patterns only screen: each topic's own regex decides."""
    from guidetrace.comments.topics_lexicon import TopicMatcher, fold

    with_backreference = load_lexicon(text="topics:\n  - {key: twice, patterns: ['(反対)。?\\1']}\n")
    text = fold("".join(pieces))
    for lexicon in (with_backreference[:-1], with_backreference):  # patterns joined, and (\1) searched alone
        alone = [(c.topic.key, m) for c in lexicon if (m := c.first_match(text)) is not None]
        assert [(c.topic.key, m) for c, m in TopicMatcher(lexicon).matches(text)] == alone


def test_suggest_proposes_new_sensible_terms(loaded: Store) -> None:
    with loaded.sessions() as s:
        found = [x.term for x in suggest_topics(s, load_lexicon())]
    assert {"サイバー攻撃", "IoT機器ベンダ", "偽造カード対策"} <= set(found)  # compounds kept whole
    assert not {"データ", "ネット", "サイト", "前提", "使用"} & set(found)  # everyday words are not themes
    particles = {"の", "は", "が", "を", "に", "で", "と", "も", "や"}
    assert all(len(t) >= 2 and t not in particles and any(ch.isalnum() for ch in t) for t in found)
    lexicon_terms = {term for c in load_lexicon() for term in c.topic.terms}
    assert not set(found) & lexicon_terms
