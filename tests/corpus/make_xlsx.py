"""Writes the corpus's workbooks (04, 09) with openpyxl, merged cells included.

    python tests/corpus/make_xlsx.py

The content is invented for the corpus; the generated files are committed so the
corpus loads without running this.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

DOCS = Path(__file__).parent / "docs"


def merged_japanese_groups(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "意見と考え方"
    sheet.append(["「公共施設データ利活用指針（第1.0版）」（案）に関する意見募集の結果"])
    sheet.append([])
    sheet.append(["No.", "該当箇所", "提出された意見の概要", "意見に対する考え方"])
    rows = [
        ("Ⅰ　修正を行うもの",),
        ("Ⅰ-1", "第2章第3節", "廃棄の記録を残すことを求める。", "ご意見を踏まえ、廃棄の記録を残す旨を追記します。"),
        ("Ⅰ-2", None, "廃棄の方法として物理破壊を例示すべき。", None),
        ("Ⅰ-3", "別紙2", "チェックリストに委託先の確認項目を加えるべき。", "ご意見のとおり修正します。"),
        ("Ⅱ　その他",),
        ("Ⅱ-1", "3.1.2 審査の基準", "審査に外部有識者を加えるべき。", "審査体制は各施設の規模に応じて定めるものであり、原案のとおりとします。"),
        ("Ⅱ-2", None, "審査結果の理由を必ず示すべき。", None),
        ("Ⅱ-3", "第1章", "目的に市民サービスの向上を明記すべき。", "1.1において、市民サービスの向上に資することを目的として記載しております。"),
        ("Ⅱ-4", "4.2、4.3", "クラウドサービスの利用時の留意点を示すべき。", "今後の改定の際に検討いたします。"),
    ]
    start = sheet.max_row + 1
    for offset, row in enumerate(rows):
        sheet.append(list(row))
        r = start + offset
        if len(row) == 1:
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    # The 該当箇所 and answer cells of Ⅰ-1/Ⅰ-2 and Ⅱ-1/Ⅱ-2 are merged vertically, as publishers print them.
    for first in (start + 1, start + 5):
        sheet.merge_cells(start_row=first, start_column=2, end_row=first + 1, end_column=2)
        sheet.merge_cells(start_row=first, start_column=4, end_row=first + 1, end_column=4)
    book.save(path)


def english_matrix(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Comments"
    sheet.append(["Comment resolution matrix: Guidance on Secure Municipal Data Exchange, Draft 1.0"])
    sheet.append(["Item #", "Organization", "Section", "Page", "Line", "Type", "Comment", "Proposed change",
                  "Response", "Disposition"])
    sheet.append([1, "Northwind Utilities", "4.3", 8, 212, "te",
                  "Supplier management does not require suppliers to report incidents.",
                  "Add an incident reporting duty for suppliers.", "Text added in 4.3.", "Accepted"])
    sheet.append([2, "Northwind Utilities", "5.3", 11, 280, "te",
                  "TLS 1.2 should no longer be allowed for new deployments.",
                  "Require TLS 1.3 only.", "Existing systems still need TLS 1.2 during migration.", "Rejected"])
    sheet.append([3, "Contoso Transit Authority", "Table 3", 11, 295, "ed",
                  "The cipher suite names in the table are misspelled.", "Correct the names.", "Corrected.",
                  "Accepted"])
    sheet.append([4, "Contoso Transit Authority", "6.2", 15, 340, "ge",
                  "Recovery exercises should be held at least annually.", "State a minimum frequency.",
                  "Frequency will be considered in a future revision.", "Deferred"])
    sheet.append([5, "Fabrikam Civic Lab", "", 18, "", "te",
                  "The mapping table omits ISO/IEC 27001:2022 controls.", "Add the 2022 control numbers.",
                  "Accepted in principle; mapping updated.", "Accepted in principle"])
    sheet.append([6, "Fabrikam Civic Lab", "General", "", "", "ge",
                  "The document would benefit from more diagrams.", "Add diagrams.", "Noted.", "Noted"])
    sheet.append([7, "Northwind Utilities", "5.1-5.2", "9-10", "", "te",
                  "Access control and logging should reference each other.", "Cross-reference both clauses.",
                  "Duplicate of comment 12 from the previous round; already addressed.", "Duplicate"])
    book.save(path)


if __name__ == "__main__":
    merged_japanese_groups(DOCS / "04-groups-merged.xlsx")
    english_matrix(DOCS / "09-en-matrix.xlsx")
