"""Collapsing identical and near-identical submissions into clusters (campaigns).

Exact: the same text after NFKC, case-folding and removing spaces and punctuation.
Near: MinHash over character 5-shingles with LSH banding, vectorised with numpy and
run only over the distinct normalised texts; a candidate joins a cluster only if its
signature agrees with the cluster's first member on at least `threshold` of the
hash functions. Everything is seeded and ordered, so the same input gives the same
clusters every time.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

SHINGLE = 5
PERMUTATIONS = 64
# A Mersenne prime small enough that a·h (both below it) fits in 64 bits while wrapping
# many times: with a larger prime the map h -> (a·h + b) mod p barely wraps, stays
# nearly order-preserving, and every "permutation" picks the same minimum.
PRIME = np.uint64((1 << 31) - 1)
_NOISE = re.compile(r"[\W_]+")
_RNG = np.random.default_rng(20240426)
_A = _RNG.integers(1, int(PRIME), size=PERMUTATIONS, dtype=np.uint64)
_B = _RNG.integers(0, int(PRIME), size=PERMUTATIONS, dtype=np.uint64)


def normalise(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text).casefold())


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
    """Bands × rows = PERMUTATIONS, with the LSH threshold (1/b)^(1/r) closest to `threshold`."""
    options = [(b, PERMUTATIONS // b) for b in (2, 4, 8, 16, 32) if PERMUTATIONS % b == 0]
    return min(options, key=lambda br: abs((1 / br[0]) ** (1 / br[1]) - threshold))


@dataclass(frozen=True)
class ClusterResult:
    members: tuple[int, ...]  # indexes into the input, in input order
    representative: int
    kind: str  # exact | near


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
    for i, text in enumerate(texts):
        by_text.setdefault(hashlib.blake2b(normalise(text).encode("utf-8"), digest_size=16).digest(), []).append(i)
    groups = list(by_text.values())  # in order of first appearance
    uf = _UnionFind(len(groups))
    if near and len(groups) > 1:
        sigs = np.stack([signature(normalise(texts[g[0]])) for g in groups])
        b, r = bands_for(threshold)
        for band in range(b):
            block = np.ascontiguousarray(sigs[:, band * r : (band + 1) * r])
            keys = block.view(np.dtype((np.void, block.dtype.itemsize * r))).ravel()
            _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
            leaders = first[inverse]
            for i in np.nonzero(leaders != np.arange(len(groups)))[0]:
                j = int(leaders[i])
                if float(np.mean(sigs[i] == sigs[j])) >= threshold:
                    uf.union(int(i), j)
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
        out.append(ClusterResult(tuple(members), groups[biggest][0], "exact" if len(parts) == 1 else "near"))
    return out
