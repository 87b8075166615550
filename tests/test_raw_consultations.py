"""Raw consultations: campaigns found whole, thresholds that mean something, themes worth reading,
places in free text, totals everywhere, everyday words that need a second term."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from guidetrace.comments.dedup import bands_for, candidate_probability, cluster_texts, normalise, shingles, similarity
from guidetrace.comments.listing import list_comments
from guidetrace.comments.review.check import check_store
from guidetrace.comments.store_comments import load_raw
from guidetrace.comments.suggest_topics import suggest_topics
from guidetrace.comments.topics_lexicon import fold, load_lexicon
from guidetrace.guideline.formats import read_tree
from guidetrace.guideline.store_tree import store_tree
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.store import Store

from .raw_corpus import CAMPAIGNS, THEMES, generate, write_csv

TREE = Path(__file__).parent / "corpus" / "trees" / "jp-numbered.yaml"


def test_every_campaign_is_found_whole_and_nothing_else_merges() -> None:
    subs = generate()
    clusters = cluster_texts([s.text for s in subs])  # the default threshold
    found = [Counter(subs[i].campaign for i in c.members) for c in clusters]
    assert sorted(tuple(f) for f in found) == sorted((name,) for name in CAMPAIGNS)  # one cluster per campaign
    for f in found:
        (name, size), = f.items()
        assert size == sum(s.campaign == name for s in subs)  # whole: every copy, however edited
    assert min(len(" ".join(CAMPAIGNS["short"])), len(" ".join(CAMPAIGNS["short2"]))) < 60
    clustered = [i for c in clusters for i in c.members]
    assert len(clustered) == len(set(clustered))  # nobody counted twice


def test_copies_fold_their_differences() -> None:
    base = "監視カメラの増設に反対。\n理由は費用が高いから。"
    for copy in ("受付番号20240512-0034 監視カメラの増設に反対です。\n理由は費用が高いからです。",
                 "いつもお世話になっております。\n監視カメラの増設に反対！\n理由は費用が高いから！\nよろしくお願いいたします。",
                 "監視カメラの増設に反対　理由は費用が高いから"):
        assert normalise(copy) == normalise(base), copy


def test_thresholds_change_the_result_and_the_banding_is_chosen_for_them() -> None:
    a = "通学路の見守りボランティアを増やしてほしい。夜間の照明も増やしてほしい。公園の遊具の点検も毎月行ってほしい。横断歩道の白線も引き直してほしい。"
    b = "通学路の見守りボランティアを増やしてほしい。夜間の街灯も増やしてほしい。公園の遊具の点検も毎月行ってほしい。横断歩道の信号も引き直してほしい。"
    na, nb = normalise(a), normalise(b)
    assert 0.7 <= similarity(na, nb, shingles(na), shingles(nb)) < 0.8  # a pair between the two thresholds
    texts = [a, b, "まったく別の意見です。図書館の蔵書を増やして。"]
    assert len(cluster_texts(texts, threshold=0.8)) == 0 and len(cluster_texts(texts, threshold=0.7)) == 1
    assert bands_for(0.7) != bands_for(0.8)
    for t in (0.5, 0.6, 0.7, 0.8, 0.9):
        assert candidate_probability(t, *bands_for(t)) >= 0.99


def test_the_cli_prints_the_banding_and_the_spread(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "raw.csv"
    write_csv(path, generate(copies=10))
    assert run("guideline", "load", str(TREE)).exit_code == 0
    loaded = run("comments", "load-raw", str(path), "--revision", "1.0-draft", "--round", "raw")
    assert loaded.exit_code == 0 and "6行ずつ 21帯" in loaded.stderr
    again = run("dedup", "--round", "raw", "--threshold", "0.7")
    assert again.exit_code == 0 and "4行ずつ 32帯" in again.stderr
    report = json.loads(run("report", "campaigns", "--round", "raw", "--format", "json").output)
    assert all(0 < c["spread"] <= 1 for c in report["campaigns"])


def test_themes_rank_and_a_campaign_counts_once(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "raw.csv"
    write_csv(path, generate())
    store_tree(store, read_tree(TREE))
    load_raw(store, path, revision="1.0-draft", round_key="raw")
    with store.sessions() as s:
        top = suggest_topics(s, load_lexicon(), limit=10)
        everything = {t: x for x in suggest_topics(s, load_lexicon(), limit=200) for t in (x.term, *x.variants)}
    assert set(THEMES) <= {x.term for x in top}  # compound terms (…権, …元, …事業者) kept whole, in the top ten
    consent = [x for t, x in everything.items() if "本人同意" in t]
    assert consent and all(x.opinions == 1 for x in consent)  # 200 copies of one campaign are one text
    assert all(len(x.comments) <= 3 and x.opinions >= 1 for x in top)
    assert everything["匿名加工情報"].opinions == 6


def test_places_are_found_in_raw_text(store: Store, tmp_path: Path) -> None:
    store_tree(store, read_tree(TREE))
    path = tmp_path / "raw.csv"
    path.write_text("番号,意見\nS1,4.2の技術的安全管理措置について、暗号化を必須にしてほしい。\n"
                    "S2,「匿名加工の手順」は専門家の確認を経るべき。\nS3,全体的に分かりにくい。\n"
                    "S4,令和8年4月1日の施行は早い。第3.0版の国の指針とも合わせて。\n", encoding="utf-8")
    load_raw(store, path, revision="1.0-draft", round_key="raw")
    with store.sessions() as s:
        rows = {r["id"]: r for r in list_comments(s, round_key="raw")}
    cites = {k: [(c["section"], c["evidence"]) for c in r["citations"]] for k, r in rows.items()}
    assert cites["raw/R-S1"] == [("4.2", "opinion-text")]
    assert cites["raw/R-S2"] == [("2.2", "opinion-text")]
    assert cites["raw/R-S3"] == [("general", "implicit")] and cites["raw/R-S4"] == [("general", "implicit")]


def test_raw_totals_in_rounds_reports_and_site(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "raw.csv"
    subs = generate(copies=10)
    write_csv(path, subs)
    run("guideline", "load", str(TREE))
    run("comments", "load-raw", str(path), "--revision", "1.0-draft", "--round", "raw")
    (rnd,) = json.loads(run("rounds", "--format", "json").output)
    assert rnd["submissions"] == len(subs) and rnd["parts"] == {"distinct": 46, "campaigns": 5}
    sections = json.loads(run("report", "sections", "--round", "raw", "--format", "json").output)
    root = next(r for r in sections if r["section"] == "general")
    assert root["subtree"] == len(subs) and root["distinct"] == 46
    site = tmp_path / "site"
    assert run("site", str(site)).exit_code == 0
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "<td class=\"num\" data-distinct>46</td>" in index and "<td class=\"num\" data-campaigns>5</td>" in index


def test_an_everyday_word_needs_a_specific_one_beside_it(tmp_path: Path) -> None:
    topic = {c.topic.key: c for c in load_lexicon()}["accessibility-elderly"]
    assert topic.first_match(fold("アプリの使い方が分からない")) == "使い方"
    assert topic.first_match(fold("税金の使い方を見直すべき")) is None
    bad = tmp_path / "lexicon.yaml"
    bad.write_text("topics:\n  - key: x\n    terms: [{term: 使い方}]\n", encoding="utf-8")
    with pytest.raises(GuidetraceError, match="needs both"):
        load_lexicon(bad)


def test_check_lists_a_term_that_fires_on_too_many_opinions(store: Store, tmp_path: Path) -> None:
    store_tree(store, read_tree(TREE))
    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("topics:\n  - key: everyday\n    label: {ja: 日常語, en: everyday}\n    terms: [意見]\n",
                       encoding="utf-8")
    path = tmp_path / "raw.csv"
    path.write_text("番号,意見\n" + "".join(f"S{i},意見その{i}、公園を{i}か所増やして。\n" for i in range(50)),
                    encoding="utf-8")
    load_raw(store, path, revision="1.0-draft", round_key="raw")
    from guidetrace.comments.tag_topics import retag

    retag(store, lexicon)
    with store.sessions() as s:
        found = check_store(s)["lexicon_overfiring"]
    assert [(f["topic"], f["term"], f["opinions"]) for f in found] == [("everyday", "意見", 50)]
