"""A legend of answer codes printed above a results table (【対応区分】 Ａ：計画に反映するもの Ｂ：既に…).

Municipal and ministry tables often give each answer a code in a column of its own and
explain the codes once, above the table. The code alone says nothing (Ａ is not "accepted");
its legend does. A code cell is read as the words its legend gives it, so the classifier
decides from "既に計画に盛り込まれているもの", and the evidence shows those words.
"""

from __future__ import annotations

import re

from guidetrace.guideline.keys import normalize_text

# A code: a letter, a kana, a mark, a number, or a short word (修正, 既記載, 原案どおり)
_CODE = r"(?:[A-Za-z]|[ア-ン]|[○◎△×●▲■□◇◆◯〇\-ー―]|\d{1,2}|[^\s:.、,;/()【】\[\]]{2,6})"
_PAIR = re.compile(rf"(?:^|(?<=[\s、,;/]))\(?(?P<code>{_CODE})\)?[ ]?[:.][ ]?(?P<words>.+?)"
                   rf"(?=[\s、,;/]+\(?{_CODE}\)?[ ]?[:.]|$)")
_LABEL = re.compile(r"^[【\[][^】\]]{1,12}[】\]][ ]?")  # 【対応区分】 before the pairs


def read_legend(text: str) -> dict[str, str] | None:
    """Two or more `code：words` pairs on one line, codes all different; else None (a heading, a note)."""
    line = _LABEL.sub("", normalize_text(text))
    pairs = [(m.group("code"), m.group("words").strip(" 、,;/")) for m in _PAIR.finditer(line)]
    codes = [c for c, _ in pairs]
    if len(pairs) < 2 or len(set(codes)) != len(codes) or any(not w or re.search(r"\d", w) for _, w in pairs):
        return None  # a legend explains codes in words: 期間：令和7年8月1日 提出意見数：31件 is front matter
    found = list(_PAIR.finditer(line))
    covered = sum(m.end() - m.start() for m in found)
    if covered < 0.8 * len(line[found[0].start():].replace(" ", "")):  # a label may open the line (対応欄の記号)
        return None  # a sentence with a colon in it, not a legend
    return dict(pairs)


def decode(cell: str | None, legend: dict[str, str] | None) -> str | None:
    """The legend's words for a code cell (`Ｂ` → 既に計画に盛り込まれているもの); other cells as they are."""
    if not cell or not legend:
        return cell
    return legend.get(normalize_text(cell).strip("()（）"), cell)
