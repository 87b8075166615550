"""One opinion's places: its 該当箇所 first, then a location inside it, its own text only when neither is given.

A location that names nothing the tree has is kept as unresolved with its text, never dropped.
"""

from __future__ import annotations

from guidetrace.guideline.numbering import read_number

from .records import OpinionRecord
from .resolution import NOTES, TEXT_ORIGIN, Resolution, Unresolved
from .resolve_citations import CitationResolver
from .tree_index import TreeIndex

CACHED = 50_000  # resolutions remembered within one load (by location, or by text for campaign copies)


def resolve_opinion(resolver: CitationResolver, index: TreeIndex, opinion: OpinionRecord,
                    headings: dict[str, str | None], cache: dict[object, Resolution] | None = None) -> Resolution:
    """該当箇所 first, then the location inside the opinion; the opinion's own text only when neither is given.

    A location that names nothing the tree has is kept as unresolved with its text, never dropped.
    `cache` keeps what a location (with the place named inside the opinion, under its heading) or a
    text resolved to: a table of 100,000 opinions names a few hundred places, each in a handful of
    spellings. Opinions then share one resolution: what this returns is read, never changed.
    """
    if opinion.heading and opinion.heading not in headings:
        headings[opinion.heading] = _heading_key(resolver, opinion.heading)
    context = headings.get(opinion.heading) if opinion.heading else None
    if context is None and opinion.group and _names_a_unit(opinion.group):  # a group row 「第２部　各論」 over the rows
        if opinion.group not in headings:
            headings[opinion.group] = _heading_key(resolver, opinion.group)
        context = headings[opinion.group]
    res = Resolution(context=context)
    location_origin = "carried-down" if "location" in opinion.carried else "location"
    place = (opinion.location, opinion.location_detail, location_origin, res.context)
    if cache is not None and place in cache:
        hit = cache[place]
        if hit.cited or hit.unresolved:
            return hit
        res = _copy(hit)  # nothing named: what follows adds to it
    else:
        if opinion.location_detail and cache is not None:  # the 該当箇所 recurs under many places named inside
            res = _located(resolver, opinion.location, location_origin, res.context, cache)
        else:
            resolver.resolve(opinion.location, origin=location_origin, into=res)
        resolver.resolve(opinion.location_detail, origin="detail", into=res)
        if cache is not None and len(cache) < CACHED:
            cache[place] = res if res.cited or res.unresolved else _copy(res)
    if res.cited or res.unresolved:
        return res
    given = [t for t in (opinion.location, opinion.location_detail) if t and t.strip()]
    if opinion.heading and res.context and not opinion.location:
        res.cite(res.context, "heading", opinion.heading, "heading")
    elif given:
        res.unresolved.append(Unresolved(" / ".join(given), "location", NOTES["no_location"].format(revision=index.revision),
                                         location_origin))
    else:
        key = f"{opinion.body}\x00{opinion.proposal or ''}"
        if cache is not None and key in cache:  # campaign copies: one text, read once
            return cache[key]
        for text in (opinion.body, opinion.proposal):
            resolver.resolve(text, origin=TEXT_ORIGIN, into=res)
        if not res.cited and not res.unresolved:
            res.cite(index.root, "implicit", "", "implicit")
        if cache is not None and len(cache) < CACHED:
            cache[key] = res
    return res


def _located(resolver: CitationResolver, location: str | None, origin: str, context: str | None,
             cache: dict[object, Resolution]) -> Resolution:
    """What the 該当箇所 alone resolves to, as a copy the place inside the opinion then adds to. A ministry's
    table of 100,000 opinions names 175 該当箇所 under 76,000 different places inside its opinions
    (○該当箇所): remembered apart, the 該当箇所 is resolved 175 times, not 100,000. Keyed by a triple,
    which no place (four) or text (a string) in the same cache can equal."""
    key = (location, origin, context)
    hit = cache.get(key)
    if hit is None:
        hit = Resolution(context=context)
        resolver.resolve(location, origin=origin, into=hit)
        if len(cache) < CACHED:
            cache[key] = hit
    return _copy(hit)


def _copy(res: Resolution) -> Resolution:
    """Citations are changed in place while an opinion is resolved (a confidence raised): a cached one never is."""
    return Resolution({k: c.copy() for k, c in res.cited.items()}, list(res.unresolved), res.context)


def _names_a_unit(group: str) -> bool:
    """A group heading that opens with a printed unit (第2部, 第3章) places the rows under it."""
    return any(step.unit for step in read_number(group)[0])


def _heading_key(resolver: CitationResolver, heading: str) -> str | None:
    probe = resolver.resolve(heading, origin="heading")
    return next(iter(probe.cited), None)
