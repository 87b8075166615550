"""Which opinion is this? A text fingerprint and a similarity, for finding an opinion again after a reload.

The fingerprint ignores width, case and whitespace (a re-typeset document changes those)
and includes the submitter and the place given (該当箇所), so two identical texts from two
people, or at two places, stay two opinions. Without a place it is the fingerprint decisions
made before places counted were stored with (`fingerprint(body, submitter)`).
"""

from __future__ import annotations

import hashlib
import unicodedata

SAME_LABEL_SIMILARITY = 0.5  # an opinion under its old number whose text was edited
ANY_LABEL_SIMILARITY = 0.75  # an opinion edited and renumbered: a clear best match only
MARGIN = 0.1  # ... ahead of the next candidate by at least this much


def fingerprint(body: str, submitter: str | None, location: str | None = None) -> str:
    who = "".join(unicodedata.normalize("NFKC", submitter or "").split())
    where = _folded(location)
    return hashlib.sha256(f"{_folded(body)}\x00{who}{chr(0) + where if where else ''}".encode()).hexdigest()


def same_text(a: str | None, b: str | None) -> bool:
    """The same words, as the fingerprint folds them: an opinion with this text elsewhere is another opinion,
    never an edit of this one."""
    return _folded(a) == _folded(b)


def _folded(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").casefold().split())


def text_similarity(a: str, b: str) -> float:
    from ..dedup import normalise, shingles, similarity  # numpy: only when an opinion must be found again

    na, nb = normalise(a or ""), normalise(b or "")
    if not na or not nb:
        return 0.0
    return similarity(na, nb, shingles(na), shingles(nb))
