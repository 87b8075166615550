"""Invented people for the realistic privacy corpus: names with readings, and the ways people spell them.

Surnames and given names carry their hiragana reading, so a signature can add a reading in brackets, be
written in hiragana, katakana or half-width katakana, or in romaji (which also feeds e-mail addresses and
SNS handles). The lists mix the most common names with rare ones (四十物, 小鳥遊, 勅使河原), variant kanji
(髙橋, 齋藤, 渡邉) and given names written in kana. Every person is a random pairing: nobody real is meant.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

# (kanji, reading)
SURNAMES: list[tuple[str, str]] = [
    ("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"), ("伊藤", "いとう"),
    ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"), ("小林", "こばやし"), ("加藤", "かとう"),
    ("吉田", "よしだ"), ("山田", "やまだ"), ("佐々木", "ささき"), ("山口", "やまぐち"), ("松本", "まつもと"),
    ("井上", "いのうえ"), ("木村", "きむら"), ("林", "はやし"), ("斎藤", "さいとう"), ("清水", "しみず"),
    ("山崎", "やまざき"), ("森", "もり"), ("池田", "いけだ"), ("橋本", "はしもと"), ("阿部", "あべ"),
    ("石川", "いしかわ"), ("前田", "まえだ"), ("藤田", "ふじた"), ("後藤", "ごとう"), ("小川", "おがわ"),
    ("岡田", "おかだ"), ("長谷川", "はせがわ"), ("村上", "むらかみ"), ("近藤", "こんどう"), ("石井", "いしい"),
    ("坂本", "さかもと"), ("遠藤", "えんどう"), ("青木", "あおき"), ("藤井", "ふじい"), ("西村", "にしむら"),
    ("福田", "ふくだ"), ("太田", "おおた"), ("三浦", "みうら"), ("藤原", "ふじわら"), ("岡本", "おかもと"),
    ("松田", "まつだ"), ("中川", "なかがわ"), ("中野", "なかの"), ("原田", "はらだ"), ("小野", "おの"),
    ("田村", "たむら"), ("竹内", "たけうち"), ("金子", "かねこ"), ("和田", "わだ"), ("中山", "なかやま"),
    ("石田", "いしだ"), ("上田", "うえだ"), ("森田", "もりた"), ("柴田", "しばた"), ("酒井", "さかい"),
    ("工藤", "くどう"), ("横山", "よこやま"), ("宮崎", "みやざき"), ("宮本", "みやもと"), ("内田", "うちだ"),
    ("高木", "たかぎ"), ("安藤", "あんどう"), ("谷口", "たにぐち"), ("大野", "おおの"), ("丸山", "まるやま"),
    ("今井", "いまい"), ("河野", "こうの"), ("藤本", "ふじもと"), ("武田", "たけだ"), ("杉山", "すぎやま"),
    ("増田", "ますだ"), ("菅原", "すがわら"), ("千葉", "ちば"), ("久保", "くぼ"), ("桜井", "さくらい"),
    ("野口", "のぐち"), ("五十嵐", "いがらし"), ("服部", "はっとり"), ("比嘉", "ひが"), ("金城", "きんじょう"),
    ("原", "はら"), ("東", "あずま"),
    # rare or unusual
    ("四十物", "あいもの"), ("小鳥遊", "たかなし"), ("勅使河原", "てしがわら"), ("月見里", "やまなし"),
    ("御手洗", "みたらい"), ("東海林", "しょうじ"), ("五月女", "そうとめ"), ("百目鬼", "どうめき"),
    ("栗花落", "つゆり"), ("九十九", "つくも"), ("我那覇", "がなは"), ("仲宗根", "なかそね"), ("鰐淵", "わにぶち"),
    ("轟", "とどろき"), ("一ノ瀬", "いちのせ"), ("長宗我部", "ちょうそかべ"), ("八月一日", "ほづみ"),
    ("雲母", "きら"), ("薬師寺", "やくしじ"), ("猪股", "いのまた"), ("舘", "たち"), ("不破", "ふわ"),
    # variant kanji, as people really register them
    ("髙橋", "たかはし"), ("齋藤", "さいとう"), ("渡邉", "わたなべ"), ("濵田", "はまだ"), ("邊見", "へんみ"),
]

GIVEN: list[tuple[str, str]] = [
    ("太郎", "たろう"), ("花子", "はなこ"), ("一郎", "いちろう"), ("健太", "けんた"), ("美咲", "みさき"),
    ("翔太", "しょうた"), ("陽子", "ようこ"), ("大輔", "だいすけ"), ("直子", "なおこ"), ("健一", "けんいち"),
    ("由美", "ゆみ"), ("誠", "まこと"), ("明美", "あけみ"), ("拓也", "たくや"), ("恵子", "けいこ"),
    ("浩", "ひろし"), ("真由美", "まゆみ"), ("隆", "たかし"), ("愛", "あい"), ("悠斗", "ゆうと"),
    ("蓮", "れん"), ("陽翔", "はると"), ("湊", "みなと"), ("結衣", "ゆい"), ("陽菜", "ひな"),
    ("芽依", "めい"), ("葵", "あおい"), ("凛", "りん"), ("紬", "つむぎ"), ("樹", "いつき"),
    ("大和", "やまと"), ("颯太", "そうた"), ("智子", "ともこ"), ("裕子", "ゆうこ"), ("和夫", "かずお"),
    ("正雄", "まさお"), ("清", "きよし"), ("勝", "まさる"), ("茂", "しげる"), ("幸子", "さちこ"),
    ("節子", "せつこ"), ("和子", "かずこ"), ("修", "おさむ"), ("昭", "あきら"), ("久美子", "くみこ"),
    ("千尋", "ちひろ"), ("沙織", "さおり"), ("麻衣", "まい"), ("彩", "あや"), ("瞳", "ひとみ"),
    ("亮", "りょう"), ("潤", "じゅん"), ("翼", "つばさ"), ("光", "ひかる"), ("剛", "つよし"),
    ("徹", "とおる"), ("俊介", "しゅんすけ"), ("達也", "たつや"), ("雄一", "ゆういち"), ("秀樹", "ひでき"),
    ("真理子", "まりこ"), ("康弘", "やすひろ"), ("文子", "ふみこ"), ("琴音", "ことね"), ("心愛", "ここあ"),
    ("希空", "のあ"), ("七海", "ななみ"), ("一二三", "ひふみ"), ("百合", "ゆり"), ("乙葉", "おとは"),
    ("伊織", "いおり"), ("桐子", "きりこ"), ("與四郎", "よしろう"), ("彌生", "やよい"), ("登美", "とみ"),
    ("三津子", "みつこ"), ("智恵", "ちえ"), ("寛治", "かんじ"), ("勘兵衛", "かんべえ"), ("虎之介", "とらのすけ"),
    ("宗一郎", "そういちろう"), ("絢香", "あやか"), ("杏", "あん"), ("朔", "さく"), ("夢叶", "ゆめか"),
    # written in kana
    ("さくら", "さくら"), ("ひかり", "ひかり"), ("あかね", "あかね"), ("みのり", "みのり"), ("はるか", "はるか"),
    ("ちよ", "ちよ"), ("きく", "きく"), ("ハナ", "はな"), ("エリカ", "えりか"), ("マリ", "まり"),
    ("ケン", "けん"), ("ジュン", "じゅん"), ("サチ", "さち"), ("アンナ", "あんな"),
]

# residents who write their names in katakana (surname, given), both directions occur
FOREIGN: list[tuple[str, str]] = [
    ("グエン", "ヴァン・ミン"), ("サントス", "マリア"), ("キム", "ジヨン"), ("チャン", "ウェイ"),
    ("シルバ", "ルーカス"), ("パク", "ソヨン"), ("ラマ", "プラカシュ"), ("スミス", "エミリー"),
    ("ガルシア", "アナ"), ("リー", "メイリン"), ("ペレイラ", "ジョアン"), ("オコンクォ", "チディ"),
]

PEN_NAMES = ["青空ねこ", "さくらもち", "ひなたぼっこ", "みどりのたぬき", "ゆずこ", "しろくま工房", "夜更かしペンギン",
             "猫田にゃん吉", "もぐら書房", "つきみそう", "かもめ屋", "ぽてと丸", "雨宮しずく", "茶トラ堂", "こむぎ",
             "白樺ゆう", "うみのそら", "ぬか床ママ", "朝霧レイ", "星野くるみ", "ぷりん", "KAZU-P", "tama_no_e"]

_ROMA = {
    "あ": "a", "い": "i", "う": "u", "え": "e", "お": "o", "か": "ka", "き": "ki", "く": "ku", "け": "ke", "こ": "ko",
    "さ": "sa", "し": "shi", "す": "su", "せ": "se", "そ": "so", "た": "ta", "ち": "chi", "つ": "tsu", "て": "te",
    "と": "to", "な": "na", "に": "ni", "ぬ": "nu", "ね": "ne", "の": "no", "は": "ha", "ひ": "hi", "ふ": "fu",
    "へ": "he", "ほ": "ho", "ま": "ma", "み": "mi", "む": "mu", "め": "me", "も": "mo", "や": "ya", "ゆ": "yu",
    "よ": "yo", "ら": "ra", "り": "ri", "る": "ru", "れ": "re", "ろ": "ro", "わ": "wa", "を": "o", "ん": "n",
    "が": "ga", "ぎ": "gi", "ぐ": "gu", "げ": "ge", "ご": "go", "ざ": "za", "じ": "ji", "ず": "zu", "ぜ": "ze",
    "ぞ": "zo", "だ": "da", "ぢ": "ji", "づ": "zu", "で": "de", "ど": "do", "ば": "ba", "び": "bi", "ぶ": "bu",
    "べ": "be", "ぼ": "bo", "ぱ": "pa", "ぴ": "pi", "ぷ": "pu", "ぺ": "pe", "ぽ": "po", "ゔ": "vu",
}
_SMALL = {"ゃ": "ya", "ゅ": "yu", "ょ": "yo"}


def romaji(kana: str, *, long_vowels: bool = True) -> str:
    """Hepburn-ish romaji of a hiragana reading (the way people spell it in addresses and handles)."""
    out: list[str] = []
    i = 0
    while i < len(kana):
        ch = kana[i]
        if ch == "っ" and i + 1 < len(kana):
            nxt = _ROMA.get(kana[i + 1], "")
            out.append(nxt[:1] if nxt else "")
        elif i + 1 < len(kana) and kana[i + 1] in _SMALL:
            base = _ROMA.get(ch, "")
            small = _SMALL[kana[i + 1]]
            out.append(base[:-1] + (small[1:] if base in ("shi", "chi", "ji") else small))
            i += 1
        elif ch in _ROMA:
            out.append(_ROMA[ch])
        i += 1
    text = "".join(out)
    if not long_vowels:
        text = text.replace("ou", "o").replace("uu", "u")
    return text


def katakana(hira: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in hira)


def _half_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for code in range(0xFF66, 0xFFA0):
        half = chr(code)
        table.setdefault(unicodedata.normalize("NFKC", half), half)
        for mark in ("ﾞ", "ﾟ"):
            composed = unicodedata.normalize("NFKC", half + mark)
            if len(composed) == 1:
                table.setdefault(composed, half + mark)
    table["　"] = " "
    return table


_HALF = _half_table()


def halfwidth_kana(text: str) -> str:
    """ﾔﾏﾀﾞ ﾀﾛｳ: what old systems and some phones still produce."""
    return "".join(_HALF.get(c, c) for c in katakana(text))


WIDE = str.maketrans("0123456789-()@.:/", "０１２３４５６７８９－（）＠．：／")


def wide(text: str) -> str:
    return text.translate(WIDE)


@dataclass(frozen=True)
class Person:
    surname: str
    surname_kana: str
    given: str
    given_kana: str

    def full(self, sep: str = "") -> str:
        return f"{self.surname}{sep}{self.given}"

    def reading(self, sep: str = "") -> str:
        return f"{self.surname_kana}{sep}{self.given_kana}"

    def roma(self, *, long_vowels: bool = False) -> tuple[str, str]:
        return romaji(self.surname_kana, long_vowels=long_vowels), romaji(self.given_kana, long_vowels=long_vowels)


def person(rng: random.Random) -> Person:
    s, sk = rng.choice(SURNAMES)
    g, gk = rng.choice(GIVEN)
    return Person(s, sk, g, gk)


def name_sep(rng: random.Random) -> str:
    """Between surname and given name: nothing, a space or a full-width space, as forms and people vary."""
    return rng.choice(["", "", "", " ", "　", "　"])


def long_surname(rng: random.Random) -> Person:
    """A person whose surname can stand alone (two characters or more: 「林です」 is real but too short to test)."""
    while True:
        p = person(rng)
        if len(p.surname) >= 2:
            return p


def handle(rng: random.Random, p: Person, *, dots: bool = True) -> str:
    """An SNS handle or e-mail local part built the way people build them (name, hobby, year)."""
    sur, giv = p.roma()
    word = rng.choice(["art", "draws", "photo", "diary", "works", "studio", "mama", "papa", "farm", "cafe", "neko",
                       "blog", "ch", "life", "note", "daily"])
    num = rng.choice(["", str(rng.randint(1, 99)), str(rng.randint(1960, 2005)), f"{rng.randint(0, 99):02d}"])
    sep = rng.choice([".", "_", ""]) if dots else rng.choice(["_", ""])
    forms = [f"{giv}{sep}{sur}{num}", f"{sur}{sep}{giv}{num}", f"{giv[0]}{sep}{sur}{num}", f"{giv}{sep}{word}",
             f"{sur}{giv[:1]}{sep}{word}{num}", f"{word}{sep}{giv}{num}", f"{giv}{giv[-1]}{num}", f"{sur}{num}{sep}{word}"]
    out = rng.choice(forms).strip("._")
    return out if len(out) >= 4 else out + str(rng.randint(10, 99))
