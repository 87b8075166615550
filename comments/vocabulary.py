"""The keys of dispositions and submitter kinds, named once: the one module that spells them.

The keys are data (data/dispositions.yaml, data/submitter_kinds.yaml); code that must name one
(a revised answer, a private person) uses the constant here, checked against the data when this
module is imported, so renaming a key in the data fails at once rather than matching nothing. Their
labels are in the catalogue only (reports/data/labels.yaml). tests/test_facts_once.py keeps the
literals out of every other module.
"""

from __future__ import annotations

from functools import lru_cache

from guidetrace.trace.rules import packaged_yaml
from guidetrace.trace.tally import UNKNOWN_KIND


def disposition_keys() -> tuple[str, ...]:
    """The dispositions an answer's words can be classified into, in the rule file's order."""
    return tuple(str(d["key"]) for d in packaged_yaml("guidetrace.comments", "dispositions.yaml")["dispositions"])


def kind_keys() -> tuple[str, ...]:
    """The submitter kinds a name can be recognised as, in the rule file's order."""
    return tuple(str(k["key"]) for k in packaged_yaml("guidetrace.comments", "submitter_kinds.yaml")["kinds"])


def _named(keys: tuple[str, ...], source: str, *names: str) -> tuple[str, ...]:
    missing = [n for n in names if n not in keys]
    if missing:
        raise ValueError(f"{source}: the code names {', '.join(missing)}, which the file does not define")
    return names


REVISED, COVERED, DECLINED, OUT_OF_SCOPE, NOTED, SUPPORT, ANSWERED, WITHDRAWN, DUPLICATE = _named(
    disposition_keys(), "dispositions.yaml",
    "revised", "covered", "declined", "out_of_scope", "noted", "support", "answered", "withdrawn", "duplicate")
UNCLASSIFIED = "unclassified"  # an answer no evidence classified
UNANSWERED = "unanswered"  # an opinion without an answer

INDIVIDUAL, ASSOCIATION, ACADEMIC, GOVERNMENT, CORPORATION = _named(
    kind_keys(), "submitter_kinds.yaml", "individual", "association", "academic", "government", "corporation")
UNKNOWN = UNKNOWN_KIND  # a submitter of no recognised kind (the tally's, below this layer)
ORGANISATION_KINDS = (ASSOCIATION, ACADEMIC, GOVERNMENT, CORPORATION)  # submitters that are not a person


@lru_cache(maxsize=1)
def disposition_choices() -> tuple[str, ...]:
    return (*disposition_keys(), UNCLASSIFIED, UNANSWERED)


@lru_cache(maxsize=1)
def submitter_kind_choices() -> tuple[str, ...]:
    return (*kind_keys(), UNKNOWN)
