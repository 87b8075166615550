"""Candidate theme terms of a set of texts: noun phrases kept whole, scored by C-value and specificity.

Japanese writes content words in kanji and katakana and joins them with hiragana
particles, so a maximal run of kanji, katakana and Latin letters is a compound noun
(同意撤回権, データ仲介事業者, IoT機器ベンダ) unless okurigana follow it (増や|して, 見直|す),
which makes it a verb or adjective stem. Two such nouns joined by の are a noun phrase
(学習元の開示), as are a provision (第５条の例外) and a short quoted phrase (「人間の創作」).
Finding them by pattern is what keeps 200,000 texts under a minute; the tokenizer's
dictionary (comments/morphology.py) then reads only the distinct candidates that recur:
it splits each into words, so a term made only of the consultation's title words or of
one everyday word ranks low, and a person's name is never a theme. A term's C-value
(Frantzi & Ananiadou) rewards long terms that also occur on their own, not only inside
longer ones; its specificity discounts words every text uses (data/background_terms.yaml)
and the guideline's own vocabulary. A text's words are its own: what it quotes from the
draft is left out. Each text counts once per term: callers pass distinct texts (a
campaign's copies are one). The index also keeps the sentences each candidate is used in,
which comments/theme_grouping.py reads to join a theme's many forms.
"""

from __future__ import annotations

import math
import re
from array import array
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from guidetrace.guideline.keys import normalize_text
from guidetrace.trace.rules import packaged_yaml

from .morphology import words

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
_QUOTED = re.compile(r"「([^「」『』。、\n]{3,16})」")
_BRACKETED = re.compile(r"「([^「」\n]{4,})」|『([^『』\n]{4,})』")
# Where a sentence ends: 。 ! ?, a full stop (not 3.2), or a space (a line break once normalised) unless it
# separates two Latin words.
_STOP = re.compile(r"(?:[。！？!?]|\.(?!\d)|(?<![A-Za-z0-9])\s|\s(?![A-Za-z0-9]))+")
_PROVISION = re.compile(r"第[0-9]+条(?:第[0-9]+項)?(?:の[一-龯々ァ-ヺー]{2,8})?")
SINGLE_WORD = 0.4  # a theme is usually more than one word: one word alone ranks lower
_PLACE = re.compile(r"第[0-9]+[部章節](?:[0-9]+)?(?:の[0-9一-龯ァ-ヺー]{1,10})?")  # a citation (第5章2), not a theme
PHRASE = 0.7  # two nouns joined by の are a looser unit than a compound: 場合の検索システム is rarely a theme


@lru_cache(maxsize=1)
def generality() -> dict[str, int]:
    data = packaged_yaml("guidetrace.comments", "background_terms.yaml")
    lists = [(level, ws) for level, v in data.items() for ws in (v.values() if isinstance(v, dict) else [v])]
    return {normalize_text(str(w)).casefold(): int(level) for level, ws in lists for w in ws}


@lru_cache(maxsize=65536)
def adverbial_edge(term: str) -> bool:
    """The term starts or ends with a noun that works as an adverb or a formal noun (長年|バス, 今回の案,
    事故の場合): the run crossed a word boundary or wrapped a circumstance, it is no theme. One character
    bound to a word before it is a suffix, not an adverb (提供先, 導入前)."""
    ws = words(term, short=True)
    return bool(ws) and any(w.pos[:3] == ("名詞", "普通名詞", "副詞可能") and (len(w.surface) >= 2 or len(ws) == 1)
                            for w in (ws[0], ws[-1]))


def _nouns(text: str) -> list[tuple[int, int, str]]:
    """Maximal noun runs of a normalised text, with where they are."""
    out = []
    for m in _RUN.finditer(text):
        run = m.group(0).strip("・")
        after = text[m.end():m.end() + 4]
        if _KANJI_END.search(run) and after and _HIRAGANA.match(after) and not _AFTER_NOUN.match(after):
            continue  # 増や|して, 見直|す: a verb or adjective stem
        if re.fullmatch(r"[a-z][a-z0-9]*", run) or _DATE.search(run):
            continue  # a lowercase word of English prose, a date
        out.append((m.start(), m.end(), run))
    return out


def _usable(run: str) -> bool:
    return 2 <= len(run) <= MAX_LENGTH and not run.endswith(_ADJECTIVAL_TAIL) and not re.search(r"\d{3,}", run)


def candidates_at(text: str) -> list[tuple[int, str]]:
    """Compound nouns, noun phrases joined by の, provisions and short quoted phrases of one normalised
    text, each with where it starts."""
    nouns = _nouns(text)
    out = [(start, run) for start, _, run in nouns if _usable(run)]
    for (start, end, a), (after, _, b) in zip(nouns, nouns[1:]):
        if text[end:after] == "の" and _usable(a) and _usable(b) and len(a) + len(b) < MAX_LENGTH:
            out.append((start, f"{a}の{b}"))  # 学習元の開示, 声優の権利
    out.extend((m.start(), m.group(0)) for m in _PROVISION.finditer(text))
    out.extend((m.start(1), q) for m in _QUOTED.finditer(text)
               if _RUN.search(q := m.group(1)) and not q.endswith(("です", "ます", "する")))
    return out


def candidates(text: str) -> set[str]:
    """The candidates of one text, once each."""
    return {c for _, c in candidates_at(normalize_text(text))}


def own_words(text: str, draft: str) -> str:
    """The normalised text without what it quotes from the draft (「…」 found in the guideline's text):
    a word people only quote is the draft's word, not one they chose (関係法令 in 「…関係法令に基づき…」)."""
    text = normalize_text(text)
    if draft and ("「" in text or "『" in text):
        text = _BRACKETED.sub(lambda m: "、" if (m.group(1) or m.group(2)).rstrip("。") in draft else m.group(0), text)
    return text


@dataclass(frozen=True)
class TermIndex:
    """Where each candidate is used: the texts, and the sentences (numbered across texts) as two parallel
    arrays, one entry per candidate and sentence, which the grouping of themes reads."""

    docs: dict[str, set[int]]
    ids: dict[str, int]
    occ_term: np.ndarray
    occ_sentence: np.ndarray
    text_start: np.ndarray  # the number of each text's first sentence


def index_texts(texts: Iterable[str], *, draft: str = "") -> TermIndex:
    """Candidates of distinct texts (a campaign's copies are one), read in the texts' own words."""
    docs: dict[str, set[int]] = defaultdict(set)
    ids: dict[str, int] = {}
    occ_term, occ_sentence, text_start = array("i"), array("i"), array("i")
    sentence = 0
    for i, raw in enumerate(texts):
        text_start.append(sentence)
        text = own_words(raw, draft)
        stops = [m.end() for m in _STOP.finditer(text)]
        seen: set[tuple[int, int]] = set()
        for start, c in candidates_at(text):
            docs[c].add(i)
            key = (sentence + bisect_right(stops, start), ids.setdefault(c, len(ids)))
            if key not in seen:
                seen.add(key)
                occ_sentence.append(key[0])
                occ_term.append(key[1])
        sentence += len(stops) + 2  # a gap: the sentences next to one are of the same text
    return TermIndex(dict(docs), ids, *(np.frombuffer(a, dtype=np.int32) for a in (occ_term, occ_sentence, text_start)))


@lru_cache(maxsize=65536)
def content_words(term: str) -> tuple[str, ...] | None:
    """The term's content words as the dictionary splits it, or None when it holds a person's name."""
    ws = words(term, short=True)
    if any(w.person for w in ws):
        return None
    return tuple(w.surface for w in ws
                 if w.noun or not w.known or w.pos[:1] in (("接頭辞",), ("接尾辞",), ("形状詞",)))


@dataclass(frozen=True)
class Term:
    text: str
    documents: int  # distinct texts holding it
    score: float
    members: tuple[int, ...]  # indexes of those texts


def rank_terms(index: TermIndex, *, background: Iterable[str] = (), min_documents: int = 2,
               generic: frozenset[str] = frozenset(), titles: tuple[str, ...] = ()) -> list[Term]:
    """Terms of the indexed texts, best first. `background`: the guideline's own text;
    `generic`: the words of the consultation's and the guideline's titles and headings, which alone are no
    theme; `titles`: the consultation's and the guideline's titles, no piece of which is a theme."""
    docs = index.docs
    freq = {c: len(ids) for c, ids in docs.items() if len(ids) >= min_documents}
    longer: dict[str, list[int]] = defaultdict(list)
    for c, f in freq.items():  # C-value: how often a term stands inside longer candidates
        for n in range(2, len(c)):
            for start in range(len(c) - n + 1):
                inner = c[start : start + n]
                if inner in freq:
                    longer[inner].append(f)
    own = Counter(t for text in background for t in candidates(text))
    general = generality()
    title_words = {p for t in titles for p in content_words(t[:200]) or ()}
    out = []
    for c, f in freq.items():
        nested = longer.get(c, [])
        cvalue = math.log2(len(c) / 2 + 1) * (f - (sum(nested) / len(nested) if nested else 0))
        if cvalue <= 0:
            continue
        parts = content_words(c)
        if parts is None or adverbial_edge(c) or _PLACE.fullmatch(c) or (len(parts) == 1 and parts[0] in generic) or (
                any(c in t for t in titles)) or (
                parts and all(p in title_words or general.get(p.casefold(), 0) >= 2 for p in parts)):
            continue  # a person's name; an adverb at an edge; one word of the titles or headings; a piece of a title; only the
            # title's words and everyday ones (スマートシティの推進)
        level = general.get(c.casefold(), 0)
        specificity = 1 / (1 + 2 * level) / (1 + math.log1p(own.get(c, 0)))
        if len(parts) < 2:
            specificity *= SINGLE_WORD
        elif "の" in c and not c.startswith("第"):
            specificity *= PHRASE
        out.append(Term(c, f, round(cvalue * specificity, 3), tuple(sorted(docs[c]))))
    return sorted(out, key=lambda t: (-t.score, -t.documents, t.text))
