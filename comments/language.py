"""Which language a document is written in, from the characters of its opinions and answers."""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
SAMPLE = 200_000  # characters: enough to decide, bounded however long the document


class LanguageCount:
    """Counts Japanese and Latin letters as opinions are written; `result` says ja, en or None."""

    def __init__(self) -> None:
        self.cjk = self.latin = self.seen = 0

    def add(self, *texts: str | None) -> None:
        for text in texts:
            if text and self.seen < SAMPLE:
                self.seen += len(text)
                self.cjk += len(_CJK.findall(text))
                self.latin += len(_LATIN.findall(text))

    def result(self) -> str | None:
        if not self.cjk and not self.latin:
            return None
        # Japanese prose carries Latin acronyms (SBOM, OTA); English prose carries no kana or kanji.
        return "ja" if self.cjk * 3 >= self.latin else "en"
