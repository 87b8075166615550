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

from ..morphology import words
from .name_words import (
    PUBLIC_PERSON,
    Span,
    classify,
    in_title,
    leading_run,
    name_start,
    rules,
    trailing_run,
    with_reading,
)
from .signatures import closing_names, name_lines

__all__ = ["PUBLIC_PERSON", "Span", "find_names", "names_after"]


def honorific_names(folded: str) -> Iterator[Span]:
    for m in rules().honorific.finditer(folded):
        a = max(0, m.start() - 14)
        while a > 0 and a > m.start() - 24 and _WORDISH.match(folded[a - 1]):
            a -= 1  # never start inside a word: 税|理士さん, 保|健師さん
        ws = words(folded[a:m.end() + 2])  # past the honorific: 氏名 and 様子 stay one word
        at = next((i for i, w in enumerate(ws) if a + w.start == m.start()), None)
        if at is None or not (ws[at].suffix or ws[at].surface in ("先生", "君")):
            continue  # たくさん, 皆様, 氏名, 様子: the honorific is not a suffix here
        before = ws[:at - 1] if at > 1 and ws[at - 1].surface == " " and ws[at - 2].person else ws[:at]  # 新井加奈子 様
        run = trailing_run(before)
        if not run:
            continue
        start, end = a + run[0].start, a + run[-1].end
        if in_title(folded, start, m.end()):
            continue
        glued = next((i for i, w in enumerate(ws) if w is run[0]), 0)
        if glued > 0 and ws[glued - 1].noun and not ws[glued - 1].person and len(run) == 1 \
                and rules().role_end.search(run[0].surface):
            continue  # 税|理士さん, 保|健師さん: the dictionary split a job and read its tail as a given name
        span = classify(folded, start, end, run, "honorific", strong=False)
        if span:
            yield span


_BRACKET_END = re.compile(r"\s?[(（][^()（）]{1,12}[)）]$")
_WORDISH = re.compile(r"[一-龯々〆ヶァ-ヺー]")
_ONE = r"[一-龯々〆ヶぁ-ゖァ-ヺー]{1,6}\s?[一-龯々〆ヶぁ-ゖァ-ヺー]{0,6}"  # a name, perhaps with a space
_WE = re.compile(rf"(?:私たち|私達|わたしたち|我々)\s?((?:{_ONE}[・、,]){{1,8}}{_ONE}?)(?=は|が|の|一同|\s)")
_NOT_A_NAME_END = re.compile(r"(?:ない|たい|しい|いい|ので|こと|もの|よう|はず|わけ|ため|だけ|まで|ほど|くらい|ところ|必要|問題|"
                             r"反対|賛成|重要|大切|不安|心配|残念|同様|以上|[0-9%％])$")
_INTRO_BEFORE = re.compile(r"(?:[、,の\s]|私は|私、|こんにちは|はじめまして|初めまして|所属|担当|(?:て|で)(?:い|お)ります|"
                           r"います|いる|なる|来た|した|でございます|として)$")  # 〜で働いている|森です, 〜から来た|グエンです


def introduced_names(folded: str) -> Iterator[Span]:
    """〜の鈴木です, 私は…在住の…、佐藤美咲と申します, こんにちは。高橋悠斗です。"""
    r = rules()
    for m in r.self_intro.finditer(folded):
        body, verb = _BRACKET_END.sub("", m.group(1)), m.group(2)  # 小川 寛治（行政書士）です
        if verb == "です" and _NOT_A_NAME_END.search(body):
            continue  # 〜必要です, 〜ないです: most sentences, and never a name
        cut = max(0, len(body) - 32)  # a name is the last words before the verb: the tokenizer reads only those
        ws = tuple(w for w in words(body[cut:]) if w.start > 0 or cut == 0)
        run = trailing_run(ws)
        if not run:
            continue
        whole, body = len(body), body[cut:]  # positions below are within the tail
        if verb == "です" and whole > r.self_max_desu and not any(w.person for w in run):
            continue
        before = body[:run[0].start].rstrip()
        if verb == "です" and before and not _INTRO_BEFORE.search(before):
            continue  # 〜の理由は安全です: not an introduction
        at = m.start(1) + cut
        start, end = at + run[0].start, at + run[-1].end
        if run[0].person:
            first = next(i for i, w in enumerate(ws) if w is run[0])
            start = name_start(folded, at, ws, first)
        span = classify(folded, start, with_reading(folded, end), run, "self-introduction", strong=verb != "です",
                         pen=verb in r.naming_verbs)
        if span:
            yield span
    for m in r.naming_lead.finditer(folded):
        run = trailing_run(words(m.group(1)))
        if run:
            a = m.start(1) + run[0].start
            span = classify(folded, a, m.start(1) + run[-1].end, run, "self-introduction", strong=True, pen=True)
            if span:
                yield span
    for m in r.named_as.finditer(folded):
        g = 1 if m.group(1) else 2
        run = list(words(m.group(g)))
        span = classify(folded, m.start(g), m.end(g), run, "self-introduction", strong=True, pen=g == 1)
        if span:
            yield span
    for m in _WE.finditer(folded):  # 私たち宍戸 結愛・堀江 凛・楠本悠真は: each name of the list
        at = m.start(1)
        for part in re.split(r"([・、,])", m.group(1)):
            name = re.sub(r"(?:は|が|の)$", "", part.strip())
            if name and any(w.person for w in words(name)):
                a = at + part.index(name)
                yield ("name", a, a + len(name), r.confidence["dictionary"], "self-introduction")
            at += len(part)
    for pattern, rule in ((r.my, "self-introduction"), (r.relation, "relative")):
        for m in pattern.finditer(folded):
            ws = words(folded[m.end():m.end() + 14])
            run = leading_run(ws)
            if run and (any(w.person for w in run) or rule == "relative") and ws[0].surface not in ("達", "たち"):
                after = folded[m.end() + run[-1].end:m.end() + run[-1].end + 6]
                if rule == "self-introduction" and not re.match(r"\s?(?:は|です|と申|と言|といい|から|、)", after):
                    continue
                # a relative's name the dictionary does not know goes to the model (祖母の連絡先 is no name)
                span = classify(folded, m.end(), m.end() + run[-1].end, run, rule,
                                strong=rule == "self-introduction" or not all(w.known for w in run))
                if span:
                    yield span


_PEN = ("ペンネーム", "筆名", "ハンドルネーム", "ニックネーム")


_VALUE = re.compile(r"[一-龯々〆ヶぁ-ゖァ-ヺーA-Za-z・]+(?:[ \t\u3000][一-龯々〆ヶぁ-ゖァ-ヺーA-Za-z・]+){0,2}")


def labelled_names(folded: str) -> Iterator[Span]:
    """氏名：山田太郎, 【よみ】やまだたろう, ペンネーム「しろくま工房」: the label says a name follows, so its whole
    value is taken (up to the line's end, a bracket or a comma), whatever its words."""
    for m in rules().label.finditer(folded):
        if m.group()[:1].isascii() and not re.search(r"[:：]", m.group()):
            continue  # From the start…: an English word, not a header's label
        at = m.end() + (1 if folded[m.end():m.end() + 1] in "\"“'" else 0)  # 送信者："Shoichi Hemmi"
        value = _VALUE.match(folded, at)
        text = re.sub(r"\s(?:です|と申します|といいます)$", "", value.group()) if value else ""  # なまえ は X です
        if not text or len(text) > 24 or re.match(r"[をがにはのでともへや]\s", text) \
                or text.endswith(("ください", "ます", "です")):
            continue  # ふりがな を つけて ください: the word used, not a label
        run = list(words(text))
        end = with_reading(folded, at + len(text))
        span = classify(folded, at, end, run, "labelled", strong=True, pen=True)
        if span:
            yield span


def names_after(folded: str, end: int) -> Iterator[Span]:
    """A name right after an address (〒… 青葉市本町1-2-3 山田太郎)."""
    m = re.match(r"[ \t、,]{0,2}", folded[end:])  # on the address's own line: the next line is another field
    a = end + (m.end() if m else 0)
    run = leading_run(words(folded[a:a + 14]))
    if run and any(w.person for w in run):
        yield ("name", a, a + run[-1].end, rules().confidence["dictionary"], "after-address")


def english_names(folded: str) -> Iterator[Span]:
    for rule, confidence, pattern in rules().english:
        for m in pattern.finditer(folded):
            g = 1 if m.groups() else 0
            yield ("name", m.start(g), m.end(g), confidence, rule)


def find_names(folded: str) -> list[Span]:
    return [*honorific_names(folded), *introduced_names(folded), *labelled_names(folded), *closing_names(folded),
            *name_lines(folded), *english_names(folded)]

