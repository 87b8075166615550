"""Which opinion is this? A text fingerprint and a similarity, for finding an opinion again after a reload.

The fingerprint ignores width, case and whitespace (a re-typeset document changes those)
and includes the submitter, so two identical texts from two people stay two opinions.
"""

from __future__ import annotations

import hashlib
import unicodedata

SAME_LABEL_SIMILARITY = 0.5  # an opinion under its old number whose text was edited
ANY_LABEL_SIMILARITY = 0.75  # an opinion edited and renumbered: a clear best match only
MARGIN = 0.1  # ... ahead of the next candidate by at least this much


def fingerprint(body: str, submitter: str | None) -> str:
    folded = "".join(unicodedata.normalize("NFKC", body or "").casefold().split())
    who = "".join(unicodedata.normalize("NFKC", submitter or "").split())
    return hashlib.sha256(f"{folded}\x00{who}".encode()).hexdigest()


def text_similarity(a: str, b: str) -> float:
    from ..dedup import normalise, shingles, similarity  # numpy: only when an opinion must be found again

    na, nb = normalise(a or ""), normalise(b or "")
    if not na or not nb:
        return 0.0
    return similarity(na, nb, shingles(na), shingles(nb))
