"""What the name rules share: the rules' data, the words of a place where a name may stand, and the verdict.

A run of words where context expects a name is a person's name when the dictionary
(comments/morphology.py) says so, not one when its words are a job, a role or an
organisation's, and a question for the entity model (ner.py) otherwise; a name beside a
public role is a public person. names.py and signatures.py find the places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from guidetrace.trace.rules import packaged_yaml

from ..morphology import Word
from . import ner

Span = tuple[str, int, int, float, str]  # kind, start, end (in the folded text), confidence, rule
PUBLIC_PERSON = "public-person"  # the rule of a name with a public role: listed, published unless an editor masks it
BOUNDARY = "。．.！!？?\n"
_NAMEISH = re.compile(r"[一-龯々〆ヶぁ-ゖァ-ヺーA-Za-z]+")
# a reading in brackets after a name (not a note that says the name is in kana: （カナ）)
READING = re.compile(r"\s?[(（【\[](?!(?:カナ|かな|ｶﾅ|フリガナ|ふりがな)[)）】\]])[ぁ-ゖァ-ヺー\s・]{2,20}[)）】\]]")


@dataclass(frozen=True)
class _Rules:
    honorific: re.Pattern[str]
    self_intro: re.Pattern[str]
    self_max_desu: int
    naming_verbs: frozenset[str]
    naming_lead: re.Pattern[str]
    named_as: re.Pattern[str]
    my: re.Pattern[str]
    label: re.Pattern[str]
    closer: re.Pattern[str]
    closing_lines: int
    closing_max: int
    public_before: re.Pattern[str]
    public_after: re.Pattern[str]
    public_confidence: float
    not_names: frozenset[str]
    org_end: re.Pattern[str]
    org_mark: re.Pattern[str]
    role_end: re.Pattern[str]
    relation: re.Pattern[str]
    confidence: dict[str, float]
    english: tuple[tuple[str, float, re.Pattern[str]], ...]


def _alternation(items: list[str]) -> str:
    return "|".join(map(re.escape, sorted(items, key=len, reverse=True)))


@lru_cache(maxsize=1)
def rules() -> _Rules:
    n: dict[str, Any] = packaged_yaml("guidetrace.comments", "privacy.yaml")["names"]
    verbs, roles = _alternation(n["self_verbs"]), _alternation(n["public_roles"])
    return _Rules(
        honorific=re.compile(f"(?:{_alternation(n['honorifics'])})"),
        self_intro=re.compile(rf"(?:^|(?<=[{BOUNDARY}]))\s*([^{BOUNDARY}]{{1,{int(n['self_max'])}}}?)({verbs})"
                              rf"(?=\s*(?:[{BOUNDARY}、,(（〜~]|$))"),
        self_max_desu=int(n["self_max_desu"]), naming_verbs=frozenset(n["naming_verbs"]),
        named_as=re.compile(n["named_as"]), naming_lead=re.compile(n["naming_lead"]),
        my=re.compile(r"(?:私|わたくし|わたし|僕|ぼく)(?:、|,|は)?\s?"),
        label=re.compile(rf"(?:{_alternation(n['labels'])}){n['label_note']}\s?(?:[:：】\]]|\s?は\s|\s|(?=「))\s?「?"),
        closer=re.compile(rf"^(?:{_alternation(n['closers'])})(?:です|でございます)?[、,。\s]\s*|\s*(?:{_alternation(n['closers'])})$"),
        closing_lines=int(n["closing_lines"]), closing_max=int(n["closing_max"]),
        public_before=re.compile(rf"(?:{roles}|[一-龯]+学者|[一-龯ァ-ヺー]+家)\s?(?:の|である)?\s?"
                                 rf"(?:[一-龯々ぁ-ゖァ-ヺー]{{1,4}}\s?)?$"),  # 弁護士の林 宗一郎: a surname may come first
        public_after=re.compile(rf"^\s?(?:{_alternation(n['honorifics'])})?\s?(?:(?:元|前|現)?(?:{roles})|"
                                rf"{n['public_after_work']})"),
        public_confidence=float(n["public_confidence"]),
        not_names=frozenset(n["not_names"]),
        org_end=re.compile(f"(?:{_alternation(n['org_words'])})$"),
        role_end=re.compile(n["role_end"]),
        org_mark=re.compile(n["org_mark"]),
        relation=re.compile(rf"(?<![一-龯々ァ-ヺ])(?:{_alternation(n['relations'])})[の、,・(（]\s?"),
        confidence={k: float(v) for k, v in n["confidence"].items()},
        english=tuple((e["rule"], float(e["confidence"]), re.compile(e["regex"], re.M)) for e in n["english"]),
    )


def sentence_of(folded: str, start: int, end: int) -> tuple[int, str]:
    """The sentence around folded[start:end]: where it starts, and its text (for the entity model)."""
    a = max(folded.rfind(c, 0, start) for c in BOUNDARY) + 1
    ends = [i for i in (folded.find(c, end) for c in BOUNDARY) if i >= 0]
    return a, folded[a:min(ends) if ends else len(folded)]


def name_word(w: Word) -> bool:
    """A word that may be part of a name: a noun or a run of letters the dictionary does not know."""
    return bool(_NAMEISH.fullmatch(w.surface)) and (w.noun or not w.known) and "数詞" not in w.pos


def judge(run: list[Word], slot: str = "weak") -> str:
    """person: the dictionary names a person; not: jobs, roles, organisations, places; unsure: ask the model.
    In a slot that says a name stands there (a label, a signature, と申します), only an organisation's or a
    role's word makes the words something else; a pen name (`slot` "pen") is a name whatever its words."""
    text = "".join(w.surface for w in run).strip()
    if not text or text in rules().not_names or any(w.surface in rules().not_names for w in run[-1:]):
        return "not"
    if slot == "pen":
        return "not" if rules().org_mark.search(text) else "person"
    if rules().org_end.search(text) or (slot == "weak" and any(w.proper_other and not w.person for w in run[-1:])):
        return "not"  # 任天堂さん, 〇〇市役所さん, 架空電機さん
    if slot == "weak" and len(run) > 1 and run[-1].common and not run[-1].person and len(run[-1].surface) >= 2 \
            and not run[-2].surname and not run[-2].surface.isspace():
        return "not"  # ことぶき給食さん, こだま運送さん: a business named by what it does
    if rules().role_end.search(text) and not run[-1].person:
        return "not"  # 事務局長, 保健師さん: a role
    if slot == "strong" and not any(w.person for w in run) and not all(w.common for w in run):
        return "unsure"
    if any(w.person for w in run) or LATIN_NAME.fullmatch(text):
        return "person"  # (Rina Sari Wulandari, SASAGAWA Ren: a name spelled in Latin letters)
    if all(w.common or w.pos[:1] in (("代名詞",), ("接尾辞",)) for w in run):
        return "not"  # 作家さん, 声優さん, 担当者様
    return "unsure"


def classify(folded: str, start: int, end: int, run: list[Word], rule: str, strong: bool,
              pen: bool = False) -> Span | None:
    """A finding for the run at folded[start:end], or None when it is not a private person's name."""
    verdict = judge(run, "pen" if pen else "strong" if strong else "weak")
    r = rules()
    if verdict == "not":
        return None
    if verdict == "unsure":
        at, sentence = sentence_of(folded, start, end)
        hit = ner.person_within(sentence, start - at, end - at)
        if hit is None:
            if not strong:
                return None
            confidence = r.confidence["model"] - 0.2  # a label or a signature says so, the words do not
        else:
            start, end = max(start, at + hit[0]), min(max(end, at + hit[1]), len(folded))
            confidence = r.confidence["model"] if not strong else r.confidence["honorific"]
    else:
        surname_only = len(run) == 1 and run[0].surname
        confidence = r.confidence["surname_only" if surname_only else ("dictionary" if strong else "honorific")]
    if r.public_before.search(folded[max(0, start - 16):start]) or r.public_after.search(folded[end:end + 12]):
        return ("name", start, end, r.public_confidence, PUBLIC_PERSON)
    return ("name", start, end, confidence, rule)


def trailing_run(ws: tuple[Word, ...]) -> list[Word]:
    """The name-like words at the end of a window, read backwards (高橋 + 悠斗; 会社員の|鈴木)."""
    run: list[Word] = []
    rest = list(ws)
    if len(rest) >= 2 and rest[-1].suffix and re.fullmatch(r"[一-龯々]", rest[-1].surface) and rest[-2].surname:
        run, rest = [rest[-1]], rest[:-1]  # 岡田|樹: a one-kanji given name the dictionary reads as a suffix
    for w in reversed(rest):
        if name_word(w) or (w.surface == " " and run):
            run.insert(0, w)
        else:
            break
    while run and run[0].surface.isspace():
        run.pop(0)
    if run and any(w.person for w in run):  # 市長山田, 会社員山田: the name starts at the first name word
        first = next(i for i, w in enumerate(run) if w.person)
        while first > 0 and not run[first - 1].known and not run[first - 1].surface.isspace():
            first -= 1  # しろくま|太郎: a word the dictionary lacks stays with the name
        run = run[surname_before(tuple(run), first):]
    text = "".join(w.surface for w in run)
    return run if len(text) <= (30 if text.isascii() else 12) else []  # Rina Sari Wulandari


def name_start(folded: str, base: int, ws: tuple[Word, ...], first: int) -> int:
    """Where a name whose first dictionary name word is ws[first] starts: a known noun right before it
    (四十物|健太) belongs to the name only when the entity model reads them as one person."""
    start = base + ws[first].start
    if first == 0 or not name_word(ws[first - 1]) or ws[first - 1].surface.isspace():
        return start
    at, sentence = sentence_of(folded, start, start + 1)
    hit = ner.person_within(sentence, start - at, start - at + 1)
    return min(start, at + hit[0]) if hit and at + hit[0] >= base + ws[first - 1].start - 8 else start


def leading_run(ws: tuple[Word, ...]) -> list[Word]:
    run: list[Word] = []
    for w in ws:
        if name_word(w) or (w.surface == " " and run):
            run.append(w)
        else:
            break
    while run and run[-1].surface.isspace():
        run.pop()
    return run if sum(len(w.surface) for w in run) <= 16 else []


def with_reading(folded: str, end: int) -> int:
    m = READING.match(folded, end)
    return m.end() if m else end


def in_title(folded: str, start: int, end: int) -> bool:
    """Inside 『…』, or a 「…」 that ends right after it: the title of a work (『セクシー田中さん』)."""
    before = folded[max(0, start - 30):start]
    open_at = before.rfind("『")
    if open_at >= 0 and "』" not in before[open_at:]:
        return True
    return before.rfind("「") > before.rfind("」") and folded[end:end + 1] == "」"



LATIN_NAME = re.compile(r"[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){1,3}")
KANA_OR_KANJI = re.compile(r"[一-龯々ぁ-ゖァ-ヺー]{1,6}")


def surname_before(ws: tuple[Word, ...], first: int) -> int:
    """舘 潤, 九十九 直子: a given name the dictionary knows, after a short kanji word (and a space) it does not
    know as a surname: that word is the surname."""
    if first == 0 or "名" not in ws[first].pos:
        return first
    i = first - 1
    if ws[i].surface == " " and i > 0:
        i -= 1
    if re.fullmatch(r"[一-龯々〆ヶ]{1,3}", ws[i].surface) and ws[i].noun and (i == 0 or not ws[i - 1].noun) \
            and not (i == first - 1 and rules().role_end.search(ws[i].surface + ws[first].surface)):
        return i  # (税|理士 is a job the dictionary split, not 税 + a given name)
    return first
