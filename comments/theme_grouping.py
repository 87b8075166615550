"""Themes from ranked terms: terms used in the same kind of sentences are one theme.

People write one theme in many ways (運転手の雇用, 配置転換, 失業, 再就職) and seldom two of them in
one text, so each way is rare and co-occurrence cannot join them; but the sentences around each
way use the same other words. A term's context is the dictionary words of the other candidates in
the sentences that use it, and at half weight in the sentences next to them (its own words left
out), weighted by positive pointwise mutual information so that words every sentence has count for
little; terms whose contexts point the same way (cosine, a little more when they share a telling
word) are joined by average-linkage agglomeration while the closest two clusters stay above a
threshold. Only the best few hundred terms are grouped: the rest stay alone. A theme ranks by the
distinct texts that mention any of its terms, weighted by how specific its terms are, not by its
best single term, so a theme written in eight rare ways outranks one common word; words used
mostly at a text's edges (who I am, thanks) frame opinions and rank low. Measured on the blind
corpus in benchmarks/README.md ("Themes on the blind corpus").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from guidetrace.guideline.keys import normalize_text

from .term_extraction import Term, TermIndex, content_words, generality

TOP = 300  # terms grouped by their contexts; the rest stay alone
EVIDENCE = 3  # texts a term needs for its contexts to say anything: one text's sentences are one context
SIMILAR = 0.3  # average cosine of two clusters' contexts above which they are one theme
NEXT = 0.5  # weight of the sentences next to a term's own
SMOOTH = 0.75  # context-distribution smoothing of PMI: rare context words do not dominate
SHARED = 0.1  # added to the similarity of two terms that share a telling word
PRIOR = 10.0  # uses at and off the edges a theme is assumed to have alike: a few uses prove no framing
FRAMES = 1.5  # a term used this much more at the edges than elsewhere frames opinions: it joins no theme
LABEL = 0.5  # share of the best member's score per text a label needs


@dataclass(frozen=True)
class Theme:
    terms: tuple[Term, ...]  # best-ranked first
    members: tuple[int, ...]  # the texts that mention any of them
    score: float

    @property
    def label(self) -> str:
        """The form people write most, among the telling ones: a member whose score per text is under half
        the best member's (an everyday word that joined for its contexts: 仕事, 根拠) names no theme."""
        best = max(t.score / t.documents for t in self.terms)
        telling = [t for t in self.terms if t.score / t.documents >= LABEL * best]
        return max(telling, key=lambda t: (t.documents, -len(t.text))).text

    @property
    def variants(self) -> tuple[str, ...]:
        label = self.label
        return tuple(t.text for t in self.terms if t.text != label)


def group_themes(terms: list[Term], index: TermIndex, *, top: int = TOP, similar: float = SIMILAR) -> list[Theme]:
    """Themes of `terms` (ranked best first), best first."""
    at_edge, expected = _edges(index)

    def framing(group: list[Term]) -> float:
        ids = [index.ids[t.text] for t in group]
        return max(1.0, (at_edge[ids].sum() + PRIOR) / (expected[ids].sum() + PRIOR))

    frames = (at_edge + PRIOR) / (expected + PRIOR) >= FRAMES  # per candidate: it joins no theme, tells no context
    head = [t for t in terms[:top] if t.documents >= EVIDENCE and not frames[index.ids[t.text]]]
    clusters: list[list[int]] = []
    if head:
        clusters = _agglomerate(_counts(head, index, frames), _shared_words(head), _same_forms(head), similar)
    grouped = {t.text for t in head}
    alone = sorted((i for i, t in enumerate(terms) if t.text not in grouped))
    groups = [[head[i] for i in c] for c in clusters]
    for i in alone:  # too few texts for contexts: a term holding another's whole form is that term's variant
        home = next((g for g in groups if any(len(t.text) >= 3 and t.text in terms[i].text for t in g)), None)
        if home is not None:
            home.append(terms[i])  # 人流データ分析 under 人流データ
        else:
            groups.append([terms[i]])
    themes = []
    for group in groups:
        members = sorted({i for t in group for i in t.members})
        quality = sum(t.score for t in group) / sum(t.documents for t in group)  # score per text of its terms
        themes.append(Theme(tuple(group), tuple(members), round(len(members) * quality / framing(group) ** 2, 3)))
    return sorted(themes, key=lambda t: (-t.score, -len(t.members), t.label))


def _edges(index: TermIndex) -> tuple[np.ndarray, np.ndarray]:
    """Per candidate: its uses in the first or last sentence of a text (of those holding candidates), and
    how many of them there would be if it stood anywhere in its texts alike (2/m of a text of m such
    sentences). People open and close with who they are, where they heard of the consultation and thanks
    (年金生活者, 一市民, ニュース, 参考): a theme used at the edges more than that frames opinions, it is not
    what they argue: its score is divided by the square of the excess, and a term well over it joins no
    theme (a theme of self-introductions would outgrow every real one on a large consultation) and is
    no context word (the sentence after 私は会社員です is about anything)."""
    text = np.searchsorted(index.text_start, index.occ_sentence, side="right") - 1
    pairs = np.unique(text.astype(np.int64) << 32 | index.occ_sentence.astype(np.int64))
    pair_text, pair_sentence = pairs >> 32, pairs & 0xFFFFFFFF
    texts, first_at, sentences = np.unique(pair_text, return_index=True, return_counts=True)
    first = np.zeros(len(index.text_start), dtype=np.int64)
    last = np.zeros(len(index.text_start), dtype=np.int64)
    count = np.ones(len(index.text_start))
    first[texts], last[texts], count[texts] = pair_sentence[first_at], pair_sentence[first_at + sentences - 1], sentences
    edge = (index.occ_sentence == first[text]) | (index.occ_sentence == last[text])
    size = len(index.ids)
    return (np.bincount(index.occ_term, weights=edge, minlength=size),
            np.bincount(index.occ_term, weights=np.minimum(1.0, 2 / count[text]), minlength=size))


def _features(term: str) -> tuple[str, ...]:
    """The telling words of a candidate: not everyday ones, not one character."""
    general = generality()
    return tuple(w for w in content_words(term) or () if len(w) >= 2 and general.get(w.casefold(), 0) < 2)


def _counts(head: list[Term], index: TermIndex, frames: np.ndarray) -> np.ndarray:
    """One row per term: how often each telling word stands in its sentences (and, at NEXT weight, in the
    sentences next to them: people argue a point over a few sentences), its own words left out."""
    position = np.full(len(index.ids), -1, dtype=np.int64)
    position[[index.ids[t.text] for t in head]] = np.arange(len(head))
    k_of = position[index.occ_term]
    own = k_of >= 0
    term_sentence, term_k = index.occ_sentence[own], k_of[own]
    near = np.unique(term_sentence)
    around = np.isin(index.occ_sentence, np.unique(np.concatenate([near - 1, near, near + 1])))
    sentence, candidate = index.occ_sentence[around], index.occ_term[around]
    names = {i: c for c, i in index.ids.items()}
    vocabulary: dict[str, int] = {}
    feature_of: dict[int, list[int]] = {}
    for c in np.unique(candidate).tolist():
        if len(index.docs[names[c]]) >= 2 and not frames[c]:
            feature_of[c] = [vocabulary.setdefault(w, len(vocabulary)) for w in _features(names[c])]
    starts = np.zeros(len(index.ids) + 1, dtype=np.int64)
    flat: list[int] = []
    for c in range(len(index.ids)):  # CSR: candidate -> its feature words
        starts[c] = len(flat)
        flat.extend(feature_of.get(c, ()))
    starts[len(index.ids)] = len(flat)
    width = max(len(vocabulary), 1)
    counts = np.zeros((len(head), width))
    if not flat:
        return counts
    words_flat = np.asarray(flat, dtype=np.int64)
    sentence_word = np.unique(_expand(sentence, starts[candidate], starts[candidate + 1], words_flat, width))
    sw_sentence, sw_word = sentence_word // width, sentence_word % width
    for shift, weight in ((0, 1.0), (-1, NEXT), (1, NEXT)):
        lo = np.searchsorted(sw_sentence, term_sentence + shift, side="left")
        hi = np.searchsorted(sw_sentence, term_sentence + shift, side="right")
        pairs = _expand(term_k, lo, hi, sw_word, width)
        counts += weight * np.bincount(pairs, minlength=len(head) * width).reshape(len(head), width)
    for k, t in enumerate(head):  # a term's own words say nothing about its context
        counts[k, [vocabulary[w] for w in _features(t.text) if w in vocabulary]] = 0
    return counts


def _ppmi(counts: np.ndarray, context: np.ndarray) -> np.ndarray:
    """Positive PMI of rows of counts against the (smoothed) share of each context word, L2-normalised."""
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log(counts * context.sum() / (counts.sum(axis=1, keepdims=True) * context))
    return _unit(np.where(counts > 0, np.maximum(np.nan_to_num(pmi, neginf=0.0), 0.0), 0.0))


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)


def _expand(keys: np.ndarray, lo: np.ndarray, hi: np.ndarray, values: np.ndarray, width: int) -> np.ndarray:
    """keys[i] * width + values[j] for every i and every j in lo[i]:hi[i] (a join without a loop)."""
    lengths = hi - lo
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(lo - np.cumsum(lengths) + lengths, lengths) + np.arange(total)
    return np.repeat(keys.astype(np.int64), lengths) * width + values[offsets]


def _same_forms(head: list[Term]) -> list[tuple[int, int]]:
    """Pairs that are the same term written differently (width, ー, ・, spaces): one theme whatever
    their contexts."""
    first: dict[str, int] = {}
    pairs = []
    for i, t in enumerate(head):
        key = re.sub(r"[ー・\s]", "", normalize_text(t.text).casefold())
        if key in first:
            pairs.append((first[key], i))
        else:
            first[key] = i
    return pairs


def _shared_words(head: list[Term]) -> np.ndarray:
    """1 where two terms share a telling word (運転手の雇用, 雇用の確保), else 0."""
    vocabulary: dict[str, int] = {}
    rows = [[vocabulary.setdefault(w, len(vocabulary)) for w in _features(t.text)] for t in head]
    has = np.zeros((len(head), max(len(vocabulary), 1)))
    for k, cols in enumerate(rows):
        has[k, cols] = 1
    return np.minimum(has @ has.T, 1)


def _agglomerate(counts: np.ndarray, shared: np.ndarray, joined: list[tuple[int, int]],
                 threshold: float) -> list[list[int]]:
    """Average-linkage clusters of the rows' contexts: the two closest clusters merge while their mean
    cosine is at least `threshold`; `joined` pairs merge first. (Pooling a merged cluster's contexts
    instead snowballed: more gold themes reached, but twice as many suggestions mixed two of them.)
    Clusters in the order of their best member."""
    vectors = _ppmi(counts, counts.sum(axis=0) ** SMOOTH)
    s = vectors @ vectors.T + SHARED * shared
    np.fill_diagonal(s, -np.inf)
    size = np.ones(len(s))
    clusters: dict[int, list[int]] = {i: [i] for i in range(len(s))}
    root = list(range(len(s)))

    def merge(a: int, b: int) -> None:
        row = (size[a] * s[a] + size[b] * s[b]) / (size[a] + size[b])
        s[a], s[:, a] = row, row
        s[a, a] = -np.inf
        s[b], s[:, b] = -np.inf, -np.inf
        size[a] += size[b]
        clusters[a].extend(clusters.pop(b))
        for m in clusters[a]:
            root[m] = a

    for a, b in joined:
        if root[a] != root[b]:
            merge(min(root[a], root[b]), max(root[a], root[b]))
    while len(clusters) > 1:
        a, b = divmod(int(np.argmax(s)), len(s))
        if s[a, b] < threshold:
            break
        merge(min(a, b), max(a, b))
    return sorted((sorted(c) for c in clusters.values()), key=lambda c: c[0])
