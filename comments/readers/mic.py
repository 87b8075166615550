"""The layout of the ministry's published results ("mic"), as a text export of its PDF.

Tab-separated rows with HTML in cells; a header row repeated on every page; page
headings `# A. … 3`; section-heading rows with empty opinion and answer cells that
set the context for the rows below; part B rows whose summary sits on a line of
its own above the body; front matter with the period, totals and named submitters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from guidetrace.guideline.keys import normalize_text
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.textfile import open_lines, sniff

from ..front_matter import FrontMatter
from ..headers import map_header
from ..html_text import html_to_text
from ..limits import at_row, check_row
from ..opinion_text import opinion_parts, split_tag
from ..records import CommentDocument, OpinionRecord, RoundMeta
from .table import iter_lines

_PAGE_HEADING = re.compile(r"^#\s*(?P<part>[A-Z])[.．]\s*.*?(?:\s(?P<page>\d+))?\s*$")
_TITLE = re.compile(r"^#\s*(?P<title>[「『].+)$")


def looks_like_mic(text: str) -> bool:
    head = text[:20000]
    return "\t" in head and bool(re.search(r"^#\s*[A-Z][.．]", head, re.M)) and "該当箇所\t" in head


def read_mic(source: str | Iterable[tuple[int, str]], *, file: str) -> CommentDocument:
    """`source`: the whole text, or numbered lines streaming from the file."""
    parser = _MicParser(file)
    document = CommentDocument(file=file, layout="mic", meta=RoundMeta(), opinions=iter(()))
    document.opinions = _stream(parser, iter_lines(source) if isinstance(source, str) else source, document)
    return document


def read_mic_file(path: Path, *, encoding: str | None = None) -> CommentDocument:
    """The file streamed line by line, in the encoding its first megabyte settles (or the one given)."""
    return read_mic(open_lines(path, encoding=sniff(path, encoding=encoding).encoding), file=str(path))


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
    document.meta = parser.front.meta()


class _MicParser:
    def __init__(self, file: str):
        self.file = file
        self.front = FrontMatter()
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
            raise self.error(number, f"truncated or malformed row: {len(cells)} tab-separated cell(s) "
                                     f"where the header has {self.columns}")
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
        if m and self.front.title is None:
            self.front.offer_title(m.group("title"))
            return
        m = _PAGE_HEADING.match(text)
        if m:
            if m.group("part") != self.part:
                self.heading = None
            self.part, self.page = m.group("part"), m.group("page")

    def _front_matter(self, text: str) -> None:
        self.front.feed(text)

    def _submitter_row(self, cells: list[str]) -> None:
        first, name = normalize_text(cells[0]), normalize_text(cells[-1])
        if first.isdigit() and name:
            self.front.named.append(name)

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

