"""Where writers sign: the closing block of a submission, and a line that is only a full name.

The closing block is the last lines before anything the writer quotes (a reply's original
message): a name on its own line with its reading, role, age and contact lines below,
以上、山田, a name in brackets at the very end, 課長 舘ケン. A line made only of name-like
words is a name when the dictionary knows a name word in it or it is spelled out in kana
or Latin letters; otherwise the entity model decides.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..morphology import words
from .name_words import (
    KANA_OR_KANJI,
    READING,
    Span,
    classify,
    in_title,
    name_start,
    name_word,
    rules,
    surname_before,
    with_reading,
)


def _signature_line(rest: str) -> bool:
    """What is left of a line once the name is taken out is a signature's: a role, an age, an organisation —
    not a sentence (no run of hiragana: 〜が国会で指摘した)."""
    return not re.search(r"[ぁ-ゖ]{2,}", rest) and not re.search(r"[はがをにでと](?=[一-龯ァ-ヺ])", rest)


def closing_names(folded: str) -> Iterator[Span]:
    """The writer's name in the last lines: a line of its own (with reading, role, age, contact lines below),
    以上、山田, or （勅使河原和夫） at the very end."""
    r = rules()
    own = _REPLY.search(folded)  # a reply quotes the message it answers below the writer's own signature
    text = folded[:own.start()] if own else folded
    lines, at = [], len(text)
    for line in reversed(text.rstrip().split("\n")):
        at = text.rfind(line, 0, at)
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
        if "。" in stripped or len(re.findall(r"[ぁ-ゖ]", stripped)) > 8 and not _SPELLED.fullmatch(stripped):
            continue  # a sentence, not a signature: not worth the tokenizer
        role = _ROLE_FIRST.match(stripped)
        if role and _WHOLE_NAME.fullmatch(stripped[role.end():]):
            stripped = stripped[role.end():]  # 課長 舘ケン, 副会長 杉山 凛: a role, then the person
        base = offset + line.index(stripped) if stripped in line else offset
        if re.fullmatch(r"[(（][^()（）]{2,30}[)）]", stripped):
            base, stripped = base + 1, stripped[1:-1]  # （Tsuyoshi Ishii）
        stripped = re.sub(r"\s?[(（][^()（）]*(?:歳|才|代)[^()（）]*[)）]$", "", stripped)  # HIRAI Kanako（48歳・薬剤師）
        reading = READING.search(stripped)
        if reading and reading.end() == len(stripped) and reading.start() > 0:
            stripped = stripped[:reading.start()]  # Takeo Otaki（おおたき たけお）: the reading joins the span below
        ws = words(stripped)
        people = [i for i, w in enumerate(ws) if w.person]
        span = None
        whole = (_WHOLE_NAME.fullmatch(stripped) and not stripped.endswith(("です", "ます", "でした", "ました"))
                 and not _PARTICLE.search(stripped))  # スマートシティに反対: words joined by a particle
        end = with_reading(folded, base + len(stripped))
        if whole and ((people and people[0] == 0) or _SPELLED.fullmatch(stripped) or role):
            # a line that is only a name: 山田太郎, よこやま ゆういち, イマイシゲル, HAMADA Takashi
            span = classify(folded, base, end, list(ws), "signature", strong=True, pen=True)
        elif whole and not people:
            span = classify(folded, base, end, list(ws), "signature", strong=False)  # 岡本樹: the model decides
        elif people:
            first = people[0]
            while first > 0 and not ws[first - 1].known and name_word(ws[first - 1]):
                first -= 1
            last = people[0]  # the name is the run from its first name word, not every name word of the line
            while last + 1 < len(ws) and (ws[last + 1].person or (name_word(ws[last + 1]) and not ws[last + 1].known)
                                          or (ws[last + 1].surface in (" ", "・", "、") and last + 2 < len(ws)
                                              and (ws[last + 2].person or (not ws[last + 2].known
                                                                           and name_word(ws[last + 2]))
                                                   or (ws[last].surname and KANA_OR_KANJI.fullmatch(
                                                       ws[last + 2].surface))))):
                # 谷口 きく, 横山 悠斗・花子, 高橋 夢叶、健太: after a surname and a space, the given name whatever it reads
                last += 2 if ws[last + 1].surface in (" ", "・", "、") else 1
            first = surname_before(ws, first)
            start = name_start(folded, base, ws, first)
            end = with_reading(folded, base + ws[last].end)
            rest = folded[base:start] + folded[end:base + len(stripped)]
            glued_to_org = start > base and not folded[start - 1].isspace() and _ORG_PREFIX.search(folded[base:start])
            if not in_title(folded, start, end) and _signature_line(rest) and not glued_to_org:  # 株式会社ことぶき給食
                span = classify(folded, start, end, list(ws[first:last + 1]), "signature", strong=True)
        if span:
            yield span


# a line made of one or two name-like words (a signature); spelled out in kana or Latin letters it is a name
_WHOLE_NAME = re.compile(r"[一-龯々〆ヶぁ-ゖァ-ヺーA-Za-z・]{1,12} [一-龯々〆ヶぁ-ゖァ-ヺーA-Za-z・]{1,12}"
                         r"|[一-龯々〆ヶぁ-ゖァ-ヺーA-Za-z・]{2,12}")
_ROLE_FIRST = re.compile(r"(?:[一-龯ァ-ヺー]{0,6}(?:長|員|者|士|師|官|担当|代表|理事|役員|幹事)|代表|担当)\s")
_REPLY = re.compile(r"\n(?:-{3,}\s?Original Message|＞|>|-{3,}\s?元のメッセージ|\S.{0,40}wrote:|.{0,30}のメッセージ:)")
_SAID = re.compile(r"(?:でした|です)?[。.]$")
_ORG_PREFIX = re.compile(r"(?:株式会社|有限会社|合同会社|法人|㈱|㈲)\s?[^\s]*$")
_PARTICLE = re.compile(r"[一-龯ァ-ヺ][ぁ-ゖ]+[一-龯ァ-ヺ]")
_SPELLED = re.compile(r"[ぁ-ゖー]{2,7} [ぁ-ゖー]{2,7}|[ァ-ヺー]{2,7} ?[ァ-ヺー]{2,7}|[A-Z][A-Za-z]+ [A-Z][A-Za-z]+"
                      r"|(?!(?:thank|best|kind|see|with|from|and|the)\b)[a-z]{2,12} [a-z]{2,12}")


def name_lines(folded: str) -> Iterator[Span]:
    """A line that is only a full name, anywhere in the text (a form's answer, a name written above the
    opinion): a surname and a given name the dictionary knows, nothing else on the line."""
    for m in _NAME_LINE.finditer(folded):
        ws = [w for w in words(m.group(1)) if not w.surface.isspace()]
        if len(ws) == 2 and ws[0].surname and ws[1].person and "名" in ws[1].pos:
            yield ("name", m.start(1), m.end(1), rules().confidence["dictionary"], "name-line")


_NAME_LINE = re.compile(r"(?m)^[ \t]*([一-龯々〆ヶ]{1,4}[ \t]?[一-龯々〆ヶぁ-ゖァ-ヺー]{1,4})[ \t]*$")


