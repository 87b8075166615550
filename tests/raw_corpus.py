"""A generated raw consultation (invented text) with planted campaigns and themes.

Each campaign is a base text whose copies change the way campaign mail changes:
です/ます added to each sentence, punctuation dropped or swapped, a greeting line, a
receipt number glued to the start, a word changed. Short campaigns (under 60
characters) are included. Individual submissions are distinct texts, some of them
close to a campaign in topic but not copies (賛成 where the campaign says 反対).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

CAMPAIGNS = {
    "camera": ["監視カメラの顔認証機能の導入に反対", "住民の行動履歴が本人の同意なく蓄積される", "データの保存期間を明記し、目的外利用を禁止してほしい"],
    "card": ["行政手続でのデジタル身分証の利用の義務化に反対", "紙の手続を必ず残してほしい", "高齢者や障害のある人が取り残される"],
    "shelter": ["避難所の位置情報を民間事業者に提供することに懸念がある", "提供先の安全管理措置を公表してほしい"],
    "short": ["顔認証の導入に反対"],
    "short2": ["データの販売をやめてほしい"],
}
THEMES = {  # planted themes, each written differently by six people: compound terms (one ending in 権, one
    # in 元), single nouns; the camera campaign carries 本人同意 in every copy but must count once
    "匿名加工情報": ["匿名加工情報の作成基準が曖昧だと思う", "提供されるのが匿名加工情報なのか分からない",
                 "匿名加工情報であっても再識別の危険がある", "匿名加工情報を作る担当者の研修が必要だ",
                 "事業者に渡す前に匿名加工情報の確認手順を定めるべき", "匿名加工情報の公表範囲を決めてほしい"],
    "データ仲介事業者": ["データ仲介事業者の登録制を導入すべき", "どのデータ仲介事業者が関わるのか公表してほしい",
                   "データ仲介事業者に対する監査が見えない", "外国のデータ仲介事業者への委託は避けてほしい",
                   "データ仲介事業者の選び方に基準がない", "データ仲介事業者の責任の所在をはっきりさせて"],
    "浸水想定区域": ["浸水想定区域のデータも公開してほしい", "避難計画には浸水想定区域の更新が欠かせない",
               "浸水想定区域を地図で示してもらいたい", "うちの町内は浸水想定区域に入っているのか知りたい",
               "浸水想定区域の情報は毎年見直すべきだ", "学校が浸水想定区域にあるなら対策が要る"],
    "同意撤回権": ["同意撤回権の行使方法を具体的に書いてほしい", "一度同意しても同意撤回権があることを知らせるべき",
              "同意撤回権を行使したら過去のデータも消してほしい", "窓口に行かなくても同意撤回権を使えるようにして",
              "同意撤回権の説明が案のどこにも見当たらない", "子どもの分の同意撤回権は親が使えるのか"],
    "提供元": ["データの提供元を明記してほしい", "提供元が民間企業の場合の扱いが不明", "提供元ごとに利用条件が違うのは困る",
            "提供元の許可なく二次利用されないか心配", "提供元への問い合わせ先を載せるべき", "提供元の一覧を毎年公表すること"],
}
FILLERS = ["通学路の安全対策を優先してほしい", "公園の照明を増やしてほしい", "図書館の開館時間を延ばしてほしい",
           "バスの本数を増やしてほしい", "ごみの分別ルールを分かりやすくしてほしい", "子育て支援の窓口を一本化してほしい",
           "道路の補修を早めてほしい", "公共施設の予約システムを改善してほしい", "防災訓練を休日にも実施してほしい",
           "市のホームページを見やすくしてほしい"]


@dataclass(frozen=True)
class Submission:
    id: str
    text: str
    campaign: str | None  # the planted campaign, None for an individual text


def _copy(sentences: list[str], rng: random.Random, variant: int) -> str:
    polite = variant % 2 == 1
    ends = ["です。" if polite and not s.endswith("ほしい") else ("です。" if polite else "。") for s in sentences]
    if variant % 5 == 3:
        ends = ["！" if e == "。" else e.replace("。", "！") for e in ends]
    body = "\n".join(s + e for s, e in zip(sentences, ends))
    if variant % 7 == 4:
        body = body.replace("、", "").replace("。", "")
    if variant % 4 == 2:
        body = "いつもお世話になっております。\n" + body + "\nよろしくお願いいたします。"
    if variant % 6 == 5:
        body = f"受付番号{rng.randint(10000000, 99999999)}-{rng.randint(1000, 9999)}" + body
    if variant % 9 == 8:
        body = body.replace("反対", "強く反対")
    return body


def generate(copies: int = 40, seed: int = 7) -> list[Submission]:
    rng = random.Random(seed)
    out: list[Submission] = []
    n = 0
    for name, sentences in CAMPAIGNS.items():
        count = copies * (5 if name == "camera" else 1)
        for v in range(count):
            n += 1
            text = _copy(sentences, rng, v)
            if name == "camera":  # the big campaign carries one planted theme, in every copy
                text += "\n本人同意の取得手続が不透明です。"
            out.append(Submission(f"R{n:05d}", text, name))
    for theme, sentences in THEMES.items():
        for sentence in sentences:  # six different people write about each planted theme
            n += 1
            out.append(Submission(f"R{n:05d}", f"{sentence}。", None))
    for k, filler in enumerate(FILLERS):
        n += 1
        out.append(Submission(f"R{n:05d}", f"{filler}。第{k + 1}地区の住民として意見します。", None))
    n += 1
    out.append(Submission(f"R{n:05d}", "監視カメラの顔認証機能の導入に賛成です。防犯に役立つと考えます。", None))
    rng.shuffle(out)
    return out


def write_csv(path, submissions: list[Submission]) -> None:  # type: ignore[no-untyped-def]
    import csv

    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["受付番号", "提出者", "意見"])
        for s in submissions:
            w.writerow([s.id, "個人", s.text])
