"""Writes the second blind batch's workbook (49) with openpyxl, merged cells included.

    python tests/corpus/make_xlsx_blind29b.py

The content is invented for the corpus (blind batch 2, issue 29); the generated file is
committed so the corpus loads without running this.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

DOCS = Path(__file__).parent / "docs"


def merged_pillars(path: Path) -> None:
    """A ministry's results sheet: title rows, a page column, submitters, merged place and answer cells."""
    book = Workbook()
    sheet = book.active
    sheet.title = "意見及び考え方"
    sheet.append(["「地域脱炭素推進基本方針（案）」に対する御意見及び御意見に対する考え方（第２回意見募集）"])
    sheet.append(["募集期間：令和８年３月２日～令和８年３月３１日　／　御意見数：１２件（９者）"])
    sheet.append(["※御意見は原文のまま掲載せず、要旨としています。"])
    sheet.append([])
    sheet.append(["通し番号", "頁", "該当箇所", "提出者", "御意見の概要", "御意見に対する考え方"])
    rows = [
        (1, "2", "第１章２", "事業者団体", "本方針の法的な位置付けが不明確である。",
         "本方針は、法律に基づく計画ではなく、地域脱炭素に関する国の考え方を示すものです。その旨を明記いたしました。"),
        (2, "3", "第２章（推進方針Ａ）", "個人", "太陽光パネルの設置で景観が損なわれている地域がある。",
         "地域との共生については、推進方針Ａにおいて「地域の合意形成を前提とする」と記載しております。"),
        (3, "3", None, "個人", "地熱発電の活用を具体的に書き込むべき。",
         "地熱発電については、温泉事業者等との調整が地域ごとに必要であることから、具体的な記載は控えております。"),
        (4, "5", "推進方針Ｃ", "労働組合", "公正な移行には、労働者の学び直しの支援が欠かせない。",
         "公正な移行に係る具体的な施策については、関係省庁と連携し、検討を進めてまいります。"),
        (5, "5", None, "個人", "産業の転換が地域経済に与える影響を調査すべき。", None),
        (6, "8", "第３章　取組の柱１（２）", "事業者", "地域新電力への自治体の出資について指針を示してほしい。",
         "次期方針の改定に向けて検討いたします。"),
        (7, "10-11", "取組の柱２（１）（２）", "個人", "賃貸住宅や中小企業の省エネも対象に含めるべき。",
         "御意見を踏まえ、（１）に賃貸住宅の断熱改修を追加し、（２）に中小企業向けの記述を加えました。"),
        (8, "12-13", "取組の柱３", "個人", "地方では公共交通が不便で、自家用車に頼らざるを得ない。",
         "御意見として承ります。"),
        (9, "15", "第４章１", "地方公共団体", "国と自治体の役割分担を明確にしてほしい。",
         "地方公共団体の役割は、第４章１に記載しているとおりです。"),
        (10, "16", "第４章２", "個人", "フォローアップは半年ごとに行うべき。",
         "原案のとおりとします。フォローアップは毎年度実施することとしており、頻度を上げる必要はないと考えております。"),
        (11, "―", "全般", "個人", "地域主導の脱炭素を掲げた本方針に全面的に賛成する。",
         "本方針への御賛同、ありがとうございます。"),
        (12, "―", "―", "個人", "電気料金の高騰に対する家計への支援を行ってほしい。",
         "電気料金の負担軽減策については所管外のため、担当省庁にお伝えします。"),
    ]
    start = sheet.max_row + 1
    for row in rows:
        sheet.append(list(row))
    # As printed: the place of 2–3 and of 4–5 in one merged cell, and one answer for 4–5.
    sheet.merge_cells(start_row=start + 1, start_column=3, end_row=start + 2, end_column=3)
    sheet.merge_cells(start_row=start + 3, start_column=3, end_row=start + 4, end_column=3)
    sheet.merge_cells(start_row=start + 3, start_column=6, end_row=start + 4, end_column=6)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
    for line in sheet.iter_rows(min_row=start):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.save(path)


if __name__ == "__main__":
    merged_pillars(DOCS / "49-xlsx-merged-pillars.xlsx")
