"""Clean held-out submissions: the same writers and layouts as the planted part, with no private data at all.

What they do hold is what a screen must leave alone: officials, experts, authors and TV people named with their
role (listed as `Public`), job words with さん, companies with さん or 様, the contact data of a city hall or a
company (代表電話, its address, info@), news and government URLs, and numbers of every sort (case and
receipt numbers, 12-digit document numbers, dates, amounts, articles, ages).
"""

from __future__ import annotations

import random

from . import privacy_heldout_prose as prose
from .privacy_heldout_draft import Draft
from .privacy_heldout_public import (
    COMPANIES,
    COMPANY_LINES,
    JOB_SAN,
    JOB_SAN_LINES,
    OFFICES,
    OFFICIALS,
    company_contact,
    office_contact,
    public_person,
    public_url,
)
from .privacy_realistic import Sub

SUBMITTERS = [None, None, None, None, "", "匿名", "匿名希望", "個人", "市民", "会社員（40代）", "NPO法人まちづくり青葉野",
              "青葉野市商工会", "一般社団法人 在宅ケアを考える会", "緑ヶ丘三丁目町内会", "子ども食堂ネットワーク湊が丘", "－",
              "株式会社丸栄精工", "（記載なし）", "70代・女性", "学生"]
FILES = [*[None] * 18, "意見書.docx", "別紙1_意見.pdf", "pubcom_2024-05-12.pdf", "資料3（修正案）.xlsx",
         "IMG_2041.JPG", "意見提出様式.docx", "第2回_意見.txt"]
_POLITE_WORDS = ["お疲れ様です。", "皆様のご尽力に感謝します。", "関係者の皆様、よろしくお願いします。", "ご担当者様"]
_NON_NAMES = ["60歳以上の単身世帯", "3歳児健診", "平成の大合併", "本町二丁目の交差点", "1日3便のバス", "第2次計画", "お互い様",
              "お客様目線", "神様頼み", "中学2年生", "80代の親", "市の北側一帯"]


def _numbers(rng: random.Random) -> str:
    """A line full of numbers that belong to no one."""
    doc = "".join(str(rng.randint(0, 9)) for _ in range(12))
    return rng.choice([
        f"案件番号{rng.randint(495230000, 495249999)}の資料{rng.randint(1, 9)}、"
        f"{rng.randint(2, 90)}ページの表{rng.randint(1, 9)}-{rng.randint(1, 9)}について。",
        f"受付番号 R{rng.randint(5, 7)}-{rng.randint(1, 99999):05d}（{prose.date_line(rng)}受付）で以前にも提出しています。",
        f"請求書番号{doc}の件で、{rng.randint(1, 12)}月分の{rng.randint(1000, 99000):,}円が二重に引き落とされました。",
        f"整理番号：{doc[:4]}-{doc[4:8]}-{doc[8:]}（文書番号であり個人の番号ではありません）",
        f"条例第{rng.randint(1, 60)}条第{rng.randint(1, 5)}項第{rng.randint(1, 9)}号の改正案は、"
        f"施行日が令和{rng.randint(6, 9)}年4月1日となっています。",
        f"令和{rng.randint(3, 6)}年度の決算では{rng.randint(10, 990)}億{rng.randint(1, 9999)}万円、"
        f"前年度比{rng.randint(1, 30)}.{rng.randint(0, 9)}％増です。",
        f"図表{rng.randint(1, 9)}-{rng.randint(1, 20)}では、"
        f"{rng.randint(2015, 2023)}年の{rng.randint(1000, 99999):,}件から減少しています。",
        f"ISBN 978-4-{rng.randint(10, 99)}-{rng.randint(100000, 999999)}-{rng.randint(0, 9)} "
        f"の{rng.randint(10, 300)}頁を参照しました。",
        f"お客様番号{rng.randint(1, 9)}{doc[:9]}（検針票に記載）で問い合わせても、{rng.randint(2, 9)}週間返事がありません。",
    ])


def _extras(rng: random.Random, d: Draft) -> list[str]:
    """The false-alarm material: some of job+さん, company さん/様, a public person, an office, a URL, numbers."""
    out: list[str] = []
    if rng.random() < 0.65:
        out.append(rng.choice(JOB_SAN_LINES).format(job=rng.choice(JOB_SAN)))
    if rng.random() < 0.3:
        out.append(rng.choice(COMPANY_LINES).format(co=rng.choice(COMPANIES)))
    if rng.random() < 0.45:
        frag, name = public_person(rng)
        d.pub(name)
        out.append(frag)
    if rng.random() < 0.3:
        head, tail = rng.choice([("詳しくは", " を参照してください。"), ("報道（", "）のとおりです。"), ("市のページ ", ""),
                                 ("参考：", "")])
        out.append(head + public_url(rng) + tail)
    if rng.random() < 0.25:
        out.append(office_contact(rng))
    if rng.random() < 0.08:
        out.append(company_contact(rng))
    if rng.random() < 0.5:
        out.append(_numbers(rng))
    if rng.random() < 0.3:
        out.append(f"{rng.choice(_NON_NAMES)}のことも考えてください。")
    rng.shuffle(out)
    return out


def clean_email(rng: random.Random, d: Draft) -> list[str]:
    head = [f"件名：{prose.subject(rng)}", ""] if rng.random() < 0.4 else []
    sign = rng.choice(["", "市内在住　匿名希望", "一市民より",
                       f"（{rng.randint(2, 8)}0代・{rng.choice(['会社員', '主婦', '自営業'])}）",
                       "名前は伏せさせてください。", "――\n市民の一人として"])
    return [*head, rng.choice(prose.GREETING), *prose.polite(rng, rng.randint(1, 3)), *_extras(rng, d), rng.choice(prose.CLOSING),
            sign]


def clean_org_email(rng: random.Random, d: Draft) -> list[str]:
    org, slug = rng.choice([("一般社団法人 在宅ケアを考える会", "zaitaku-care.or.jp"),
                            ("NPO法人まちづくり青葉野", "machi-aobano.org"),
                            ("青葉野市商工会", "aobano-shokokai.or.jp"), ("全国路線バス利用者連絡会", "bus-riyosha.jp")])
    box = rng.choice(["office", "info", "jimukyoku", "contact"])
    return [f"From: {org} 事務局 <{box}@{slug}>", f"Sent: {prose.date_line(rng)}", f"Subject: {prose.subject(rng)}", "",
            f"{org}として、以下のとおり意見を提出します。", *prose.polite(rng, 3), *_extras(rng, d), "", f"{org}　事務局",
            f"問い合わせ：{box}@{slug}"]


def clean_letter(rng: random.Random, d: Draft) -> list[str]:
    name, frame = rng.choice([o for o in OFFICIALS if "長" in o[1] or "知事" in o[1]])
    return [frame.format(name=d.pub(name)) + "\u3000様", "", f"拝啓　{rng.choice(prose.SEASON)}、いかがお過ごしでしょうか。",
            *prose.polite(rng, 2), *prose.fill(rng, prose.ELDERLY, 1), *_extras(rng, d), "\u3000" * 12 + "敬具",
            prose.date_line(rng),
            rng.choice(["市内在住の一主婦より", "一高齢者", "（匿名にて失礼いたします）", "年金生活者の一人"])]


def clean_line(rng: random.Random, d: Draft) -> list[str]:
    return [rng.choice(["お疲れ様です！", "すみません", "こんにちは〜", "質問です"]),
            *prose.fill(rng, prose.CASUAL, rng.randint(1, 3)),
            *(rng.choice(JOB_SAN_LINES).format(job=rng.choice(JOB_SAN)) for _ in range(rng.randint(0, 2))),
            rng.choice(["よろしくです🙏", "以上です", "", "返信不要です"])]


def clean_quote(rng: random.Random, d: Draft) -> list[str]:
    office, section = rng.choice(OFFICES)[:2]
    return [f"{section}　ご担当者様", "", "ご回答ありがとうございました。", *prose.polite(rng, 2), *_extras(rng, d), "",
            "＞ご意見をお寄せいただき、ありがとうございました。", "＞いただいたご意見は今後の参考とさせていただきます。", "＞",
            *("＞" + line for line in office_contact(rng).split("\n")), f"＞{office}"]


def clean_form(rng: random.Random, d: Draft) -> list[str]:
    if rng.random() < 0.5:
        rows = [rng.choice(["【氏名】匿名希望", "【氏名】（非公開を希望）", "【氏名】"]), f"【年代】{rng.randint(2, 8)}0代",
                rng.choice(["【連絡先】なし", "【連絡先】不要", "【住所】市内"]), "【ご意見】"]
    else:
        rows = [rng.choice(["■お名前：（未記入）", "■お名前：匿名", "■お名前：―"]),
                f"■ご職業：{rng.choice(['会社員', '学生', '無職'])}",
                "■ご意見"]
    return [*rows, *prose.polite(rng, rng.randint(1, 3)), *_extras(rng, d)]


def clean_handwritten(rng: random.Random, d: Draft) -> list[str]:
    text = "。".join(prose.fill(rng, prose.ELDERLY, 3)) + "。" + rng.choice(JOB_SAN_LINES).format(job=rng.choice(JOB_SAN))
    width = rng.randint(11, 19)
    lines = [text[i:i + width] for i in range(0, len(text), width)]
    return ["【手書きの意見書を担当課で入力しました。改行は原文のまま】", *lines,
            rng.choice(["（氏名の記載なし）", "（無記名）", ""])]


def clean_citation(rng: random.Random, d: Draft) -> list[str]:
    lines = []
    for opinion in prose.polite(rng, rng.randint(1, 3)):
        frag, name = public_person(rng)
        d.pub(name)
        lines += [frag, opinion]
    return [*lines, f"出典：{public_url(rng)}", _numbers(rng)]


def clean_company(rng: random.Random, d: Draft) -> list[str]:
    co = rng.choice(COMPANIES)
    trade = rng.choice(["運送業", "介護事業", "給食事業", "不動産業"])
    return [f"弊社は{rng.choice(['市内', '県内'])}で{trade}を営んでおります。",
            *prose.polite(rng, 2), *(rng.choice(COMPANY_LINES).format(co=c) for c in rng.sample(COMPANIES, 2)),
            *_extras(rng, d), f"株式会社{co}　総務部", rng.choice(["", company_contact(rng)])]


def clean_student(rng: random.Random, d: Draft) -> list[str]:
    return [rng.choice(["大学3年生です。", "高校2年の学生です。", "看護学校に通っています。"]),
            *prose.fill(rng, prose.STUDENT, 2),
            *_extras(rng, d)]


def clean_foreign(rng: random.Random, d: Draft) -> list[str]:
    name, section, area, domain, _ = rng.choice(OFFICES)
    return [*prose.fill(rng, prose.SIMPLE, 2), *prose.fill(rng, prose.ENGLISH, 1),
            f"{name}の{section}（{area}-{rng.randint(20, 99)}-{rng.randint(1000, 9999)}、代表）に でんわ しました。",
            rng.choice(JOB_SAN_LINES).format(job=rng.choice(["通訳", "相談員", "翻訳家"]))]


CLEAN_STYLES = {
    "email": clean_email, "org-email": clean_org_email, "letter": clean_letter, "line": clean_line, "quote": clean_quote,
    "form": clean_form, "handwritten": clean_handwritten, "citation": clean_citation, "company": clean_company,
    "student": clean_student, "foreign": clean_foreign,
}


def clean_submission(rng: random.Random) -> Sub:
    d = Draft()
    style = rng.choice(sorted(CLEAN_STYLES))
    lines = CLEAN_STYLES[style](rng, d)
    if rng.random() < 0.15:
        lines.insert(0, rng.choice(_POLITE_WORDS))
    return d.finish("\n".join(lines).strip("\n"), submitter=rng.choice(SUBMITTERS), file=rng.choice(FILES))
