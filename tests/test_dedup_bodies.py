"""Folding removes greetings and closings, never the body: different opinions are never one campaign."""

from __future__ import annotations

from pathlib import Path

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from guidetrace.comments.dedup import body_fold, cluster_texts, normalise
from guidetrace.comments.store_comments import load_raw
from guidetrace.guideline.bundled import load_bundled_trees
from guidetrace.trace.models import Cluster, ConsultationRound
from guidetrace.trace.store import Store

GREETINGS = ["はじめまして", "初めまして", "こんにちは", "失礼いたします", "いつもお世話になっております",
             "平素より大変お世話になっております", "Dear Sir or Madam,", "Hello", "ＨＥＬＬＯ", "はじめまして！"]
CLOSINGS = ["よろしくお願いいたします", "何卒よろしくお願い申し上げます", "以上", "以上です", "Best regards",
            "Thank you", "Sincerely", "宜しくお願い致します"]
# One-line, greeting-first opinions with unrelated bodies (invented; the shape of the real ones).
ONE_LINERS = [
    "はじめまして、監視カメラの顔認証機能は住民の同意を得てから導入してください。",
    "こんにちは。防災アプリの位置情報を民間に渡す際の条件を明記すべきです。",
    "初めまして。オープンデータの利用規約はCC BYに統一してほしいと考えます。",
    "失礼いたします、第3章の用語集にデータ仲介事業者の定義が見当たりません。",
    "こんにちは、委託先の監査手順を年1回以上とする根拠を示してください。",
]

ALPHABET = "あいうえおかきくけこさしすせそ漢字監視計画情報安全対策アイウエオabcxyzＡＢ0123４５ 、。！,.\n"
body = st.text(alphabet=ALPHABET, min_size=1, max_size=40)
greeting_sep = st.sampled_from(["\n", "。", "、", " ", "！\n"])
closing_sep = st.sampled_from(["\n", "。", "。\n"])


def dressed(text: str, greetings: list[str], closings: list[str], gsep: str, csep: str) -> str:
    for g in reversed(greetings):
        text = g + gsep + text
    for c in closings:
        text = text + csep + c
    return text


def test_greeting_first_one_liners_with_different_bodies_never_cluster() -> None:
    assert all(normalise(t) for t in ONE_LINERS) and len({normalise(t) for t in ONE_LINERS}) == len(ONE_LINERS)
    assert cluster_texts(ONE_LINERS) == [] and cluster_texts(ONE_LINERS, near=False) == []
    # the same opinions with a closing line, or the greeting on a line of its own, still fold to the same body
    copies = [t.replace("、", "。", 1) + "\nよろしくお願いいたします。" for t in ONE_LINERS]
    clusters = cluster_texts(ONE_LINERS + copies, near=False)
    assert sorted(c.members for c in clusters) == [(i, i + len(ONE_LINERS)) for i in range(len(ONE_LINERS))]
    assert normalise("よろしくお願いいたします。") and normalise("はじめまして。") != normalise("こんにちは。")


@settings(max_examples=400, deadline=None)
@given(body, body, st.lists(st.sampled_from(GREETINGS), max_size=2), st.lists(st.sampled_from(CLOSINGS), max_size=2),
       st.lists(st.sampled_from(GREETINGS), max_size=2), st.lists(st.sampled_from(CLOSINGS), max_size=2),
       greeting_sep, closing_sep)
def test_folding_never_empties_a_text_nor_equates_different_bodies(
        a: str, b: str, ga: list[str], ca: list[str], gb: list[str], cb: list[str], gsep: str, csep: str) -> None:
    assume(body_fold(a) and body_fold(b))  # bodies: something besides greetings, digits and punctuation
    da, db = dressed(a, ga, ca, gsep, csep), dressed(b, gb, cb, gsep, csep)
    assert normalise(da) and normalise(db)
    assert normalise(da) == normalise(a)  # a greeting or closing folds away, the body stays whole
    if normalise(a) != normalise(b):
        assert normalise(da) != normalise(db)


@given(st.text(min_size=1, max_size=30))
def test_any_text_with_something_in_it_folds_to_something(text: str) -> None:
    assume(text.strip())
    assert normalise(text)


def test_raw_round_of_greeting_first_one_liners_keeps_them_distinct(store: Store, tmp_path: Path) -> None:
    load_bundled_trees(store)
    path = tmp_path / "raw.csv"
    rows = ["番号,氏名,ご意見"] + [f"S{i},個人{i},{t.replace(',', '、')}" for i, t in enumerate(ONE_LINERS + ONE_LINERS[:1])]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    summary, clusters = load_raw(store, path, revision="3.0-draft", round_key="raw")
    assert (summary.submissions, clusters.clusters, clusters.distinct) == (6, 1, 5)
    with store.sessions() as s:
        (cluster,) = s.scalars(select(Cluster)).all()
        assert (cluster.kind, cluster.size, cluster.spread) == ("exact", 2, 1.0)
        assert s.scalar(select(ConsultationRound.part_totals))["distinct"] == 5
