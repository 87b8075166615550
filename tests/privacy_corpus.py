"""A generated corpus of submissions with planted personal data (all invented) and clean texts.

People are random pairs from short lists of common surnames and given names; towns,
streets, numbers and addresses are made up; My Numbers get a valid check digit. Each
kind is written in several forms (full-width digits, hyphens or none, brackets,
honorifics, a signature line, 「私、○○は」, 氏名：). Clean texts carry what must not be
masked: section numbers, consultation dates, organisation names, guideline quotes.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

SURNAMES = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木",
            "山口", "松本", "井上", "木村", "林", "斎藤", "清水"]
GIVEN = ["太郎", "花子", "一郎", "健太", "美咲", "翔太", "陽子", "大輔", "直子", "健一", "由美", "誠", "明美", "拓也",
         "恵子", "浩", "真由美", "隆", "愛", "悠斗"]
PREFS = ["東京都", "神奈川県", "大阪府", "愛知県", "福岡県", "北海道", "京都府", "埼玉県"]
CITIES = ["青葉市", "緑区", "桜町", "若葉市", "中央区", "東山市"]
TOWNS = ["本町", "栄", "旭が丘", "港南", "日の出", "松風"]
OPINIONS = ["顔認証カメラの設置に反対します", "データの保存期間を明記してほしい", "避難所の情報提供に懸念があります",
            "紙の手続を残してほしい", "第三者提供の範囲を限定すべきです"]
WIDE = str.maketrans("0123456789-", "０１２３４５６７８９－")


@dataclass
class Planted:
    kind: str
    value: str


@dataclass
class Doc:
    text: str
    submitter: str | None = None
    planted: list[Planted] = field(default_factory=list)


def my_number(rng: random.Random) -> str:
    body = [rng.randint(0, 9) for _ in range(11)]
    total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(reversed(body), start=1))
    r = total % 11
    return "".join(map(str, body)) + str(0 if r <= 1 else 11 - r)


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def planted_docs(n: int = 400, seed: int = 7) -> list[Doc]:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        opinion = rng.choice(OPINIONS)
        kind = ["email", "phone", "postal_code", "my_number", "name", "address", "url", "sns", "birth_date",
                "submitter"][i % 10]
        doc = Doc("")
        if kind == "email":
            v = f"{rng.choice(['taro', 'hana', 'k.sato', 'm_ito'])}{rng.randint(1, 999)}@{rng.choice(['example.com', 'mail.example.ne.jp', 'example.org'])}"
            doc.text = f"{opinion}。回答は{v}までお願いします。"
        elif kind == "phone":
            a = rng.choice(["03", "06", "090", "080", "045"])
            b = rng.randint(100, 999) if a == "045" else rng.randint(1000, 9999)  # 10 digits, 11 for mobiles
            c = rng.randint(1000, 9999)
            form = rng.randint(0, 4)
            v = [f"{a}-{b}-{c}", f"{a}{b}{c}", f"({a}){b}-{c}", f"{a}-{b}-{c}".translate(WIDE),
                 f"+81-{a[1:]}-{b}-{c}"][form]
            if form == 1 and len(v) not in (10, 11):
                v = f"{a}-{b}-{c}"
            doc.text = f"{opinion}。連絡先：{v}"
        elif kind == "postal_code":
            v = f"〒{rng.randint(100, 999)}-{rng.randint(0, 9999):04d}"
            v = v.translate(WIDE) if rng.random() < 0.3 else v
            doc.text = f"{v}から意見を送ります。{opinion}。"
        elif kind == "my_number":
            raw = my_number(rng)
            v = rng.choice([raw, f"{raw[:4]} {raw[4:8]} {raw[8:]}", f"{raw[:4]}-{raw[4:8]}-{raw[8:]}", raw.translate(WIDE)])
            doc.text = f"{opinion}。私の個人番号は{v}です。"
        elif kind == "name":
            v = _name(rng)
            form = rng.randint(0, 4)
            doc.text = [f"{opinion}。{v}様にも伝えてください。", f"私、{v}は{opinion}。", f"{opinion}。\n{v}",
                        f"{opinion}。近所の{v}さんも同じ意見です。", f"{opinion}。\n氏名：{v}"][form]
        elif kind == "address":
            v = f"{rng.choice(PREFS)}{rng.choice(CITIES)}{rng.choice(TOWNS)}{rng.randint(1, 9)}丁目{rng.randint(1, 30)}番{rng.randint(1, 20)}号"
            if rng.random() < 0.4:
                v = f"{rng.choice(PREFS)}{rng.choice(CITIES)}{rng.choice(TOWNS)}{rng.randint(1, 9)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
            doc.text = f"{v}に住む者です。{opinion}。"
        elif kind == "url":
            user = f"{rng.choice(['taro', 'hana', 'kenta', 'misaki'])}{rng.randint(1, 99)}"
            v = rng.choice([f"https://note.com/{user}", f"https://ameblo.jp/{user}/entry-{rng.randint(10, 9999)}.html",
                            f"https://{user}.hatenablog.com/", f"https://www.example.net/~{user}/"])
            doc.text = f"{opinion}。詳しくは{v}を見てください。"
        elif kind == "sns":
            v = f"@{rng.choice(['taro', 'hanako', 'kenta', 'misaki'])}_{rng.randint(10, 9999)}"
            doc.text = f"{opinion}。Xの{v}でも発信しています。"
        elif kind == "birth_date":
            v = rng.choice([f"{rng.randint(1950, 2005)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日生まれ",
                            f"昭和{rng.randint(25, 63)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日生まれ"])
            doc.text = f"{v}の者です。{opinion}。"
        else:
            v = _name(rng)
            doc.text, doc.submitter = f"{opinion}。", v
            doc.planted.append(Planted("name", v))
            docs.append(doc)
            continue
        doc.planted.append(Planted(kind, v))
        docs.append(doc)
    return docs


CLEAN = [
    "3.1.2の記載に、ログの保存期間（1年以上）を加えてほしい。",
    "令和6年4月26日から5月27日までの意見募集について、期間が短い。",
    "株式会社テストシステムズとしては、SBOMの導入に賛成します。",
    "一般社団法人架空協議会は、2.3.1及び2.3.2の修正を求めます。",
    "「推進主体は、インシデント発生時の連絡体制を整備する」とあるが、具体例を示してほしい。",
    "表1の保存期間（5年）は長すぎる。第3章第2節も参照。",
    "P.25の図3について、凡例が読みにくい。",
    "ISO/IEC 27001:2022との対応関係を付録Bに示してほしい。",
    "住民の皆様への説明会を開いてほしい。",
    "たくさんの事業者が関わるため、役割分担を明確にすべき。",
    "お客様の個人情報の取扱いについて、同意取得の手順を記載すべき。",
    "担当者様には、サプライチェーン全体の管理を期待します。",
    "総務省のガイドライン（https://www.soumu.go.jp/main_content/000000000.pdf）を参照した。",
    "第2版（2021年）から第3版への変更点の一覧がほしい。",
    "1.0版、2.0版、3.0版の関係を図で示してほしい。",
    "サービス2-6とアセット1-2の対策を統合すべき。",
]
