"""Proposing how sections map from one revision to the next when no lineage is given.

Pure functions over (key, title) pairs: same key first, then the same title under
another key, then a similar title. Every proposal is labelled `proposed` so a
user can tell it from lineage read in a source.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from .keys import implied_parent, title_key
from .records import LinkRecord

SIMILAR_TITLE = 0.85


def propose_lineage(
    old: Sequence[tuple[str, str | None]],
    new: Sequence[tuple[str, str | None]],
    *,
    both_complete: bool = False,
) -> list[LinkRecord]:
    old_keys = {k for k, _ in old}
    by_title: dict[str, list[str]] = {}
    for key, title in old:
        if title:
            by_title.setdefault(title_key(title), []).append(key)
    links: list[LinkRecord] = []
    matched_old: set[str] = set()
    old_titles = dict(old)
    pending: list[tuple[str, str | None]] = []
    for key, title in new:  # the same key and the same title: nothing moved
        if key in old_keys and title_key(old_titles.get(key) or "") == title_key(title or ""):
            links.append(LinkRecord("succeeds", key, key, proposed=True, note="same key"))
            matched_old.add(key)
        else:
            pending.append((key, title))
    later: list[tuple[str, str | None]] = []
    for key, title in pending:  # the same title under another key: renumbered (a new section may take the old key)
        same = [k for k in by_title.get(title_key(title), []) if k not in matched_old] if title else []
        if len(same) > 1:  # a shared title: prefer the section under the same parent
            same = [k for k in same if implied_parent(k) == implied_parent(key)] or same
        if len(same) == 1:
            links.append(LinkRecord("renumbered", same[0], key, proposed=True, note="same title"))
            matched_old.add(same[0])
        else:
            later.append((key, title))
    for key, title in later:
        if key in old_keys and key not in matched_old and _similar(title, old_titles.get(key)):
            links.append(LinkRecord("succeeds", key, key, proposed=True, note="same key, title changed"))
            matched_old.add(key)
            continue
        if not title:
            continue
        best, score = _most_similar(title, old, matched_old)
        if best is not None and score >= SIMILAR_TITLE:
            links.append(
                LinkRecord("renumbered", best, key, proposed=True, note=f"similar title ({score:.2f})")
            )
            matched_old.add(best)
    if both_complete:
        for key, _ in old:
            if key not in matched_old:
                links.append(LinkRecord("removed", key, None, proposed=True, note="no successor"))
    return links


def _similar(new: str | None, old: str | None) -> bool:
    """A retitling keeps some of the old title (審査の基準 → 審査の基準と手続); a new section under a freed key does not."""
    if not new or not old:
        return True
    a, b = title_key(new), title_key(old)
    return a.startswith(b) or b.startswith(a) or SequenceMatcher(None, a, b).ratio() >= 0.5


def _most_similar(
    title: str, old: Sequence[tuple[str, str | None]], taken: set[str]
) -> tuple[str | None, float]:
    target = title_key(title)
    best: str | None = None
    best_score = 0.0
    for key, old_title in old:
        if key in taken or not old_title:
            continue
        score = SequenceMatcher(None, target, title_key(old_title)).ratio()
        if score > best_score:
            best, best_score = key, score
    return best, best_score
