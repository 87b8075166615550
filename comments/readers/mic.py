"""The layout of the ministry's published results ("mic"), as a text export of its PDF.

Tab-separated rows with HTML in cells; a header row repeated on every page; page
headings `# A. … 3`; section-heading rows with empty opinion and answer cells that
set the context for the rows below; part B rows whose summary sits on a line of
its own above the body; front matter with the period, totals and named submitters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from guidetrace.guideline.keys import normalize_text
from guidetrace.trace.errors import GuidetraceError

from ..era_dates import parse_period
from ..headers import map_header
from ..limits import at_row, check_row
from ..html_text import html_to_text
from ..opinion_text import opinion_parts, split_tag
from ..records import CommentDocument, OpinionRecord, RoundMeta
from .table import iter_lines

_PAGE_HEADING = re.compile(r"^#\s*(?P<part>[A-Z])[.．]\s*.*?(?:\s(?P<page>\d+))?\s*$")
_TITLE = re.compile(r"^#\s*(?P<title>[「『].+)$")
_PART_TOTAL = re.compile(r"^(?P<part>[A-Z])[.．]\s*.+?[…\.]{1,3}\s*(?P<n>\d+)\s*件")
_PERIOD = re.compile(r"実施期間\s*[:：]\s*(?P<v>.+)$")
_TOTALS = re.compile(r"意見提出数\s*[:：]\s*(?P<n>\d+)\s*件(?:[(（](?P<detail>.+?)[)）])?")
_KIND_COUNT = re.compile(r"(?P<label>[^、,:：()（）\s]+)\s*[:：]\s*(?P<n>\d+)\s*件")
KIND_LABELS = {"法人": "corporate", "団体": "association", "個人": "individual"}


def looks_like_mic(text: str) -> bool:
    head = text[:20000]
    return "\t" in head and bool(re.search(r"^#\s*[A-Z][.．]", head, re.M)) and "該当箇所\t" in head


def read_mic(source: str | Iterable[tuple[int, str]], *, file: str) -> CommentDocument:
    """`source`: the whole text, or numbered lines streaming from the file."""
    parser = _MicParser(file)
    document = CommentDocument(file=file, layout="mic", meta=RoundMeta(), opinions=iter(()))
    document.opinions = _stream(parser, iter_lines(source) if isinstance(source, str) else source, document)
    return document


def _stream(parser: "_MicParser", lines: Iterable[tuple[int, str]], document: CommentDocument) -> Iterator[OpinionRecord]:
    count = 0
    for number, line in lines:
        parser.feed(number, line)
        while parser.opinions:
            count += 1
            yield parser.opinions.pop(0)
    parser.finish()
    if count == 0:
        raise GuidetraceError("no opinion rows found (expected a 該当箇所 / ご意見 header row)", file=parser.file, line=1)
    document.meta = RoundMeta(
        title=parser.title,
        period_start=parser.period[0],
        period_end=parser.period[1],
        total_submissions=parser.total,
        totals_by_kind=parser.totals_by_kind,
        part_totals=parser.part_totals,
        named_submitters=tuple(parser.named),
        warnings=tuple(parser.warnings),
    )


class _MicParser:
    def __init__(self, file: str):
        self.file = file
        self.title: str | None = None
        self.period: tuple[str | None, str | None] = (None, None)
        self.total: int | None = None
        self.totals_by_kind: dict[str, int] = {}
        self.part_totals: dict[str, int] = {}
        self.named: list[str] = []
        self.warnings: list[str] = []
        self.opinions: list[OpinionRecord] = []
        self.part = "A"
        self.page: str | None = None
        self.table: dict[str, int] | None = None
        self.columns = 0
        self.submitter_table = False
        self.heading: str | None = None
        self.pending: tuple[int, str] | None = None
        self.seq: dict[str, int] = {}

    def error(self, line: int, message: str) -> GuidetraceError:
        return GuidetraceError(message, file=self.file, line=line)

    def feed(self, number: int, line: str) -> None:
        stripped = line.strip()
        if not stripped:
            self._end_table()
            return
        if stripped.startswith("#"):
            self._end_table()
            self._heading_line(stripped)
            return
        cells = line.split("\t")
        check_row(cells, file=self.file, line=number)
        with at_row(self.file, number):
            self._cells(number, stripped, cells)

    def _cells(self, number: int, stripped: str, cells: list[str]) -> None:
        header = map_header(cells) if len(cells) > 1 else None
        if header is not None:
            self._end_table()
            self.table, self.columns = header, len(cells)
            return
        if len(cells) == 2 and not cells[0].strip() and normalize_text(cells[1]) == "意見提出者":
            self.submitter_table = True
            return
        if self.submitter_table:
            self._submitter_row(cells)
            return
        if self.table is None:
            self._front_matter(stripped)
            return
        if len(cells) != self.columns:
            raise self.error(number, f"truncated or malformed row: {len(cells)} tab-separated cell(s) where the header has {self.columns}")
        self._row(number, cells)

    def finish(self) -> None:
        self._end_table()

    def _end_table(self) -> None:
        if self.pending is not None:
            raise self.error(self.pending[0], "summary row with no opinion body after it (truncated table?)")
        self.table = None
        self.submitter_table = False

    def _heading_line(self, text: str) -> None:
        m = _TITLE.match(text)
        if m and self.title is None:
            self.title = normalize_text(m.group("title"))
            return
        m = _PAGE_HEADING.match(text)
        if m:
            if m.group("part") != self.part:
                self.heading = None
            self.part, self.page = m.group("part"), m.group("page")

    def _front_matter(self, text: str) -> None:
        norm = normalize_text(text.lstrip("-* "))
        if m := _PERIOD.search(norm):
            start, end = parse_period(m.group("v"))
            self.period = (start.iso if start else None, end.iso if end else None)
            for parsed in (start, end):
                if parsed and parsed.warning:
                    self.warnings.append(f"period: {parsed.warning}")
        elif m := _TOTALS.search(norm):
            self.total = int(m.group("n"))
            for k in _KIND_COUNT.finditer(m.group("detail") or ""):
                self.totals_by_kind[KIND_LABELS.get(k.group("label"), k.group("label"))] = int(k.group("n"))
        elif m := _PART_TOTAL.match(norm):
            self.part_totals[m.group("part")] = int(m.group("n"))

    def _submitter_row(self, cells: list[str]) -> None:
        first, name = normalize_text(cells[0]), normalize_text(cells[-1])
        if first.isdigit() and name:
            self.named.append(name)

    def _row(self, number: int, cells: list[str]) -> None:
        assert self.table is not None
        get = lambda field: cells[self.table[field]] if field in self.table else ""  # noqa: E731
        opinion, answer = get("opinion"), get("answer")
        location = get("location")
        if "location" in self.table and not html_to_text(opinion) and not html_to_text(answer):
            self.heading = html_to_text(location)
            return
        if "location" not in self.table and not html_to_text(answer):
            self.pending = (number, html_to_text(opinion))
            return
        if not html_to_text(opinion):
            raise self.error(number, "row with an answer but no opinion text (expected the opinion in the second cell)")
        self._opinion(number, location, opinion, answer)

    def _opinion(self, number: int, location: str, opinion: str, answer: str) -> None:
        parts = opinion_parts(opinion)
        response, answer_tag = split_tag(html_to_text(answer))
        body = parts.body
        line = number
        summary = None
        if self.pending is not None:
            line, summary = self.pending
            self.pending = None
        if summary:
            body = f"{summary}\n{body}" if body else summary
        bulk = self.part == "B" or parts.bulk_note
        seq = self.seq[self.part] = self.seq.get(self.part, 0) + 1
        self.opinions.append(
            OpinionRecord(
                part=self.part,
                seq=seq,
                body=body,
                body_html=opinion,
                location=html_to_text(location) or None,
                location_detail=parts.location,
                heading=self.heading,
                submitter=parts.submitter or answer_tag,
                reason=parts.reason,
                proposal=parts.proposal,
                response=response.strip() or None,
                response_html=answer or None,
                bulk=bulk,
                line=line,
                page=self.page,
            )
        )

