"""Japanese words with their parts of speech, from SudachiPy and its core dictionary.

The dictionary ships inside its package (sudachidict-core), so nothing is fetched at run
time. It knows surnames and given names (名詞-固有名詞-人名-姓/名), places, organisations
and common nouns, which is what tells 作家さん (a job) from 佐藤さん (a person). It is
fast (about 25 µs a sentence) but callers still pass short windows, not whole texts.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Word:
    surface: str
    pos: tuple[str, ...]  # Sudachi's part of speech, '*' dropped: ('名詞', '固有名詞', '人名', '姓')
    start: int  # in the text given
    end: int
    known: bool  # in the dictionary (not an out-of-vocabulary guess)

    @property
    def person(self) -> bool:
        return "人名" in self.pos

    @property
    def surname(self) -> bool:
        return self.person and "姓" in self.pos

    @property
    def noun(self) -> bool:
        return self.pos[:1] == ("名詞",)

    @property
    def common(self) -> bool:
        """A common noun the dictionary knows: 作家, 声優, イラストレーター."""
        return self.known and self.pos[:2] == ("名詞", "普通名詞")

    @property
    def proper_other(self) -> bool:
        """A place, an organisation or another proper noun that is not a person's name (任天堂, 札幌)."""
        return self.pos[:2] == ("名詞", "固有名詞") and not self.person

    @property
    def suffix(self) -> bool:
        return self.pos[:1] == ("接尾辞",)


@lru_cache(maxsize=2)
def _tokenizer(short: bool) -> Any:
    from sudachipy import dictionary, tokenizer

    mode = tokenizer.Tokenizer.SplitMode.A if short else tokenizer.Tokenizer.SplitMode.C
    return dictionary.Dictionary(dict="core").create(mode)


@lru_cache(maxsize=32768)  # short windows come back (a campaign's copies, 全般さん)
def words(text: str, short: bool = False) -> tuple[Word, ...]:
    """The words of a text: the dictionary's longest units (サイバー攻撃), or with `short` its shortest
    (サイバー + 攻撃), which tells a compound from a single word."""
    if not text:
        return ()
    return tuple(Word(m.surface(), tuple(p for p in m.part_of_speech() if p != "*"), m.begin(), m.end(),
                      not m.is_oov()) for m in _tokenizer(short).tokenize(text))
