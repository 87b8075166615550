"""The realistic privacy corpus keeps its own promises: gold values are where they say, counts meet the
minimums, the same seed gives the same corpus, and the clean part holds no plant. The screen is not called."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from .privacy_realistic import KINDS, MIN_PLANTED_SUBS, MINIMUM, Sub, field_text, realistic_corpus
from .privacy_realistic_clean import JOB_WORDS
from .privacy_realistic_people import GIVEN, SURNAMES


@pytest.fixture(scope="module")
def corpus() -> tuple[list[Sub], list[Sub]]:
    return realistic_corpus()


def test_every_plant_is_a_substring_of_its_field(corpus: tuple[list[Sub], list[Sub]]) -> None:
    planted, _ = corpus
    missing = [(p, field_text(s, p.field)) for s in planted for p in s.plants if p.value not in field_text(s, p.field)]
    assert not missing, missing[:3]
    assert {p.field for s in planted for p in s.plants} == {"body", "submitter", "file"}
    assert {p.kind for s in planted for p in s.plants} == set(KINDS)
    assert all(len(p.value) >= 2 and p.value == p.value.strip() and p.style for s in planted for p in s.plants)


def test_counts_meet_the_minimums(corpus: tuple[list[Sub], list[Sub]]) -> None:
    planted, clean = corpus
    assert len(planted) >= MIN_PLANTED_SUBS and all(s.plants for s in planted)
    assert len(clean) == 2000
    counts = Counter(p.kind for s in planted for p in s.plants)
    short = {k: counts[k] for k in KINDS if counts[k] < MINIMUM[k]}
    assert not short, short
    assert len(SURNAMES) >= 80 and len(GIVEN) >= 80 and len(JOB_WORDS) >= 40


def test_clean_part_has_no_plants_and_public_names_are_in_the_text(corpus: tuple[list[Sub], list[Sub]]) -> None:
    planted, clean = corpus
    assert all(s.plants == () and s.body for s in clean)
    assert all(p.value in s.body for s in planted + clean for p in s.public)
    assert sum(1 for s in clean if s.public) > 200
    # a public name never shares text with a private name of the same submission
    for s in planted:
        names = [p.value for p in s.plants if p.kind == "name"]
        assert not [(a.value, b) for a in s.public for b in names if a.value in b or b in a.value]


def test_same_seed_same_corpus_other_seed_other_corpus() -> None:
    first = realistic_corpus(n_clean=50, seed=4)
    assert first == realistic_corpus(n_clean=50, seed=4)
    other = realistic_corpus(n_clean=50, seed=5)
    assert first[0][:20] != other[0][:20] and first[1] != other[1]
    assert realistic_corpus(n_clean=10, seed=4)[0] == first[0]  # the clean size does not move the planted part


@settings(max_examples=12, deadline=None)
@given(st.integers(min_value=0, max_value=10**6))
def test_any_seed_keeps_the_promises(seed: int) -> None:
    planted, clean = realistic_corpus(n_clean=30, seed=seed)
    counts = Counter(p.kind for s in planted for p in s.plants)
    assert len(planted) >= MIN_PLANTED_SUBS and all(counts[k] >= MINIMUM[k] for k in KINDS)
    assert all(p.value in field_text(s, p.field) for s in planted for p in s.plants)
    assert all(not s.plants for s in clean) and all(p.value in s.body for s in planted + clean for p in s.public)
