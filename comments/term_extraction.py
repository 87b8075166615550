"""Candidate theme terms of a set of texts: compound nouns kept whole, scored by C-value and specificity.

Compounds are runs of nouns, noun prefixes and noun suffixes (janome, which ships its
dictionary), so 同意撤回権 and データ提供元 stay whole; frequent single nouns are
candidates too. A term's C-value (Frantzi & Ananiadou) rewards long terms that occur
on their own, not only inside longer ones; its specificity discounts words every
text uses (data/background_terms.yaml) and the guideline's own vocabulary. Each text
counts once per term: callers pass distinct texts (a campaign's copies are one).
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from guidetrace.guideline.keys import normalize_text
from guidetrace.trace.rules import packaged_yaml

_NOUN_PARTS = {("名詞", "一般"), ("名詞", "固有名詞"), ("名詞", "サ変接続"), ("名詞", "形容動詞語幹"), ("名詞", "接尾"),
               ("名詞", "ナイ形容詞語幹"), ("接頭詞", "名詞接続"), ("名詞", "数")}
_NOT_A_HEAD = ("接尾", "接頭詞")
_WORD = re.compile(r"^[ァ-ヺー一-龯々〆A-Za-z0-9ぁ-ゖ]+$")
_MEANINGFUL = re.compile(r"[ァ-ヺ一-龯A-Za-z]")
MAX_PARTS = 6


@lru_cache(maxsize=1)
def _tokenizer():  # type: ignore[no-untyped-def]
    from janome.tokenizer import Tokenizer

    return Tokenizer()


@lru_cache(maxsize=1)
def generality() -> dict[str, int]:
    data = packaged_yaml("guidetrace.comments", "background_terms.yaml")
    return {normalize_text(str(w)).casefold(): int(level) for level, words in data.items() for w in words}


def candidates(text: str) -> set[tuple[str, ...]]:
    """Noun compounds (as their parts) and single nouns of one text."""
    out: set[tuple[str, ...]] = set()
    run: list[str] = []

    def close() -> None:
        while run and run[0] and _is_suffix_only(run[0]):
            run.pop(0)
        if run and len(run) <= MAX_PARTS:
            out.add(tuple(run))
        run.clear()

    for token in _tokenizer().tokenize(normalize_text(text)):
        pos = token.part_of_speech.split(",")
        surface = token.surface
        if (pos[0], pos[1]) in _NOUN_PARTS and _WORD.match(surface) and not (pos[1] == "数" and not run):
            if pos[0] == "接頭詞" and run:
                close()
            run.append(surface)
            continue
        close()
    close()
    return {c for c in out if _MEANINGFUL.search("".join(c)) and len("".join(c)) >= 2 and _content(c)}


_SINGLE = {("名詞", "一般"), ("名詞", "固有名詞")}
_ADJECTIVAL_TAIL = ("的", "性", "化", "等", "上", "中", "内", "毎", "ごと")


def _content(parts: tuple[str, ...]) -> bool:
    """A theme names a thing: no bare verbal noun (使用, 実現), no adjectival tail (定期的, 重要性)."""
    if parts[-1] in _ADJECTIVAL_TAIL or any(re.search(r"\d{3,}", p) for p in parts):
        return False
    if len(parts) == 1:
        return _single_kind(parts[0]) in _SINGLE or bool(re.fullmatch(r"[ァ-ヺーA-Za-z0-9]{2,}", parts[0]))
    return True


@lru_cache(maxsize=65536)
def _single_kind(word: str) -> tuple[str, str]:
    tokens = list(_tokenizer().tokenize(word))
    if len(tokens) != 1:
        return ("", "")
    pos = tokens[0].part_of_speech.split(",")
    return (pos[0], pos[1])


def _is_suffix_only(part: str) -> bool:
    return len(part) == 1 and not re.match(r"[ァ-ヺA-Za-z]", part)


@dataclass(frozen=True)
class Term:
    text: str
    documents: int  # distinct texts holding it
    score: float
    members: tuple[int, ...]  # indexes of those texts


def rank_terms(texts: Iterable[str], *, background: Iterable[str] = (), min_documents: int = 2) -> list[Term]:
    """Terms of `texts` (distinct texts, in order), best first; `background`: the guideline's own text."""
    docs: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for i, text in enumerate(texts):
        for c in candidates(text):
            docs[c].add(i)
    freq = {c: len(ids) for c, ids in docs.items()}
    longer: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for c, f in freq.items():  # C-value: how often a term stands inside longer candidates
        for n in range(1, len(c)):
            for start in range(len(c) - n + 1):
                inner = c[start : start + n]
                if inner in freq:
                    longer[inner].append(f)
    own = Counter(t for text in background for t in ("".join(c) for c in candidates(text)))
    general = generality()
    out = []
    for c, f in freq.items():
        if f < min_documents:
            continue
        text = "".join(c)
        nested = longer.get(c, [])
        cvalue = math.log2(len(c) + 1) * (f - (sum(nested) / len(nested) if nested else 0))
        if cvalue <= 0:
            continue
        folded = text.casefold()
        level = general.get(folded, sum(general.get(p.casefold(), 0) for p in c) / len(c))
        specificity = 1 / (1 + 2 * level) / (1 + math.log1p(own.get(text, 0)))
        if len(c) == 1 and len(text) < 2:
            continue
        out.append(Term(text, f, round(cvalue * specificity, 3), tuple(sorted(docs[c]))))
    return sorted(out, key=lambda t: (-t.score, -t.documents, t.text))


def group_synonyms(terms: list[Term]) -> list[tuple[Term, tuple[str, ...]]]:
    """Near-synonyms under the best-ranked one: one term inside another, or the same without ー/・ or width."""
    groups: list[tuple[Term, list[str]]] = []
    for term in terms:
        key = _loose(term.text)
        for head, variants in groups:
            hk = _loose(head.text)
            if key == hk or (len(key) >= 3 and key in hk) or (len(hk) >= 3 and hk in key):
                variants.append(term.text)
                break
        else:
            groups.append((term, []))
    return [(head, tuple(v)) for head, v in groups]


def _loose(text: str) -> str:
    return re.sub(r"[ー・\s]", "", normalize_text(text).casefold())
