"""An invented raw public consultation (the submissions people sent, not an answer table) with gold themes.

The text is composed from the hand-written pieces in pieces.py: individuals raise one to four themes (some
none), with greetings, stories, quotes of the draft, anger or politeness, typos, mixed widths and line breaks;
organisations send numbered opinions; five campaigns send copies of a letter, some edited. GOLD.md says what
the themes are and was written before this code. Deterministic for a seed; 200,000 submissions take seconds.

    python -m tests.themes_corpus.generate out.csv [n] [seed]   # writes the CSV and prints the theme counts
"""

from __future__ import annotations

import csv
import random
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .pieces import (
    ANGRY,
    CAMPAIGNS,
    CITE_NUMBER,
    CITE_QUOTE,
    CLOSERS,
    FILLERS,
    NAME_LINES,
    OFF_TOPIC,
    OPENERS,
    ORG_CLOSERS,
    ORG_OPENERS,
    ORGANISATIONS,
    SELVES,
    STANCES,
    THEME_TEXTS,
    TITLE,
    Campaign,
    ThemeText,
)

__all__ = ["TITLE", "THEMES", "Submission", "Theme", "raw_corpus", "write_csv"]


@dataclass(frozen=True)
class Submission:
    id: str
    submitter: str | None  # mostly 個人 or None, a few organisations
    body: str
    themes: tuple[str, ...]  # gold theme labels this submission argues about (canonical labels from GOLD)
    campaign: str | None  # campaign id if it is a copy (possibly edited) of an organised letter


@dataclass(frozen=True)
class Theme:
    label: str
    variants: tuple[str, ...]


THEMES: tuple[Theme, ...] = tuple(Theme(t.label, t.variants) for t in THEME_TEXTS)
_WEIGHTS = [t.weight for t in THEME_TEXTS]
_INDEXES = list(range(len(THEME_TEXTS)))
# a theme that often brings another: liability → compensation, pavements → school route, monitors' load → their training
_PAIRED = {2: 11, 3: 12, 1: 10}

# Width mixing: people type digits and Latin letters full-width or half-width; a few old phones send half-width kana.
_TO_HALF = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()})
_TO_FULL = str.maketrans({chr(c - 0xFEE0): chr(c) for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()})


def _half_kana_table() -> dict[int, str]:
    half = {unicodedata.normalize("NFKC", chr(c)): chr(c) for c in range(0xFF66, 0xFF9E)}
    marks = {"\u3099": "\uff9e", "\u309a": "\uff9f"}
    table: dict[int, str] = {}
    for c in range(0x30A1, 0x30FD):
        parts = unicodedata.normalize("NFD", chr(c))
        if parts[0] in half and all(m in marks for m in parts[1:]):
            table[c] = half[parts[0]] + "".join(marks[m] for m in parts[1:])
    return table


_TO_HALF_KANA = str.maketrans(_half_kana_table())
# Typos and wrong conversions on words that are never part of a theme's variants.
_TYPOS = (("公道", "行動"), ("検討", "見当"), ("思います", "思いまs"), ("ください", "くださいい"), ("ガイドライン", "ガイドライ"),
          ("自動運転", "自動運伝"), ("意見", "異見"), ("お願い", "お願"), ("について", "にいて"), ("です。", "です、、"))


def _cite(provision: str, rng: random.Random) -> str:
    """The draft's 第２章３ as people write it: 第２章３, ２章３, 第２章の３, ２－３."""
    r = rng.random()
    if r < 0.55:
        return provision
    if r < 0.7:
        return provision[1:]
    if r < 0.85:
        return provision.replace("章", "章の")
    return provision[1:].replace("章", "－")


def _pick_themes(rng: random.Random, k: int) -> list[int]:
    chosen: list[int] = []
    for _ in range(k * 4):
        if len(chosen) == k:
            break
        t = rng.choices(_INDEXES, _WEIGHTS)[0]
        if t not in chosen:
            chosen.append(t)
    for t, other in _PAIRED.items():
        if t in chosen and other not in chosen and rng.random() < 0.25:
            chosen.append(other)
    return chosen


def _argue(t: ThemeText, rng: random.Random, parts: list[str]) -> None:
    if t.stories and rng.random() < 0.22:
        parts.append(rng.choice(t.stories))
    r = rng.random()
    cite = ""
    if r < 0.3 and t.quote:
        cite = rng.choice(CITE_QUOTE).format(p=_cite(t.provision, rng), q=t.quote)
    elif r < 0.45:
        cite = rng.choice(CITE_NUMBER).format(p=_cite(t.provision, rng))
    first = rng.choice(t.arguments)
    parts.append(cite + first)
    if rng.random() < 0.28:
        second = rng.choice(t.arguments)
        if second != first:
            parts.append(second)


def _individual(rng: random.Random) -> tuple[str, list[int]]:
    k = rng.choices((0, 1, 2, 3, 4), (11, 52, 27, 8, 2))[0]
    chosen = _pick_themes(rng, k)
    short = rng.random() < 0.18
    parts: list[str] = []
    if not short:
        if rng.random() < 0.45:
            parts.append(rng.choice(OPENERS))
        if rng.random() < 0.35:
            parts.append(rng.choice(SELVES))
    if not chosen or (not short and rng.random() < 0.4):
        parts.append(rng.choice(STANCES))
    for t in chosen:
        _argue(THEME_TEXTS[t], rng, parts)
    angry = rng.random() < 0.14
    if angry:
        parts.insert(rng.randint(len(parts) // 2, len(parts)), rng.choice(ANGRY))
    if rng.random() < (0.25 if not chosen else 0.03):
        parts.append(rng.choice(OFF_TOPIC))
    if rng.random() < (0.5 if not chosen else 0.25):
        parts.append(rng.choice(FILLERS))
    if rng.random() < (0.15 if short else 0.5):
        parts.append(rng.choice(CLOSERS))
    body = rng.choices(("", "\n", "\n\n"), (5, 4, 1))[0].join(parts)
    if angry and rng.random() < 0.5:
        body = body.replace("。", "！")
    return body, chosen


def _organisation(rng: random.Random, name: str) -> tuple[str, list[int]]:
    chosen = _pick_themes(rng, rng.randint(2, 4))
    items = [rng.choice(ORG_OPENERS).format(o=name)]
    for i, t in enumerate(chosen, 1):
        text = THEME_TEXTS[t]
        args = rng.sample(text.arguments, 2)
        reason = rng.choice(text.stories) if text.stories and rng.random() < 0.3 else args[1]
        items.append(f"{str(i).translate(_TO_FULL)}．{text.provision}について\n（意見）{args[0]}\n（理由）{reason}")
    items.append(rng.choice(ORG_CLOSERS))
    return "\n\n".join(items), chosen


def _copy(c: Campaign, rng: random.Random) -> tuple[str, list[int]]:
    """A copy of the letter; half of them edited the way people edit campaign mail."""
    sentences = list(c.sentences)
    themes: list[int] = []
    if rng.random() < 0.5:
        if len(sentences) > 2 and rng.random() < 0.25:
            del sentences[rng.randrange(1, len(sentences))]
        if rng.random() < 0.4:
            if rng.random() < 0.6:
                t = rng.choices(_INDEXES, _WEIGHTS)[0]
                own = rng.choice(THEME_TEXTS[t].arguments + THEME_TEXTS[t].stories)
                themes.append(t)
            else:
                own = rng.choice(SELVES + FILLERS)
            sentences.insert(rng.randint(1, len(sentences)), (own, ()))
        if rng.random() < 0.3:
            sentences.insert(0, (rng.choice(OPENERS), ()))
    for _, ts in sentences:
        themes.extend(ts)
    body = ("" if rng.random() < 0.2 else "\n").join(s for s, _ in sentences)
    name = rng.choice(NAME_LINES)
    if name:
        body += "\n" + name
    return body, themes


def _noise(body: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.3:
        body = body.translate(_TO_HALF)
    elif r < 0.42:
        body = body.translate(_TO_FULL)
    if rng.random() < 0.1:
        wrong, typo = rng.choice(_TYPOS)
        body = body.replace(wrong, typo, 1)
    r = rng.random()
    if r < 0.04:
        body = body.replace("。", "．").replace("、", "，")
    elif r < 0.08:
        body = body.replace("。", rng.choice(("\n", " ", "")))
    if rng.random() < 0.015:
        body = body.translate(_TO_HALF_KANA)
    if rng.random() < 0.08:
        body = "\u3000" + body
    if rng.random() < 0.05:
        body += rng.choice(("\n", " ", "\n\n"))
    return body


def raw_corpus(n: int = 2000, seed: int = 32) -> list[Submission]:
    """n submissions in the order an agency would number them; the same for the same n and seed."""
    rng = random.Random(seed)
    copies: list[Campaign | None] = [c for c in CAMPAIGNS for _ in range(round(c.share * n))]
    kinds = copies[:n] + [None] * max(0, n - len(copies))
    rng.shuffle(kinds)
    out: list[Submission] = []
    for i, kind in enumerate(kinds, 1):
        submitter: str | None = "個人" if rng.random() < 0.72 else None
        if kind is not None:
            body, chosen = _copy(kind, rng)
            if kind.organisation and rng.random() < 0.05:
                submitter = kind.organisation
            body = _noise(body, rng) if rng.random() < 0.3 else body
        elif rng.random() < 0.03:
            submitter = rng.choice(ORGANISATIONS)
            body, chosen = _organisation(rng, submitter)
        else:
            body, chosen = _individual(rng)
            body = _noise(body, rng)
        labels = tuple(THEMES[t].label for t in sorted(set(chosen)))
        out.append(Submission(str(i), submitter, body, labels, kind.id if kind else None))
    return out


def write_csv(path: str | Path, submissions: list[Submission]) -> None:
    """番号,提出者,意見 in UTF-8 with a BOM, as agencies export raw submissions for Excel."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(("番号", "提出者", "意見"))
        w.writerows((s.id, s.submitter or "", s.body) for s in submissions)


def _report(subs: list[Submission]) -> str:
    counts = Counter(label for s in subs for label in s.themes)
    lines = [f"{TITLE}: {len(subs)} submissions"]
    lines += [f"{counts[t.label]:6d} {100 * counts[t.label] / len(subs):5.1f} %  {t.label}" for t in THEMES]
    camps = Counter(s.campaign for s in subs if s.campaign)
    for c in CAMPAIGNS:
        bodies = Counter(s.body for s in subs if s.campaign == c.id)
        lines.append(f"campaign {c.id}: {camps[c.id]} copies, {len(bodies)} distinct texts")
    multi = sum(1 for s in subs if len(s.themes) > 1)
    lines.append(f"no theme: {sum(1 for s in subs if not s.themes)}, several themes: {multi}")
    return "\n".join(lines)


if __name__ == "__main__":
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    subs = raw_corpus(n, int(sys.argv[3]) if len(sys.argv) > 3 else 32)
    write_csv(sys.argv[1], subs)
    print(_report(subs))
