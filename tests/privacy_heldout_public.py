"""What looks private but is not: public people, job words with さん, companies, office contact data, public URLs.

The public people are invented (except a few long-dead figures on banknotes and in textbooks) and use surnames
that no private person of this corpus has. An office's 代表電話, its address, a role mailbox (info@, soudan@)
and a news or government URL are treated as not personal, as the consultation rules of a city hall do.
"""

from __future__ import annotations

import random

# (name, how the sentence introduces them); the name is what `Public` lists
OFFICIALS = [
    ("葛城 隆一", "{name}市長"), ("蔵前典子", "{name}知事"), ("三雲 恭平", "{name}厚生労働大臣"), ("篠宮あずさ", "{name}議員"),
    ("鳴海 康介", "{name}市議会議長"), ("高遠 義明", "国土交通省の{name}局長"), ("朝霧 遥", "{name}副市長"),
    ("一色 征四郎", "{name}町長"), ("榊 由香里", "環境大臣の{name}氏"), ("氷室 剛志", "県議会の{name}議員"),
]
EXPERTS = [
    ("宇佐美 徹", "北陵大学の{name}教授"), ("真壁玲子", "{name}准教授（社会福祉学）"), ("早乙女 正樹", "弁護士の{name}氏"),
    ("芦田 聡美", "小児科医の{name}先生"), ("御厨浩之", "審議会の{name}会長"), ("一ノ瀬 誠", "研究員の{name}氏"),
    ("奥寺 瑞穂", "有識者会議座長の{name}氏"), ("伏見 栄作", "経済評論家の{name}氏"), ("能登谷 純", "防災研究所の{name}所長"),
]
AUTHORS = [
    ("鷹野澄江", "『まちの声を聴く』"), ("竹宮 信夫", "『介護の現場から』"), ("瀬戸口 薫", "『ごみと自治』"),
    ("嵯峨 紀子", "『子育てと地域』"), ("東雲 拓", "『地方交通の未来』"), ("若狭 文乃", "『やさしい日本語の手引き』"),
]
CELEBRITIES = [
    ("星野ひかる", "タレントの"), ("黒川 蒼", "俳優の"), ("ミハル", "歌手の"), ("桜庭リョウ", "お笑い芸人の"),
    ("天城まりな", "アナウンサーの"), ("東條 快", "元プロ野球選手の"), ("夢咲ここな", "アイドルの"),
    ("九重 大地", "料理研究家の"),
]
HISTORICAL = ["渋沢栄一", "津田梅子", "北里柴三郎", "夏目漱石", "樋口一葉", "福沢諭吉"]
TITLE_CHARACTERS = [("村雨", "ドラマ『ぼくと村雨さんの夏』"), ("ハナコ", "絵本『ハナコさんのゴミ出し』"),
                    ("松風", "漫画『松風くんは市役所職員』")]

JOB_SAN = [
    "看護師", "保育士", "運転手", "大工", "八百屋", "郵便屋", "薬剤師", "ケアマネ", "ヘルパー", "配達員", "駅員", "警備員",
    "司書", "美容師", "歯医者", "お医者", "農家", "漁師", "職人", "店員", "事務員", "作家", "管理人", "民生委員", "栄養士",
    "調理師", "庭師", "左官屋", "魚屋", "床屋", "電気屋", "行政書士", "税理士", "司法書士", "弁護士", "助産師", "介護士",
    "保健師", "相談員", "通訳", "翻訳家", "清掃員", "用務員", "新聞屋", "パン屋", "お花屋", "本屋", "酒屋", "大家",
    "不動産屋", "整体師", "鍼灸師", "獣医", "トリマー", "指導員", "ガス屋", "教習所の教官", "お坊",
]
JOB_SAN_LINES = [
    "{job}さんたちの負担がこれ以上増えないようにしてほしいです。", "いつも来てくれる{job}さんも困っていました。",
    "近所の{job}さんに聞いたところ、同じ意見でした。", "{job}さんが足りないという話をよく聞きます。",
    "{job}さんの働き方にも配慮した制度にしてください。", "地域の{job}さん頼みの運用は長続きしないと思います。",
]
_SLUGS = {"丸栄精工": "maruei-seiko", "ひまわり不動産": "himawari-fudosan", "みどり交通": "midori-kotsu",
          "カネヨシ商事": "kaneyoshi-shoji", "東雲ガス": "shinonome-gas", "北杜バス": "hokuto-bus",
          "なごみ介護サービス": "nagomi-kaigo", "こだま運送": "kodama-unso", "あおば薬局": "aoba-ph",
          "さくら物流": "sakura-butsuryu",
          "ヤマト精機": "yamato-seiki", "ことぶき給食": "kotobuki-kyushoku"}
COMPANIES = list(_SLUGS)
COMPANY_LINES = [
    "取引先の{co}さんからも、同じ懸念を聞いています。", "{co}様のような地元企業の協力が欠かせません。",
    "バスは{co}さんが運行していますが、運転手不足で減便が続いています。", "株式会社{co}様の説明資料にも同じ数字がありました。",
]

# city halls and offices: invented places, invented numbers; not personal data
OFFICES = [
    ("青葉野市役所", "環境政策課", "0467", "city.aobano.lg.jp", "〒251-8601 神奈川県青葉野市中央一丁目1番1号"),
    ("湊が丘市役所", "市民協働課", "0439", "city.minatogaoka.lg.jp", "〒299-0192 千葉県湊が丘市本町2-1"),
    ("北陵市役所", "介護保険課", "0186", "city.hokuryo.lg.jp", "〒018-3392 秋田県北陵市栄町3番5号"),
    ("千種原町役場", "子育て支援係", "0868", "town.chigusahara.lg.jp", "〒709-3792 岡山県千種原町大字原1000番地"),
    ("東雲市役所", "国際交流課", "0956", "city.shinonome.lg.jp", "〒857-8585 長崎県東雲市港町4-10"),
]
ROLE_MAILBOXES = ["info", "soudan", "kouhou", "pubcom", "webmaster", "kankyo", "kosodate", "kokusai"]


def office_contact(rng: random.Random) -> str:
    """One office contact as people paste it from a city's page or a reply (代表電話, 住所, 窓口メール)."""
    name, section, area, domain, addr = rng.choice(OFFICES)
    tel = f"{area}-{rng.randint(20, 99)}-{rng.randint(1000, 9999)}"
    mail = f"{rng.choice(ROLE_MAILBOXES)}@{domain}"
    return rng.choice([
        f"（問い合わせ先：{name}{section}　電話 {tel}（代表））",
        f"{name}（{addr}、代表電話 {tel}）",
        f"{name}{section}の窓口メール {mail} にも同じ内容を送りました。",
        f"{name} {section}\n{addr}\nTEL {tel}（代表） FAX {area}-{rng.randint(20, 99)}-{rng.randint(1000, 9999)}\nE-mail {mail}",
        f"■問い合わせ先：{section}（{name}）　代表 {tel}　{mail}",
    ])


def company_contact(rng: random.Random) -> str:
    co = rng.choice(COMPANIES)
    slug = _SLUGS[co]
    return (f"株式会社{co} お客様相談室（代表 0120-{rng.randint(100, 999)}-{rng.randint(100, 999)}、"
            f"info@{slug}.co.jp、受付 平日9時〜17時）")


def public_url(rng: random.Random) -> str:
    d = f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    name, _, _, domain, _ = rng.choice(OFFICES)
    return rng.choice([
        f"https://www3.nhk.or.jp/news/html/{d}/k100{rng.randint(10**9, 10**10 - 1)}.html",
        f"https://www.{domain}/kurashi/gomi/page{rng.randint(1000, 9999)}.html",
        f"https://public-comment.e-gov.go.jp/pcm/detail?CLASSNAME=PCMMSTDETAIL&id=495{rng.randint(100000, 999999)}",
        f"https://www.mhlw.go.jp/stf/newpage_{rng.randint(10000, 59999)}.html",
        f"https://www.soumu.go.jp/menu_news/s-news/01gyosei{rng.randint(1, 9):02d}_{rng.randint(10**7, 10**8 - 1)}.html",
        f"https://www.asahi.com/articles/AST{rng.randint(1, 9)}{''.join(rng.choice('ABCDEFGHKLMNPQRSTVWXZ') for _ in range(4))}"
        f"{rng.randint(1000, 9999)}.html",
        f"https://www.env.go.jp/press/press_{rng.randint(10000, 99999)}.html",
        f"https://www.digital.go.jp/news/{rng.randint(10**7, 10**8 - 1)}",
    ])


def public_person(rng: random.Random) -> tuple[str, str]:
    """(a sentence that names a public person, the name)."""
    kind = rng.choice(["official", "official", "expert", "expert", "author", "celebrity", "historical", "title"])
    y, m = rng.randint(2019, 2024), rng.randint(1, 12)
    if kind == "official":
        name, frame = rng.choice(OFFICIALS)
        who = frame.format(name=name)
        return rng.choice([f"{who}は議会で「丁寧に説明する」と答弁されましたが、まだ説明は足りません。",
                           f"{who}も{m}月の記者会見でこの問題に触れていました。",
                           f"{who}が選挙で掲げた公約と、この案は矛盾しています。",
                           f"この点は、{who}の{y}年の施政方針でも約束されていたはずです。"]), name
    if kind == "expert":
        name, frame = rng.choice(EXPERTS)
        who = frame.format(name=name)
        return rng.choice([f"{who}が指摘するように、現場の人手不足が根本の問題です。",
                           f"{who}の講演（{y}年{m}月）では、他の自治体の成功例が紹介されていました。",
                           f"新聞に載った{who}の談話にも、同じ懸念が書かれていました。"]), name
    if kind == "author":
        name, book = rng.choice(AUTHORS)
        return rng.choice([f"{name}著{book}（{rng.randint(2008, 2023)}年）にも、住民の声を聞く大切さが書かれています。",
                           f"{name}さんの本{book}を読んで、この問題に関心を持ちました。",
                           f"{book}（{name}、p.{rng.randint(10, 300)}）の指摘は今も当てはまると思います。"]), name
    if kind == "celebrity":
        name, role = rng.choice(CELEBRITIES)
        return rng.choice([f"テレビで{role}{name}さんが言っていたように、窓口の対応はもっと優しくできるはずです。",
                           f"{role}{name}さんもSNSでこの話題を取り上げていました。",
                           f"先週のワイドショーで{name}が「役所は冷たい」と話していましたが、私もそう感じます。"]), name
    if kind == "historical":
        name = rng.choice(HISTORICAL)
        return rng.choice([f"新しいお札の{name}も、きっとこんな制度は望まなかったでしょう。",
                           f"教科書で習った{name}の言葉を思い出しました。"]), name
    name, title = rng.choice(TITLE_CHARACTERS)
    return f"{title}でも、同じような場面が描かれていました。", name
