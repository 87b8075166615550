"""The guideline importers: one record per source format (trace/registry.py says what a record holds).

Tried in order: the first whose `sniff` accepts the file's first 4 KB, or whose ending it is, reads it;
the first without a sniff (Markdown) reads what none claims. Each is called with the path and returns
the headings found, in document order.
"""

from __future__ import annotations

from guidetrace.trace.registry import Plugin, Registry

_I = "guidetrace.guideline.importers"


def is_pdf(head: bytes) -> bool:
    return head.startswith(b"%PDF-")


def is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def is_html(head: bytes) -> bool:
    return b"<html" in head.lower() or b"<h1" in head.lower()


IMPORTERS = Registry("guideline importers", "source", (
    Plugin("pdf", "import_pdf", f"{_I}.pdf_source:pdf_headings", (), is_pdf,
           help="The outline (bookmarks), else the table of contents, found in the body."),
    Plugin("docx", "import_docx", f"{_I}.text_sources:docx_headings", (), is_zip, help="Heading styles or numbering."),
    Plugin("html", "import_html", f"{_I}.text_sources:html_headings", (".html", ".htm"), is_html,
           help="`<h1>`…`<h6>` headings."),
    Plugin("markdown", "import_markdown", f"{_I}.text_sources:markdown_headings", (".md", ".markdown"),
           help="# headings (any other text file too)."),
))
