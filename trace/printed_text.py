"""Text as PDFs print it: wrapped lines joined as a reader would (no space at a Japanese wrap, one at a
Latin one), list items kept on their own lines, kanji some fonts map to radicals given back.

Shared by the comment-table reader and the guideline importer, so it lives in the core.
"""

from __future__ import annotations

import re
import unicodedata

_WIDE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef、。「」（）]")


_RADICALS = re.compile(r"[\u2e80-\u2fdf]")


def radicals(text: str) -> str:
    """Some PDF fonts map kanji to Kangxi radical code points (⼀ for 一): NFKC gives the kanji back."""
    return _RADICALS.sub(lambda m: unicodedata.normalize("NFKC", m.group(0)), text)


def _glue(left: str, right: str) -> str:
    """Words of one line: no space between Japanese words, one between Latin ones."""
    return "" if left and right and _WIDE.match(left[-1]) and _WIDE.match(right[0]) else " "


def join_words(words: list[str]) -> str:
    out = ""
    for w in words:
        out = out + (_glue(out, w) if out else "") + w
    return out


def join_wrapped(text: str | None) -> str:
    """Lines wrapped by the cell's width -> one line; a line opening a list item (・, ○, (1)) keeps its break."""
    if not text:
        return ""
    text = radicals(text)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        if re.match(r"^(?:[・○●■□◆※【]|\(\d+\)|\d+[.)] )", line):
            out += "\n" + line
        elif _WIDE.match(out[-1]) and _WIDE.match(line[0]):
            out += line
        else:
            out += " " + line
    return out
