"""Writes the blind batch's workbook (31, issue 29) with openpyxl, merged cells included.

    python tests/corpus/make_xlsx_blind29.py

A children's version of a city's comment results: plain words, a title merged across the sheet,
a 該当箇所 and an answer merged over two opinions, a group heading merged across. The content is
invented; the generated file is committed so the corpus loads without running this.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

DOCS = Path(__file__).parent / "docs"


def children_version(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "こどもの意見"
    sheet.append(["「第2期架空市子ども・若者未来計画（そあん）」へのこども・わかものの意見と市の考え方"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=4)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["小学生・中学生・高校生のみなさんから、8件の意見をもらいました。ありがとうございました。"])
    sheet.append([])
    sheet.append(["No.", "該当箇所", "いただいた意見", "市の考え方"])
    start = sheet.max_row + 1
    rows = [
        (1, "第３章 施策の柱２（１）", "学校が終わったあと、友だちと勉強できる場所がほしいです。",
         "放課後の居場所づくりとして、図書館や公民館に学習スペースを増やしていきます。"),
        (2, None, "放課後に学校の体育館を使えるようにしてほしい。", None),
        (3, "第２章 基本的方針Ａ", "「すべての子ども」の中に外国から来た子どもも入っていることを書いてほしい。",
         "みなさんの意見をうけて、「外国につながる子どもをふくむ」という言葉を計画に書き加えました。"),
        (4, "施策の柱２の（３）学習支援の充実", "勉強を教えてくれる大学生のボランティアをふやしてほしい。",
         "計画の中に、大学生ボランティアによる学習支援を書いています。これからも大学と協力して進めていきます。"),
        (5, "第１章２", "計画の期間が５年は長いと思います。",
         "計画は５年ごとに見直すきまりになっているため、このままとします。毎年、進み具合をたしかめます。"),
        (6, "全体", "子どもの意見を聞いてくれてうれしいです。", "意見を送ってくれてありがとうございました。"),
        (7, "第３章", "スマホの使いすぎについても計画に入れてほしい。",
         "スマートフォンとのつきあい方については、次の計画をつくるときに考えます。"),
        ("計画以外のご意見",),
        (8, None, "近所の公園のトイレをきれいにしてほしい。",
         "この計画とは別のことですが、公園を担当している課に伝えました。"),
    ]
    for offset, row in enumerate(rows):
        sheet.append(list(row))
        if len(row) == 1:
            r = start + offset
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
    # No.1 and No.2 share one 該当箇所 and one answer, merged vertically as the city printed them.
    sheet.merge_cells(start_row=start, start_column=2, end_row=start + 1, end_column=2)
    sheet.merge_cells(start_row=start, start_column=4, end_row=start + 1, end_column=4)
    for column, width in zip("ABCD", (6, 26, 50, 60)):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=start):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.save(path)


if __name__ == "__main__":
    children_version(DOCS / "31-named-parts-children.xlsx")
