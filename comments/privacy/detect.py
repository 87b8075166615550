"""Finding personal data in one text: patterns from data/privacy.yaml, names by context.

Patterns run on the NFKC-folded text (full-width digits count) and spans map back to
the original characters. Names are found where their context says so — an honorific
(様, さん, 氏 …), a signature line, 「私、○○は」, a 氏名: label — and the tokenizer's
dictionary (Janome's IPADIC, shipped inside the package) confirms a person's name; the
whole text is never tokenized, so scanning stays fast.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from guidetrace.trace.rules import packaged_yaml

WINDOW = 12  # characters before an honorific (or after 私) that may hold a name
SIGNATURE_WORDS = ("より", "拝", "記", "提出者", "氏名", "名前")


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int  # in the original text
    end: int
    confidence: float
    rule: str
    text: str


@dataclass(frozen=True)
class _Rules:
    patterns: tuple[tuple[str, str, float, re.Pattern[str]], ...]
    my_number: re.Pattern[str]
    not_my_number: re.Pattern[str]
    age: re.Pattern[str]
    honorific: re.Pattern[str]
    labelled: re.Pattern[str]
    self_intro: re.Pattern[str]
    self_after: tuple[str, ...]
    signature_max: int
    not_names: frozenset[str]
    org_suffix: re.Pattern[str]
    org_prefix: re.Pattern[str]
    english: tuple[tuple[str, float, re.Pattern[str]], ...]
    public: re.Pattern[str]
    prefilter: tuple[re.Pattern[str], ...]
    high: float


@lru_cache(maxsize=1)
def rules() -> _Rules:
    data: dict[str, Any] = packaged_yaml("guidetrace.comments", "privacy.yaml")
    h = data["hyphen"]

    def rx(source: str, flags: int = 0) -> re.Pattern[str]:
        return re.compile(source.replace("{H}", f"[{h}]").replace("{h}", h), flags)

    names = data["names"]
    honorifics = "|".join(map(re.escape, sorted(names["honorifics"], key=len, reverse=True)))
    return _Rules(
        patterns=tuple((p["kind"], p["rule"], float(p["confidence"]), rx(p["regex"])) for p in data["patterns"]),
        my_number=rx(data["my_number"]), not_my_number=re.compile(data["not_my_number"]), age=rx(data["age"]),
        honorific=re.compile(f"(?:{honorifics})"),
        labelled=rx(names["labelled"]), self_intro=rx(names["self"]), self_after=tuple(names["self_after"]),
        signature_max=int(names["signature_max"]), not_names=frozenset(names["not_names"]),
        org_suffix=re.compile("(?:" + "|".join(map(re.escape, names["org_suffixes"])) + ")$"),
        org_prefix=re.compile("(?:" + "|".join(map(re.escape, names["org_prefixes"])) + r")\s?$"),
        english=tuple((e["rule"], float(e["confidence"]), re.compile(e["regex"], re.M)) for e in names["english"]),
        public=re.compile("|".join(data["public_domains"]), re.I),
        prefilter=tuple(re.compile(p.replace("{signature_max}", str(names["signature_max"])))
                        for p in data["prefilter"]),
        high=float(data["high"]),
    )


def _mapped(text: str, folded: str) -> tuple[str, list[int] | None]:
    """`folded` (the NFKC of `text`) with a map from each of its characters to its index in `text`
    (None: the same positions)."""
    if len(folded) == len(text):
        return folded, None
    out, where = [], []
    for i, ch in enumerate(text):
        n = unicodedata.normalize("NFKC", ch)
        out.append(n)
        where.extend([i] * len(n))
    return "".join(out), where


def my_number_valid(digits: str) -> bool:
    """The check digit of a 12-digit individual number (番号法施行令 第8条)."""
    if len(digits) != 12 or not digits.isdigit():
        return False
    body = [int(d) for d in digits[:11]][::-1]  # P1 is the digit next to the check digit
    total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(body, start=1))
    remainder = total % 11
    return int(digits[11]) == (0 if remainder <= 1 else 11 - remainder)


def detect(text: str) -> list[Finding]:
    if not text:
        return []
    r = rules()
    folded = unicodedata.normalize("NFKC", text)
    if not any(p.search(folded) for p in r.prefilter):  # most opinions: nothing any rule could find
        return []
    folded, where = _mapped(text, folded)  # positions back to the original, only for a text worth scanning
    spans: list[tuple[str, int, int, float, str]] = []
    for m in r.my_number.finditer(folded):
        digits = re.sub(r"\D", "", m.group())
        if my_number_valid(digits) and not r.not_my_number.search(folded[max(0, m.start() - 10):m.start()]):
            spans.append(("my_number", m.start(), m.end(), 0.98, "my-number"))
    for kind, rule, confidence, pattern in r.patterns:
        for m in pattern.finditer(folded):
            if kind == "url" and r.public.search(m.group()):
                continue
            spans.append((kind, m.start(), m.end(), confidence, rule))
    spans += _names(folded)
    if any(s[0] == "name" for s in spans):
        spans += [("age", m.start(), m.end(), 0.8, "age-with-name") for m in r.age.finditer(folded)]
    kept: list[tuple[str, int, int, float, str]] = []
    for s in sorted(spans, key=lambda s: (-s[3], s[1], -(s[2] - s[1]))):
        if all(s[2] <= k[1] or s[1] >= k[2] for k in kept):
            kept.append(s)
    out = []
    for kind, start, end, confidence, rule in sorted(kept, key=lambda s: s[1]):
        a, b = (start, end) if where is None else (where[start], where[end - 1] + 1)
        out.append(Finding(kind, a, b, confidence, rule, text[a:b]))
    return out


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    from janome.tokenizer import Tokenizer

    return Tokenizer()


@lru_cache(maxsize=8192)  # short spans only (a window, a last line): the same ones come back (全般, 様)
def _tokens(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((t.surface, t.part_of_speech) for t in _tokenizer().tokenize(text))


def _person(pos: str) -> bool:
    return "人名" in pos


def _names(folded: str) -> list[tuple[str, int, int, float, str]]:
    r = rules()
    found: list[tuple[str, int, int, float, str]] = []
    for m in r.honorific.finditer(folded):
        start = max(0, m.start() - WINDOW)
        tokens = _tokens(folded[start:m.end() + 3])  # past the honorific: 氏名 must stay one word
        at, offset = None, start
        for i, (surface, pos) in enumerate(tokens):
            if offset == m.start():
                at = i if surface == m.group() and ("接尾" in pos or surface == "先生") else None
                break
            offset += len(surface)
        if not at:
            continue  # たくさん, 皆様, 氏名: the honorific is not a suffix here
        tokens = tokens[:at + 1]
        run, end = _trailing_name(tokens[:-1])
        if not run:
            continue
        name_start = start + sum(len(s) for s, _ in tokens[:-1]) - len(run)
        confidence = 0.95 if end else 0.6
        if run in r.not_names or r.org_suffix.search(run) or any(run.startswith(n) for n in r.not_names if len(n) > 1):
            continue
        if r.org_prefix.search(folded[max(0, name_start - 8):name_start]):
            continue  # 株式会社テスト様: a company, addressed politely
        found.append(("name", name_start, name_start + len(run), confidence, "honorific"))
    for pattern, rule in ((r.labelled, "labelled"), (r.self_intro, "self-introduction")):
        for m in pattern.finditer(folded):
            tokens = _tokens(folded[m.end():m.end() + WINDOW])
            run, person = _leading_name(tokens)
            if person and (rule == "labelled" or folded[m.end() + len(run):].startswith(r.self_after)):
                found.append(("name", m.end(), m.end() + len(run), 0.95, rule))
    found += _signature(folded)
    for rule, confidence, pattern in r.english:
        for m in pattern.finditer(folded):
            g = 1 if m.groups() else 0
            found.append(("name", m.start(g), m.end(g), confidence, rule))
    return found


def _trailing_name(tokens: Sequence[tuple[str, str]]) -> tuple[str, bool]:
    """The name just before an honorific, and whether the dictionary calls it a person's name.

    Nouns are gathered backwards (高橋 + 悠 + 斗); with a person-name token among them the name
    starts at the first such token (市長山田様 → 山田); without one, only a short run of kanji or
    katakana (an unknown name) is kept, at lower confidence.
    """
    run: list[tuple[str, str]] = []
    for surface, pos in reversed(tokens):
        nominal = pos.startswith("名詞") and not any(x in pos for x in ("代名詞", "数", "非自立", "接尾,助数詞"))
        if nominal and re.fullmatch(r"[一-龯々ァ-ヺー]+", surface) and len("".join(s for s, _ in run) + surface) <= 8:
            run.insert(0, (surface, pos))
        elif surface.isspace() and run:
            run.insert(0, (surface, pos))
        else:
            break
    people = [i for i, (_, pos) in enumerate(run) if _person(pos)]
    if people:
        return "".join(s for s, _ in run[people[0]:]).strip(), True
    text = "".join(s for s, _ in run).strip()
    return (text, False) if re.fullmatch(r"[一-龯々]{2,4}|[ァ-ヺー]{2,8}", text) else ("", False)


def _leading_name(tokens: Sequence[tuple[str, str]]) -> tuple[str, bool]:
    run: list[str] = []
    person = False
    for surface, pos in tokens:
        if _person(pos) or (surface.isspace() and run):
            run.append(surface)
            person = person or _person(pos)
        else:
            break
    return "".join(run).rstrip(), person


def _signature(folded: str) -> list[tuple[str, int, int, float, str]]:
    """A submission that ends with its writer's name on a line of its own (or in brackets)."""
    r = rules()
    stripped = folded.rstrip()
    line_start = max(stripped.rfind("\n") + 1, 0)
    last = stripped[line_start:]
    if not last or len(last) > r.signature_max or line_start == 0:
        return []
    tokens = _tokens(last)
    people = [i for i, (_, pos) in enumerate(tokens) if _person(pos)]
    if not people or not any("姓" in tokens[i][1] for i in people):
        return []
    if not all(_person(pos) or "地域" in pos or pos.startswith("記号") or surface in SIGNATURE_WORDS
               or not re.search(r"\w", surface) for surface, pos in tokens):
        return []  # a sentence that merely holds a name-like word (スマートシティ)
    first, final = people[0], people[-1]
    start = line_start + sum(len(s) for s, _ in tokens[:first])
    end = line_start + sum(len(s) for s, _ in tokens[:final + 1])
    return [("name", start, end, 0.9, "signature")]


@lru_cache(maxsize=4096)
def looks_like_person(name: str) -> bool:
    """A name made only of a surname and given names, as the dictionary knows them (山田 太郎, John Smith)."""
    folded = unicodedata.normalize("NFKC", name).strip()
    if not folded or len(folded) > 30:
        return False
    if re.fullmatch(r"[A-Z][a-z]+(?:\s+[A-Z]\.?)?\s+[A-Z][a-z]+", folded):
        return True
    tokens = [(s, p) for s, p in _tokens(folded) if s.strip()]
    # 小林悠斗 is 小林 + 悠 + 斗: a one-character noun may finish a given name the dictionary lacks (佐藤工業 may not)
    return (bool(tokens) and any("姓" in p for _, p in tokens) and len(folded) <= 10
            and all(_person(p) or (p.startswith("名詞") and len(s) == 1 and re.fullmatch(r"[一-龯々]", s))
                    for s, p in tokens))


@lru_cache(maxsize=4096)
def holds_person_name(name: str) -> bool:
    """個人（山田太郎）holds a name; 個人 alone does not."""
    folded = unicodedata.normalize("NFKC", name).strip()
    return looks_like_person(folded) or any(_person(p) for _, p in _tokens(folded[:60]))


def high_confidence() -> float:
    return rules().high
