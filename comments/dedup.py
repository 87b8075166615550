"""Collapsing identical and near-identical submissions into clusters (campaigns).

Texts are compared after folding away what copies of campaign mail differ in
(data/dedup.yaml: a leading receipt number, greetings and closings where a line or
sentence starts with them, です/ます at sentence ends, long digit runs, punctuation,
spaces, widths). Folding removes a greeting, never the body written after it on the
same line, and never leaves nothing: exact means the same folded body.
Near: MinHash over character 3-shingles (short Japanese texts lose too many longer
shingles to one added character), LSH banding chosen from the threshold so that a
pair at the threshold becomes a candidate with at least 99 % probability, and
every candidate verified on the exact Jaccard similarity of its shingle sets, never
on signature agreement. Texts under 60 folded characters are also compared within
blocks that share their first or last four characters, by the share of characters
left unedited: one changed word in a short text leaves too few shingles in common.
Everything is seeded and ordered: the same input gives the same clusters every time.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

import numpy as np

from guidetrace.trace.rules import packaged_yaml

SHINGLE = 3
SHORT = 60  # folded characters: below this, one changed word moves Jaccard too far; use an edit ratio
PERMUTATIONS = 128
CANDIDATE_PROBABILITY = 0.99
# A Mersenne prime small enough that a·h (both below it) fits in 64 bits while wrapping
# many times: with a larger prime the map h -> (a·h + b) mod p barely wraps, stays
# nearly order-preserving, and every "permutation" picks the same minimum.
PRIME = np.uint64((1 << 31) - 1)
_NOISE = re.compile(r"[\W_]+")
_RNG = np.random.default_rng(20240426)
_A = _RNG.integers(1, int(PRIME), size=PERMUTATIONS, dtype=np.uint64)
_B = _RNG.integers(0, int(PRIME), size=PERMUTATIONS, dtype=np.uint64)


# Where a greeting may stand: a line's start or a sentence's; what must follow it: its own end.
_GREETING_AT = r"(?:^|(?<=[。.!?]))"
_GREETING_END = r"(?:[。、,.!?:：…]+|(?=\s)|$)"


@lru_cache(maxsize=1)
def _rules() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    data = packaged_yaml("guidetrace.comments", "dedup.yaml")
    endings = "|".join(re.escape(e) for e in sorted(data["endings"], key=len, reverse=True))
    greeting = "|".join(f"(?:{g})" for g in data["greetings"])
    return (re.compile(data["receipt_prefix"]), re.compile(data["long_digits"]),
            re.compile(rf"(?:{endings})(?=[。．.!！?？]|\s|$)", re.M),
            re.compile(rf"{_GREETING_AT}(?:[^\S\n]*(?:{greeting}){_GREETING_END}\s*)+", re.M | re.I))


def body_fold(text: str) -> str:
    """The body two submissions are compared by: greetings, closings, a receipt number, endings, long
    digit runs, punctuation and spaces folded away. Empty when the text holds nothing else."""
    return _fold(unicodedata.normalize("NFKC", text).casefold(), greetings=True)


def _fold(text: str, *, greetings: bool) -> str:
    receipt, digits, endings, greeting = _rules()
    text = text.lstrip()
    while True:  # a receipt number before a greeting, or a greeting before it: each in turn
        before = text
        text = receipt.sub("", text, count=1)
        if greetings:
            text = greeting.sub("", text)
        if text == before:
            break
    text = endings.sub("", text)
    text = digits.sub("", text)
    return _NOISE.sub("", text)


def normalise(text: str) -> str:
    """The form two submissions are compared in: their folded body, never nothing. A text that is all
    greeting keeps its greetings, one that is all digits or punctuation keeps those."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return (_fold(text, greetings=True) or _fold(text, greetings=False) or _NOISE.sub("", text)
            or "".join(text.split()))


def shingles(text: str) -> frozenset[str]:
    if len(text) <= SHINGLE:
        return frozenset((text,))
    return frozenset(text[i : i + SHINGLE] for i in range(len(text) - SHINGLE + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def similarity(a: str, b: str, sa: frozenset[str], sb: frozenset[str]) -> float:
    """Jaccard of the shingle sets; for two short texts, the better of that and 1 − edits / length.

    A copy of campaign mail adds or drops words (強く反対); a different opinion swaps its
    content words (バスの本数 for 公園の照明): a replaced character weighs half as much again.
    """
    j = jaccard(sa, sb)
    if len(a) < SHORT and len(b) < SHORT and a and b:
        edits = sum((1.5 if op == "replace" else 1) * max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in
                    SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op != "equal")
        return max(j, 1 - edits / max(len(a), len(b)))
    return j


def signature(text: str) -> np.ndarray:
    """MinHash of a normalised text's character shingles (a short text is one shingle)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if codes.size < SHINGLE:
        codes = np.pad(codes, (0, SHINGLE - codes.size))
    n = codes.size - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):  # polynomial hash of each window, wrapping in 64 bits
        h = h * np.uint64(1_000_003) + codes[k : k + n]
    h %= PRIME
    return ((np.outer(_A, h) + _B[:, None]) % PRIME).min(axis=1)


def bands_for(threshold: float) -> tuple[int, int]:
    """(bands, rows): the most rows per band (fewest false candidates) for which a pair at the threshold
    shares a band with at least CANDIDATE_PROBABILITY, using at most PERMUTATIONS hash functions."""
    for rows in range(PERMUTATIONS, 0, -1):
        bands = PERMUTATIONS // rows
        if 1 - (1 - threshold ** rows) ** bands >= CANDIDATE_PROBABILITY:
            return bands, rows
    return PERMUTATIONS, 1


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    return 1 - (1 - similarity ** rows) ** bands


@dataclass(frozen=True)
class ClusterResult:
    members: tuple[int, ...]  # indexes into the input, in input order
    representative: int
    kind: str  # exact | near
    spread: float  # the lowest similarity of a member to the representative (1.0: all identical)


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the earlier one leads: deterministic


def cluster_texts(texts: Sequence[str], *, threshold: float = 0.8, near: bool = True) -> list[ClusterResult]:
    """Clusters of two or more submissions; a submission in no cluster stands alone."""
    by_text: dict[bytes, list[int]] = {}
    folded: list[str] = []
    for i, text in enumerate(texts):
        norm = normalise(text)
        key = hashlib.blake2b(norm.encode("utf-8"), digest_size=16).digest()
        if key not in by_text:
            folded.append(norm)
        by_text.setdefault(key, []).append(i)
    groups = list(by_text.values())  # in order of first appearance; folded[g] is group g's text
    uf = _UnionFind(len(groups))
    sets: dict[int, frozenset[str]] = {}

    def similar(i: int, j: int) -> bool:
        return similarity(folded[i], folded[j], sets.setdefault(i, shingles(folded[i])),
                          sets.setdefault(j, shingles(folded[j]))) >= threshold

    def compare_within(bucket: list[int]) -> None:
        for pos, i in enumerate(bucket[1:], start=1):  # each against the leader and its neighbour
            for j in {bucket[0], bucket[pos - 1]}:
                if uf.find(i) != uf.find(j) and similar(i, j):
                    uf.union(i, j)

    if near and len(groups) > 1:
        sigs = np.stack([signature(t) for t in folded])
        bands, rows = bands_for(threshold)
        for band in range(bands):
            block = np.ascontiguousarray(sigs[:, band * rows : (band + 1) * rows])
            keys = block.view(np.dtype((np.void, block.dtype.itemsize * rows))).ravel()
            order = np.argsort(keys, kind="stable")
            sorted_keys = keys[order]
            starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
            ends = np.r_[starts[1:], len(order)]
            for s, e in zip(starts, ends):
                if e - s >= 2:
                    compare_within(sorted(int(x) for x in order[s:e]))
        # Short texts: an edited copy shares few shingles but keeps its opening or its ending.
        blocks: dict[tuple[str, str], list[int]] = {}
        for gi, text in enumerate(folded):
            if len(text) < SHORT:
                for edge in (("^", text[:4]), ("$", text[-4:])):
                    blocks.setdefault(edge, []).append(gi)
        for members in blocks.values():
            if len(members) > 1:
                compare_within(members)
    merged: dict[int, list[int]] = {}
    for gi in range(len(groups)):
        merged.setdefault(uf.find(gi), []).append(gi)
    out = []
    for root in sorted(merged):
        parts = merged[root]
        members = sorted(i for gi in parts for i in groups[gi])
        if len(members) < 2:
            continue
        biggest = max(parts, key=lambda gi: (len(groups[gi]), -groups[gi][0]))
        spread = min((similarity(folded[gi], folded[biggest], shingles(folded[gi]), shingles(folded[biggest]))
                      for gi in parts), default=1.0)
        out.append(ClusterResult(tuple(members), groups[biggest][0], "exact" if len(parts) == 1 else "near",
                                 round(spread, 3)))
    return out


def banding(threshold: float) -> dict[str, Any]:
    """How near-duplicates are searched for at `threshold`, as numbers a message words in its language."""
    bands, rows = bands_for(threshold)
    return {"hashes": PERMUTATIONS, "bands": bands, "rows": rows, "threshold": threshold,
            "probability": candidate_probability(threshold, bands, rows), "shingle": SHINGLE}

