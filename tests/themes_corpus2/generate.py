"""A second invented raw public consultation (a city's condominium repair-fund guideline) with gold themes.

Held out: written blind from GOLD.md, with the first corpus's public interface and nothing else of it, so a theme
extractor tuned on the first corpus can be measured on this one. Submissions are composed from the hand-written
pieces in pieces.py: individuals argue zero to four themes (questions, examples with numbers, quotes of the draft,
stories, anger), with greetings, asides, typos, mixed widths and line breaks; organisations send numbered
opinions; five campaigns send copies of a letter in bursts, half of them edited. Every submission's gold is the
themes whose variants its text contains after NFKC: each piece is checked (tests), the noise is NFKC-invariant and a
typo that would hide or make a theme is not typed. Deterministic for a seed; 200,000 submissions take seconds.

    python -m tests.themes_corpus2.generate out.csv [n] [seed]   # writes the CSV and prints the theme counts
"""

from __future__ import annotations

import csv
import random
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from .pieces import (
    ANGRY,
    ARGUMENTS,
    ASIDES,
    BUILDINGS,
    BUT_REACTIONS,
    CAMPAIGNS,
    CLOSERS,
    NAME_LINES,
    ON_REACTIONS,
    OPENERS,
    ORG_ARGUMENTS,
    ORG_CLOSERS,
    ORG_OPENERS,
    ORG_TOPICS,
    ORGANISATIONS,
    PROVISIONS,
    SELVES,
    STANCES,
    THEME_SPECS,
    TITLE,
    Campaign,
    Piece,
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


THEMES: tuple[Theme, ...] = tuple(Theme(t.label, t.variants) for t in THEME_SPECS)

_NUMBERS = range(1, len(THEME_SPECS) + 1)
_WEIGHTS = [t.weight for t in THEME_SPECS]
_CUMULATIVE = list(accumulate(_WEIGHTS))
_BY_THEME: dict[int, list[Piece]] = {i: [p for p in ARGUMENTS if p.themes[0] == i] for i in _NUMBERS}
_ORG_BY_THEME: dict[int, Piece] = {p.themes[0]: p for p in ORG_ARGUMENTS}
_NEUTRAL_REFS = [ref for ref, (_h, _q, themes) in PROVISIONS.items() if not themes]
# Themes people tend to raise together (GOLD numbers).
_PAIRED = {1: 3, 3: 1, 9: 10, 10: 9, 7: 4, 4: 7, 12: 5, 2: 17, 18: 2, 15: 16}

_TO_FULL = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F) if chr(c).isalnum()})
_TO_HALF = str.maketrans({chr(c + 0xFEE0): chr(c) for c in range(0x21, 0x7F) if chr(c).isalnum()} | {"　": " "})


def _half_kana_table() -> dict[int, str]:
    """Full-width katakana to the half-width forms old software still types (NFKC undoes it)."""
    table: dict[int, str] = {}
    halves = [chr(c) for c in range(0xFF66, 0xFF9E)]
    for h in halves:
        table[ord(unicodedata.normalize("NFKC", h))] = h
        for mark in ("ﾞ", "ﾟ"):
            full = unicodedata.normalize("NFKC", h + mark)
            if len(full) == 1:
                table[ord(full)] = h + mark
    table[ord("・")] = "･"
    return table


_TO_HALF_KANA = str.maketrans(_half_kana_table())

_TYPOS = (
    ("修繕", "修膳"), ("積立金", "積み立て金"), ("思います", "思いまs"), ("ください", "下さいい"),
    ("ガイドライン", "ガイドラン"), ("管理組合", "管理組会"), ("理事長", "理事町"), ("お願いします", "おねがいしまあす"),
    ("マンション", "マンシヨン"), ("検討", "険討"), ("値上げ", "値揚げ"), ("について", "にいて"), ("です。", "でず。"),
    ("見直し", "見なおし"), ("区分所有者", "区分所者"),
)


@lru_cache(maxsize=4096)
def _found(body: str) -> tuple[str, ...]:
    """The gold rule of GOLD.md: the themes one of whose variants the NFKC text contains (asked of parts, which repeat)."""
    text = body if unicodedata.is_normalized("NFKC", body) else unicodedata.normalize("NFKC", body)
    return tuple(t.label for t in THEMES if any(v in text for v in t.variants))


def _labels(numbers: set[int]) -> tuple[str, ...]:
    return tuple(THEMES[i - 1].label for i in sorted(numbers))


def _cite(ref: str, rng: random.Random, with_heading: bool) -> str:
    """How people point at an item of the draft: 第3章2, ３－２, 案の3.2, P.7 ... sometimes with its heading."""
    if ref == "附則":
        text = rng.choice(("附則", "案の附則", "最後の附則"))
    else:
        ch, item = ref.split("-")
        text = rng.choice((
            f"第{ch}章{item}", f"第{ch}章{item}", f"{ch}-{item}", f"{ch}－{item}", f"第{ch}章の{item}", f"案の{ch}.{item}",
            f"P.{int(ch) * 2 + int(item)}の第{ch}章{item}", f"{ch}章{item}項", f"案{ch}（{item}）",
        ))
    if with_heading:
        text += rng.choice(("（{}）", "「{}」", " {}")).format(PROVISIONS[ref][0])
    return text


def _quote(ref: str, quote: str, rng: random.Random) -> str:
    """A quote of the draft and what the writer thinks of it."""
    cite = _cite(ref, rng, False)
    if rng.random() < 0.5:
        lead = rng.choice((f"{cite}に", f"案の{cite}に", f"{cite}には", "案には", ""))
        return f"{lead}「{quote}」とありますが、{rng.choice(BUT_REACTIONS)}"
    lead = rng.choice((f"{cite}の", f"案の{cite}の", "", f"{cite}　"))
    return f"{lead}「{quote}」{rng.choice(ON_REACTIONS)}"


def _pick_themes(rng: random.Random, k: int) -> list[int]:
    picked: list[int] = []
    while len(picked) < k:
        if picked and picked[-1] in _PAIRED and rng.random() < 0.35:
            t = _PAIRED[picked[-1]]
        else:
            t = rng.choices(_NUMBERS, cum_weights=_CUMULATIVE)[0]
        if t not in picked:
            picked.append(t)
    return picked


def _argue(t: int, rng: random.Random, parts: list[str], themes: set[int], used: set[str]) -> None:
    """One theme argued the way people do: a plain sentence, a cited one, or a quote of the draft and a reaction."""
    refs = THEME_SPECS[t - 1].provisions
    r = rng.random()
    if refs and r < 0.2:
        ref = rng.choice(refs)
        _heading, quote, quoted = PROVISIONS[ref]
        parts.append(_quote(ref, quote, rng))
        themes.update(quoted)
        if rng.random() < 0.5:
            return
    piece = rng.choice(_BY_THEME[t])
    if piece.text in used:
        return
    used.add(piece.text)
    text = piece.text
    if refs and r > 0.75 and not text.startswith("第"):
        form = rng.choice(("【{}】", "{}について。", "■{}について\n", "{}：", "・{}\n", "{}について、"))
        text = form.format(_cite(rng.choice(refs), rng, rng.random() < 0.4)) + text
    parts.append(text)
    themes.update(piece.themes)


def _individual(rng: random.Random) -> tuple[list[str], set[int]]:
    long = rng.random() < 0.04  # a few write pages
    k = rng.choices((0, 1, 2, 3, 4), cum_weights=(12, 55, 83, 95, 100))[0] + 2 * long
    parts: list[str] = []
    themes: set[int] = set()
    used: set[str] = set()
    if rng.random() < 0.45:
        parts.append(rng.choice(OPENERS))
    for _ in range(1 + long):
        if rng.random() < 0.35 + 0.5 * long:
            parts.append(rng.choice(SELVES))
    if rng.random() < 0.3 or k == 0:
        parts.append(rng.choice(STANCES))
    for t in _pick_themes(rng, k):
        _argue(t, rng, parts, themes, used)
        if rng.random() < 0.08:
            parts.append(rng.choice(ASIDES))
    if k == 0 and rng.random() < 0.4:
        ref = rng.choice(_NEUTRAL_REFS)
        parts.append(_quote(ref, PROVISIONS[ref][1], rng))
    if rng.random() < 0.15 + 0.1 * k:
        parts.insert(rng.randint(max(0, len(parts) - 2), len(parts)), rng.choice(ANGRY))
    if rng.random() < 0.18:
        parts.append(rng.choice(ASIDES))
    if rng.random() < 0.5:
        parts.append(rng.choice(CLOSERS))
    if rng.random() < 0.12:
        parts.append(rng.choice(NAME_LINES))
    if rng.random() < 0.2:
        _typos(parts, rng)
    return parts, themes


def _typos(parts: list[str], rng: random.Random) -> None:
    """A slip of the keyboard in a part or two; one that would hide or make a theme is not made (the gold is the text)."""
    for wrong, typed in rng.sample(_TYPOS, 3):
        hits = [i for i, p in enumerate(parts) if wrong in p]
        if hits:
            i = rng.choice(hits)
            slipped = parts[i].replace(wrong, typed, 1)
            if _found(slipped) == _found(parts[i]):
                parts[i] = slipped


def _organisation(rng: random.Random, focus: tuple[int, ...]) -> tuple[str, set[int]]:
    """Numbered opinions, each on one item or theme, in the register of a board's letter."""
    chosen = sorted(rng.sample(focus, min(len(focus), rng.randint(2, 5))))
    lines = [rng.choice(ORG_OPENERS), ""]
    themes: set[int] = set()
    style = rng.choice(("{}．", "（{}）", "{}　", "意見{}："))
    for n, t in enumerate(chosen, 1):
        refs = THEME_SPECS[t - 1].provisions
        head = style.format(n) + (f"{_cite(refs[0], rng, True)}について" if refs else ORG_TOPICS[t])
        lines += [head, _ORG_BY_THEME[t].text, ""]
        themes.update(_ORG_BY_THEME[t].themes)
    lines.append(rng.choice(ORG_CLOSERS))
    return "\n".join(lines), themes


def _copy(c: Campaign, rng: random.Random, edited: bool) -> tuple[str, set[int]]:
    """A copy of the letter: byte for byte, or edited by one to three changes a sender makes."""
    original = "\n".join(p.text for p in c.paragraphs)
    if not edited:
        return original, set().union(*(set(p.themes) for p in c.paragraphs))
    edits = rng.sample(("before", "after", "drop", "reword", "name", "spacing"), rng.randint(1, 3))
    kept = list(range(len(c.paragraphs)))
    if "drop" in edits:
        optional = [i for i, p in enumerate(c.paragraphs) if p.optional]
        dropped = set(rng.sample(optional, rng.randint(1, len(optional))))
        kept = [i for i in kept if i not in dropped]
    paras: list[tuple[str, set[int]]] = []
    for i in kept:
        p = c.paragraphs[i]
        paras.append((p.reworded if "reword" in edits and p.reworded else p.text, set(p.themes)))
    if "before" in edits:
        paras.insert(0, (rng.choice(OPENERS + SELVES), set()))
    if "after" in edits:
        if rng.random() < 0.6:
            piece = rng.choice(ARGUMENTS)
            paras.insert(len(paras) - (len(paras) > 2), (piece.text, set(piece.themes)))
        else:
            paras.append((rng.choice(ASIDES + CLOSERS), set()))
    if "name" in edits:
        paras.append((rng.choice(NAME_LINES), set()))
    joiner = rng.choice(("", "\n\n", "\r\n", "　")) if "spacing" in edits else "\n"
    body = joiner.join(t for t, _ in paras)
    assert body != original, edits
    return body, set().union(*(s for _, s in paras))


def _noise(body: str, rng: random.Random) -> str:
    """How the text got typed: widths, half-width kana, punctuation; none of it changes the text after NFKC."""
    r = rng.random()
    if r < 0.25:
        body = body.translate(_TO_FULL)
    elif r < 0.33:
        body = body.translate(_TO_HALF)
    if rng.random() < 0.1:
        body = body.replace("㎡", rng.choice(("m²", "ｍ２", "m2")))
    if rng.random() < 0.03:
        body = body.translate(_TO_HALF_KANA)
    r = rng.random()
    if r < 0.07:
        body = body.replace("、", "，").replace("。", "．")
    elif r < 0.11:
        body = body.replace("。", "\n")
    elif r < 0.16:
        body = body.replace("！", "!!").replace("？", "??")
    if rng.random() < 0.06:
        body = "\n".join(("　" + line if line else line) for line in body.split("\n"))
    if rng.random() < 0.05:
        body += rng.choice((" ", "\n", "　", "\n\n"))
    return body


def _join(parts: list[str], rng: random.Random) -> str:
    """People break lines in their own way: every sentence, every part, never, or with blank lines."""
    style = rng.choices(("line", "run", "blank", "mixed", "sentences"), cum_weights=(35, 55, 70, 90, 100))[0]
    if style == "line":
        return "\n".join(parts)
    if style == "run":
        return "".join(parts)
    if style == "blank":
        return "\n\n".join(parts)
    if style == "sentences":
        return "\n".join(parts).replace("。", "。\n").replace("\n\n", "\n").rstrip("\n")
    return "".join(p + rng.choice(("", "\n", "\n", "\n\n", "　")) for p in parts).rstrip()


def raw_corpus(n: int = 2000, seed: int = 32) -> list[Submission]:
    """n submissions in the order an agency would number them; the same for the same n and seed."""
    rng = random.Random(seed)
    drafts: list[tuple[float, str | None, str, set[int], str | None]] = []  # (arrival, submitter, body, themes, campaign)
    for c in CAMPAIGNS:
        copies = min(round(c.copies * n / 2000), n - len(drafts))
        edited = set(rng.sample(range(copies), copies // 2))
        start, width = rng.uniform(0.05, 0.75), rng.uniform(0.05, 0.2)
        for i in range(copies):
            body, themes = _copy(c, rng, i in edited)
            arrival = rng.random() if rng.random() < 0.1 else start + width * rng.random()
            drafts.append((arrival, rng.choice(("個人", "個人", None)), body, themes, c.id))
    orgs = min(round(n * 0.012), n - len(drafts))
    for i in range(orgs):
        if i < len(ORGANISATIONS):
            name, focus = ORGANISATIONS[i]
        else:
            name = rng.choice(BUILDINGS) + rng.choice(("管理組合", "管理組合 理事会", "管理組合 修繕委員会"))
            focus = tuple(sorted(set(rng.choices(_NUMBERS, weights=_WEIGHTS, k=5))))
        body, themes = _organisation(rng, focus)
        drafts.append((rng.uniform(0.5, 1.0), name, _noise(body, rng) if rng.random() < 0.3 else body, themes, None))
    while len(drafts) < n:
        parts, themes = _individual(rng)
        submitter = rng.choice(("個人", "個人", "個人", None, None))
        drafts.append((rng.random(), submitter, _noise(_join(parts, rng), rng), themes, None))
    drafts.sort(key=lambda d: d[0])
    return [Submission(str(i), who, body, _labels(themes), camp) for i, (_at, who, body, themes, camp) in enumerate(drafts, 1)]


def write_csv(path: str | Path, submissions: list[Submission]) -> None:
    """番号,提出者,意見 in UTF-8 with a BOM, as agencies export raw submissions for Excel."""
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f)
        w.writerow(["番号", "提出者", "意見"])
        for s in submissions:
            w.writerow([s.id, s.submitter or "", s.body])


def _report(subs: list[Submission]) -> str:
    counts = Counter(t for s in subs for t in s.themes)
    lines = [f"{len(subs)} submissions; {TITLE}"]
    for t in THEMES:
        lines.append(f"{counts[t.label]:7d} {100 * counts[t.label] / len(subs):5.1f} %  {t.label}")
    camps = Counter(s.campaign for s in subs if s.campaign)
    for c in CAMPAIGNS:
        bodies = Counter(s.body for s in subs if s.campaign == c.id)
        lines.append(f"campaign {c.id}: {camps[c.id]} copies, {bodies.most_common(1)[0][1] if bodies else 0} verbatim")
    return "\n".join(lines)


if __name__ == "__main__":
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 32
    subs = raw_corpus(n, seed)
    write_csv(sys.argv[1], subs)
    print(_report(subs))
