"""Result PDFs at scale: load time and peak memory for a generated 100-page and 1,000-page table.

    python benchmarks/pdf_bench.py [--pages 100 1000]

The table (invented text, four columns, a header repeated on every page) is written
with python-docx and converted to PDF by LibreOffice, as publishers make them, at
about 100 pages; longer documents repeat those pages (pypdfium2), because
LibreOffice takes far too long to lay out a 1,000-page table. Then `guidetrace
comments load` runs in a child process whose wall time and peak RSS (os.wait4) are
reported. Generated files go to benchmarks/out/.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
ROWS_PER_PAGE = 12  # measured on this layout: about twelve rows of this length per A4 page


def make_pdf(pages: int) -> Path:
    pdf = OUT / f"results-{pages}p.pdf"
    if pdf.exists():
        return pdf
    if pages <= 100:
        return _libreoffice_pdf(pages, pdf)
    import pypdfium2 as pdfium

    base = pdfium.PdfDocument(make_pdf(100))
    out = pdfium.PdfDocument.new()
    while len(out) < pages:
        out.import_pages(base, list(range(min(len(base), pages - len(out)))))
    out.save(pdf)
    return pdf


def _libreoffice_pdf(pages: int, pdf: Path) -> Path:
    from docx import Document

    OUT.mkdir(exist_ok=True)
    doc = Document()
    doc.add_paragraph("「ベンチマーク用指針」（案）に対する御意見と考え方")
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["番号", "該当箇所", "御意見の概要", "御意見に対する考え方"]):
        cell.text = text
    for i in range(1, pages * ROWS_PER_PAGE + 1):
        cells = table.add_row().cells
        cells[0].text = str(i)
        cells[1].text = f"{i % 7 + 1}.{i % 5 + 1}"
        cells[2].text = f"御意見その{i}。利用者への説明を充実させるべきと考えます。"
        cells[3].text = "今後の参考とさせていただきます。" if i % 3 else "御意見を踏まえ、修正いたします。"
    docx = OUT / f"results-{pages}p.docx"
    doc.save(docx)
    soffice = shutil.which("soffice") or sys.exit("LibreOffice (soffice) is needed")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/p", "--headless", "--convert-to", "pdf",
                        "--outdir", str(OUT), str(docx)], check=True, capture_output=True, timeout=3600)
    return pdf


def measure(pdf: Path) -> tuple[float, float, int]:
    """Seconds, peak RSS in MB, and the number of pages."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        pages = len(doc.pages)
    tree = HERE.parent / "tests" / "corpus" / "trees" / "jp-numbered.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "b.db"
        exe = shutil.which("guidetrace") or str(Path(sys.executable).parent / "guidetrace")
        subprocess.run([exe, "--db", str(db), "guideline", "load", str(tree)], check=True, capture_output=True)
        start = time.perf_counter()
        proc = subprocess.Popen([exe, "--db", str(db), "comments", "load", str(pdf), "--revision", "1.0-draft"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if status != 0:
            sys.exit(f"load failed: {proc.stderr.read().decode() if proc.stderr else status}")
    return seconds, usage.ru_maxrss / 1024, pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    print(f"{'pages':>6} {'opinions':>9} {'seconds':>8} {'peak RSS MB':>12}")
    for n in args.pages:
        pdf = make_pdf(n)
        seconds, rss, pages = measure(pdf)
        print(f"{pages:>6} {pages * ROWS_PER_PAGE:>9} {seconds:>8.1f} {rss:>12.0f}")


if __name__ == "__main__":
    main()
