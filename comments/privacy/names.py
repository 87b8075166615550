"""Where a text names its writer or another private person: context finds the place, words decide.

A person's name is looked for only where the text's own context expects one: before an
honorific (〜さん, 〜様), in a self-introduction (〜の山田です, 〜、佐藤美咲と申します), after a
label (氏名：, ペンネーム：), after 私、, in the closing block where people sign (以上、山田 / a
name line with its reading, role, age and contact lines), right after an address. There
the dictionary (comments/morphology.py) says what the words are: a surname or given name is
a name; a common noun is a job or a role (作家さん, 声優さん); an organisation or place is
not a person (任天堂さん). Words the dictionary cannot place (しろくま太郎, ひなた) go to the
entity model (ner.py), sentence by sentence. A name beside a public role (弁護士の佐藤氏,
an author cited with a work) is a public person: listed at low confidence, never blocking.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from guidetrace.trace.rules import packaged_yaml

from ..morphology import Word, words
from . import ner

Span = tuple[str, int, int, float, str]  # kind, start, end (in the folded text), confidence, rule
PUBLIC_PERSON = "public-person"  # the rule of a name with a public role: listed, published unless an editor masks it
_BOUNDARY = "。．.！!？?\n"
_NAMEISH = re.compile(r"[一-龯々〆ヶぁ-ゖァ-ヺーA-Za-z]+")
_READING = re.compile(r"\s?[(（【\[][ぁ-ゖァ-ヺー\s・]{2,20}[)）】\]]")


@dataclass(frozen=True)
class _Rules:
    honorific: re.Pattern[str]
    self_intro: re.Pattern[str]
    self_max_desu: int
    naming_verbs: frozenset[str]
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
        self_intro=re.compile(rf"(?:^|(?<=[{_BOUNDARY}]))\s*([^{_BOUNDARY}]{{1,{int(n['self_max'])}}}?)({verbs})"
                              rf"(?=\s*(?:[{_BOUNDARY}、,(（]|$))"),
        self_max_desu=int(n["self_max_desu"]), naming_verbs=frozenset(n["naming_verbs"]),
        named_as=re.compile(n["named_as"]),
        my=re.compile(r"(?:私|わたくし|わたし|僕|ぼく)(?:、|,|は)?\s?"),
        label=re.compile(rf"(?:{_alternation(n['labels'])}){n['label_note']}\s?(?:[:：】\]]|\s|(?=「))\s?「?"),
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
        relation=re.compile(rf"(?:{_alternation(n['relations'])})[の、,]\s?"),
        confidence={k: float(v) for k, v in n["confidence"].items()},
        english=tuple((e["rule"], float(e["confidence"]), re.compile(e["regex"], re.M)) for e in n["english"]),
    )


def _sentence(folded: str, start: int, end: int) -> tuple[int, str]:
    """The sentence around folded[start:end]: where it starts, and its text (for the entity model)."""
    a = max(folded.rfind(c, 0, start) for c in _BOUNDARY) + 1
    ends = [i for i in (folded.find(c, end) for c in _BOUNDARY) if i >= 0]
    return a, folded[a:min(ends) if ends else len(folded)]


def _name_word(w: Word) -> bool:
    """A word that may be part of a name: a noun or a run of letters the dictionary does not know."""
    return bool(_NAMEISH.fullmatch(w.surface)) and (w.noun or not w.known) and "数詞" not in w.pos


def _verdict(run: list[Word], slot: str = "weak") -> str:
    """person: the dictionary names a person; not: jobs, roles, organisations, places; unsure: ask the model.
    In a slot that says a name stands there (a label, a signature, と申します), only an organisation's or a
    role's word makes the words something else; a pen name (`slot` "pen") is a name whatever its words."""
    text = "".join(w.surface for w in run).strip()
    if not text or text in rules().not_names or any(w.surface in rules().not_names for w in run[-1:]):
        return "not"
    if slot == "pen":
        return "person"
    if rules().org_end.search(text) or (slot == "weak" and any(w.proper_other and not w.person for w in run[-1:])):
        return "not"  # 任天堂さん, 〇〇市役所さん, 架空電機さん
    if rules().role_end.search(text) and not run[-1].person:
        return "not"  # 事務局長, 保健師さん: a role
    if slot == "strong" and not any(w.person for w in run) and not all(w.common for w in run):
        return "unsure"
    if any(w.person for w in run):
        return "person"
    if all(w.common or w.pos[:1] in (("代名詞",), ("接尾辞",)) for w in run):
        return "not"  # 作家さん, 声優さん, 担当者様
    return "unsure"


def _classify(folded: str, start: int, end: int, run: list[Word], rule: str, strong: bool,
              pen: bool = False) -> Span | None:
    """A finding for the run at folded[start:end], or None when it is not a private person's name."""
    verdict = _verdict(run, "pen" if pen else "strong" if strong else "weak")
    r = rules()
    if verdict == "not":
        return None
    if verdict == "unsure":
        at, sentence = _sentence(folded, start, end)
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


def _trailing_run(ws: tuple[Word, ...]) -> list[Word]:
    """The name-like words at the end of a window, read backwards (高橋 + 悠斗; 会社員の|鈴木)."""
    run: list[Word] = []
    ws = list(ws)
    if len(ws) >= 2 and ws[-1].suffix and re.fullmatch(r"[一-龯々]", ws[-1].surface) and ws[-2].surname:
        run, ws = [ws[-1]], ws[:-1]  # 岡田|樹: a one-kanji given name the dictionary reads as a suffix
    for w in reversed(ws):
        if _name_word(w) or (w.surface.isspace() and run and len(w.surface) <= 1):
            run.insert(0, w)
        else:
            break
    while run and run[0].surface.isspace():
        run.pop(0)
    if run and any(w.person for w in run):  # 市長山田, 会社員山田: the name starts at the first name word
        first = next(i for i, w in enumerate(run) if w.person)
        while first > 0 and not run[first - 1].known and not run[first - 1].surface.isspace():
            first -= 1  # しろくま|太郎: a word the dictionary lacks stays with the name
        run = run[_surname_before(tuple(run), first):]
    return run if sum(len(w.surface) for w in run) <= 12 else []


def _name_start(folded: str, base: int, ws: tuple[Word, ...], first: int) -> int:
    """Where a name whose first dictionary name word is ws[first] starts: a known noun right before it
    (四十物|健太) belongs to the name only when the entity model reads them as one person."""
    start = base + ws[first].start
    if first == 0 or not _name_word(ws[first - 1]) or ws[first - 1].surface.isspace():
        return start
    at, sentence = _sentence(folded, start, start + 1)
    hit = ner.person_within(sentence, start - at, start - at + 1)
    return min(start, at + hit[0]) if hit and at + hit[0] >= base + ws[first - 1].start - 8 else start


def _leading_run(ws: tuple[Word, ...]) -> list[Word]:
    run: list[Word] = []
    for w in ws:
        if _name_word(w) or (w.surface.isspace() and run and len(w.surface) <= 1):
            run.append(w)
        else:
            break
    while run and run[-1].surface.isspace():
        run.pop()
    return run if sum(len(w.surface) for w in run) <= 16 else []


def _with_reading(folded: str, end: int) -> int:
    m = _READING.match(folded, end)
    return m.end() if m else end


def _in_title(folded: str, start: int, end: int) -> bool:
    """Inside 『…』, or a 「…」 that ends right after it: the title of a work (『セクシー田中さん』)."""
    before = folded[max(0, start - 30):start]
    open_at = before.rfind("『")
    if open_at >= 0 and "』" not in before[open_at:]:
        return True
    return before.rfind("「") > before.rfind("」") and folded[end:end + 1] == "」"


def honorific_names(folded: str) -> Iterator[Span]:
    for m in rules().honorific.finditer(folded):
        a = max(0, m.start() - 14)
        while a > 0 and a > m.start() - 24 and _WORDISH.match(folded[a - 1]):
            a -= 1  # never start inside a word: 税|理士さん, 保|健師さん
        ws = words(folded[a:m.end() + 2])  # past the honorific: 氏名 and 様子 stay one word
        at = next((i for i, w in enumerate(ws) if a + w.start == m.start()), None)
        if at is None or not (ws[at].suffix or ws[at].surface in ("先生", "君")):
            continue  # たくさん, 皆様, 氏名, 様子: the honorific is not a suffix here
        run = _trailing_run(ws[:at])
        if not run:
            continue
        start, end = a + run[0].start, a + run[-1].end
        if _in_title(folded, start, m.end()):
            continue
        glued = next((i for i, w in enumerate(ws) if w is run[0]), 0)
        if glued > 0 and ws[glued - 1].noun and not ws[glued - 1].person and len(run) == 1 \
                and rules().role_end.search(run[0].surface):
            continue  # 税|理士さん, 保|健師さん: the dictionary split a job and read its tail as a given name
        span = _classify(folded, start, end, run, "honorific", strong=False)
        if span:
            yield span


_BRACKET_END = re.compile(r"\s?[(（][^()（）]{1,12}[)）]$")
_WORDISH = re.compile(r"[一-龯々〆ヶァ-ヺー]")
_KANA_OR_KANJI = re.compile(r"[一-龯々ぁ-ゖァ-ヺー]{1,6}")
_INTRO_BEFORE = re.compile(r"(?:[、,の\s]|私は|私、|こんにちは|はじめまして|初めまして|所属|担当|(?:て|で)(?:い|お)ります|"
                           r"います|いる|なる|来た|した|でございます|として)$")  # 〜で働いている|森です, 〜から来た|グエンです


def introduced_names(folded: str) -> Iterator[Span]:
    """〜の鈴木です, 私は…在住の…、佐藤美咲と申します, こんにちは。高橋悠斗です。"""
    r = rules()
    for m in r.self_intro.finditer(folded):
        body, verb = _BRACKET_END.sub("", m.group(1)), m.group(2)  # 小川 寛治（行政書士）です
        ws = words(body)
        run = _trailing_run(ws)
        if not run:
            continue
        if verb == "です" and len(body) > r.self_max_desu and not any(w.person for w in run):
            continue
        before = body[:run[0].start].rstrip()
        if verb == "です" and before and not _INTRO_BEFORE.search(before):
            continue  # 〜の理由は安全です: not an introduction
        start, end = m.start(1) + run[0].start, m.start(1) + run[-1].end
        if run[0].person:
            first = next(i for i, w in enumerate(ws) if w is run[0])
            start = _name_start(folded, m.start(1), ws, first)
        span = _classify(folded, start, _with_reading(folded, end), run, "self-introduction", strong=verb != "です",
                         pen=verb in r.naming_verbs)
        if span:
            yield span
    for m in r.named_as.finditer(folded):
        g = 1 if m.group(1) else 2
        run = list(words(m.group(g)))
        span = _classify(folded, m.start(g), m.end(g), run, "self-introduction", strong=True, pen=g == 1)
        if span:
            yield span
    for pattern, rule in ((r.my, "self-introduction"), (r.relation, "relative")):
        for m in pattern.finditer(folded):
            ws = words(folded[m.end():m.end() + 14])
            run = _leading_run(ws)
            if run and (any(w.person for w in run) or rule == "relative") and ws[0].surface not in ("達", "たち"):
                after = folded[m.end() + run[-1].end:m.end() + run[-1].end + 6]
                if rule == "self-introduction" and not re.match(r"\s?(?:は|です|と申|と言|といい|から|、)", after):
                    continue
                span = _classify(folded, m.end(), m.end() + run[-1].end, run, rule, strong=True)
                if span:
                    yield span


_PEN = ("ペンネーム", "筆名", "ハンドルネーム", "ニックネーム")


_VALUE = re.compile(r"[一-龯々〆ヶぁ-ゖァ-ヺーA-Za-z・]+(?:[ \t\u3000][一-龯々〆ヶぁ-ゖァ-ヺーA-Za-z・]+){0,2}")


def labelled_names(folded: str) -> Iterator[Span]:
    """氏名：山田太郎, 【よみ】やまだたろう, ペンネーム「しろくま工房」: the label says a name follows, so its whole
    value is taken (up to the line's end, a bracket or a comma), whatever its words."""
    for m in rules().label.finditer(folded):
        value = _VALUE.match(folded, m.end())
        if not value or len(value.group()) > 24:
            continue
        run = list(words(value.group()))
        end = _with_reading(folded, value.end())
        span = _classify(folded, m.end(), end, run, "labelled", strong=True, pen=True)
        if span:
            yield span


def _signature_line(rest: str) -> bool:
    """What is left of a line once the name is taken out is a signature's: a role, an age, an organisation —
    not a sentence (no run of hiragana: 〜が国会で指摘した)."""
    return not re.search(r"[ぁ-ゖ]{2,}", rest) and not re.search(r"[はがをにでと](?=[一-龯ァ-ヺ])", rest)


def closing_names(folded: str) -> Iterator[Span]:
    """The writer's name in the last lines: a line of its own (with reading, role, age, contact lines below),
    以上、山田, or （勅使河原和夫） at the very end."""
    r = rules()
    lines, at = [], len(folded)
    for line in reversed(folded.rstrip().split("\n")):
        at = folded.rfind(line, 0, at)
        if not line.strip():
            continue
        lines.append((at, line))
        if len(lines) >= r.closing_lines:
            break
    for tail in (re.search(r"[(（]([^()（）\n]{2,12})[)）]\s*$", folded),  # …ください。（勅使河原和夫）
                 re.search(r"[。！!]\s+([^。！!\s][^。！!\n]{0,12})\s*$", folded)):  # …反対です。　杉山　沙織
        if tail:
            lines.append((tail.start(1), tail.group(1)))
    for offset, line in lines:
        if len(line) > r.closing_max:
            if re.search(r"[。！？]\s*$", line) or not re.search(r"[@＠☎✉:：/\d]", line):
                break  # the opinion's own text: the closing block is over
            continue  # a long contact line (a URL, an address) under the name
        stripped = r.closer.sub("", line.strip())
        if not stripped or (offset == 0 and stripped == line.strip()):
            continue  # a text of one line signs only after 以上、 or with より
        stripped = _SAID.sub("", stripped)  # 以上、猪股乙葉でした。
        role = _ROLE_FIRST.match(stripped)
        if role and _WHOLE_NAME.fullmatch(stripped[role.end():]):
            stripped = stripped[role.end():]  # 課長 舘ケン, 副会長 杉山 凛: a role, then the person
        base = offset + line.index(stripped) if stripped in line else offset
        ws = words(stripped)
        people = [i for i, w in enumerate(ws) if w.person]
        span = None
        whole = (_WHOLE_NAME.fullmatch(stripped) and not stripped.endswith(("です", "ます", "でした", "ました"))
                 and not _PARTICLE.search(stripped))  # スマートシティに反対: words joined by a particle
        end = _with_reading(folded, base + len(stripped))
        if whole and (people or _SPELLED.fullmatch(stripped) or role):
            # a line that is only a name: 山田太郎, よこやま ゆういち, イマイシゲル, HAMADA Takashi
            span = _classify(folded, base, end, list(ws), "signature", strong=True, pen=True)
        elif whole:
            span = _classify(folded, base, end, list(ws), "signature", strong=False)  # 岡本樹: the model decides
        elif people:
            first = people[0]
            while first > 0 and not ws[first - 1].known and _name_word(ws[first - 1]):
                first -= 1
            last = people[0]  # the name is the run from its first name word, not every name word of the line
            while last + 1 < len(ws) and (ws[last + 1].person or (_name_word(ws[last + 1]) and not ws[last + 1].known)
                                          or (ws[last + 1].surface in (" ", "・", "、") and last + 2 < len(ws)
                                              and (ws[last + 2].person or not ws[last + 2].known
                                                   or (ws[last].surname and _KANA_OR_KANJI.fullmatch(
                                                       ws[last + 2].surface))))):
                # 谷口 きく, 横山 悠斗・花子, 高橋 夢叶、健太: after a surname and a space, the given name whatever it reads
                last += 2 if ws[last + 1].surface in (" ", "・", "、") else 1
            first = _surname_before(ws, first)
            start = _name_start(folded, base, ws, first)
            end = _with_reading(folded, base + ws[last].end)
            rest = folded[base:start] + folded[end:base + len(stripped)]
            if not _in_title(folded, start, end) and _signature_line(rest):
                span = _classify(folded, start, end, list(ws[first:last + 1]), "signature", strong=True)
        if span:
            yield span


# a line made of one or two name-like words (a signature); spelled out in kana or Latin letters it is a name
_WHOLE_NAME = re.compile(r"[一-龯々〆ヶぁ-ゖァ-ヺーA-Za-z・]{1,12} [一-龯々〆ヶぁ-ゖァ-ヺーA-Za-z・]{1,12}"
                         r"|[一-龯々〆ヶぁ-ゖァ-ヺーA-Za-z・]{2,12}")
_ROLE_FIRST = re.compile(r"(?:[一-龯ァ-ヺー]{0,6}(?:長|員|者|士|師|官|担当|代表|理事|役員|幹事)|代表|担当)\s")
_SAID = re.compile(r"(?:でした|です)?[。.]$")
_PARTICLE = re.compile(r"[一-龯ァ-ヺ][ぁ-ゖ]{1,2}[一-龯ァ-ヺ]")
_SPELLED = re.compile(r"[ぁ-ゖー]{2,7} [ぁ-ゖー]{2,7}|[ァ-ヺー]{2,7} ?[ァ-ヺー]{2,7}|[A-Z][A-Za-z]+ [A-Z][A-Za-z]+")


def _surname_before(ws: tuple[Word, ...], first: int) -> int:
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


def names_after(folded: str, end: int) -> Iterator[Span]:
    """A name right after an address (〒… 青葉市本町1-2-3 山田太郎)."""
    m = re.match(r"[\s、,]{0,2}", folded[end:])
    a = end + (m.end() if m else 0)
    run = _leading_run(words(folded[a:a + 14]))
    if run and any(w.person for w in run):
        yield ("name", a, a + run[-1].end, rules().confidence["dictionary"], "after-address")


def english_names(folded: str) -> Iterator[Span]:
    for rule, confidence, pattern in rules().english:
        for m in pattern.finditer(folded):
            g = 1 if m.groups() else 0
            yield ("name", m.start(g), m.end(g), confidence, rule)


def find_names(folded: str) -> list[Span]:
    return [*honorific_names(folded), *introduced_names(folded), *labelled_names(folded), *closing_names(folded),
            *english_names(folded)]
