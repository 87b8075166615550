"""People named in a sentence, by GiNZA's named-entity model (ja-ginza, shipped in its package).

The model is right where the dictionary cannot be: a name it lacks (しろくま太郎, 小鳥遊ひなた),
a hiragana signature. At about 13 ms a sentence it is far too slow to read every text
(200,000 submissions would take most of an hour), so the name rules ask it only about a
sentence in which context already says a name is expected and the dictionary did not
decide. It is loaded once per process, on the first such question.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

PERSON = "Person"


@lru_cache(maxsize=1)
def _model() -> Any:
    import spacy

    # only the tokenizer and the entity recognizer: the parser and the rest cost twice as much
    return spacy.load("ja_ginza", exclude=["parser", "morphologizer", "compound_splitter", "bunsetu_recognizer"])


@lru_cache(maxsize=8192)
def people(sentence: str) -> tuple[tuple[int, int], ...]:
    """Character spans of the people GiNZA finds in one sentence."""
    if not sentence.strip():
        return ()
    doc = _model()(sentence[:200])
    return tuple((e.start_char, e.end_char) for e in doc.ents if e.label_ == PERSON)


def person_within(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The person's span overlapping [start, end) of the sentence, if GiNZA finds one there."""
    for a, b in people(sentence):
        if a < end and b > start:
            return a, b
    return None
