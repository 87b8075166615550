"""The locator grammar: where in a text a place in a guideline is named, and how.

A `LocatorScanner` turns normalised text into `Locator` tokens (a dotted number, 第3章第2節,
第5条第2項, Section 4.2, §7, Annex A, 別表1, Table 3, a page, a quoted title, 全般, a
measure or control ID of the tree at hand) and masks what only looks like one
(versions, standard names, dates, quantities). Words come from data/locators.yaml.
Every place is reduced to one *address* (`n:3.2`, `art:5.2`, `app:A`, `tab:3`,
`id:AC-2(1)`), the form the tree index also computes for its own keys, so
`第3章第2節`, `3.2` and `Section 3.2` meet at one key whatever the tree calls it.

Each top-level alternative is one named group and is dispatched by `lastgroup`:
no handler ever asks for a group its alternative does not have.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import lru_cache

from guidetrace.guideline import numbering
from guidetrace.guideline.keys import circled_to_paren
from guidetrace.guideline.numbering import Step, read_number
from guidetrace.trace.rules import packaged_yaml

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff々"


@dataclass(frozen=True)
class Locator:
    """One place named in a text. `address` is absolute; `relative` needs a context section."""

    kind: str  # address | relative | page | line | item | general | column | quoted
    text: str
    start: int
    end: int
    address: str | None = None
    relative: str | None = None  # 'n1' (a 節 under the context chapter), 'art1' (項), 'art2' (号)
    number: int | None = None
    pages: tuple[int, int] | None = None
    explicit: bool = True  # named with a locator word (第, Section, Annex) rather than a bare number
    range_to: str | None = None  # address of the range's last member
    steps: tuple[Step, ...] = ()  # a chain (第2部第1章3の(2)) read by the tree's numbering model, walked down the tree


_BLANKS = re.compile(r"[ \t\u3000]+")
_NUMBER_SEPARATOR = re.compile(r"\s*[.\-]\s*")


def normalize_lines(text: str) -> str:
    """NFKC, blanks as one space, each line stripped, line breaks kept: a line break ends a locator.
    (NFKC never joins or makes a line break, so the whole text is folded at once.)"""
    text = unicodedata.normalize("NFKC", circled_to_paren(text))
    if "\n" not in text:  # most places are one line
        return _BLANKS.sub(" ", text).strip()
    return "\n".join(_BLANKS.sub(" ", line).strip() for line in text.split("\n"))


@lru_cache(maxsize=1)
def grammar() -> dict[str, list[str]]:
    data = packaged_yaml("guidetrace.comments", "locators.yaml")
    return {k: [str(w) for w in v] for k, v in data.items()}


def _words(key: str) -> str:
    """An alternation of the data file's words, longest first; Latin words case-insensitive."""
    words = sorted(grammar()[key], key=len, reverse=True)
    latin = [re.escape(w) for w in words if re.search(r"[A-Za-z]", w)]
    other = [re.escape(w) for w in words if not re.search(r"[A-Za-z]", w)]
    parts = ([rf"(?<![A-Za-z])(?i:{'|'.join(latin)})"] if latin else []) + other
    return "(?:" + "|".join(parts) + ")"


def _spaced(word: str) -> str:
    return "[ ]?".join(re.escape(ch) for ch in word)


NUM = r"\d{1,3}(?:[ ]?\.[ ]?\d{1,3})*"
_ROMAN = r"(?<![A-Za-z\u3040-\u30ff\u3400-\u9fff々])(?:VIII|VII|III|II|IV|IX|VI|V|X|I)(?![A-Za-z])"  # not 目標Ⅱ
# Ⅱ．２．（１）①, Ⅰ－３, Ⅱ１（２） (NFKC: II.2.(1)(1)): a part printed in Roman numerals and the steps inside it;
# a numeral alone names the part only where nothing Latin follows (a cell 「Ⅱ」, 「Ⅱ 具体的な施策」)
ROMAN_PLACE = (rf"{_ROMAN}(?:[ ]?[.\-]?[ ]?\d{{1,2}}(?:[ ]?\.(?![ ]?\d))?)+(?:[ ]?\(\d{{1,2}}\))*"
               rf"|{_ROMAN}(?=[ ]?(?:$|\n|[\u3000-\u9fff]))")
_DOTTED_TAIL = re.compile(r"\d+(?:[ ]?\.[ ]?\d+)*")


@lru_cache(maxsize=1)
def _static_alternatives() -> list[tuple[str, str]]:
    """Alternatives that do not depend on the tree, in the order they are tried at one position."""
    g = grammar()
    hier = "|".join(map(re.escape, g["hierarchy_suffixes"]))
    part = "|".join(map(re.escape, g["part_suffixes"]))
    counters = "|".join(map(re.escape, g["counters"]))
    kana = "".join(g["kana_items"])  # 2(2)イ: a sub-item after an item, not the start of a katakana word
    n = rf"(?:\d{{1,3}}|(?<=第)[{''.join(g['kanji_numerals'])}]{{1,3}}|(?<=第[ ])[{''.join(g['kanji_numerals'])}]{{1,3}})"
    # 第３の１（２）, a cell 「第３」: a 要領's 第N with no unit word (never 第3回, 第2版)
    bare = rf"第[ ]?{n}(?=[ ]?の[ ]?\d|[ ]*$|[ ]*\n|[ ](?!{counters}|版|次|期|回|世代)[^\d\s])"
    law = [re.escape(s) for s in g["article_suffixes"]]
    app_id = r"(?:[A-Za-z](?![A-Za-z])|\d+|(?:VIII|VII|III|II|IV|IX|VI|V|X|I)(?![A-Za-z]))"
    return [
        ("page", rf"{_words('page_words')}[ ]?\d{{1,4}}(?:[ ]?[-~〜–][ ]?(?:{_words('page_words')})?[ ]?\d{{1,4}})?"
                 rf"|(?<![\d.])\d{{1,4}}[ ]?(?:ページ|頁)(?:[ ]?[-~〜–][ ]?\d{{1,4}}[ ]?(?:ページ|頁)?)?"),
        ("line", rf"{_words('line_words')}[ ]?\d{{1,5}}(?:[ ]?[-~〜–][ ]?\d{{1,5}})?(?![{_CJK}])"
                 rf"|\d{{1,5}}[ ]?行目?(?![{_CJK}])"),
        ("law", rf"第?[ ]?\d{{1,4}}[ ]?{law[0]}(?:[ ]?の[ ]?\d{{1,3}})?(?:[ ]?第?[ ]?\d{{1,3}}[ ]?{law[1]})?"
                rf"(?:[ ]?第?[ ]?\d{{1,3}}[ ]?{law[2]})?"
                rf"|第[ ]?\d{{1,3}}[ ]?{law[1]}(?:[ ]?第?[ ]?\d{{1,3}}[ ]?{law[2]})?|第[ ]?\d{{1,3}}[ ]?{law[2]}"
                rf"|{_words('article_words')}[ ]?\d{{1,4}}(?:[ ]?\(\d{{1,3}}\))?"),
        ("hier", rf"(?<![\d.])(?:(?:第[ ]?{n}|\d{{1,2}}(?=[ ]?(?:{part})[ ]?第?[ ]?\d))[ ]?(?:{part})"
                 rf"(?:[ ]?第?[ ]?{n}[ ]?(?:{hier}))*|{bare}|第?[ ]?{n}[ ]?(?:{hier})"
                 rf"(?:[ ]?第?[ ]?{n}[ ]?(?:{hier}))*)(?:[ ]?の?[ ]?\d{{1,2}}(?:[ ]?\.)?(?![\d.]|-\d|[ ]?(?:{counters})))?"
                 rf"(?:[ ]?[の\-](?=[ ]?\())?(?:[ ]?\(\d{{1,2}}\))*(?:(?<=\))[ ]?[{kana}](?![\u30a0-\u30ff]))?"),
        ("enword", rf"{_words('numbered_words')}[ ]?{NUM}(?:[ ]?\((?:\d{{1,2}}|[a-z])\))?"),
        ("apptable", rf"{_words('appendix_table_words')}[ ]?第?[ ]?\d{{1,3}}(?:[ ]?号)?"),  # 別表1, 別表第１
        ("form", rf"{_words('form_words')}[ ]?第?[ ]?\d{{1,3}}(?:[ ]?号)?"),  # 様式第1号
        ("appendix", rf"(?<![{_CJK}])(?:【[ ]?)?{_words('appendix_words')}(?:[ ]?】)?[ ]?[-:]?[ ]?{app_id}"),
        ("table", rf"(?<![{_CJK}])(?:表)[ ]?\d{{1,3}}(?:[-.]\d{{1,3}})?|(?<![A-Za-z])(?i:tables?|tab\.)[ ]?\d{{1,3}}(?:[-.]\d{{1,3}})?"),  # noqa: E501
        ("figure", rf"(?<![{_CJK}])(?:図)[ ]?\d{{1,3}}(?:[-.]\d{{1,3}})?|(?<![A-Za-z])(?i:figures?|fig\.)[ ]?\d{{1,3}}(?:[-.]\d{{1,3}})?"),  # noqa: E501
        ("mask", "|".join(f"(?:{p})" for p in g["not_sections"])),
        ("quoted", r"「[^」\n]{2,120}」|『[^』\n]{2,120}』|“[^”\n]{2,120}”|\"[^\"\n]{2,120}\""),
        ("column", r"コラム[ ]?:?[ ]?[^\n]*"),
        ("number", r"(?<![\d.A-Za-z])(?<![^\d ]-)\d{1,2}(?:[ ]?\.[ ]?\d{1,2}){1,4}[ ]?\.?(?![\d])|(?<![\d.\-A-Za-z])\d{1,2}[ ]?\.(?![ ]?\d)"  # noqa: E501
                   r"|(?<![\d.\-A-Za-z\u30a0-\u30ff])\d{1,2}(?:-\d{1,2}){1,3}(?![\d\-])"
                   r"|(?<![\d.\-A-Za-z(])\d{1,2}(?=[ ]?\(\d{1,2}\))"),  # 3(2): a chapter and its item
        ("item", rf"\(\d{{1,2}}\)(?:[ ]?[{''.join(g['kana_items'])}](?![\u30a0-\u30ff]))?|(?<![\w.\-])\d{{1,2}}(?=[ ][^\d\s])"),
        ("general", rf"(?<![{_CJK}A-Za-z])" + _words("general_words") + r"(?![A-Za-z])"),
    ]


class LocatorScanner:
    """One compiled pattern per tree: the static grammar plus the tree's own ID prefixes."""

    def __init__(self, id_prefixes: Iterable[str] = ()):
        prefixes = sorted(set(id_prefixes), key=len, reverse=True)
        alternatives = []
        if prefixes:
            ids = "|".join(_spaced(p) for p in prefixes)
            alternatives.append(("ident", rf"(?<![A-Za-z])(?:{ids})[ ]?\d+(?:[ ]?-[ ]?\d+)*(?:[ ]?\(\d{{1,2}}\))?"))
        alternatives.append(("roman", ROMAN_PLACE))  # before standard names: II2 is a part and its item
        alternatives += [(name, rx) for name, rx in _static_alternatives() if rx]
        self.pattern = re.compile("|".join(f"(?P<{name}>{rx})" for name, rx in alternatives))
        self._seps = tuple(sorted(grammar()["range_separators"], key=len, reverse=True))

    def scan(self, norm: str) -> list[Locator]:
        """Tokens in text order; `norm` must come from `normalize_lines`. Ranges are folded into their first token."""
        out: list[Locator] = []
        for m in self.pattern.finditer(norm):
            kind = m.lastgroup or ""
            token = getattr(self, f"_{kind}")(m.group(0).strip(), m.start(), m.end())
            if token is not None:
                out.append(token)
        return self._ranges(norm, out)

    # Tokens -------------------------------------------------------------------

    def _ident(self, raw: str, start: int, end: int) -> Locator:
        return Locator("address", raw, start, end, address="id:" + re.sub(r"\s+", "", raw))

    def _roman(self, raw: str, start: int, end: int) -> Locator | None:
        steps = read_number(raw)[0]
        return Locator("chain", raw, start, end, steps=steps) if steps else None

    def _page(self, raw: str, start: int, end: int) -> Locator:
        numbers = [int(n) for n in re.findall(r"\d+", raw)]
        first, last = numbers[0], numbers[-1]
        if last < first or last - first > 200:
            last = first
        return Locator("page", raw, start, end, pages=(first, last))

    def _line(self, raw: str, start: int, end: int) -> Locator:
        return Locator("line", raw, start, end)

    def _law(self, raw: str, start: int, end: int) -> Locator | None:
        compact = raw.replace(" ", "")
        if re.match(r"(?i:art)", compact):
            nums = re.findall(r"\d+", compact)
            return Locator("address", raw, start, end, address="art:" + ".".join(nums))
        suffixes = grammar()["article_suffixes"]
        parts = re.findall(rf"(\d+)({'|'.join(map(re.escape, suffixes))}|の)", compact)
        if not parts:
            return None
        levels = [suffixes.index(s) if s in suffixes else -1 for _, s in parts]
        if levels[0] == 0:
            art = parts[0][0]
            rest = parts[1:]
            if rest and rest[0][1] == "の":
                art, rest = f"{art}の{rest[0][0]}", rest[1:]
            return Locator("address", raw, start, end, address="art:" + ".".join([art] + [n for n, _ in rest]))
        return Locator("relative", raw, start, end, relative=f"art{levels[0]}", number=int(parts[0][0]),
                       address=".".join(n for n, _ in parts))

    def _hier(self, raw: str, start: int, end: int) -> Locator:
        """第3章第2節 is the address n:3.2 (第2節 alone counts from the chapter in context); a chain with a
        part or an item after its units (第2部第1章3の(2), 第2章2.) is walked down the tree by its steps."""
        steps = read_number(raw)[0]
        suffixes = grammar()["hierarchy_suffixes"]
        if not steps or not all(s.level == numbering.NUM and s.unit in suffixes for s in steps):
            return Locator("chain", raw, start, end, steps=steps)
        level = suffixes.index(steps[0].unit)
        dotted = ".".join(s.value for s in steps)
        if level == 0:
            return Locator("address", raw, start, end, address="n:" + dotted, steps=steps)
        return Locator("relative", raw, start, end, relative=f"n{level}", number=int(steps[0].value), address=dotted,
                       steps=steps)

    def _enword(self, raw: str, start: int, end: int) -> Locator:
        m = _DOTTED_TAIL.search(raw)
        assert m is not None
        dotted = re.sub(r"[ ]", "", m.group(0))
        sub = re.search(r"\((\d{1,2}|[a-z])\)$", raw)
        address = "n:" + dotted + (f"({sub.group(1)})" if sub else "")
        return Locator("address", raw, start, end, address=address)

    def _form(self, raw: str, start: int, end: int) -> Locator:
        return Locator("address", raw, start, end, address="form:" + re.findall(r"\d+", raw)[-1])

    def _apptable(self, raw: str, start: int, end: int) -> Locator:
        return Locator("address", raw, start, end, address="apptab:" + re.findall(r"\d+", raw)[-1])

    def _appendix(self, raw: str, start: int, end: int) -> Locator:
        ident = re.split(r"[ \-:】]", raw)[-1]
        ident = ident[-1] if not ident.isdigit() and ident.upper() not in ROMAN else ident
        ident = str(ROMAN[ident.upper()]) if ident.upper() in ROMAN and len(ident) > 1 else ident
        return Locator("address", raw, start, end, address="app:" + ident.upper().lstrip("0"))

    def _table(self, raw: str, start: int, end: int) -> Locator:
        return Locator("address", raw, start, end, address="tab:" + re.search(r"\d+(?:[-.]\d+)?", raw).group(0))  # type: ignore[union-attr]

    def _figure(self, raw: str, start: int, end: int) -> Locator:
        return Locator("address", raw, start, end, address="fig:" + re.search(r"\d+(?:[-.]\d+)?", raw).group(0))  # type: ignore[union-attr]

    def _mask(self, raw: str, start: int, end: int) -> None:
        return None

    def _quoted(self, raw: str, start: int, end: int) -> Locator:
        return Locator("quoted", raw[1:-1].strip(), start, end)

    def _column(self, raw: str, start: int, end: int) -> Locator:
        return Locator("column", raw, start, end)

    def _number(self, raw: str, start: int, end: int) -> Locator:
        """`3.1.2`, `3. 1. 2.`, and the hyphenated numbering some ministries use (`3-1-2`)."""
        dotted = _NUMBER_SEPARATOR.sub(".", raw).strip(".")
        return Locator("address", raw, start, end, address="n:" + dotted, explicit=False)

    def _item(self, raw: str, start: int, end: int) -> Locator:
        """(2), ④ (read as (4)), and (2)イ: an item and its katakana sub-item, walked below the item."""
        number = re.match(r"\(?(\d+)", raw)
        return Locator("item", raw, start, end, number=int(number.group(1)) if number else 0,
                       explicit=raw.startswith("("), steps=read_number(raw)[0][1:])

    def _general(self, raw: str, start: int, end: int) -> Locator:
        return Locator("general", raw, start, end)

    # Ranges -------------------------------------------------------------------

    def _ranges(self, norm: str, tokens: list[Locator]) -> list[Locator]:
        out: list[Locator] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if (nxt is not None and token.kind == "address" and not token.explicit and nxt.kind == "item"
                    and nxt.explicit and not norm[token.end:nxt.start].strip()):
                token = replace(token, explicit=True)  # `5.(3)`: a chapter and its item, even in running text
            if (nxt is not None and token.kind == "address" and nxt.kind == "address" and token.address and nxt.address
                    and token.address.split(":")[0] == nxt.address.split(":")[0]
                    and norm[token.end:nxt.start].strip() in self._seps):
                out.append(replace(token, range_to=nxt.address, end=nxt.end,
                                   text=norm[token.start:nxt.end].strip()))
                i += 2
                continue
            out.append(token)
            i += 1
        return out


def address_of(text: str, scanner: LocatorScanner | None = None) -> str | None:
    """The address a key, alias or title opening names, when it is exactly one locator."""
    norm = normalize_lines(text)
    tokens = (scanner or default_scanner()).scan(norm)
    if len(tokens) == 1 and tokens[0].kind == "address" and tokens[0].range_to is None and tokens[0].start == 0:
        return tokens[0].address
    return None


@lru_cache(maxsize=1)
def default_scanner() -> LocatorScanner:
    return LocatorScanner()
