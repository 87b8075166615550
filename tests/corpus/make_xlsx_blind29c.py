"""Writes the third blind batch's workbook (62) with openpyxl, merged cells included.

    python tests/corpus/make_xlsx_blind29c.py

The content is invented for the corpus (blind batch 3, issue 29); the generated file is
committed so the corpus loads without running this.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

DOCS = Path(__file__).parent / "docs"


def symbol_legend(path: Path) -> None:
    """A town's results sheet: a legend of ◎○△×－ above the header, a page column, merged cells."""
    book = Workbook()
    sheet = book.active
    sheet.title = "パブコメ結果"
    sheet.append(["第４期架空町地域福祉計画（案）に対する意見募集の結果"])
    sheet.append(["意見募集期間：令和８年１２月１日～令和９年１月５日　提出者：６人　意見件数：１３件"])
    sheet.append(["対応欄の記号　◎：計画に反映　○：計画に記載済み　△：今後の参考　×：反映困難　－：その他"])
    sheet.append(["番号", "頁", "項目", "ご意見の内容", "町の考え方", "対応"])
    rows = [
        (1, "2", "第１章２　計画の位置付け", "社会福祉協議会の地域福祉活動計画との関係を書いてほしい。",
         "社会福祉協議会の地域福祉活動計画と一体的に策定している旨を追記しました。", "◎"),
        (2, "5-6", "第２章２", "アンケートの回収率が低く、町民の声を十分に反映していないのではないか。",
         "アンケートの回収率については、第２章２に記載のとおりです。"
         "次回の調査では、Ｗｅｂ回答を導入するなど、回収率の向上に努めます。", "○"),
        (3, "8", "第４章１（１）見守り活動の推進", "見守りにＩＣＴ機器を活用してはどうか。",
         "ご意見を踏まえ、「ＩＣＴを活用した見守りサービスの周知」を取組に加えました。", "◎"),
        (4, "8", None, "民生委員のなり手がおらず、見守り活動が続かない。",
         "民生委員の担い手確保については、町としても大きな課題と認識しており、今後の施策の参考とさせていただきます。", "△"),
        (5, "9", "４－１－（２）", "地域サロンに男性が参加しにくい。",
         "男性の参加促進については、「多様な世代や男性が参加しやすいサロン運営の支援」として記載しております。", "○"),
        (6, "10", "第４章２（１）", "相談窓口をワンストップにしてほしい。",
         "包括的な相談窓口については、令和９年度中の設置に向けて、庁内で検討を進めております。", "－"),
        (7, "10", "第４章２（１）", "働いている人のために、土日も相談できるようにしてほしい。", None, "－"),
        (8, "11", "第４章２（２）", "成年後見制度の中核機関を早く設置してほしい。",
         "成年後見制度の利用促進については、近隣町と共同で中核機関を設置する方向で協議を進めており、"
         "計画にも盛り込んでおります。", "○"),
        (9, "12", "第４章３（１）", "個別避難計画の作成率の目標を計画に入れるべき。",
         "個別避難計画の作成は、町地域防災計画に基づいて進めるものであり、本計画で目標値を設定することは考えておりません。", "×"),
        (10, "13", "第４章３（２）", "デマンド交通の運行区域を町内全域に広げてほしい。",
         "デマンド交通の運行区域については、地域公共交通会議において協議する事項のため、"
         "いただいたご意見は同会議に報告いたします。", "－"),
        (11, "16-18", "資料編", "用語解説に「重層的支援体制整備事業」を加えてほしい。",
         "ご指摘の用語を資料編の用語解説に加えます。", "◎"),
        (12, "―", "全般", "計画の内容を町民に分かりやすく伝えるため、概要版を作ってほしい。",
         "計画の策定後、概要版を作成し、全戸に配布する予定です。", "－"),
        (13, "―", "―", "役場の窓口で職員の対応が冷たいと感じた。",
         "職員の接遇に関するご意見として承り、今後の職員研修に活かしてまいります。", "－"),
    ]
    start = sheet.max_row + 1
    for row in rows:
        sheet.append(list(row))
    # As printed: one 項目 cell over opinions 3–4, one answer over opinions 6–7.
    sheet.merge_cells(start_row=start + 2, start_column=3, end_row=start + 3, end_column=3)
    sheet.merge_cells(start_row=start + 5, start_column=5, end_row=start + 6, end_column=5)
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=6)
    sheet["A1"].font = Font(bold=True)
    for line in sheet.iter_rows(min_row=start):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    book.save(path)


if __name__ == "__main__":
    symbol_legend(DOCS / "62-xlsx-symbol-legend.xlsx")
