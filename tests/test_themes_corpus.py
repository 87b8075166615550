"""The invented theme corpus (tests/themes_corpus) keeps its promises: deterministic, the gold in GOLD.md is the
generator's, themes spread unevenly, campaigns copied with edits, a CSV as agencies export it. The extractor is
not called here: this corpus measures it, so nothing in it may depend on it."""

from __future__ import annotations

import csv
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from .themes_corpus.generate import THEMES, TITLE, Submission, raw_corpus, write_csv
from .themes_corpus.pieces import CAMPAIGNS, THEME_TEXTS, all_pieces

GOLD = Path(__file__).parent / "themes_corpus" / "GOLD.md"
DEFAULT = raw_corpus()
LABELS = {t.label for t in THEMES}


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


_VARIANTS = [(t.label, [_nfkc(v) for v in t.variants]) for t in THEMES]


def _themes_by_variant(body: str) -> set[str]:
    folded = _nfkc(body)
    return {label for label, variants in _VARIANTS if any(v in folded for v in variants)}


def test_same_seed_same_corpus_other_seed_other_corpus() -> None:
    assert raw_corpus(2000, 32) == DEFAULT
    assert raw_corpus() == DEFAULT
    other = raw_corpus(2000, 33)
    assert sum(a.body != b.body for a, b in zip(DEFAULT, other)) > 1000


def test_numbered_one_to_n() -> None:
    assert [s.id for s in DEFAULT] == [str(i) for i in range(1, 2001)]
    assert raw_corpus(0) == []
    assert len(raw_corpus(1)) == 1


def test_gold_md_is_the_generators_gold() -> None:
    text = GOLD.read_text(encoding="utf-8")
    assert TITLE in text
    section = text.split("## Themes", 1)[1].split("## Campaigns", 1)[0]
    items = re.split(r"\n(?=\d+\. \*\*)", section)[1:]
    gold = []
    for item in items:
        label = re.match(r"\d+\. \*\*(.+?)\*\*", item)
        variants = re.search(r"Variants: (.+)", item, re.S)
        assert label and variants, item[:60]
        gold.append((label.group(1), tuple(v.strip() for v in " ".join(variants.group(1).split()).split(" / "))))
    assert gold == [(t.label, t.variants) for t in THEMES]
    assert len(gold) >= 14
    for c in CAMPAIGNS:
        assert f"`{c.id}`" in text


def test_every_theme_in_at_least_two_percent_and_spread_unevenly() -> None:
    counts = Counter(label for s in DEFAULT for label in s.themes)
    assert set(counts) == LABELS
    shares = {label: counts[label] / len(DEFAULT) for label in LABELS}
    assert min(shares.values()) >= 0.02, shares
    assert max(shares.values()) >= 0.25 and min(shares.values()) <= 0.04, shares
    per = Counter(len(s.themes) for s in DEFAULT)
    assert per[0] > 50 and sum(v for k, v in per.items() if k >= 2) > 400 and per[3] + per[4] + per[5] > 50, per


def test_a_theme_is_argued_exactly_when_one_of_its_variants_is_written() -> None:
    for subs in (DEFAULT, raw_corpus(3000, 9)):
        for s in subs:
            assert set(s.themes) == _themes_by_variant(s.body), (s.id, s.themes, s.body)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(0, 400), seed=st.integers(0, 2**32 - 1))
def test_any_seed_keeps_the_invariants(n: int, seed: int) -> None:
    subs = raw_corpus(n, seed)
    assert len(subs) == n and len({s.id for s in subs}) == n
    for s in subs:
        assert s.body.strip()
        assert set(s.themes) <= LABELS and list(s.themes) == sorted(set(s.themes), key=[t.label for t in THEMES].index)
        assert set(s.themes) == _themes_by_variant(s.body), (seed, s.id, s.body)
    assert subs == raw_corpus(n, seed)


def test_campaigns_copied_twenty_to_three_hundred_times_some_edited() -> None:
    by_campaign: dict[str, list[Submission]] = {}
    for s in DEFAULT:
        if s.campaign:
            by_campaign.setdefault(s.campaign, []).append(s)
    assert len(by_campaign) >= 4 and set(by_campaign) == {c.id for c in CAMPAIGNS}
    for cid, copies in by_campaign.items():
        assert 20 <= len(copies) <= 300, (cid, len(copies))
        bodies = Counter(s.body for s in copies)
        assert bodies.most_common(1)[0][1] >= 3, cid  # verbatim copies
        assert len(bodies) >= 5, cid  # and edited ones
        base = Counter(label for s in copies for label in s.themes)
        assert base.most_common(1)[0][1] >= len(copies) * 0.7, cid  # the letter's themes survive the edits


def test_submitters_mostly_individuals_a_few_organisations() -> None:
    who = Counter("個人" if s.submitter == "個人" else "none" if s.submitter is None else "org" for s in DEFAULT)
    assert who["個人"] > 1200 and who["none"] > 300 and 10 <= who["org"] <= 120, who


def test_written_as_people_write() -> None:
    bodies = [s.body for s in DEFAULT]
    lengths = sorted(len(b) for b in bodies)
    assert lengths[0] < 40 and lengths[-1] > 400 and lengths[len(lengths) // 2] > 60
    assert sum("\n" in b for b in bodies) > 600 and sum("\n" not in b for b in bodies) > 300
    assert sum(bool(re.search("[０-９]", b)) for b in bodies) > 200 and sum(bool(re.search("[0-9]", b)) for b in bodies) > 100
    quotes = [_nfkc(t.quote) for t in THEME_TEXTS if t.quote]
    assert sum(any(q in _nfkc(b) for q in quotes) for b in bodies) > 100  # the draft quoted
    assert sum("！" in b for b in bodies) > 100 and sum("お願い" in b for b in bodies) > 200
    assert sum(bool(re.search("[ｦ-ﾟ]", b)) for b in bodies) >= 5  # half-width kana from an old phone
    assert sum(("自動運転" in b or "ガイドライン" in b) for b in bodies) > 700  # the title's words are everywhere
    assert len(all_pieces()) >= 150


def test_csv_as_an_agency_exports_it(tmp_path: Path) -> None:
    path = tmp_path / "raw.csv"
    write_csv(path, DEFAULT)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["番号", "提出者", "意見"]
    assert rows[1:] == [[s.id, s.submitter or "", s.body] for s in DEFAULT]


def test_two_hundred_thousand_in_well_under_a_minute() -> None:
    start = time.perf_counter()
    subs = raw_corpus(200_000, 32)
    assert time.perf_counter() - start < 30
    assert len(subs) == 200_000
    copies = Counter(s.campaign for s in subs if s.campaign)
    assert copies == {c.id: round(c.share * 200_000) for c in CAMPAIGNS}
