"""How people put their names into a public comment: openings, closings, signatures, labels, third parties.

Each writer records what it plants on a `Draft` (kind, value, field, style) and returns the text. The same
style is written several ways (です／と申します／と言います, brackets or none, spaces or none) so a screen
cannot pass by learning one template per style.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from .privacy_realistic_contact import Bit
from .privacy_realistic_people import FOREIGN, PEN_NAMES, Person, halfwidth_kana, katakana, long_surname, name_sep

RawPlant = tuple[str, str, str, str]  # kind, value, field, style


@dataclass
class Draft:
    """A submission being written: its plants (no duplicate value per field) and the public names it cites."""
    plants: list[RawPlant] = field(default_factory=list)
    public: list[str] = field(default_factory=list)

    def add(self, kind: str, value: str, style: str, where: str = "body") -> str:
        if not any(v == value and f == where for _, v, f, _ in self.plants):
            self.plants.append((kind, value, where, style))
        return value

    def bit(self, b: Bit, suffix: str = "", where: str = "body") -> str:
        self.add(b.kind, b.value, b.style + suffix, where)
        return b.text

    def names(self) -> list[str]:
        return [v for k, v, _, _ in self.plants if k == "name"]


ORGS = ("NPO法人みどりの街ネット", "株式会社ひかり情報システム", "桜台三丁目町内会", "青葉市PTA連合会", "あおば法律事務所",
        "一般社団法人地域情報化推進会議", "㈱サクラ工務店", "㍿ミナト物流", "港南地区社会福祉協議会", "北陵大学 情報学部",
        "東雲製作所 総務部", "若葉保育園", "みなと訪問看護ステーション", "里山を守る会", "市民オンブズマンあおば", "日の出商店会")
JOBS = ("会社員", "主婦", "看護師", "大学生", "自営業", "公務員", "小学校の教員", "農家", "年金生活者", "保育士", "介護職員",
        "システムエンジニア", "薬剤師", "会社役員", "歯科医師", "行政書士", "フリーランスのデザイナー", "高校生", "大学院生",
        "図書館司書", "社会保険労務士", "パート従業員", "元小学校教諭", "イラストレーター", "漫画家", "タクシー運転手", "酪農家")
STATUSES = ("大学生", "年金生活者", "高校生", "大学院生", "元小学校教諭")  # what one is, not what one does (no 「をしている」)
HOMES = ("横浜市", "札幌市", "大阪府", "長野県松本市", "福岡市", "東京都練馬区", "北海道の小さな町", "岩手県", "京都市", "沖縄県",
         "千葉県船橋市", "広島市", "新潟県", "静岡県浜松市", "熊本県")
ROLES = ("代表", "会長", "事務局長", "理事長", "副会長", "世話人", "担当", "課長", "主任", "代表取締役", "院長", "園長")


def full(rng: random.Random, p: Person) -> str:
    return p.full(name_sep(rng))


def short(rng: random.Random, p: Person) -> str:
    """The surname alone, unless it is one character (then 「林です」 would be a one-letter gold value)."""
    return p.surname if len(p.surname) >= 2 else full(rng, p)


# ---------------------------------------------------------------- openings
def intro_org_surname(rng: random.Random, d: Draft, p: Person) -> str:
    s = d.add("name", short(rng, p), "intro-org-surname-desu")
    org = rng.choice(ORGS)
    return rng.choice([f"{org}の{s}です。", f"{org}で事務局をしております{s}です。", f"{org}の{s}と申します。",
                       f"{org}所属の{s}です。", f"{org}　{s}です。", f"いつもお世話になっております。{org}の{s}でございます。"])


def intro_place_job_full(rng: random.Random, d: Draft, p: Person) -> str:
    n = d.add("name", full(rng, p), "intro-place-job-fullname")
    h, j = rng.choice(HOMES), rng.choice(JOBS)
    forms = [f"私は{h}在住の{j}、{n}と申します。", f"{h}に住む{j}の{n}と申します。", f"{h}在住、{j}の{n}です。",
             f"{h}在住の{n}（{j}）です。", f"はじめまして。{h}在住の{j}で、{n}といいます。"]
    if j not in STATUSES:
        forms.append(f"私は{h}で{j}をしている{n}と申します。")
    return rng.choice(forms)


def intro_job_name(rng: random.Random, d: Draft, p: Person) -> str:
    j = rng.choice(JOBS)
    ending = rng.choice(["desu", "moushimasu", "iimasu"])
    n = d.add("name", full(rng, p) if rng.random() < 0.7 else short(rng, p), f"intro-job-name-{ending}")
    doing = j not in STATUSES
    forms = {"desu": [f"{j}の{n}です。", f"{j}、{n}です。"] + [f"現在{j}として働いている{n}です。"] * doing,
             "moushimasu": [f"{j}の{n}と申します。"] + [f"{j}をしております{n}と申します。",
                                                         f"{j}をしている{n}と申します。"] * doing,
             "iimasu": [f"{j}の{n}と言います。", f"{j}の{n}って言います。"] + [f"{j}をしている{n}といいます。"] * doing}
    return rng.choice(forms[ending])


def intro_greeting_full(rng: random.Random, d: Draft, p: Person) -> str:
    n = d.add("name", full(rng, p), "greeting-fullname-desu")
    g = rng.choice(["こんにちは。", "はじめまして。", "お世話になっております。", "突然失礼いたします。", "こんばんは。",
                    "失礼します。"])
    return g + rng.choice(["", "\n"]) + rng.choice([f"{n}です。", f"{n}と申します。", f"{n}です。意見を送ります。"])


def intro_surname(rng: random.Random, d: Draft, p: Person) -> str:
    s = d.add("name", short(rng, p), "intro-surname-desu")
    return rng.choice([f"{s}です。", f"{s}と申します。", f"{s}といいます。", f"{s}です、よろしくお願いします。"])


def intro_watashi(rng: random.Random, d: Draft, p: Person) -> str:
    n = d.add("name", full(rng, p), "intro-watashi-name-wa")
    return rng.choice([f"私、{n}は本案に反対の立場から意見を申し上げます。", f"わたくし{n}は、以下のとおり意見を提出します。",
                       f"私{n}は、この案に条件付きで賛成します。"])


def intro_foreign(rng: random.Random, d: Draft, p: Person) -> str:
    s, g = rng.choice(FOREIGN)
    n = d.add("name", rng.choice([f"{g}・{s}", f"{s} {g}", f"{s}　{g}", f"{g} {s}"]), "foreign-katakana")
    c = rng.choice(["ベトナム", "ブラジル", "韓国", "中国", "フィリピン", "ネパール", "アメリカ", "ペルー"])
    return rng.choice([f"{c}出身で、日本に住んで{rng.randint(3, 20)}年になる{n}です。",
                       f"{c}から来た{n}です。{rng.choice(['介護', '工場', 'コンビニ', '通訳'])}の仕事をしています。",
                       f"私は{c}国籍の{n}と申します。日本語が上手ではありませんが、意見を書きます。"])


OPENINGS: dict[str, Callable[[random.Random, Draft, Person], str]] = {
    "intro-org-surname-desu": intro_org_surname, "intro-place-job-fullname": intro_place_job_full,
    "intro-job-name": intro_job_name,
    "greeting-fullname-desu": intro_greeting_full, "intro-surname-desu": intro_surname, "intro-watashi-name-wa": intro_watashi,
    "foreign-katakana": intro_foreign,
}
OPENING_WEIGHTS = (5, 5, 7, 5, 4, 2, 2)


# ---------------------------------------------------------------- closings and signatures
def closing_name(rng: random.Random, d: Draft, p: Person) -> str:
    n = d.add("name", full(rng, p) if rng.random() < 0.6 else short(rng, p), "closing-ijou-name")
    return rng.choice([f"以上、{n}", f"以上　{n}", f"以上です。{n}", f"{n}より", f"以上、{n}でした。", f"（{n}）",
                       f"以上です。\n{n}"])


_SIG_STYLES = ("plain", "reading", "role", "age", "hiragana", "katakana", "halfwidth-kana", "romaji", "shimei", "pen-name",
               "joint",
               "company")


def signature_name(rng: random.Random, d: Draft, p: Person, *, where: str = "body", real_name: bool = False) -> str:
    """The name line(s) of a signature, in one of many styles (no pen name once the real name was given)."""
    weights = [6, 7, 4, 4, 3, 3, 2, 2, 5, 0 if real_name else 3, 2, 3]
    style = rng.choices(_SIG_STYLES, weights=weights)[0]
    sep = name_sep(rng)
    n = p.full(sep)
    if style == "plain":
        return d.add("name", n, "signature-plain", where)
    if style == "reading":
        d.add("name", n, "signature-reading", where)
        rsep = rng.choice(["", " ", "　"])
        kana = rng.random() < 0.7
        r = p.reading(rsep) if kana else katakana(p.reading(rsep))
        d.add("name", r, "reading-hiragana" if kana else "reading-katakana", where)
        return rng.choice([f"{n}（{r}）", f"{n}({r})", f"{n}\n（{r}）", f"ふりがな：{r}\n氏名：{n}", f"{r}\n{n}", f"{n}【{r}】"])
    if style == "role":
        d.add("name", n, "signature-role", where)
        r = rng.choice(ROLES)
        return rng.choice([f"{r}　{n}", f"{r} {n}", f"{n}（{r}）", f"{rng.choice(ORGS)}\n{r}　{n}"])
    if style == "age":
        d.add("name", n, "signature-age", where)
        a = rng.randint(18, 92)
        return rng.choice([f"{n}（{a}歳）", f"{n}　{a}歳", f"{a}歳　{rng.choice(JOBS)}　{n}", f"{n}（{a}）",
                           f"{n} {a}歳 {rng.choice(['男', '女'])}"])
    if style == "hiragana":
        return d.add("name", p.reading(rng.choice(["", " ", "　"])), "signature-hiragana", where)
    if style == "katakana":
        return d.add("name", katakana(p.reading(rng.choice(["", " ", "　"]))), "signature-katakana", where)
    if style == "halfwidth-kana":
        v = d.add("name", halfwidth_kana(p.reading(rng.choice([" ", ""]))), "signature-halfwidth-kana", where)
        return rng.choice([v, f"{v}（ｶﾅ）", f"氏名 {v}"])
    if style == "romaji":
        sur, giv = p.roma(long_vowels=rng.random() < 0.3)
        v = rng.choice([f"{giv.title()} {sur.upper()}", f"{sur.upper()} {giv.title()}", f"{giv.title()} {sur.title()}",
                        f"{giv[0].upper()}. {sur.title()}"])
        return d.add("name", v, "signature-romaji", where)
    if style == "shimei":
        d.add("name", n, "label-shimei", where)
        return rng.choice([f"氏名：{n}", f"【氏名】{n}", f"氏名　{n}", f"お名前：{n}", f"名前：{n}", f"提出者：{n}",
                           f"意見提出者　{n}", f"■氏名\n{n}"])
    if style == "pen-name":
        v = d.add("name", rng.choice(PEN_NAMES), "pen-name", where)
        return rng.choice([f"ペンネーム：{v}", f"PN：{v}", f"ペンネーム　{v}", f"（ペンネーム {v}）", f"筆名：{v}",
                           f"{v}（ペンネーム）"])
    if style == "joint":
        other = rng.choice([g for g in ("花子", "明美", "一郎", "健太", "さくら", "陽子", "誠一", "和子", "みのり",
                                        "節子") if g != p.given])
        d.add("name", n, "signature-joint", where)
        d.add("name", other, "signature-joint-given", where)
        return rng.choice([f"{n}・{other}", f"{n}、{other}（連名）", f"{n}\n　　　{other}"])
    d.add("name", n, "company-signature", where)
    co = rng.choice(["株式会社ひかり情報システム", "㈱サクラ工務店", "㍿ミナト物流", "有限会社あおば設備", "㈲若松商店",
                     "合同会社ことのは"])
    dept = rng.choice(["営業部", "総務課", "開発部", "設計室", ""]) + rng.choice(["　", " "])
    dept += rng.choice(["", "課長　", "主任　"])
    return f"{co}\n{dept.lstrip()}{n}"


def name_after_address(rng: random.Random, d: Draft, p: Person, addr: Bit, pc: Bit | None = None) -> str:
    """「〒… 住所　氏名」: the way an envelope or a paper form puts it."""
    a = (d.bit(pc) + rng.choice([" ", "　", "\n"]) if pc else "") + d.bit(addr)
    n = d.add("name", full(rng, p), "name-after-address")
    return rng.choice([f"{a}　{n}", f"{a} {n}", f"{a}\n{n}", f"住所：{a}　氏名：{n}"])


# ---------------------------------------------------------------- third parties in a story
def third_party(rng: random.Random, d: Draft) -> str:
    q = long_surname(rng)
    if rng.random() < 0.5:
        who = rng.choice(["娘", "息子", "夫", "妻", "母", "父", "孫", "姉", "弟"])
        if rng.random() < 0.55 and len(q.given) >= 2:  # a one-letter given name alone would be a one-letter gold value
            v = d.add("name", q.given, "third-party-family")
            return rng.choice([f"{who}の{v}が通う学校では、同意書の説明が一切ありませんでした。",
                               f"{who}の{v}は障害があり、窓口での手続が一人ではできません。",
                               f"{who}（{v}）は来年から保育園に入る予定ですが、まだ入れるか分かりません。"])
        v = d.add("name", full(rng, q), "third-party-family")
        return rng.choice([f"{who}の{v}は昨年から寝たきりで、私が介護をしています。",
                           f"{who}（{v}、{rng.randint(70, 96)}歳）は施設に入っていて、カードの管理ができません。",
                           f"亡くなった{who}、{v}の相続手続でも同じ問題がありました。"])
    v = d.add("name", q.surname, "third-party-honorific")
    return rng.choice([f"担任の{v}先生に相談したところ、学校では判断できないと言われました。",
                       f"主治医の{v}先生からも、同じことを言われています。",
                       f"ケアマネジャーの{v}さんが間に入ってくれましたが、解決しませんでした。",
                       f"隣に住む{v}さんは一人暮らしの高齢者で、手続を手伝っています。",
                       f"窓口で対応した{v}という職員の方は、制度をよく分かっていないようでした。",
                       f"大家の{v}さんも困っていました。"])
