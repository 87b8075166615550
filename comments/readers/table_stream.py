"""Rows of a comment table -> opinions, as publishers print them.

Publishers merge cells vertically (one 該当箇所 or one answer over several rows),
repeat the header on every page, split one document into several tables under
headings that say what became of the rows (「ご意見を踏まえ修正するもの」, "Accepted
comments"), and print a number per opinion. This module follows all of that for
every table container (Markdown, TSV, CSV, XLSX): a blank location, answer or
number under a filled one takes the value above (within one group), a heading
between tables starts a new part and is kept as the rows' group, a header row met
again is skipped, and the printed number becomes the opinion's label.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace

from guidetrace.guideline.keys import normalize_text
from guidetrace.trace.errors import GuidetraceError

from ..front_matter import FrontMatter
from ..headers import field_of, map_header
from ..html_text import html_to_text
from ..legend import decode, read_legend
from ..limits import at_row, check_row
from ..opinion_text import opinion_parts, split_tag
from ..records import CommentDocument, OpinionRecord

HEADER_SEARCH_ROWS = 30
CARRIED = ("location", "answer", "number")
SAME_AS_ABOVE = re.compile(r"^(?:同上|上に同じ|上記に同じ|上記と同じ|同左|〃|Same as above|See above|Ditto)[。.]?$", re.I)
_DITTO_PLACE = re.compile(r"^\s*(?:同|〃)\s*(?=[(（\d０-９第部章節編])")  # 同（２）, 同章３: the place above, changed
_PART_LETTER = re.compile(r"^#*\s*(?P<part>[A-Z])[.．]\s")
_NOT_APPLICABLE = re.compile(r"^(?:-|–|—|―|N/?A|n/?a|なし|無し|特になし|ー)$")
Row = tuple[int, list[str] | str]


@dataclass
class TableState:
    """What one pass over a table remembers: columns, the group, values to carry down."""

    file: str
    mapping: dict[str, int] | None = None
    given: bool = False  # columns came from --columns
    header_cells: tuple[str, ...] | None = None
    header_rows: set[tuple[str, ...]] = field(default_factory=set)  # every header row met: repeats are skipped
    width: int | None = None
    part: str = "A"
    part_rows: int = 0
    parts_used: set[str] = field(default_factory=set)
    group: str | None = None
    above: dict[str, str] = field(default_factory=dict)
    seq: dict[str, int] = field(default_factory=dict)
    seen_rows: list[list[str]] = field(default_factory=list)
    headers_found: dict[str, str] = field(default_factory=dict)
    page: str | None = None  # the page being read (PDF)
    section_heading: str | None = None  # the last section-heading row
    page_start: bool = False  # no row read yet on this page
    legend: dict[str, str] | None = None  # answer codes explained above the table (Ａ：計画に反映するもの …)

    def section(self, text: str) -> None:
        """A row naming only a place heads the opinions below it (as in the ministry's own layout)."""
        self.section_heading = normalize_text(html_to_text(text)) or None
        self.above.pop("location", None)

    def heading(self, text: str) -> None:
        """A line between or inside tables: a new group (and part) once rows have been read."""
        text = normalize_text(html_to_text(text.lstrip("#").strip()))
        if not text:
            return
        if (legend := read_legend(text)) is not None:
            self.legend = legend  # explains a code column; heads no rows
            return
        if self.mapping is None:
            self.group = text  # the last line above the first table heads its rows
            return
        m = _PART_LETTER.match(text + " ")
        if m:
            letter = m.group("part")
        elif self.part_rows:
            letter = next(c for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" if c not in self.parts_used | {self.part})
        else:
            letter = self.part
        if letter != self.part:
            self.part, self.part_rows = letter, 0
        self.group = text
        self.above.clear()


def stream_table(rows: Iterator[Row], *, file: str, mapping: dict[str, int] | None,
                 on_header: Callable[[dict[str, str]], None] | None = None,
                 document: CommentDocument | None = None) -> Iterator[OpinionRecord]:
    """`on_header` hears which header fed which field, for the load summary; `document.meta` gets the
    front matter once the rows are read. A string row `\f<page>` marks a new page (PDF)."""
    state = TableState(file=file, mapping=mapping, given=mapping is not None)
    front = FrontMatter()
    pending: OpinionRecord | None = None
    count = 0
    for number, row in rows:
        if isinstance(row, str):
            if row.startswith("\f"):
                state.page, state.page_start = row[1:] or None, True
                continue
            if (legend := read_legend(normalize_text(html_to_text(row)))) is not None:
                state.legend = legend  # before front matter: 対応欄の記号 ◎：計画に反映 ○：記載済み …
            elif not front.feed(row):
                if state.mapping is None:
                    front.offer_title(row)
                state.heading(row)
            continue
        check_row(row, file=file, line=number)
        with at_row(file, number):
            if _is_header(state, row, number):
                if on_header and state.headers_found:
                    on_header(state.headers_found)
                continue
            filled_cells = [c for c in row if c and c.strip()]
            if len(filled_cells) == 1 and (legend := read_legend(normalize_text(html_to_text(filled_cells[0])))):
                state.legend = legend  # a legend in a cell of its own (a workbook's row above the table)
                continue
            if state.mapping is None:
                if len(state.seen_rows) < 3:
                    state.seen_rows.append(row)
                if number > HEADER_SEARCH_ROWS and state.page is None:
                    break
                continue
            filled = [c for c in row if c and c.strip()]
            # a row of one filled cell is a heading, however many empty cells an exporter left after it
            if len(filled) == 1 and row[0].strip() and not _cell(row, state.mapping, "opinion") and \
                    (len(row) > 1 or not row[0].strip().isdigit()):
                if state.mapping.get("location") == 0 and _names_a_place(row[0]):
                    state.section(row[0])  # a section-heading row: the rows below are under it
                elif not front.feed(row[0]):
                    state.heading(row[0])  # a group heading printed as a row of its own
                continue
            if state.width is not None and len(row) < state.width and len(row) <= max(state.mapping.values()):
                raise GuidetraceError(f"truncated row: {len(row)} cell(s) where the header has {state.width}",
                                      file=file, line=number)
            if pending is not None and state.page_start and _continues(state, row):
                pending = _join(pending, row, state.mapping)  # a row the page break cut in two
                state.page_start = False
                continue
            state.page_start = False
            opinion = _opinion(state, row, number)
        if opinion is not None:
            if pending is not None:
                count += 1
                yield pending
            pending = opinion
    if pending is not None:
        count += 1
        yield pending
    if document is not None:
        document.meta = front.meta()
    if state.mapping is None:
        seen = " | ".join("[" + ", ".join(repr(c.strip()[:30]) for c in r if c.strip()) + "]" for r in state.seen_rows)
        raise GuidetraceError(
            "no recognisable table: no header row naming an opinion column (ご意見, 提出された意見, Comment, …) "
            f"in the first {HEADER_SEARCH_ROWS} rows; cells seen: {seen or 'none'}; use --columns to name the columns",
            file=file,
        )
    if count == 0:
        raise GuidetraceError("the table has a header but no opinion rows", file=file)


def _names_a_place(text: str) -> bool:
    """`2.3 スマートシティのセキュリティの概要`, `第2章 …`: a row that opens a section, not a group."""
    from ..locators import default_scanner, normalize_lines

    norm = normalize_lines(html_to_text(text))
    tokens = default_scanner().scan(norm)
    return bool(tokens) and tokens[0].start == 0 and tokens[0].kind in ("address", "general")


def _continues(state: TableState, row: list[str]) -> bool:
    """The first row of a page continues the last one when it has no number of its own (or, in a table
    without numbers, no location or submitter) but text in the opinion or the answer."""
    mapping = state.mapping or {}
    if "number" in mapping:
        return not _cell(row, mapping, "number").strip() and bool(
            _cell(row, mapping, "opinion").strip() or _cell(row, mapping, "answer").strip())
    return not any(_cell(row, mapping, f).strip() for f in ("location", "submitter")) and bool(
        _cell(row, mapping, "opinion").strip())


def _join(opinion: OpinionRecord, row: list[str], mapping: dict[str, int]) -> OpinionRecord:
    def more(old: str | None, name: str) -> str | None:
        extra = html_to_text(_cell(row, mapping, name))
        if not extra:
            return old
        glue = "" if old and re.search(r"[\u3000-\u9fff]$", old) and re.match(r"[\u3000-\u9fff]", extra) else " "
        return (old or "") + (glue if old else "") + extra

    return replace(opinion, body=more(opinion.body, "opinion") or "", response=more(opinion.response, "answer"),
                   body_html=more(opinion.body_html, "opinion"), response_html=more(opinion.response_html, "answer"),
                   proposal=more(opinion.proposal, "proposal") if "proposal" in mapping else opinion.proposal)


def _is_header(state: TableState, row: list[str], number: int) -> bool:
    """The first header row sets the columns; the same header met again (a page break, a new table) is skipped."""
    if _repeats_header(state, row):
        return True
    found = map_header(row)
    if found is None:
        if state.given and state.header_cells is None and _looks_like_labels(row):
            compact = _compact_row(row)
            state.header_cells, state.width = compact, len(row)
            state.header_rows.add(compact)
            return True
        return False
    compact = _compact_row(row)
    if state.mapping is None or state.header_cells is None:
        state.mapping = state.mapping if state.given else found
        state.header_cells, state.width = compact, len(row)
    elif not state.part_rows and not state.given:
        # A second header row under the first (御意見 spanning 該当箇所 | 御意見の概要): its labels are the
        # specific ones; the first row's stay where the second says nothing.
        merged = dict(found)
        for name, index in state.mapping.items():
            if name not in merged and index not in merged.values():
                merged[name] = index
        state.mapping, state.width = merged, max(state.width or 0, len(row))
    elif state.part_rows and not state.given and len(found) == len([c for c in row if c.strip()]):
        state.mapping = found  # a later table with its own columns, every one of them known
        state.width = len(row)
    state.header_rows.add(compact)
    state.headers_found = {f: f"{normalize_text(html_to_text(row[i]))} ({i + 1})" if i < len(row) and row[i].strip()
                           else state.headers_found.get(f, f"({i + 1})") for f, i in (state.mapping or {}).items()}
    state.above.clear()
    return True


def _compact_row(row: list[str]) -> tuple[str, ...]:
    return tuple(normalize_text(html_to_text(c)) for c in row)


def _repeats_header(state: TableState, row: list[str]) -> bool:
    """A header met again. Compared cell by cell and lazily: most rows differ in their first cell, so an
    opinion's long text is never normalised just to be told it is not a header."""
    for header in state.header_rows:
        if len(header) == len(row) and all(normalize_text(html_to_text(c)) == h for c, h in zip(row, header)):
            return True
    return False


def _looks_like_labels(row: list[str]) -> bool:
    """With --columns a header may use words no synonym knows: short labels, no numbers, no sentences."""
    filled = [normalize_text(html_to_text(c)) for c in row if c and c.strip()]
    return bool(filled) and all(len(c) <= 40 and not re.search(r"\d", c) and not re.search(r"[。.!?]$", c)
                                for c in filled) and any(field_of(c) for c in filled) | (len(filled) >= 2)


def _cell(row: list[str], mapping: dict[str, int], name: str) -> str:
    index = mapping.get(name)
    return row[index] if index is not None and index < len(row) else ""


def _opinion(state: TableState, row: list[str], number: int) -> OpinionRecord | None:
    mapping = state.mapping or {}
    raw_opinion = _cell(row, mapping, "opinion")
    if not html_to_text(raw_opinion):
        if html_to_text(_cell(row, mapping, "answer")):
            raise GuidetraceError("row with an answer but no opinion text", file=state.file, line=number)
        if html_to_text(_cell(row, mapping, "location")):
            state.section(_cell(row, mapping, "location"))
        return None
    values = {name: html_to_text(_cell(row, mapping, name)) for name in CARRIED}
    carried: list[str] = []
    pages = {f: html_to_text(_cell(row, mapping, f)) for f in ("page", "line")}
    # a row that gives a page or line of its own, other than the row above's, is not under a merged 該当箇所
    own_place = any(cell and not SAME_AS_ABOVE.match(cell) and cell != state.above.get(f"@{f}")
                    for f, cell in pages.items())
    for f, cell in pages.items():  # 〃 in the page column too: the page above
        if SAME_AS_ABOVE.match(cell) and f"@{f}" in state.above:
            pages[f] = state.above[f"@{f}"]
        if pages[f]:
            state.above[f"@{f}"] = pages[f]
    if (m := _DITTO_PLACE.match(values.get("location") or "")) and state.above.get("location"):
        values["location"] = ditto_place(state.above["location"], values["location"][m.end():])
    for name in CARRIED:
        if name == "location" and own_place and not SAME_AS_ABOVE.match(values[name]):
            if values[name]:
                state.above[name] = values[name]
            continue  # a row that gives its own page or line is not under a merged 該当箇所
        if name in mapping and (not values[name] or SAME_AS_ABOVE.match(values[name])) and name in state.above:
            values[name] = state.above[name]
            carried.append(name)
        if values[name]:
            state.above[name] = values[name]
    parts = opinion_parts(raw_opinion)
    response, answer_tag = split_tag(values["answer"])
    organization = normalize_text(html_to_text(_cell(row, mapping, "organization")))
    submitter = organization or normalize_text(html_to_text(_cell(row, mapping, "submitter"))) or parts.submitter \
        or answer_tag
    count_text = normalize_text(_cell(row, mapping, "count"))
    count = int(m.group(0)) if (m := re.search(r"\d+", count_text)) else None
    state.seq[state.part] = state.seq.get(state.part, 0) + 1
    state.part_rows += 1
    state.parts_used.add(state.part)
    label = normalize_text(values["number"])[:100] or None
    return OpinionRecord(
        part=state.part,
        seq=state.seq[state.part],
        number=label,
        body=parts.body,
        body_html=raw_opinion,
        location=_location(values["location"], pages["page"], pages["line"],
                           _cell(row, mapping, "location_detail")),
        heading=state.section_heading,
        location_detail=parts.location,
        submitter=submitter or None,
        reason=html_to_text(_cell(row, mapping, "reason")) or parts.reason,
        proposal=html_to_text(_cell(row, mapping, "proposal")) or parts.proposal,
        response=response.strip() or None,
        response_html=_cell(row, mapping, "answer") or (values["answer"] if "answer" in carried else None) or None,
        revised_flag=normalize_text(_cell(row, mapping, "revised")) or None,
        disposition_cell=decode(normalize_text(html_to_text(_cell(row, mapping, "disposition"))), state.legend) or None,
        bulk=parts.bulk_note or (count is not None and count > 1),
        represents=count,
        line=number,
        page=state.page,
        carried=tuple(carried),
        group=state.group,
    )


def ditto_place(above: str, rest: str) -> str:
    """同（２） under 第２章２（１） is 第２章２（２）: the rest replaces the place's last number of its kind."""
    above = above.split("\n", 1)[0].strip()
    if unit := re.match(r"[部章節編]", rest):  # 同章３ under 第２部第３章１: 第２部第３章 + ３
        cut = above.find(unit.group(0))
        return (above[:cut + 1] + rest[1:]) if cut >= 0 else rest[1:]
    if re.match(r"[(（]", rest):
        return re.sub(r"[(（][^)）]*[)）]\s*$", "", above) + rest
    if re.match(r"[\d０-９]", rest):
        return re.sub(r"[\d０-９]+[.．]?\s*$", "", above) + rest
    return rest


def _location(section: str, page: str, line: str, detail: str = "") -> str | None:
    """The 該当箇所 cell, with the page, line and paragraph/figure/table columns of English logs beside it."""
    section = "" if _NOT_APPLICABLE.match(section.strip()) else section
    detail = normalize_text(html_to_text(detail))
    if detail and not _NOT_APPLICABLE.match(detail):
        base = normalize_text(section).rstrip(".")
        if section and normalize_text(detail).startswith(base + "."):
            section = detail  # Section 1, Para 1.2: the paragraph's number holds the section's
        elif re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", base) and re.fullmatch(r"\d{1,3}(?:\s*[-–,、]\s*\d{1,3})*", detail):
            # Chapter 3, Para 12-13: the paragraphs' numbers count inside the chapter (3.12 - 3.13)
            section = re.sub(r"\d{1,3}", lambda m: f"{base}.{m.group(0)}", detail)
        else:
            section = f"{section}\n{detail}" if section else detail
    page, line = normalize_text(html_to_text(page)), normalize_text(html_to_text(line))
    parts = [section] if section else []
    if page and not _NOT_APPLICABLE.match(page):
        parts.append(page if re.search(r"[A-Za-zぁ-ん頁]", page) else f"p. {page}")
    if line and not _NOT_APPLICABLE.match(line):
        parts.append(line if re.search(r"[A-Za-z行]", line) else f"line {line}")
    return "\n".join(parts) or None
