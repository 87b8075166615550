"""Invented private people and their contact data for the held-out privacy corpus.

Every person is a random draw: surname and given name from lists written for this corpus (ordinary, rare,
old-style kanji such as 髙 﨑 邊 𠮷, Okinawan), with a reading and a romanisation so the same person can sign
in kanji, kana or romaji; foreigners living in Japan have their own list. Contact data are drawn in the forms
people type them (spaces in a mobile number, full-width digits, (at) for @, wareki dates, kanji numerals).
The public people of the clean part use other surnames (see privacy_heldout_public.py), so a private name
never appears where no private data is meant to be.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from .privacy_corpus import my_number as valid_my_number

# (kanji, hiragana, romaji)
SURNAMES = [
    ("久保田", "くぼた", "Kubota"), ("柳瀬", "やなせ", "Yanase"), ("楠本", "くすもと", "Kusumoto"),
    ("唐沢", "からさわ", "Karasawa"), ("笹川", "ささがわ", "Sasagawa"), ("宍戸", "ししど", "Shishido"),
    ("漆原", "うるしばら", "Urushibara"), ("五十嵐", "いがらし", "Igarashi"), ("東海林", "しょうじ", "Shoji"),
    ("日野原", "ひのはら", "Hinohara"), ("大塚", "おおつか", "Otsuka"), ("岡田", "おかだ", "Okada"),
    ("村上", "むらかみ", "Murakami"), ("長谷川", "はせがわ", "Hasegawa"), ("平井", "ひらい", "Hirai"),
    ("坂口", "さかぐち", "Sakaguchi"), ("森下", "もりした", "Morishita"), ("田村", "たむら", "Tamura"),
    ("佐野", "さの", "Sano"), ("川島", "かわしま", "Kawashima"), ("松尾", "まつお", "Matsuo"),
    ("小池", "こいけ", "Koike"), ("佐伯", "さえき", "Saeki"), ("浅野", "あさの", "Asano"),
    ("木下", "きのした", "Kinoshita"), ("石井", "いしい", "Ishii"), ("杉本", "すぎもと", "Sugimoto"),
    ("野口", "のぐち", "Noguchi"), ("堀江", "ほりえ", "Horie"), ("須藤", "すどう", "Sudo"),
    ("菅原", "すがわら", "Sugawara"), ("熊谷", "くまがい", "Kumagai"), ("新井", "あらい", "Arai"),
    ("西村", "にしむら", "Nishimura"), ("北川", "きたがわ", "Kitagawa"), ("安藤", "あんどう", "Ando"),
    ("内田", "うちだ", "Uchida"), ("谷口", "たにぐち", "Taniguchi"), ("水野", "みずの", "Mizuno"),
    ("比嘉", "ひが", "Higa"), ("金城", "きんじょう", "Kinjo"), ("大城", "おおしろ", "Oshiro"),
    ("今井", "いまい", "Imai"), ("荒木", "あらき", "Araki"), ("古川", "ふるかわ", "Furukawa"),
    ("横山", "よこやま", "Yokoyama"), ("宮本", "みやもと", "Miyamoto"), ("藤原", "ふじわら", "Fujiwara"),
    ("四ノ宮", "しのみや", "Shinomiya"), ("鰐淵", "わにぶち", "Wanibuchi"), ("百瀬", "ももせ", "Momose"),
    ("二階堂", "にかいどう", "Nikaido"), ("勅使河原", "てしがわら", "Teshigawara"), ("瀬尾", "せお", "Seo"),
    ("林", "はやし", "Hayashi"), ("栗林", "くりばやし", "Kuribayashi"), ("小野寺", "おのでら", "Onodera"),
]
OLD_STYLE_SURNAMES = [
    ("髙橋", "たかはし", "Takahashi"), ("山﨑", "やまざき", "Yamazaki"), ("渡邊", "わたなべ", "Watanabe"),
    ("渡邉", "わたなべ", "Watanabe"), ("齋藤", "さいとう", "Saito"), ("齊藤", "さいとう", "Saito"),
    ("濵田", "はまだ", "Hamada"), ("櫻井", "さくらい", "Sakurai"), ("澤田", "さわだ", "Sawada"),
    ("廣瀬", "ひろせ", "Hirose"), ("宮﨑", "みやざき", "Miyazaki"), ("德永", "とくなが", "Tokunaga"),
    ("髙木", "たかぎ", "Takagi"), ("𠮷田", "よしだ", "Yoshida"), ("邊見", "へんみ", "Hemmi"),
    ("國分", "こくぶん", "Kokubun"), ("大瀧", "おおたき", "Otaki"), ("嶋田", "しまだ", "Shimada"),
    ("岡﨑", "おかざき", "Okazaki"), ("田邊", "たなべ", "Tanabe"),
]
# (kanji or kana, hiragana, romaji, sex, era) with era 0: born 1925-1950, 1: 1951-1985, 2: 1986-2012
GIVEN = [
    ("勘次郎", "かんじろう", "Kanjiro", "m", 0), ("正一", "しょういち", "Shoichi", "m", 0), ("茂", "しげる", "Shigeru", "m", 0),
    ("勇", "いさむ", "Isamu", "m", 0), ("武雄", "たけお", "Takeo", "m", 0), ("久雄", "ひさお", "Hisao", "m", 0),
    ("キヨ", "きよ", "Kiyo", "f", 0), ("ハル", "はる", "Haru", "f", 0), ("トメ", "とめ", "Tome", "f", 0),
    ("富士子", "ふじこ", "Fujiko", "f", 0), ("静江", "しずえ", "Shizue", "f", 0), ("ハツエ", "はつえ", "Hatsue", "f", 0),
    ("文子", "ふみこ", "Fumiko", "f", 0), ("千代", "ちよ", "Chiyo", "f", 0), ("節子", "せつこ", "Setsuko", "f", 0),
    ("隆之", "たかゆき", "Takayuki", "m", 1), ("誠一", "せいいち", "Seiichi", "m", 1), ("健太", "けんた", "Kenta", "m", 1),
    ("正志", "まさし", "Masashi", "m", 1), ("浩二", "こうじ", "Koji", "m", 1), ("直人", "なおと", "Naoto", "m", 1),
    ("勝", "まさる", "Masaru", "m", 1), ("雅彦", "まさひこ", "Masahiko", "m", 1), ("剛", "つよし", "Tsuyoshi", "m", 1),
    ("恵美", "えみ", "Emi", "f", 1), ("美智子", "みちこ", "Michiko", "f", 1), ("佳代子", "かよこ", "Kayoko", "f", 1),
    ("由紀子", "ゆきこ", "Yukiko", "f", 1), ("真由美", "まゆみ", "Mayumi", "f", 1), ("智子", "ともこ", "Tomoko", "f", 1),
    ("裕子", "ゆうこ", "Yuko", "f", 1), ("加奈子", "かなこ", "Kanako", "f", 1), ("亜希", "あき", "Aki", "f", 1),
    ("蓮", "れん", "Ren", "m", 2), ("湊", "みなと", "Minato", "m", 2), ("陽翔", "はると", "Haruto", "m", 2),
    ("翔", "しょう", "Sho", "m", 2), ("颯太", "そうた", "Sota", "m", 2), ("悠真", "ゆうま", "Yuma", "m", 2),
    ("拓海", "たくみ", "Takumi", "m", 2), ("結愛", "ゆあ", "Yua", "f", 2), ("葵", "あおい", "Aoi", "f", 2),
    ("凛", "りん", "Rin", "f", 2), ("美咲", "みさき", "Misaki", "f", 2), ("陽菜", "ひな", "Hina", "f", 2),
    ("さくら", "さくら", "Sakura", "f", 2), ("芽依", "めい", "Mei", "f", 2), ("彩花", "あやか", "Ayaka", "f", 2),
]
# foreigners living in Japan: (as written in Latin or Chinese characters, katakana)
FOREIGNERS = [
    ("Nguyen Van Minh", "グエン・ヴァン・ミン"), ("Nguyen Thi Lan", "グエン・ティ・ラン"),
    ("Tran Quoc Bao", "チャン・クオック・バオ"), ("Maria Cristina Reyes", "マリア・クリスティーナ・レイエス"),
    ("Carlos Mendes", "カルロス・メンデス"), ("Bishnu Prasad Adhikari", "ビシュヌ・プラサド・アディカリ"),
    ("王 麗華", "ワン・リーファ"), ("金 承熙", "キム・スンヒ"), ("朴 智妍", "パク・ジヨン"),
    ("Ana Paula Shimabukuro", "アナ・パウラ・シマブクロ"), ("Olena Kovalenko", "オレナ・コヴァレンコ"),
    ("Daniel Whitfield", "ダニエル・ホイットフィールド"), ("Rina Sari Wulandari", "リナ・サリ・ウランダリ"),
    ("Aung Ko Ko", "アウン・コ・コ"), ("Bat-Erdene Sarnai", "バトエルデネ・サルナイ"),
    ("Rodrigo Hideki Nakasone", "ロドリゴ・ヒデキ・ナカソネ"), ("陳 志明", "チェン・ジーミン"),
    ("Priya Raghunathan", "プリヤ・ラグナタン"),
]

_HIRA_TO_KATA = {c: chr(ord(c) + 0x60) for c in map(chr, range(0x3041, 0x3097))}
_FULL = str.maketrans("0123456789-", "０１２３４５６７８９－")
_KANJI_DIGITS = "〇一二三四五六七八九"


def katakana(hira: str) -> str:
    return "".join(_HIRA_TO_KATA.get(c, c) for c in hira)


def full_width(text: str) -> str:
    return text.translate(_FULL)


def kanji_number(n: int) -> str:
    """1..99 the way a handwritten letter writes it (十五, 二十六)."""
    tens, ones = divmod(n, 10)
    return (("" if tens < 2 else _KANJI_DIGITS[tens]) + ("十" if tens else "") + (_KANJI_DIGITS[ones] if ones else "")) or "〇"


@dataclass(frozen=True)
class Person:
    surname: str
    given: str
    sur_kana: str
    given_kana: str
    sur_romaji: str
    given_romaji: str
    sex: str
    birth: tuple[int, int, int]
    old_style: bool = False

    @property
    def age(self) -> int:
        return 2024 - self.birth[0] - (1 if self.birth[1:] > (5, 15) else 0)

    def name(self, form: str) -> str:
        """The name as it is written in one form (see NAME_FORMS)."""
        return {
            "full": self.surname + self.given,
            "full-space": f"{self.surname} {self.given}",
            "full-wide": f"{self.surname}\u3000{self.given}",
            "surname": self.surname,
            "given": self.given,
            "hiragana": f"{self.sur_kana} {self.given_kana}",
            "katakana": f"{katakana(self.sur_kana)}\u3000{katakana(self.given_kana)}",
            "katakana-tight": katakana(self.sur_kana + self.given_kana),
            "romaji": f"{self.given_romaji} {self.sur_romaji}",
            "romaji-upper": f"{self.sur_romaji.upper()} {self.given_romaji}",
            "romaji-lower": f"{self.given_romaji.lower()} {self.sur_romaji.lower()}",
        }[form]

    @property
    def reading(self) -> str:
        return f"{self.sur_kana} {self.given_kana}"


NAME_FORMS = ("full", "full-space", "full-wide", "surname", "given", "hiragana", "katakana", "katakana-tight",
              "romaji", "romaji-upper", "romaji-lower")


def person(rng: random.Random, era: int | None = None, sex: str | None = None, old_style: float = 0.2) -> Person:
    old = rng.random() < old_style
    sur = rng.choice(OLD_STYLE_SURNAMES if old else SURNAMES)
    pool = [g for g in GIVEN if (era is None or g[4] == era) and (sex is None or g[3] == sex)]
    g = rng.choice(pool)
    lo, hi = ((1928, 1950), (1951, 1985), (1986, 2012))[g[4]]
    birth = (rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))
    return Person(sur[0], g[0], sur[1], g[1], sur[2], g[2], g[3], birth, old)


def foreigner(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FOREIGNERS)


# ---- contact data -------------------------------------------------------------------------------------------

_AREAS = ["03", "06", "045", "052", "092", "011", "022", "0276", "0942", "0263", "098", "0297", "075", "086", "0186"]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(str(rng.randint(0, 9)) for _ in range(n))


def mobile(rng: random.Random, form: str = "hyphen") -> str:
    head, a, b = rng.choice(["090", "080", "070"]), _digits(rng, 4), _digits(rng, 4)
    return {"hyphen": f"{head}-{a}-{b}", "space": f"{head} {a} {b}", "plain": head + a + b,
            "wide": full_width(f"{head}-{a}-{b}"), "paren": f"{head}({a}){b}"}[form]


def landline(rng: random.Random, form: str = "hyphen") -> str:
    area = rng.choice(_AREAS)  # ten digits in all: area code, local exchange, four digits
    local, last = str(rng.randint(2, 9)) + _digits(rng, 5 - len(area)), _digits(rng, 4)
    return {"hyphen": f"{area}-{local}-{last}", "paren": f"({area}){local}-{last}", "space": f"{area} {local} {last}",
            "wide": full_width(f"{area}-{local}-{last}"), "plain": area + local + last}[form]


_PROVIDERS = ["gmail.com", "yahoo.co.jp", "icloud.com", "docomo.ne.jp", "ezweb.ne.jp", "softbank.ne.jp",
              "outlook.jp", "nifty.com", "hotmail.co.jp", "ybb.ne.jp", "au.com", "ocn.ne.jp"]


def email_local(rng: random.Random, p: Person) -> str:
    g, s = p.given_romaji.lower(), p.sur_romaji.lower()
    yy = str(p.birth[0])[2:]
    return rng.choice([f"{g}.{s}{yy}", f"{s}_{g[0]}{p.birth[1]:02d}{p.birth[2]:02d}", f"{g}{rng.randint(1, 99)}-{s}",
                       f"{s[:4]}{g[:3]}{rng.randint(100, 999)}", f"{g[0]}-{s}", f"{g}_{s}.{yy}{rng.randint(1, 9)}"])


def email(rng: random.Random, p: Person, domain: str | None = None, form: str = "plain") -> str:
    local, dom = email_local(rng, p), domain or rng.choice(_PROVIDERS)
    return {"plain": f"{local}@{dom}", "at": f"{local}(at){dom}", "wide-at": f"{local}＠{dom}",
            "bracket-at": f"{local} [at] {dom}", "star": f"{local}★{dom}"}[form]


def handle(rng: random.Random, p: Person) -> str:
    g, s = p.given_romaji.lower(), p.sur_romaji.lower()
    return rng.choice([f"{g}_{s[:3]}{rng.randint(10, 99)}", f"{s}.{g}", f"{g}{s[0]}_{p.birth[0] % 100:02d}",
                       f"{rng.choice(['mama', 'papa', 'jiji', 'nyan', 'hatake', 'cafe'])}_{g}{rng.randint(1, 999)}",
                       f"{s}{g}{p.birth[1]:02d}{p.birth[2]:02d}"])


def sns(rng: random.Random, p: Person) -> tuple[str, str]:
    """(label as written, value): an SNS account the person gives in a submission."""
    h = handle(rng, p)
    return rng.choice([
        ("X（旧Twitter）：", f"@{h}"), ("Twitter ", f"@{h}"), ("インスタ：", h), ("Instagram ", f"@{h}"), ("LINE ID：", h),
        ("ライン：", h), ("Facebook：", f"https://www.facebook.com/{h}"), ("X：", f"https://x.com/{h}"),
        ("TikTok ", f"@{h}"), ("Threads：", f"@{h}"), ("mixi2 ", f"@{h}"), ("YouTube：", f"https://www.youtube.com/@{h}"),
    ])


def personal_url(rng: random.Random, p: Person) -> str:
    h = handle(rng, p).replace(".", "-").replace("_", "-")
    return rng.choice([
        f"https://{h}.hatenablog.com/entry/2024/0{rng.randint(1, 9)}/{rng.randint(10, 28)}/{_digits(rng, 6)}",
        f"https://ameblo.jp/{h}/entry-128{_digits(rng, 8)}.html", f"https://note.com/{h.replace('-', '_')}/n/n{_digits(rng, 12)}",
        f"https://{h}.blog.fc2.com/", f"http://www{rng.randint(1, 9)}.plala.or.jp/{h}/", f"https://sites.google.com/view/{h}",
        f"https://{h}.jugem.jp/?eid={rng.randint(10, 999)}", f"https://{h}.hatenablog.jp/", f"http://{h}.la.coocan.jp/nikki.html",
    ])


# (prefecture, city, towns): real places, invented house numbers
_PLACES = [
    ("神奈川県", "横浜市港北区", ["日吉本町", "綱島西", "大倉山"]), ("埼玉県", "川越市", ["新宿町", "脇田本町", "久保町"]),
    ("大阪府", "大阪市東淀川区", ["豊里", "大道南", "大桐"]), ("北海道", "旭川市", ["末広", "春光", "豊岡"]),
    ("愛知県", "名古屋市千種区", ["春岡", "内山", "田代本通"]), ("福岡県", "福岡市南区", ["大橋", "高宮", "長住"]),
    ("長野県", "上田市", ["常田", "中央西", "材木町"]), ("富山県", "砺波市", ["太郎丸", "中央町", "表町"]),
    ("宮城県", "仙台市若林区", ["連坊", "荒町", "南材木町"]), ("沖縄県", "那覇市", ["首里石嶺町", "小禄", "壺屋"]),
    ("群馬県", "太田市", ["飯塚町", "浜町", "西本町"]), ("京都府", "京都市左京区", ["田中里ノ前町", "北白川別当町"]),
    ("茨城県", "つくば市", ["吾妻", "竹園", "並木"]), ("岡山県", "倉敷市", ["老松町", "白楽町", "笹沖"]),
    ("東京都", "練馬区", ["石神井町", "関町北", "豊玉上"]), ("静岡県", "浜松市中央区", ["富塚町", "高丘東", "佐鳴台"]),
]
_BUILDINGS = ["コーポ日吉", "メゾン・ド・ソレイユ", "グランハイツ", "サンハイツ", "ハイム若葉", "レジデンス北町", "ヴィラ壱番館",
              "シティハウス", "第二松風荘", "パークサイド弐番館"]


def address(rng: random.Random, form: str = "hyphen", with_pref: bool = True) -> str:
    pref, city, towns = rng.choice(_PLACES)
    town = rng.choice(towns)
    a, b, c = rng.randint(1, 8), rng.randint(1, 30), rng.randint(1, 25)
    block = {"hyphen": f"{a}-{b}-{c}", "chome": f"{a}丁目{b}番{c}号", "kanji": f"{kanji_number(a)}丁目{kanji_number(b)}番地",
             "wide": full_width(f"{a}-{b}-{c}"), "banchi": f"{rng.randint(100, 2999)}番地"}[form]
    room = ""
    if rng.random() < 0.4:
        room = rng.choice([" ", "\u3000", ""]) + rng.choice(_BUILDINGS) + str(rng.choice([101, 203, 305, 412, 1102]))
        if rng.random() < 0.3:
            room += "号室"
    return (pref if with_pref else "") + city + town + block + room


def postal_code(rng: random.Random, form: str = "hyphen") -> str:
    a, b = _digits(rng, 3), _digits(rng, 4)
    return {"hyphen": f"{a}-{b}", "plain": a + b, "wide": full_width(f"{a}-{b}")}[form]


def wareki(y: int) -> tuple[str, int]:
    for era, start in (("令和", 2019), ("平成", 1989), ("昭和", 1926), ("大正", 1912)):
        if y >= start:
            return era, y - start + 1
    raise ValueError(y)


def birth_date(p: Person, form: str) -> str:
    y, m, d = p.birth
    era, ey = wareki(y)
    short = {"令和": "R", "平成": "H", "昭和": "S", "大正": "T"}[era]
    return {
        "western": f"{y}年{m}月{d}日", "wareki": f"{era}{ey}年{m}月{d}日", "short": f"{short}{ey}.{m}.{d}",
        "slash": f"{y}/{m:02d}/{d:02d}", "dot": f"{y}.{m}.{d}",
        "wide": full_width(f"{y}") + f"年{full_width(str(m))}月{full_width(str(d))}日",
        "kanji": f"{era}{kanji_number(ey) if ey > 1 else '元'}年{kanji_number(m)}月{kanji_number(d)}日",
    }[form]


def my_number(rng: random.Random, form: str = "plain") -> str:
    n = valid_my_number(rng)
    return {"plain": n, "space": f"{n[:4]} {n[4:8]} {n[8:]}", "hyphen": f"{n[:4]}-{n[4:8]}-{n[8:]}",
            "wide": full_width(n)}[form]
