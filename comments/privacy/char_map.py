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
    """The folded text at once; the map only when a finding asks for it (most texts have none)."""

    __slots__ = ("original", "text", "_starts", "_ends", "_same")

    def __init__(self, original: str) -> None:
        self.original = original
        self.text = unicodedata.normalize("NFKC", original)
        self._same = self.text == original
        self._starts: list[int] = []
        self._ends: list[int] = []

    def _build(self) -> None:
        original, starts, ends = self.original, self._starts, self._ends
        i, n = 0, len(original)
        while i < n:
            # a base character with the marks that combine with it folds as one (ｶ + ﾞ → ガ, e + ́ → é)
            j = i + 1
            while j < n and (unicodedata.combining(original[j]) or original[j] in "\uff9e\uff9f"):
                j += 1
            piece = original[i:j]
            width = len(unicodedata.normalize("NFKC", piece)) if j > i + 1 or not piece.isascii() else 1
            starts.extend([i] * width)
            ends.extend([j] * width)
            i = j

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original characters behind folded[start:end]: every piece any of them came from, whole."""
        if self._same:
            return start, end
        if not self._starts:
            self._build()
        if end <= start:
            a = self._starts[start] if start < len(self._starts) else len(self.original)
            return a, a
        return self._starts[start], self._ends[end - 1]
