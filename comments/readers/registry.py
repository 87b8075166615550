"""The comment readers: one record per document format (trace/registry.py says what a record holds).

Order is the order content is tried in. A reader that takes no `encoding` reads a container (PDF, Word,
Excel): it is recognised by its bytes before its name (`sniff` is given the path). One that takes
`encoding` reads text: by its name, then by its first megabyte (`sniff` is given the text); the first
text reader without a sniff (CSV) takes what no other claims. Each reader is called with the file and
the options it lists; `label` names the layout in the catalogue, as load summaries show it.
"""

from __future__ import annotations

from guidetrace.trace.registry import Plugin, Registry

_R = "guidetrace.comments.readers"
TABLE = ("columns", "encoding")

READERS = Registry("comment readers", "format", (
    Plugin("mic", "layout_mic", f"{_R}.mic:read_mic_file", sniff=f"{_R}.mic:looks_like_mic", options=("encoding",),
           help="The ministry's published layout: the PDF's text export, tab-separated, HTML cells, parts A and B."),
    Plugin("markdown", "layout_markdown", f"{_R}.table:read_markdown", sniff=f"{_R}.sniffs:is_pipe_table",
           options=TABLE, help="A Markdown pipe table."),
    Plugin("tsv", "layout_tsv", f"{_R}.table:read_tsv", (".tsv", ".tab"), f"{_R}.sniffs:is_tab_separated",
           TABLE, help="Tab-separated values (Excel's \"Unicode text\")."),
    Plugin("csv", "layout_csv", f"{_R}.table:read_csv", (".csv",), None, TABLE, help="Comma-separated values."),
    Plugin("xlsx", "layout_xlsx", f"{_R}.table:read_xlsx", (".xlsx", ".xlsm"), f"{_R}.sniffs:is_xlsx", ("columns",),
           help="An Excel workbook, sheet by sheet."),
    Plugin("pdf", "layout_pdf", f"{_R}.pdf_tables:read_pdf", (".pdf",), f"{_R}.sniffs:is_pdf", ("columns",),
           help="A PDF's ruled tables, page by page."),
    Plugin("docx", "layout_docx", f"{_R}.word_tables:read_docx", (".docx",), f"{_R}.sniffs:is_docx", ("columns",),
           help="A Word document's tables."),
))
