"""Which text of an opinion is its location, when it has no location column.

The place an opinion opens with (P.12 3.1.2について, Section 4.2:, 3ページ2行目、(2)の…) is its
citation, and nothing later is; without one, places named after another document (「〇〇指針」の
第2章, 個人情報保護法第5条, ISO/IEC 27001 の 5.1) are that document's. The words are data
(data/locators.yaml: other_documents, this_document, title_markers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from guidetrace.guideline.keys import title_key
from guidetrace.trace.rules import packaged_yaml

from .locators import Locator

_LEAD_PREFIX = re.compile(r"^[\s「『【\[(○●■□◆◇・*#>\-]*(?:[^\s:、。]{1,8}:[ ]?)?$")
_LEAD_JOIN = re.compile(r"^[\s、,・:;/」』】\])]*(?:及び|および|並びに|と|の|から|〜|~|-|–|and|or|to|through|&)?"
                       r"[\s、,・:;/「『【\[(]*$"
                       r"|^[ ]?[A-Za-z][A-Za-z \-/&']{0,60}(?:,|;| and)[ ]?$")  # "3.1 Definitions, 3.1.1.1": a title between


def leading(norm: str, tokens: Sequence[Locator]) -> list[Locator]:
    """The places an opinion's text opens with (P.12 3.1.2について, Section 4.2:, 3ページ2行目、(2)の…): tokens
    from the very start, joined only by punctuation or a particle. A bare "1." opening a numbered list is no place."""
    if not tokens or not _LEAD_PREFIX.match(norm[:tokens[0].start]):
        return []
    lead: list[Locator] = []
    for token in tokens:
        if token.kind == "quoted" or (lead and not _LEAD_JOIN.match(norm[lead[-1].end:token.start])):
            break  # a quotation opening the text names a document or a phrase, not a place
        lead.append(token)
    if not any(t.kind in ("page", "line", "chain", "relative", "column") or (t.explicit and t.kind != "general")
               or (t.address and "." in t.address.split(":", 1)[-1]) for t in lead):
        return []
    return lead


def sentence_end(norm: str, start: int) -> int:
    ends = [i for i in (norm.find("。", start), norm.find("\n", start)) if i >= 0]
    return min(ends) if ends else len(norm)


@lru_cache(maxsize=1)
def title_markers() -> tuple[str, ...]:
    return tuple(title_key(m) for m in packaged_yaml("guidetrace.comments", "locators.yaml")["title_markers"])


@lru_cache(maxsize=1)
def _elsewhere_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    g = packaged_yaml("guidetrace.comments", "locators.yaml")
    return re.compile("|".join(f"(?:{p})" for p in g["other_documents"])), re.compile(g["this_document"])


def elsewhere(norm: str, token: Locator) -> bool:
    """A place named after another document (「〇〇指針」の第2章, ISO/IEC 27001 の 5.1): that document's place."""
    if token.kind not in ("address", "chain", "relative"):
        return False
    other, this = _elsewhere_patterns()
    window = norm[max(0, token.start - 40):token.start]
    m = other.search(window)
    return m is not None and not this.search(window[:m.start()])
