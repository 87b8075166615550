"""A text folded to NFKC with, for each folded character, the original character it came from.

Rules run on the folded text (full-width digits count as digits); findings must mask the
original characters. Comparing lengths is not enough: half-width ｶﾞ shrinks (two
characters become one) and ㍿ grows (one becomes four), and when both occur the lengths
agree while every position after the first is shifted. So the map is built whenever the
folded text differs from the original, character by character.
"""

from __future__ import annotations

import unicodedata


class Folded:
    __slots__ = ("original", "text", "_starts", "_ends")

    def __init__(self, original: str) -> None:
        self.original = original
        folded = unicodedata.normalize("NFKC", original)
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        if folded == original:
            self.text = folded
            return
        out: list[str] = []
        starts: list[int] = []
        i, n = 0, len(original)
        while i < n:
            # a base character with the marks that combine with it folds as one (ｶ + ﾞ → ガ, e + ́ → é)
            j = i + 1
            while j < n and (unicodedata.combining(original[j]) or original[j] in "\uff9e\uff9f"):
                j += 1
            piece = unicodedata.normalize("NFKC", original[i:j])
            out.append(piece)
            starts.extend([i] * len(piece))
            self._ends.extend([j] * len(piece))
            i = j
        self.text = "".join(out)
        self._starts = starts

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original characters behind folded[start:end]: every piece any of them came from, whole."""
        if self._starts is None:
            return start, end
        if end <= start:
            a = self._starts[start] if start < len(self._starts) else len(self.original)
            return a, a
        return self._starts[start], self._ends[end - 1]
