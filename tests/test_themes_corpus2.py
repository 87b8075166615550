"""The held-out theme corpus (tests/themes_corpus2) keeps its promises: deterministic, its gold in GOLD.md is the
generator's, a submission argues a theme iff its NFKC text holds one of the theme's variants (both ways, every
submission), every theme is argued by at least 2 % and the shares are uneven, five campaigns of 20-300 copies with
exactly half edited, title words everywhere and in no theme, people's writing (widths, typos, breaks, lengths),
a CSV with a BOM, 200,000 submissions in well under a minute. The theme extractor is not called here.
"""

from __future__ import annotations

import csv
import re
import time
import unicodedata
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from .themes_corpus2.generate import _TO_FULL, _TO_HALF, _TO_HALF_KANA, THEMES, TITLE, Submission, raw_corpus, write_csv
from .themes_corpus2.pieces import CAMPAIGNS, PROVISIONS, all_pieces

GOLD = Path(__file__).parent / "themes_corpus2" / "GOLD.md"
N = 2000


def _gold_of(text: str) -> tuple[str, ...]:
    """GOLD.md's rule, written again here so the test does not trust the generator's own check."""
    folded = unicodedata.normalize("NFKC", text)
    return tuple(t.label for t in THEMES if any(v in folded for v in t.variants))


_CORPUS: list[Submission] = []


def _corpus() -> list[Submission]:
    if not _CORPUS:
        _CORPUS.extend(raw_corpus(N))
    return _CORPUS


def test_same_seed_same_corpus_other_seed_other_corpus():
    assert raw_corpus(400, seed=5) == raw_corpus(400, seed=5)
    assert [s.body for s in raw_corpus(400, seed=5)] != [s.body for s in raw_corpus(400, seed=6)]


def test_numbered_in_order_with_submitters():
    subs = _corpus()
    assert [s.id for s in subs] == [str(i) for i in range(1, N + 1)]
    assert all(s.body.strip() for s in subs)
    kinds = Counter("none" if s.submitter is None else "個人" if s.submitter == "個人" else "org" for s in subs)
    assert kinds["none"] > 0.2 * N and kinds["個人"] > 0.4 * N and 10 <= kinds["org"] <= 0.05 * N


def test_gold_md_is_the_generators_gold():
    text = GOLD.read_text(encoding="utf-8")
    assert TITLE in text
    rows = [r for r in text.splitlines() if re.match(r"\| \d+ \|", r)]
    table = [(r.split("|")[2].strip(), tuple(re.findall(r"`([^`]+)`", r.split("|")[3]))) for r in rows]
    assert table == [(t.label, t.variants) for t in THEMES]
    assert len(THEMES) >= 14


def test_variants_are_nfkc_and_no_theme_hides_in_another():
    for t in THEMES:
        assert len(t.label) >= 6, t.label  # a policy officer's name for it, not one word
        for v in t.variants:
            assert unicodedata.normalize("NFKC", v) == v, v
            for other in THEMES:
                if other is not t:
                    # a variant inside another theme's variant would make the second theme argue the first
                    assert not any(v in w for w in other.variants), (v, other.label)
                    assert not any(w.startswith(v) or v.startswith(w) for w in other.variants), (v, other.label)


def test_every_piece_names_the_themes_it_declares_and_no_other():
    pieces = all_pieces()
    assert len({p.text for p in pieces}) >= 150
    for p in pieces:
        assert _gold_of(p.text) == tuple(THEMES[i - 1].label for i in sorted(p.themes)), p.text
    for heading, _quote, themes in PROVISIONS.values():
        assert set(_gold_of(heading)) <= {THEMES[i - 1].label for i in themes}, heading


def test_no_variant_is_made_across_two_pieces():
    texts = {p.text for p in all_pieces()} | {h for h, _q, _t in PROVISIONS.values()}
    ends = {unicodedata.normalize("NFKC", t)[-12:] for t in texts}
    starts = {unicodedata.normalize("NFKC", t)[:12] for t in texts}
    for end in ends:
        for start in starts:
            joined = end + start
            assert set(_gold_of(joined)) == set(_gold_of(end)) | set(_gold_of(start)), joined


def test_how_text_gets_typed_changes_nothing_after_nfkc():
    """Widths and half-width kana are noise the gold rule reads through (typos are checked where they are made)."""
    for p in all_pieces():
        folded = unicodedata.normalize("NFKC", p.text)
        for table in (_TO_FULL, _TO_HALF, _TO_HALF_KANA):
            assert unicodedata.normalize("NFKC", p.text.translate(table)) == folded, p.text


def test_gold_both_ways_on_every_submission():
    for s in _corpus():
        assert s.themes == _gold_of(s.body), (s.id, s.body)


@settings(max_examples=25, deadline=None)
@given(n=st.integers(min_value=1, max_value=300), seed=st.integers(min_value=0, max_value=2**32))
def test_gold_both_ways_for_any_seed(n, seed):
    subs = raw_corpus(n, seed)
    assert len(subs) == n
    for s in subs:
        assert s.themes == _gold_of(s.body), (seed, s.id, s.body)


def test_every_theme_argued_by_two_percent_and_shares_are_uneven():
    subs = _corpus()
    counts = Counter(t for s in subs for t in s.themes)
    shares = {t.label: counts[t.label] / N for t in THEMES}
    assert min(shares.values()) >= 0.02, shares
    assert max(shares.values()) >= 0.2, shares
    assert sum(v <= 0.05 for v in shares.values()) >= 4, shares
    per = Counter(len(s.themes) for s in subs)
    assert per[0] > 0.05 * N and sum(per[k] for k in per if k >= 3) > 0.05 * N, per


def test_campaigns_come_in_bursts_with_half_of_the_copies_edited():
    subs = _corpus()
    assert len(CAMPAIGNS) >= 4
    for c in CAMPAIGNS:
        copies = [s for s in subs if s.campaign == c.id]
        assert 20 <= len(copies) <= 300, (c.id, len(copies))
        letter = "\n".join(p.text for p in c.paragraphs)
        verbatim = [s for s in copies if s.body == letter]
        assert len(verbatim) == len(copies) - len(copies) // 2, c.id
        edited = {s.body for s in copies if s.body != letter}
        assert len(edited) >= len(copies) // 4, c.id  # edited each in their own way
        numbers = sorted(int(s.id) for s in copies)
        middle = numbers[len(numbers) // 10: -max(1, len(numbers) // 10)]
        assert middle[-1] - middle[0] < 0.5 * N, c.id  # most copies arrive together
    assert sum(s.campaign is not None for s in subs) < 0.35 * N


def test_title_words_are_everywhere_and_in_no_theme():
    subs = _corpus()
    words = ("マンション", "修繕積立金", "ガイドライン", "見直し")
    assert sum(any(w in unicodedata.normalize("NFKC", s.body) for w in words) for s in subs) > 0.6 * N
    for t in THEMES:
        for v in t.variants:
            assert v not in TITLE and v not in words, v


def test_people_write_in_their_own_way():
    bodies = [s.body for s in _corpus()]
    lengths = sorted(len(b) for b in bodies)
    assert lengths[0] < 40 and lengths[-1] > 400
    assert sum(re.search("[０-９]", b) is not None for b in bodies) > 0.1 * N
    assert sum(re.search("[ｦ-ﾟ]", b) is not None for b in bodies) > 0.005 * N
    assert sum("\n" in b for b in bodies) > 0.5 * N and sum("\n" not in b for b in bodies) > 0.1 * N
    typos = ("修膳", "積み立て金", "思いまs", "下さいい", "ガイドラン", "管理組会", "理事町", "マンシヨン", "険討", "値揚げ")
    assert sum(any(typo in b for typo in typos) for b in bodies) > 0.04 * N
    assert sum("「" in b and "」とありますが" in b for b in bodies) > 0.03 * N  # quotes of the draft


def test_csv_has_a_bom_and_round_trips(tmp_path):
    subs = raw_corpus(300, seed=9)
    path = tmp_path / "raw.csv"
    write_csv(path, subs)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["番号", "提出者", "意見"]
    assert [(r[0], r[1] or None, r[2]) for r in rows[1:]] == [(s.id, s.submitter, s.body) for s in subs]


def test_two_hundred_thousand_in_well_under_a_minute():
    start = time.perf_counter()
    subs = raw_corpus(200_000, seed=1)
    assert len(subs) == 200_000
    assert time.perf_counter() - start < 60
