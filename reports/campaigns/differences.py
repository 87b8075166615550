"""What an edited copy changed: a campaign member's words that differ from its representative's.

Copies of campaign mail differ by a greeting, a name, a sentence added, a word swapped, a comma's
width. Compared character by character such edits read as noise, sentence by sentence they hide
the word that changed; so texts are compared as words: runs of one script (kanji, hiragana,
katakana, Latin letters and digits), spaces and single marks. Each change keeps a little of the
representative's text on either side, so a reader sees where it falls.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

_WORD = re.compile(r"[\u3400-\u9fff\uf900-\ufaff々〆〇ヵヶ]+|[\u3041-\u309fー]+|[\u30a0-\u30ff\uff66-\uff9f]+"
                   r"|[^\W_\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff66-\uff9f]+|\s+|.", re.S)
CONTEXT = 10  # characters of the representative's text shown on either side of a change
SHOWN = 12  # changes listed per member; the rest are counted


@dataclass(frozen=True)
class Change:
    before: str  # the representative's text just before the change
    removed: str  # the representative's words the member does not have
    added: str  # the member's words the representative does not have
    after: str


@dataclass(frozen=True)
class Differences:
    changes: tuple[Change, ...]  # the first SHOWN
    more: int  # changes not listed


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def differences(representative: str, text: str) -> Differences:
    """The member's changes against the representative, in the representative's order; none when only spaces
    differ. The common start and end are cut off first: a copy is mostly the representative's own words."""
    if text == representative:
        return Differences((), 0)
    if representative and (representative in text or text in representative):  # the commonest edit: a greeting,
        return _around(representative, text)  # a name or a closing around the unchanged text, found in linear time
    a, b = words(representative), words(text)
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    matcher = SequenceMatcher(None, a[head:len(a) - tail], b[head:len(b) - tail], autojunk=False)
    ops = [("equal", 0, head, 0, head)]
    ops += [(op, i1 + head, i2 + head, j1 + head, j2 + head) for op, i1, i2, j1, j2 in matcher.get_opcodes()]
    ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    found = []
    for k, (op, i1, i2, j1, j2) in enumerate(ops):
        if op == "equal":
            continue
        if op in ("insert", "delete") and ops[k + 1][0] == "equal":
            end = ops[k + 1][2]  # where the unchanged words after it end, in the representative
            # words added or dropped that begin with the word after them read better past it: 以上です。, not 。以上です
            while i2 < end and (b[j1] if op == "insert" else a[i1]) == a[i2]:
                i1, i2, j1, j2 = i1 + 1, i2 + 1, j1 + 1, j2 + 1
        removed, added = "".join(a[i1:i2]), "".join(b[j1:j2])
        if not removed.strip() and not added.strip():
            continue  # spacing alone
        found.append((i1, i2, removed, added))
    changes = tuple(Change("".join(a[:i1])[-CONTEXT:], removed, added, "".join(a[i2:])[:CONTEXT])
                    for i1, i2, removed, added in found[:SHOWN])
    return Differences(changes, max(0, len(found) - SHOWN))


def _around(representative: str, text: str) -> Differences:
    """One text inside the other: what stands before and after it was added (or, the other way, dropped)."""
    added = representative in text
    inner, outer = (representative, text) if added else (text, representative)
    start = outer.index(inner)
    changes = tuple(Change(before, "" if added else part, part if added else "", after)
                    for part, before, after in ((outer[:start], "", inner[:CONTEXT]),
                                                (outer[start + len(inner):], inner[-CONTEXT:], ""))
                    if part.strip())
    return Differences(changes, 0)
