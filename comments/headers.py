"""Finding which column holds what, from header synonyms (data/header_synonyms.yaml)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from guidetrace.guideline.keys import compact_text, normalize_text
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.rules import packaged_yaml

from .html_text import html_to_text

FIELDS = ("number", "submitter", "organization", "location", "location_detail", "page", "line", "opinion", "reason",
          "proposal", "answer", "disposition", "revised", "count", "type")
MAX_HEADER_CELL = 40  # a header cell is a few words; anything longer is data, not worth normalising
SHORT = 3  # synonyms this short match only a whole cell ("No", "ID", "行")


@dataclass(frozen=True)
class Synonym:
    field: str
    compact: str  # case-folded, no spaces: how CJK text is compared
    words: str  # case-folded words joined by single spaces, padded: how Latin text is compared
    latin: bool


def _compact(cell: str) -> str:
    return compact_text(html_to_text(cell or ""))


def _words(cell: str) -> str:
    text = normalize_text(html_to_text(cell or "")).casefold()
    return " " + " ".join(re.findall(r"[\w#'/]+", text)) + " "


@lru_cache(maxsize=1)
def synonyms() -> tuple[Synonym, ...]:
    data = packaged_yaml("guidetrace.comments", "header_synonyms.yaml")
    out = []
    for field in FIELDS:
        for s in data["fields"].get(field, ()):
            s = str(s)
            out.append(Synonym(field, _compact(s), _words(s), bool(re.search(r"[A-Za-z]", s))))
    return tuple(sorted(out, key=lambda s: len(s.compact), reverse=True))


@lru_cache(maxsize=4096)  # a document repeats its header on every page: the same cells, asked again
def field_of(cell: str) -> str | None:
    """The field a header cell names: a synonym equal to it, else the best one standing inside it.

    Inside a longer label the head noun decides, and Japanese (like much English) puts it
    last: 「御意見に対する市の考え方（案）」 is an answer although it also holds 御意見. So a
    synonym that ends the label (a note in brackets aside) beats one that does not,
    then a longer synonym beats a shorter one.
    """
    if len(cell) > MAX_HEADER_CELL and not cell.lstrip().startswith("<"):
        return None
    compact = _compact(cell)
    if not compact or len(compact) > MAX_HEADER_CELL:
        return None
    core = re.sub(r"[(\[][^()\[\]]*[)\]]$", "", compact) or compact
    words, core_words = _words(cell), _words(re.sub(r"[(（\[][^()（）\[\]]*[)）\]]\s*$", "", cell) or cell)
    best: tuple[bool, int, str] | None = None
    for syn in synonyms():
        if compact == syn.compact or core == syn.compact:
            return syn.field
        if len(syn.compact) <= (SHORT if syn.latin else 1):
            continue
        if syn.latin:
            inside, at_end = syn.words in words, core_words.endswith(syn.words)
        else:
            inside, at_end = syn.compact in compact, core.endswith(syn.compact)
        if inside and (best is None or (at_end, len(syn.compact)) > best[:2]):
            best = (at_end, len(syn.compact), syn.field)
    return best[2] if best else None


_DATA = re.compile(r"[\d.\-\s]+")
_SENTENCE_END = re.compile(r"[.!]$")  # a header may ask (Change to plan?); a data row's sentence ends


@lru_cache(maxsize=1)
def _second_use() -> dict[str, frozenset[str]]:
    data = packaged_yaml("guidetrace.comments", "header_synonyms.yaml").get("second_use") or {}
    return {field: frozenset(_compact(str(label)) for label in labels) for field, labels in data.items()}


def map_header(cells: Sequence[str]) -> dict[str, int] | None:
    """Field -> column index when the row looks like a header (an opinion column and one more at least).

    A header holds only short labels, none of them a bare number, and most of them known.
    """
    if any(len(cell) > 3 * MAX_HEADER_CELL for cell in cells):
        return None  # a header row holds only short cells; data rows hold an opinion
    filled: list[str] = []
    for cell in cells:  # one at a time: a data row is known by its first number or sentence
        if cell and cell.strip():
            text = normalize_text(html_to_text(cell))
            if _DATA.fullmatch(text) or "。" in text or len(text) > 12 and _SENTENCE_END.search(text):
                return None  # numbers and sentences are data
            filled.append(text)
    mapping = _labels(tuple(cells), len(filled))
    return dict(mapping) if mapping is not None else None


@lru_cache(maxsize=256)
def _labels(cells: tuple[str, ...], filled: int) -> dict[str, int] | None:
    """A document repeats its header on every page: each distinct row of labels is matched once."""
    mapping: dict[str, int] = {}
    second = _second_use()
    for i, cell in enumerate(cells):
        field = field_of(cell)
        if field and field in mapping and "disposition" not in mapping and field in second:
            if _compact(cells[mapping[field]]) in second[field]:  # 対応 before 県の考え方: 対応 holds the codes
                mapping["disposition"] = mapping.pop(field)
            elif _compact(cell) in second[field]:  # 考え方 before 対応
                mapping["disposition"] = i
                continue
        if field and field not in mapping:
            mapping[field] = i
    if "opinion" in mapping and len(mapping) >= 2 and len(mapping) * 2 >= filled:
        return mapping
    return None


def parse_columns_option(spec: str, *, file: str) -> dict[str, int]:
    """`--columns opinion=3,answer=4,location=2` (1-based) -> field -> 0-based index."""
    mapping: dict[str, int] = {}
    for part in filter(None, (p.strip() for p in spec.split(","))):
        name, _, value = part.partition("=")
        name = name.strip()
        if name not in FIELDS or not value.strip().isdigit() or int(value) < 1:
            raise GuidetraceError(
                f"--columns: cannot read {part!r} (expected FIELD=N with N from 1 and FIELD one of {', '.join(FIELDS)})",
                file=file,
            )
        mapping[name] = int(value) - 1
    if "opinion" not in mapping:
        raise GuidetraceError("--columns must name the opinion column (opinion=N)", file=file)
    return mapping
