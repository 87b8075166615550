"""One opinion's places: its 該当箇所 first, then a location inside it, its own text only when neither is given.

A location that names nothing the tree has is kept as unresolved with its text, never dropped.
"""

from __future__ import annotations

import copy

from .records import OpinionRecord
from .resolve_citations import TEXT_ORIGIN, CitationResolver, Resolution, Unresolved
from .tree_index import TreeIndex

TEXT_CACHE = 50_000  # opinions whose places were read from their text, remembered within one load


def resolve_opinion(resolver: CitationResolver, index: TreeIndex, opinion: OpinionRecord,
                    headings: dict[str, str | None], text_cache: dict[str, Resolution] | None = None) -> Resolution:
    """該当箇所 first, then the location inside the opinion; the opinion's own text only when neither is given.

    A location that names nothing the tree has is kept as unresolved with its text, never dropped.
    """
    if opinion.heading and opinion.heading not in headings:
        headings[opinion.heading] = _heading_key(resolver, opinion.heading)
    res = Resolution(context=headings.get(opinion.heading) if opinion.heading else None)
    location_origin = "carried-down" if "location" in opinion.carried else "location"
    resolver.resolve(opinion.location, origin=location_origin, into=res)
    resolver.resolve(opinion.location_detail, origin="detail", into=res)
    if res.cited or res.unresolved:
        return res
    given = [t for t in (opinion.location, opinion.location_detail) if t and t.strip()]
    if opinion.heading and res.context and not opinion.location:
        res.cite(res.context, "heading", opinion.heading, "heading")
    elif given:
        res.unresolved.append(Unresolved(" / ".join(given), "location", f"names no section of {index.revision}",
                                         location_origin))
    else:
        key = f"{opinion.body}\x00{opinion.proposal or ''}"
        if text_cache is not None and key in text_cache:  # campaign copies: one text, read once
            return copy.deepcopy(text_cache[key])
        for text in (opinion.body, opinion.proposal):
            resolver.resolve(text, origin=TEXT_ORIGIN, into=res)
        if not res.cited and not res.unresolved:
            res.cite(index.root, "implicit", "", "implicit")
        if text_cache is not None and len(text_cache) < TEXT_CACHE:
            text_cache[key] = copy.deepcopy(res)
    return res


def _heading_key(resolver: CitationResolver, heading: str) -> str | None:
    probe = resolver.resolve(heading, origin="heading")
    return next(iter(probe.cited), None)
