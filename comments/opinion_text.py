"""Splitting an opinion cell into its parts: submitter tag, 該当箇所, 意見内容, 理由, proposal.

Ministries label sub-fields as `○該当箇所` or `【該当箇所】`; the submitter tag is a
paragraph of its own, `【name】`, in either column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .html_text import html_to_text

FIELD_LABELS = {"該当箇所": "location", "意見内容": "body", "ご意見": "body", "意見": "body",
                "理由": "reason", "提案": "proposal", "修正案": "proposal"}
_LABEL = re.compile(r"(?:○\s*|【\s*)(" + "|".join(sorted(FIELD_LABELS, key=len, reverse=True)) + r")(?:\s*】)?\s*[:：]?")
_TAG_LINE = re.compile(r"^【([^】]{1,200})】$")
_PROPOSAL = re.compile(r"(?:修正)?案\s*[:：]\s*(「.+?」)", re.S)
BULK_NOTE = re.compile(r"意見提出者多数のため意見本文は割愛")


@dataclass(frozen=True)
class OpinionParts:
    body: str
    location: str | None
    reason: str | None
    proposal: str | None
    submitter: str | None
    bulk_note: bool


def split_tag(text: str) -> tuple[str, str | None]:
    """Remove a stand-alone `【name】` line (not a field label) and return it as the submitter."""
    if "【" not in text:  # most cells: no tag to look for
        return text, None
    lines = text.split("\n")
    for i in range(len(lines) - 1, -1, -1):
        m = _TAG_LINE.match(lines[i].strip())
        if m and m.group(1).strip() not in FIELD_LABELS:
            return "\n".join(lines[:i] + lines[i + 1 :]), m.group(1).strip()
    m = re.search(r"\s*【([^】]{1,200})】\s*$", text)
    if m and m.group(1).strip() not in FIELD_LABELS:
        return text[: m.start()], m.group(1).strip()
    return text, None


def opinion_parts(cell: str) -> OpinionParts:
    text, submitter = split_tag(html_to_text(cell))
    fields: dict[str, list[str]] = {}
    matches = list(_LABEL.finditer(text)) if "○" in text or "【" in text else []  # a label starts with one
    if matches and not text[: matches[0].start()].strip():
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            fields.setdefault(FIELD_LABELS[m.group(1)], []).append(text[m.end() : end].strip())
    else:
        fields["body"] = [text.strip()]
    body = "\n".join(p for p in fields.get("body", []) if p) or text.strip()
    proposal = "\n".join(fields["proposal"]) if "proposal" in fields else None
    if proposal is None:
        found = _PROPOSAL.search(body) if "案" in body else None
        proposal = found.group(1) if found else None
    return OpinionParts(
        body=body,
        location="\n".join(fields["location"]) if "location" in fields else None,
        reason="\n".join(fields["reason"]) if "reason" in fields else None,
        proposal=proposal,
        submitter=submitter,
        bulk_note=bool(BULK_NOTE.search(text)),
    )
