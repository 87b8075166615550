"""Contact data as people write it in a public comment: phones, mail, SNS, addresses, URLs, My Number, birth dates.

Each maker returns a `Bit`: the text as it is written (label included, if any) and the exact value a screen
must mask, with a style tag. The value of an address is the whole address, building and room included; the
value of a postal code is its digits (the 〒 mark is a label); the value of an e-mail written as
「taro at example dot com」 is that whole string. All numbers are random; nothing is meant to be reachable.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .privacy_corpus import my_number as _my_number_digits
from .privacy_realistic_people import Person, handle, wide


@dataclass(frozen=True)
class Bit:
    kind: str
    text: str
    value: str
    style: str


def fullwidth_ascii(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else ("　" if c == " " else c) for c in text)


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


# ---------------------------------------------------------------- phones
_AREAS = [("03", 4), ("06", 4), ("011", 3), ("045", 3), ("052", 3), ("092", 3), ("022", 3), ("075", 3), ("082", 3),
          ("0155", 2), ("0267", 2), ("0749", 2), ("0980", 2), ("0896", 2)]
PHONE_FORMATS = ["hyphen", "hyphen", "hyphen", "plain", "space", "dot", "paren-area", "paren-middle", "fullwidth-paren",
                 "fullwidth-dash", "fullwidth-plain", "intl-hyphen", "intl-space", "intl-zero"]


def phone_groups(rng: random.Random) -> tuple[list[str], str]:
    """Groups of a phone number and its line type (mobile, land, ip, free)."""
    roll = rng.random()
    if roll < 0.55:
        return [rng.choice(["090", "080", "070"]), _digits(rng, 4), _digits(rng, 4)], "mobile"
    if roll < 0.88:
        area, mid = rng.choice(_AREAS)
        return [area, str(rng.randint(2, 9)) + _digits(rng, mid - 1), _digits(rng, 4)], "land"
    if roll < 0.94:
        return ["050", _digits(rng, 4), _digits(rng, 4)], "ip"
    return ["0120", _digits(rng, 3), _digits(rng, 3)], "free"


def phone_value(rng: random.Random, fmt: str | None = None) -> tuple[str, str, str]:
    """(value, format, line type)."""
    groups, line = phone_groups(rng)
    fmt = fmt or rng.choice(PHONE_FORMATS)
    if line == "free" and fmt.startswith("intl"):
        fmt = "hyphen"
    a, b, c = groups
    intl = a[1:]
    value = {
        "hyphen": f"{a}-{b}-{c}", "plain": f"{a}{b}{c}", "space": f"{a} {b} {c}", "dot": f"{a}.{b}.{c}",
        "paren-area": rng.choice([f"({a}){b}-{c}", f"（{a}）{b}-{c}"]), "paren-middle": f"{a}({b}){c}",
        "fullwidth-paren": wide(f"{a}({b}){c}"),
        "fullwidth-dash": rng.choice([wide(f"{a}-{b}-{c}"), wide(f"{a}ー{b}ー{c}"), wide(f"{a}‐{b}‐{c}")]),
        "fullwidth-plain": wide(f"{a}{b}{c}"), "intl-hyphen": f"+81-{intl}-{b}-{c}", "intl-space": f"+81 {intl} {b} {c}",
        "intl-zero": f"+81(0){intl}-{b}-{c}",
    }[fmt]
    return value, fmt, line


_PHONE_LABELS = {
    "mobile": ["携帯：", "携帯 ", "携帯電話：", "TEL：", "Tel.", "電話：", "連絡先：", "☎", "ＴＥＬ：", "携帯番号 ", "TEL/"],
    "land": ["TEL：", "TEL:", "Tel ", "電話：", "電話番号：", "自宅：", "ＴＥＬ ", "☎", "電話 ", "TEL/FAX：", "連絡先："],
    "ip": ["TEL：", "電話：", "IP電話 ", "連絡先："],
    "free": ["フリーダイヤル ", "TEL：", "お問合せ：", "電話："],
}


def phone(rng: random.Random, *, label: bool | None = None) -> Bit:
    """A phone line for a signature or a form; label None means chosen at random (mostly labelled)."""
    value, fmt, line = phone_value(rng)
    if label is None:
        label = rng.random() < 0.8
    if not label:
        return Bit("phone", value, value, f"phone-{fmt}-bare")
    lab = rng.choice(_PHONE_LABELS[line])
    text = f"{lab}{value}" if rng.random() < 0.85 else f"{value}（{rng.choice(['携帯', '自宅', '日中', '平日のみ'])}）"
    return Bit("phone", text, value, f"phone-{fmt}")


# ---------------------------------------------------------------- e-mail
DOMAINS = ["gmail.com", "gmail.com", "yahoo.co.jp", "yahoo.co.jp", "docomo.ne.jp", "ezweb.ne.jp", "icloud.com",
           "outlook.jp", "hotmail.co.jp", "nifty.com", "softbank.ne.jp", "au.com", "ybb.ne.jp", "aoba-net.ne.jp",
           "mail.example.jp", "biglobe.ne.jp", "i.softbank.jp"]
EMAIL_FORMATS = ["plain", "plain", "plain", "fullwidth-at", "fullwidth-all", "paren-at", "bracket-at", "spaced-at",
                 "words-at", "katakana-at", "star"]


def email(rng: random.Random, p: Person, *, label: bool | None = None) -> Bit:
    local = handle(rng, p)
    domain = rng.choice(DOMAINS)
    fmt = rng.choice(EMAIL_FORMATS)
    note = ""
    if fmt == "plain":
        value = f"{local}@{domain}"
    elif fmt == "fullwidth-at":
        value = f"{local}＠{domain}"
    elif fmt == "fullwidth-all":
        value = fullwidth_ascii(f"{local}@{domain}")
    elif fmt == "paren-at":
        mark = rng.choice(["(at)", "（at）", "(a)", "(アット)"])
        value = f"{local}{mark}{domain}"
        note = rng.choice(["", f"（{mark}を@に置き換えてください）", f"　※スパム対策のため{mark}表記にしています"])
    elif fmt == "bracket-at":
        value = rng.choice([f"{local}[at]{domain}", f"{local}[@]{domain}", f"{local}［at］{domain}"])
    elif fmt == "spaced-at":
        value = rng.choice([f"{local} ＠ {domain}", f"{local} @ {domain}", f"{local}　＠　{domain}"])
    elif fmt == "words-at":
        value = f"{local} at {domain.replace('.', ' dot ')}" if rng.random() < 0.6 else f"{local} at {domain}"
    elif fmt == "katakana-at":
        value = rng.choice([f"{local}アットマーク{domain}", f"{local}あっと{domain}", f"{local}（アット）{domain}"])
    else:
        mark = rng.choice(["★", "☆", "●"])
        value = f"{local}{mark}{domain}"
        note = f"（{mark}を@に変えてください）"
    if label is None:
        label = rng.random() < 0.75
    if not label:
        return Bit("email", value + note, value, f"email-{fmt}-bare")
    lab = rng.choice(["メール：", "E-mail：", "e-mail: ", "Mail ", "mail：", "メールアドレス：", "✉ ", "Ｅメール：",
                      "連絡先メール："])
    return Bit("email", f"{lab}{value}{note}", value, f"email-{fmt}")


# ---------------------------------------------------------------- SNS
_SNS_LABELS = {
    "x": ["X（旧Twitter）：", "X：", "X ", "Ｘ：", "X(旧ツイッター) ", "エックス："],
    "twitter": ["Twitter：", "ツイッター：", "Twitter ", "twitter→"],
    "instagram": ["Instagram：", "Instagram ", "IG: "],
    "insta": ["インスタ：", "インスタ ", "インスタグラム："],
    "tiktok": ["TikTok：", "TikTok ", "ティックトック："],
    "note": ["note：", "note "],
    "youtube": ["YouTube：", "YouTubeチャンネル "],
    "line": ["LINE ID：", "LINE："],
    "bluesky": ["Bluesky："],
}


def sns_handle(rng: random.Random, p: Person, platform: str) -> str:
    dots = platform in ("instagram", "insta", "tiktok")
    return handle(rng, p, dots=dots)


def sns(rng: random.Random, p: Person, *, platform: str | None = None, at: bool | None = None) -> Bit:
    platform = platform or rng.choice(["x", "x", "twitter", "instagram", "insta", "insta", "tiktok", "note", "youtube",
                                       "line", "bluesky"])
    h = sns_handle(rng, p, platform)
    if platform == "bluesky":
        h = h.replace("_", "-") + ".bsky.social"
    if at is None:
        at = platform not in ("line", "bluesky") and rng.random() < 0.65
    value = ("@" if at else "") + h
    lab = rng.choice(_SNS_LABELS[platform])
    return Bit("sns", f"{lab}{value}", value, f"sns-{platform}-{'at' if at else 'no-at'}")


# ---------------------------------------------------------------- URLs of a person's own pages
URL_SITES = ["note", "hatena", "ameblo", "instagram", "x", "twitter-status", "youtube", "litlink", "fc2", "github",
             "pixiv", "hatena", "note"]


def url(rng: random.Random, p: Person) -> Bit:
    site = rng.choice(URL_SITES)
    h = handle(rng, p, dots=False)
    sub = h.replace("_", "-")
    hexid = "".join(rng.choice("0123456789abcdef") for _ in range(12))
    value = {
        "note": rng.choice([f"https://note.com/{h}", f"https://note.com/{h}/n/n{hexid}"]),
        "hatena": rng.choice([f"https://{sub}.hatenablog.com/entry/{rng.randint(1, 40)}",
                              f"https://{sub}.hatenablog.com/entry/2023/{rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/"
                              f"{_digits(rng, 6)}", f"https://{sub}.hatenablog.jp/"]),
        "ameblo": f"https://ameblo.jp/{sub}/entry-{rng.randint(12000000000, 12899999999)}.html",
        "instagram": rng.choice([f"https://www.instagram.com/{h}/", f"https://instagram.com/{h}"]),
        "x": rng.choice([f"https://x.com/{h}", f"https://twitter.com/{h}"]),
        "twitter-status": f"https://x.com/{h}/status/17{_digits(rng, 17)}",
        "youtube": f"https://www.youtube.com/@{h}",
        "litlink": f"https://lit.link/{h}",
        "fc2": f"https://{sub.replace('-', '')}.blog.fc2.com/blog-entry-{rng.randint(1, 400)}.html",
        "github": f"https://{sub}.github.io/",
        "pixiv": f"https://www.pixiv.net/users/{rng.randint(1000000, 99999999)}",
    }[site]
    return Bit("url", value, value, f"url-{site}")


# ---------------------------------------------------------------- addresses and postal codes
_KAN = "〇一二三四五六七八九"


def kanji_number(n: int) -> str:
    if n < 10:
        return _KAN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _KAN[tens]) + "十" + ("" if ones == 0 else _KAN[ones])


PLACES: dict[str, list[str]] = {
    "東京都": ["世田谷区", "練馬区", "杉並区", "足立区", "八王子市", "町田市", "府中市", "西多摩郡日の出町"],
    "神奈川県": ["横浜市港北区", "横浜市青葉区", "川崎市中原区", "相模原市南区", "藤沢市", "平塚市"],
    "大阪府": ["大阪市北区", "大阪市阿倍野区", "堺市堺区", "豊中市", "枚方市", "東大阪市"],
    "愛知県": ["名古屋市千種区", "名古屋市緑区", "豊田市", "岡崎市", "一宮市"],
    "福岡県": ["福岡市早良区", "北九州市小倉北区", "久留米市", "糸島市"],
    "埼玉県": ["さいたま市浦和区", "川口市", "所沢市", "秩父郡皆野町"],
    "千葉県": ["千葉市稲毛区", "船橋市", "柏市", "夷隅郡大多喜町"],
    "兵庫県": ["神戸市灘区", "姫路市", "西宮市", "豊岡市"],
    "宮城県": ["仙台市青葉区", "石巻市", "名取市"],
    "広島県": ["広島市中区", "福山市", "尾道市"],
    "長野県": ["松本市", "上田市", "北佐久郡軽井沢町", "下伊那郡阿智村"],
    "新潟県": ["新潟市中央区", "長岡市", "南魚沼市"],
    "静岡県": ["静岡市葵区", "浜松市中央区", "沼津市"],
    "熊本県": ["熊本市中央区", "阿蘇郡南小国町", "八代市"],
    "岩手県": ["盛岡市", "紫波郡紫波町", "一関市"],
    "鹿児島県": ["鹿児島市", "霧島市", "大島郡与論町"],
    "青森県": ["青森市", "弘前市", "八戸市"],
    "岡山県": ["岡山市北区", "倉敷市"],
    "愛媛県": ["松山市", "今治市"],
}
TOWNS = ["桜台", "緑が丘", "旭町", "本町", "栄町", "青葉台", "若葉町", "港町", "松風町", "日の出町", "美園", "光が丘",
         "富士見町", "柳町", "泉町", "中央", "東町", "西原", "南台", "北野", "宮前", "新田", "大和町", "美咲が丘",
         "千代田", "鶴見", "春日", "朝日が丘", "上野台", "下川原", "三本松", "藤ヶ丘", "梅ノ木", "若松町", "緑町"]
RURAL = ["大字上野", "大字下河原", "大字中山", "大字宮田", "大字新町", "字東原", "字北浦"]
HOKKAIDO = ["札幌市中央区", "札幌市北区", "札幌市東区", "札幌市白石区", "旭川市", "岩見沢市", "滝川市", "砂川市", "帯広市"]
KYOTO_STREETS = [("烏丸通", "三条"), ("河原町通", "四条"), ("堀川通", "丸太町"), ("新町通", "六角"), ("室町通", "御池")]
KYOTO_TOWNS = ["饅頭屋町", "菊屋町", "骨屋町", "六角町", "釜座町", "百足屋町"]
BUILDINGS = ["グリーンハイツ", "サンハイツ", "コーポ", "メゾン", "レジデンス", "パークサイド", "ハイツ", "シャトー",
             "ロイヤルコート", "エクセル", "サンライズ", "リバーサイド", "フォレスト", "ヴィラ"]
BUILDING_TAILS = ["", "", "桜台", "若葉", "本町", "光が丘", "A", "B", "Ⅱ", "第2", "弐番館", "南館", "・ド・ソレイユ"]


def _building(rng: random.Random) -> str:
    room = rng.choice([f"{rng.randint(1, 9)}0{rng.randint(1, 9)}", f"{rng.randint(1, 14)}{rng.randint(0, 1)}{rng.randint(1, 9)}"])
    name = rng.choice(BUILDINGS) + rng.choice(BUILDING_TAILS)
    alt = rng.choice([f"{rng.choice(['若葉', '本町', '緑町', '県営桜台', '市営南台'])}団地",
                      f"{rng.choice(['松風', '日の出', '朝日'])}荘",
                      f"{rng.choice(['朝日', '青葉', '本町'])}マンション", f"{rng.choice(['第二', '第三', ''])}コーポ山之内"])
    name = name if rng.random() < 0.7 else alt
    sep = rng.choice([" ", " ", "　", ""])
    return rng.choice([
        f"{sep}{name}{room}号室", f"{sep}{name}{room}号室", f"{sep}{name}{room}", f"{sep}{name} {room}号",
        f"-{room}", f"{sep}{name}{rng.choice(['A', 'B', 'C', '1', '3'])}棟{room}号室", f"{sep}{name}{room}号",
    ])


def address(rng: random.Random, *, building: bool | None = None, prefecture: bool | None = None) -> Bit:
    """A whole home address; value runs from the prefecture (or city) to the room."""
    kind = rng.choices(["chome-ban-go", "kanji", "hyphen", "chome-hyphen", "banchi", "hokkaido-jo", "kyoto", "okinawa-aza"],
                       weights=[6, 3, 6, 3, 2, 2, 1, 1])[0]
    c, b, g = rng.randint(1, 9), rng.randint(1, 35), rng.randint(1, 28)
    town = rng.choice(TOWNS)
    if kind == "hokkaido-jo":
        pref, city = "北海道", rng.choice(HOKKAIDO)
        n, m = rng.randint(1, 30), rng.randint(1, 15)
        tail = rng.choice([f"{rng.choice(['北', '南'])}{n}条{rng.choice(['東', '西'])}{m}丁目{b}番{g}号",
                           f"{rng.choice(['北', '南'])}{n}条{rng.choice(['東', '西'])}{m}丁目{b}番地",
                           f"{rng.choice(['北', '南'])}{kanji_number(n)}条{rng.choice(['東', '西'])}{kanji_number(m)}丁目{b}-{g}",
                           f"{n}条通{m}丁目{b}番地{g}", f"{rng.choice(['緑が丘', '春光', '東光'])}{n}条{m}丁目{b}-{g}"])
        body = city + tail
    elif kind == "kyoto":
        pref, city = "京都府", rng.choice(["京都市中京区", "京都市下京区"])
        street, cross = rng.choice(KYOTO_STREETS)
        way = rng.choice(["上ル", "下ル", "東入", "西入"])
        body = f"{city}{street}{cross}{way}{rng.choice(KYOTO_TOWNS)}{rng.randint(1, 700)}番地"
    elif kind == "okinawa-aza":
        pref, city = "沖縄県", rng.choice(["中頭郡読谷村", "島尻郡八重瀬町", "国頭郡今帰仁村", "那覇市"])
        aza = rng.choice(["喜名", "仲間", "古堅", "具志頭", "安里"])
        body = f"{city}字{aza}{rng.randint(1, 2999)}番地" + rng.choice(["", f"の{g}"])
    else:
        pref = rng.choice(list(PLACES))
        city = rng.choice(PLACES[pref])
        if kind == "chome-ban-go":
            tail = f"{c}丁目{b}番{g}号"
        elif kind == "kanji":
            tail = rng.choice([f"{kanji_number(c)}丁目{kanji_number(b)}番{kanji_number(g)}号",
                               f"{kanji_number(c)}丁目{kanji_number(b)}番地",
                               f"{kanji_number(c)}丁目{kanji_number(b)}番地の{kanji_number(g)}"])
        elif kind == "hyphen":
            tail = rng.choice([f"{c}-{b}-{g}", f"{c}-{b}-{g}", f"{c}－{b}－{g}", f"{c}ー{b}ー{g}"])
        elif kind == "chome-hyphen":
            tail = f"{c}丁目{b}-{g}"
        else:
            town = rng.choice(RURAL)
            tail = rng.choice([f"{rng.randint(1, 3999)}番地", f"{rng.randint(1, 3999)}番地{g}",
                               f"{rng.randint(1, 3999)}番地の{g}",
                               f"{rng.randint(1, 3999)}-{g}"])
        body = f"{city}{town}{tail}"
    style = f"addr-{kind}"
    if building is None:
        building = kind not in ("kyoto", "okinawa-aza", "banchi") and rng.random() < 0.5
    if building:
        body += _building(rng)
        style += "-bldg"
    if rng.random() < 0.2:
        body = wide(body)
        style += "-wide"
    if prefecture is None:
        prefecture = rng.random() < 0.7 or kind == "okinawa-aza"
    if prefecture:
        body = pref + body
    else:
        style += "-nopref"
    return Bit("address", body, body, style)


def postal(rng: random.Random, *, spelled_label: bool = True) -> Bit:
    """A postal code; spelled_label False when a 住所 label already stands before it (no 「郵便番号：」 then)."""
    value = f"{rng.randint(1, 999):03d}-{rng.randint(0, 9999):04d}"
    fmt = rng.choice(["mark", "mark", "mark", "mark-space", "bare", "wide", "nohyphen", "label"])
    if not spelled_label and fmt == "label":
        fmt = "mark"
    if fmt == "wide":
        value = wide(value)
        text = "〒" + value
    elif fmt == "nohyphen":
        value = value.replace("-", "")
        text = "〒" + value
    elif fmt == "mark-space":
        text = "〒 " + value
    elif fmt == "bare":
        text = value
    elif fmt == "label":
        text = rng.choice(["郵便番号：", "郵便番号 ", "〒番号："]) + value
    else:
        text = "〒" + value
    return Bit("postal_code", text, value, f"postal-{fmt}")


# ---------------------------------------------------------------- My Number and birth dates
def my_number(rng: random.Random) -> Bit:
    digits = _my_number_digits(rng)
    fmt = rng.choice(["plain", "plain", "spaced", "hyphen", "wide", "wide-spaced"])
    spaced = f"{digits[:4]} {digits[4:8]} {digits[8:]}"
    value = {"plain": digits, "spaced": spaced, "hyphen": f"{digits[:4]}-{digits[4:8]}-{digits[8:]}",
             "wide": wide(digits), "wide-spaced": wide(spaced).replace(" ", "　")}[fmt]
    lab = rng.choice(["マイナンバー：", "マイナンバー ", "個人番号：", "個人番号 ", "マイナンバー（個人番号）：", "ﾏｲﾅﾝﾊﾞｰ："])
    return Bit("my_number", f"{lab}{value}", value, f"mynum-{fmt}")


def _era(year: int) -> tuple[str, str, int]:
    if year >= 1989:
        return "平成", "H", year - 1988
    return "昭和", "S", year - 1925


def birth_date(rng: random.Random, *, year: int | None = None) -> Bit:
    y = year or rng.randint(1936, 2004)
    m, d = rng.randint(1, 12), rng.randint(1, 28)
    era, abbr, ey = _era(y)
    fmt = rng.choice(["era", "era", "western", "western", "slash", "era-abbrev", "wide", "western-era", "dot", "iso"])
    eys = "元" if ey == 1 and rng.random() < 0.7 else str(ey)
    value = {
        "era": f"{era}{eys}年{m}月{d}日", "western": f"{y}年{m}月{d}日",
        "slash": rng.choice([f"{y}/{m:02d}/{d:02d}", f"{y}/{m}/{d}"]),
        "era-abbrev": rng.choice([f"{abbr}{ey}.{m}.{d}", f"{abbr}{ey:02d}.{m:02d}.{d:02d}"]),
        "wide": wide(rng.choice([f"{y}年{m}月{d}日", f"{era}{ey}年{m}月{d}日"])),
        "western-era": rng.choice([f"{y}年（{era}{ey}年）{m}月{d}日", f"{y}（{era}{ey}）年{m}月{d}日"]),
        "dot": f"{y}.{m}.{d}", "iso": f"{y}-{m:02d}-{d:02d}",
    }[fmt]
    text = rng.choice([f"生年月日：{value}", f"生年月日 {value}", f"{value}生まれ", f"{value}生", f"（{value}生）",
                       f"誕生日：{value}", f"生年月日　{value}"])
    return Bit("birth_date", text, value, f"birth-{fmt}")
