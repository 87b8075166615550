"""Candidate theme terms of a set of texts: compound nouns kept whole, scored by C-value and specificity.

Japanese writes content words in kanji and katakana and joins them with hiragana
particles, so a maximal run of kanji, katakana and Latin letters is a compound noun
(同意撤回権, データ仲介事業者, IoT機器ベンダ) unless okurigana follow it (増や|して, 見直|す),
which makes it a verb or adjective stem. This is measured against janome on the
same texts: the same planted themes, 57 s against under a second for 7,914 distinct
texts (benchmarks/README.md), so no tokenizer is run. A term's C-value (Frantzi &
Ananiadou) rewards long terms that also occur on their own, not only inside longer
ones; its specificity discounts words every text uses (data/background_terms.yaml)
and the guideline's own vocabulary. Each text counts once per term: callers pass
distinct texts (a campaign's copies are one).
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

_CORE = "一-龯々〆ヶァ-ヺーA-Za-z"
# A run may hold a short kana spelling between kanji (改ざん検知), never a particle (本人の同意 is two).
_RUN = re.compile(rf"[{_CORE}](?:[{_CORE}0-9・]|[ぁぃぅぇぉゃゅょゎゐゑざじずぜぞばびぶべぼぱぴぷぺぽんふほぬね]{{1,2}}(?=[一-龯々〆ヶ]))*")  # noqa: E501
_DATE = re.compile(r"\d+(?:年|月|日|時|分)|^(?:令和|平成|昭和)")
# What may follow a noun: particles, the copula, punctuation. Any other hiragana is okurigana.
_AFTER_NOUN = re.compile(r"(?:の|が|を|に|は|で|と|も|や|へ|か|な|だ|で|ら|など|まで|より|から|って|について|による|として)")
_KANJI_END = re.compile(r"[一-龯々〆ヶ]$")
_HIRAGANA = re.compile(r"[ぁ-ゖ]")
_ADJECTIVAL_TAIL = ("的", "性", "化", "等", "上", "中", "内", "毎")
MAX_LENGTH = 16


@lru_cache(maxsize=1)
def generality() -> dict[str, int]:
    data = packaged_yaml("guidetrace.comments", "background_terms.yaml")
    return {normalize_text(str(w)).casefold(): int(level) for level, words in data.items() for w in words}


def candidates(text: str) -> set[str]:
    """Compound nouns and nouns of one text (maximal runs of kanji, katakana, Latin)."""
    text = normalize_text(text)
    out: set[str] = set()
    for m in _RUN.finditer(text):
        run = m.group(0).strip("・")
        after = text[m.end():m.end() + 4]
        if _KANJI_END.search(run) and after and _HIRAGANA.match(after) and not _AFTER_NOUN.match(after):
            continue  # 増や|して, 見直|す: a verb or adjective stem
        if re.fullmatch(r"[a-z][a-z0-9]*", run) or _DATE.search(run):
            continue  # a lowercase word of English prose, a date
        if 2 <= len(run) <= MAX_LENGTH and not run.endswith(_ADJECTIVAL_TAIL) and not re.search(r"\d{3,}", run):
            out.add(run)
    return out


@dataclass(frozen=True)
class Term:
    text: str
    documents: int  # distinct texts holding it
    score: float
    members: tuple[int, ...]  # indexes of those texts


def rank_terms(texts: Iterable[str], *, background: Iterable[str] = (), min_documents: int = 2) -> list[Term]:
    """Terms of `texts` (distinct texts, in order), best first; `background`: the guideline's own text."""
    docs: dict[str, set[int]] = defaultdict(set)
    for i, text in enumerate(texts):
        for c in candidates(text):
            docs[c].add(i)
    freq = {c: len(ids) for c, ids in docs.items()}
    longer: dict[str, list[int]] = defaultdict(list)
    for c, f in freq.items():  # C-value: how often a term stands inside longer candidates
        for n in range(2, len(c)):
            for start in range(len(c) - n + 1):
                inner = c[start : start + n]
                if inner in freq:
                    longer[inner].append(f)
    own = Counter(t for text in background for t in candidates(text))
    general = generality()
    out = []
    for c, f in freq.items():
        if f < min_documents:
            continue
        nested = longer.get(c, [])
        cvalue = math.log2(len(c) / 2 + 1) * (f - (sum(nested) / len(nested) if nested else 0))
        if cvalue <= 0:
            continue
        level = general.get(c.casefold(), 0)
        specificity = 1 / (1 + 2 * level) / (1 + math.log1p(own.get(c, 0)))
        out.append(Term(c, f, round(cvalue * specificity, 3), tuple(sorted(docs[c]))))
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
