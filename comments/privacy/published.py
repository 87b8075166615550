"""Every field a public output shows, screened: the submitter column, the source file's name, who reviewed.

Opinion text is screened by its stored findings (masking.py). These fields are screened as they
are published, by the same detector, so no path shows one unscreened:

- a submitter: a private person is never named, and contact data (a phone, an e-mail, an
  address) is masked whatever the submitter's kind — an organisation's name stays;
- a source file's name: its folders never, its name only when the detector finds nothing in it,
  it holds no long run of digits and no word of it reads as a person's name — else only its
  extension, behind the withheld label (山田太郎様_09012345678.csv → ［ファイル名非公開］.csv);
- a reviewer: public outputs carry that a person reviewed, and when, never who (`--by`, the OS user);
- a note: screened like opinion text, every finding masked;
- a suggested topic: never a word that names or reaches a person (`personal_term`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.models import PrivacyFinding

from ..vocabulary import INDIVIDUAL, UNKNOWN
from .detect import Finding, detect, file_rules, holds_person_name, looks_like_person, person_left
from .masking import mask, mask_label, masked_fields

_KANJI_RUN = re.compile(r"[一-龯々〆ヶ]{2,}")
_STAMP_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T[0-9:.+\-Z]*$")  # `review`'s stamp ends with the ISO time (decisions.now)


def _spans(found: list[Finding]) -> list[tuple[int, int, str]]:
    return [(f.start, f.end, f.kind) for f in found]


@lru_cache(maxsize=8192)
def screened_submitter(name: str, kind: str | None, lang: str = "ja") -> str:
    """The submitter column as published. A private person is ［個人］; so is a submitter of no known kind
    whose words, once contact data is set aside, read as a person's name. Otherwise each finding is
    masked in place: an organisation keeps its name, not a phone or an e-mail written beside it."""
    if kind == INDIVIDUAL:
        return mask_label(INDIVIDUAL, lang)
    found = detect(name, offices=False)
    if (kind or UNKNOWN) == UNKNOWN and person_left(name, found):
        return mask_label(INDIVIDUAL, lang)
    return mask(name, _spans(found), lang) if found else name


def published_name(name: str | None, kind: str | None, lang: str = "ja") -> str | None:
    """A submitter as published: organisations by name, a private person never, contact data never
    whatever the kind (see screened_submitter)."""
    if not name:
        return name
    return screened_submitter(name, kind, lang)


def _extension(name: str) -> tuple[str, str]:
    stem, dot, ext = name.rpartition(".")
    if dot and stem and re.fullmatch(r"[A-Za-z0-9]{1,5}", ext):
        return stem, f".{ext}"
    return name, ""


@lru_cache(maxsize=4096)
def file_holds_personal_data(stem: str) -> bool:
    """A file name's stem (no folders, no extension) that may name or reach a person: the detector finds
    something in it, it holds a long run of digits, a word of it reads as a name, or a run of its kanji holds
    one (意見山田太郎: file names run words together). Withholding a harmless name costs only the name."""
    folded = unicodedata.normalize("NFKC", stem)
    digits, separators = file_rules()
    if digits.search(folded) or detect(stem) or detect(separators.sub(" ", stem)):
        return True
    return (any(looks_like_person(word) for word in separators.split(folded) if word)
            or any(holds_person_name(run) for run in _KANJI_RUN.findall(folded)))


@lru_cache(maxsize=1024)
def screened_file_name(path: str | None, lang: str = "ja") -> str | None:
    """A source file as published: its name alone (never the folders of the machine that loaded it), and
    only its extension when the name may name or reach a person."""
    if not path:
        return path
    name = re.split(r"[\\/]", path)[-1]
    stem, ext = _extension(name)
    withheld = file_holds_personal_data(stem) or bool(detect(name))  # hanako@example.com: its "extension" is a domain
    return f"{mask_label('file', lang)}{ext}" if withheld else name


def screened_text(text: str | None, lang: str = "ja") -> str | None:
    """A note (a reviewer's, a plan mark's) as published: masked like opinion text, every finding."""
    if not text:
        return text
    found = detect(text)
    return mask(text, _spans(found), lang) if found else text


def reviewed_when(stamp: str | None) -> str:
    """A reviewed citation's stamp (`by at`) as published: when, not who."""
    m = _STAMP_TIME.search((stamp or "").strip())
    return m.group() if m else "✔"


def publish_parts(record: dict[str, Any], lang: str = "ja") -> None:
    """An opinion record's source and review marks as published (`publish`). Records share
    their inner dicts (see listing._Attached): each is replaced here, never changed."""
    source = record["source"]
    record["source"] = {**source, "file": screened_file_name(source["file"], lang)}
    review = record["review"]
    if review["disposition"]:
        record["review"] = {**review, "disposition": {"at": review["disposition"].get("at")}}
    if any(x.get("reviewed") for x in record["citations"]):
        record["citations"] = [dict(x, reviewed=reviewed_when(x["reviewed"])) if x.get("reviewed") else x
                               for x in record["citations"]]


def found_names(session: Session) -> frozenset[str]:
    """Every person's name the store's findings hold (in any field): a topic is never one of them."""
    return frozenset(t.strip() for t in session.scalars(
        select(PrivacyFinding.text).where(PrivacyFinding.kind == "name").distinct()) if t and t.strip())


def personal_term(term: str, names: frozenset[str] = frozenset()) -> bool:
    """A candidate topic that names or reaches a person: the detector finds something in it, it reads as a
    person's name, or it holds (or is part of) a name found in the opinions."""
    text = term.strip()
    if not text or detect(text) or looks_like_person(text):
        return True
    return any(n in text or (len(text) >= 2 and text in n) for n in names)


def publish(session: Session, ids: list[int], out: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """Listed records (`listing.list_comments`) as published: masked text, screened submitter and parts."""
    masked = masked_fields(session, ids, lang)
    same: dict[tuple[str | None, str], dict[str, str | None]] = {}  # records share these dicts: replaced here, never changed
    for cid, record in zip(ids, out):
        kind = record["submitter"]["kind"]
        fields: dict[str, Any] = dict(masked.get(cid, {}))
        found: list[tuple[str, str]] = fields.pop("_found", [])
        name = fields.pop("submitter", None) or published_name(record["submitter"]["name"], kind, lang)
        record["submitter"] = same.setdefault((name, kind), {"name": name, "kind": kind})
        publish_parts(record, lang)  # the source file's name screened; that a person reviewed, not who
        for field, text in fields.items():
            record[field] = text
        if found:  # a location's words, quoted
            for part in ("citations", "unresolved"):
                record[part] = [dict(entry, text=_masked(entry.get("text") or "", found)) for entry in record[part]]
    return out


def _masked(text: str, found: list[tuple[str, str]]) -> str:
    for raw, label in found:
        text = text.replace(raw, label)
    return text
