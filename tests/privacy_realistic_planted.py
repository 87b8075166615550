"""Submissions with planted personal data, laid out the ways people send them.

Layouts: a letter (greeting, self-introduction, opinions, closing, signature block with contact lines), a
form pasted into the body (【氏名】【住所】…【御意見】), a one- or two-line note, a story that carries the data
inside its sentences (「私のマイナンバーは…ですが」, 「自宅（…）の前の道路は」), a creator's post with pen name,
handles and links, and a company letter. The submitter column and the source file name carry names and
numbers too. Some submissions also cite public figures or use job words, as real ones do.
"""

from __future__ import annotations

import random

from .privacy_realistic_clean import CLEAN_SUBMITTERS, job_sentence, org_sentence, pronoun_sentence, public_sentence
from .privacy_realistic_contact import Bit, address, birth_date, email, my_number, phone, phone_value, postal, sns, url
from .privacy_realistic_names import (
    OPENING_WEIGHTS,
    OPENINGS,
    Draft,
    RawPlant,
    closing_name,
    full,
    name_after_address,
    signature_name,
    third_party,
)
from .privacy_realistic_people import Person, halfwidth_kana, katakana, person
from .privacy_realistic_prose import CLOSINGS, GREETINGS, TOPICS, Topic, one_liner, opinion_lines

YEAR = 2024
_PLATFORM_WORDS = {
    "x": ["X", "Ｘ", "X（旧Twitter）", "エックス"], "twitter": ["Twitter", "ツイッター"], "instagram": ["Instagram"],
    "insta": ["インスタ"], "tiktok": ["TikTok"], "note": ["note"], "youtube": ["YouTube"], "line": ["LINE"],
    "bluesky": ["Bluesky"],
}


def _glued(text: str, value: str) -> bool:
    end = text.index(value) + len(value)
    return end < len(text) and not text[end].isspace() and ord(text[end]) > 0x7F


# ---------------------------------------------------------------- data inside sentences
def embed(rng: random.Random, d: Draft, p: Person, kind: str) -> str:
    if kind == "phone":
        b = phone(rng, label=False)
        v = d.add("phone", b.value, b.style.replace("-bare", "-sentence"))
        return rng.choice([f"日中は仕事のため、ご連絡は携帯（{v}）にお願いします。", f"ご質問があれば{v}までお電話ください。",
                           f"回答は電話（{v}）でいただけると助かります。", f"何かあれば{v}に連絡をください。",
                           f"私の携帯番号は{v}です。",
                           f"説明会の日程が決まったら、{v}に電話をもらえますか。"])
    if kind == "email":
        b = email(rng, p, label=False)
        v = d.add("email", b.value, b.style.replace("-bare", "-sentence"))
        note = b.text[len(b.value):]  # 「（★を@に変えてください）」 goes after the sentence, as people write it
        return rng.choice([f"回答はメール（{v}）でいただけると助かります。", f"資料があれば{v}まで送っていただけますか。",
                           f"ご連絡は{v}にお願いします。", f"何かあれば{v}へご連絡ください。", f"返信先：{v}"]) + note
    if kind == "sns":
        b = sns(rng, p)
        word = rng.choice(_PLATFORM_WORDS[b.style.split("-")[1]])
        v = d.add("sns", b.value, b.style + "-sentence")
        return rng.choice([f"{word}（{v}）でも発信しています。", f"{word}は{v}です。", f"{word}で{v}として活動しています。",
                           f"普段は{word}（{v}）に作品を載せています。", f"{word}のアカウント{v}でも同じ意見を書きました。",
                           f"この問題は{word}の{v}でも取り上げました。"])
    if kind == "url":
        b = url(rng, p)
        v = b.value
        text = rng.choice([f"詳しくは私のブログ{v}を見てください。", f"noteにまとめました→{v}", f"経緯は{v}に書きました。",
                           f"作品は{v}で公開しています。", f"（自分の記録：{v}）", f"プロフィール：{v}",
                           f"私の活動については{v}をご覧ください。",
                           f"これまでの経緯：\n{v}\nに詳しく書いています。", f"被害の記録は{v}にまとめてあります。",
                           f"{v}を見ていただければ分かります。",
                           f"以前ブログ（{v}）にも書いたのですが、状況は変わっていません。", f"{v}で実際の画像を比較しています。",
                           f"私のサイト{v}の作品が無断で使われていました。"])
        d.add("url", b.value, b.style + ("-glued" if _glued(text, b.value) else ""))
        return text
    if kind == "address":
        v = d.bit(address(rng), "-sentence")
        return rng.choice([f"私は{v}に住んでいますが、近くの道路は朝夕とても混雑します。",
                           f"自宅（{v}）の前の道路は通学路になっています。",
                           f"{v}の自宅前に、昨年カメラが設置されました。", f"住所は{v}です。", f"現在、{v}に一人で住んでいます。",
                           f"実家（{v}）は五年前から空き家です。"])
    if kind == "postal_code":
        pc, a = postal(rng, spelled_label=False), address(rng)
        return f"自宅（{d.bit(pc, '-sentence')} {d.bit(a, '-sentence')}）宛てに郵送で回答をください。"
    if kind == "my_number":
        b = my_number(rng)
        v = d.add("my_number", b.value, b.style + "-sentence")
        return rng.choice([f"私のマイナンバーは{v}ですが、マイナポータルで確認したところ、別人の情報がひも付いていました。",
                           f"念のため個人番号を記載します（{v}）。",
                           f"通知カードの番号{v}で照会しても、窓口では確認できないと言われました。",
                           f"個人番号（{v}）を書いた書類を郵送しましたが、届いたかどうかの連絡もありません。"])
    y = rng.randint(1936, 2004)
    b = birth_date(rng, year=y)
    v = d.add("birth_date", b.value, b.style + "-sentence")
    age = YEAR - y - rng.randint(0, 1)
    return rng.choice([f"私は{v}生まれで、今年{age}歳になります。", f"{v}生まれの{age}歳です。",
                       f"母は{v}生まれで、一人暮らしです。",
                       f"私（{v}生）のような年金生活者には、この負担は重すぎます。"])


def contact_lines(rng: random.Random, d: Draft, p: Person, kinds: list[str]) -> list[str]:
    """Lines under a signature: address first (with or without 〒), then numbers and accounts."""
    lines: list[str] = []
    ks = list(kinds)
    if "address" in ks or "postal_code" in ks:
        a = d.bit(address(rng)) if "address" in ks else None
        lab = rng.choice(["", "", "住所：", "【住所】", "住所　"])
        pc = d.bit(postal(rng, spelled_label=not lab)) if "postal_code" in ks else None
        if a and pc:
            lines += rng.choice([[f"{pc} {a}"], [pc, a], [f"{lab}{pc}　{a}"], [f"{pc}", f"{lab}{a}"]])
        elif a:
            lines.append(lab + a)
        else:
            lines.append(f"{pc}（住所は省略します）" if rng.random() < 0.5 else pc or "")
    for k in ks:
        if k == "phone":
            lines.append(d.bit(phone(rng)))
            if rng.random() < 0.15:
                v, fmt, _ = phone_value(rng, "hyphen")
                lines.append(f"FAX：{d.add('phone', v, 'phone-fax')}")
        elif k == "email":
            lines.append(d.bit(email(rng, p)))
        elif k == "sns":
            lines.append(d.bit(sns(rng, p)))
        elif k == "url":
            b = url(rng, p)
            lines.append(rng.choice(["ブログ：", "HP：", "", "note：", "活動記録 "]) + d.bit(b))
        elif k == "my_number":
            lines.append(d.bit(my_number(rng)))
        elif k == "birth_date":
            lines.append(d.bit(birth_date(rng)))
    return lines


# ---------------------------------------------------------------- layouts
def _bait(rng: random.Random, d: Draft) -> str | None:
    """A job word, pronoun, company or public figure inside a planted submission (never sharing a name with a plant)."""
    maker = rng.choice([job_sentence, pronoun_sentence, org_sentence, public_sentence, public_sentence, public_sentence])
    for _ in range(6):
        text, names = maker(rng)
        if not any(a in b or b in a for a in names for b in d.names()):
            d.public.extend(names)
            return text
    return None


def letter(rng: random.Random, d: Draft, p: Person, topic: Topic, kinds: list[str]) -> list[str]:
    lines: list[str] = []
    named = False
    if rng.random() < 0.45:
        lines.append(rng.choice(GREETINGS))
    if rng.random() < 0.7:
        style = rng.choices(list(OPENINGS), weights=OPENING_WEIGHTS)[0]
        lines.append(OPENINGS[style](rng, d, p))
        named = True
    body = opinion_lines(rng, topic)
    sig_kinds = [k for k in kinds if rng.random() < (0.35 if k == "url" else 0.6)]
    if "address" in sig_kinds and "postal_code" in kinds and "postal_code" not in sig_kinds:
        sig_kinds.append("postal_code")  # a 〒 goes with the address it belongs to
    inline = [k for k in kinds if k not in sig_kinds]
    if "postal_code" in inline and "address" in inline:
        inline.remove("address")  # the postal sentence carries its own address
    for k in inline:
        body.insert(rng.randint(0, len(body)), embed(rng, d, p, k))
    if rng.random() < 0.18:
        body.insert(rng.randint(0, len(body)), third_party(rng, d))
    if rng.random() < 0.55 and (bait := _bait(rng, d)):
        body.insert(rng.randint(0, len(body)), bait)
    lines += body
    roll = rng.random()
    if roll < 0.25 and not sig_kinds:
        lines.append(closing_name(rng, d, p))
        return lines
    if rng.random() < 0.8:
        lines.append(rng.choice(CLOSINGS))
    if sig_kinds or not named or roll < 0.7:
        lines.append(rng.choice(["", "", "――――――――", "-----", "＊＊＊"]))
        if sig_kinds and named is False and rng.random() < 0.1:
            pass  # contact lines without a name: some people sign with a number or an address only
        elif "address" in sig_kinds and rng.random() < 0.45:
            sig_kinds.remove("address")
            pc = postal(rng, spelled_label=False) if "postal_code" in sig_kinds else None
            if pc:
                sig_kinds.remove("postal_code")
            lines += name_after_address(rng, d, p, address(rng), pc).split("\n")
        else:
            lines += signature_name(rng, d, p, real_name=named).split("\n")
        lines += contact_lines(rng, d, p, sig_kinds)
    return lines


_FORM_LABELS = [("【", "】"), ("■", "："), ("", "："), ("・", "："), ("", "　"), ("○", "：")]


def form(rng: random.Random, d: Draft, p: Person, topic: Topic, kinds: list[str]) -> list[str]:
    o, c = rng.choice(_FORM_LABELS)
    lines: list[str] = []
    n = d.add("name", full(rng, p), "label-shimei-form")
    lines.append(f"{o}{rng.choice(['氏名', 'お名前', '氏名（ふりがな）', '提出者氏名'])}{c}{n}")
    if rng.random() < 0.4:
        r = d.add("name", p.reading(rng.choice(["", " ", "　"])) if rng.random() < 0.6 else katakana(p.reading(" ")),
                  "reading-form")
        lines.append(f"{o}{rng.choice(['ふりがな', 'フリガナ', 'よみ'])}{c}{r}")
    for k in kinds:
        if k == "address":
            a = d.bit(address(rng))
            pc = d.bit(postal(rng, spelled_label=False)) + " " if "postal_code" in kinds else ""
            lines.append(f"{o}住所{c}{pc}{a}")
        elif k == "postal_code" and "address" not in kinds:
            lines.append(f"{o}郵便番号{c}{d.add('postal_code', postal(rng).value, 'postal-form')}")
        elif k == "phone":
            b = phone(rng, label=False)
            v = d.add("phone", b.value, b.style.replace("-bare", "-form"))
            lines.append(f"{o}{rng.choice(['電話番号', '連絡先電話番号', 'TEL', '日中の連絡先'])}{c}{v}")
        elif k == "email":
            b = email(rng, p, label=False)
            lines.append(f"{o}{rng.choice(['メールアドレス', 'E-mail', '連絡先メール'])}{c}{b.text}")
            d.add("email", b.value, b.style.replace("-bare", "-form"))
        elif k == "birth_date":
            b = birth_date(rng)
            lines.append(f"{o}生年月日{c}{d.add('birth_date', b.value, b.style + '-form')}")
        elif k == "my_number":
            b = my_number(rng)
            lines.append(f"{o}{rng.choice(['個人番号', 'マイナンバー'])}{c}{d.add('my_number', b.value, b.style + '-form')}")
        elif k == "sns":
            lines.append(f"{o}SNS{c}{d.bit(sns(rng, p))}")
        elif k == "url":
            lines.append(f"{o}{rng.choice(['ホームページ', 'ブログ', 'URL'])}{c}{d.bit(url(rng, p))}")
    if rng.random() < 0.6:
        job = rng.choice(["会社員", "自営業", "無職", "主婦", "学生", "団体職員"])
        lines.append(f"{o}{rng.choice(['職業', 'ご職業', '所属'])}{c}{job}")
    if rng.random() < 0.3:
        lines.append(f"{o}年齢{c}{rng.randint(18, 89)}歳")
    lines.append(f"{o}{rng.choice(['御意見', '意見', 'ご意見', '意見内容', '意見及びその理由'])}{c}".rstrip("："))
    lines += opinion_lines(rng, topic)
    if rng.random() < 0.3 and (bait := _bait(rng, d)):
        lines.insert(rng.randint(len(lines) - 1, len(lines)), bait)
    return lines


def short(rng: random.Random, d: Draft, p: Person, topic: Topic, kinds: list[str]) -> list[str]:
    text = one_liner(rng, topic)
    extra = [embed(rng, d, p, k) for k in kinds[:1]]
    if rng.random() < 0.5:
        return [text + "".join(extra), closing_name(rng, d, p)]
    n = d.add("name", full(rng, p), "short-paren-name")
    return [f"{text}{''.join(extra)}（{n}）" if rng.random() < 0.5 else f"{text}{''.join(extra)}　{n}"]


def creator(rng: random.Random, d: Draft, p: Person, topic: Topic, kinds: list[str]) -> list[str]:
    topic = rng.choice([t for t in TOPICS if t.key in ("ai", "invoice")])
    job = rng.choice(["イラストレーター", "漫画家", "同人作家", "声優", "作曲家", "写真家", "小説家", "デザイナー"])
    if rng.random() < 0.5:
        who = d.add("name", rng.choice(["青空ねこ", "しろくま工房", "夜更かしペンギン", "猫田にゃん吉", "茶トラ堂", "白樺ゆう",
                                        "朝霧レイ"]),
                    "pen-name-intro")
        head = rng.choice([f"{job}の{who}と申します（ペンネームです）。", f"{who}という名前で{job}をしています。",
                           f"ペンネーム「{who}」で活動している{job}です。"])
    else:
        who = d.add("name", full(rng, p), "intro-job-name-creator")
        head = rng.choice([f"フリーの{job}、{who}です。", f"{job}として活動している{who}と申します。"])
    lines = [head]
    lines.append(embed(rng, d, p, "sns") if rng.random() < 0.7 else embed(rng, d, p, "url"))
    lines += opinion_lines(rng, topic)
    rest = [k for k in kinds if k not in ("sns", "url")]
    if "sns" in kinds or "url" in kinds:
        lines.append("")
        lines += contact_lines(rng, d, p, [k for k in kinds if k in ("sns", "url", "email")])
        rest = [k for k in rest if k != "email"]
    lines += [embed(rng, d, p, k) for k in rest]
    return lines


LAYOUTS = {"letter": letter, "form": form, "short": short, "creator": creator}
LAYOUT_WEIGHTS = (10, 3, 2, 2)
KIND_ODDS = {"phone": 0.4, "email": 0.3, "address": 0.28, "postal_code": 0.22, "sns": 0.15, "url": 0.2, "my_number": 0.15,
             "birth_date": 0.14}


def _submitter_and_file(rng: random.Random, d: Draft, p: Person, idx: int) -> tuple[str | None, str | None]:
    roll = rng.random()
    submitter: str | None = rng.choice(CLEAN_SUBMITTERS + (None,) * 6)
    file: str | None = rng.choice([f"意見_{idx:04d}.txt", f"{idx:04d}.docx", None, None])
    if roll < 0.2:
        s = "submitter"
        n = full(rng, p)
        style = rng.choice(["name-contact", "name-contact", "name", "kojin-paren", "job-name", "katakana", "halfwidth",
                            "wrapped"])
        if style == "name-contact":
            b: Bit = phone(rng, label=False) if rng.random() < 0.65 else email(rng, p, label=False)
            d.add("name", n, "submitter-name-contact", s)
            d.add(b.kind, b.value, b.style.replace("-bare", "-submitter"), s)
            submitter = rng.choice([f"{n} {b.value}", f"{n}　{b.value}", f"{n}（{b.value}）", f"{n}\n{b.value}"])
        elif style == "name":
            submitter = d.add("name", n, "submitter-name", s)
        elif style == "kojin-paren":
            submitter = f"{rng.choice(['個人', '個人', '一般'])}（{d.add('name', n, 'submitter-kojin-paren', s)}）"
        elif style == "job-name":
            j = rng.choice(["会社員", "主婦", "自営業", "学生"])
            submitter = rng.choice([f"{j}　{d.add('name', n, 'submitter-job-name', s)}",
                                    f"{d.add('name', n, 'submitter-job-name', s)}（{j}）"])
        elif style == "katakana":
            submitter = d.add("name", katakana(p.reading(" ")), "submitter-katakana", s)
        elif style == "halfwidth":
            submitter = d.add("name", halfwidth_kana(p.reading(" ")), "submitter-halfwidth-kana", s)
        else:
            submitter = d.add("name", f"{p.surname}\n{p.given}", "submitter-wrapped", s)
    elif roll < 0.3:
        f = "file"
        n = p.full()
        style = rng.choice(["sama-phone", "sama-phone", "date", "katakana", "romaji", "sama"])
        if style == "sama-phone":
            v, _, _ = phone_value(rng, "plain")
            file = f"{d.add('name', n, 'file-name-sama-phone', f)}様_{d.add('phone', v, 'phone-plain-file', f)}.csv"
        elif style == "date":
            file = f"意見書_{d.add('name', n, 'file-name-date', f)}_{YEAR}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}.docx"
        elif style == "katakana":
            file = f"パブコメ_{d.add('name', katakana(p.reading()), 'file-katakana', f)}.pdf"
        elif style == "romaji":
            sur, giv = p.roma()
            file = f"{d.add('name', f'{sur}_{giv}', 'file-romaji', f)}_iken.pdf"
        else:
            file = f"【意見】{d.add('name', n, 'file-name-sama', f)}様.txt"
    return submitter, file


def planted_submission(rng: random.Random, idx: int) -> tuple[str, str | None, str | None, list[RawPlant], list[str]]:
    """(body, submitter, file, plants, public names) of one submission holding personal data.

    Written again when a public figure cited early shares a name with a person signing later: the gold
    must not call one string both private and public."""
    while True:
        d = Draft()
        p = person(rng)
        topic = rng.choice(TOPICS)
        kinds = [k for k, odds in KIND_ODDS.items() if rng.random() < odds]
        layout = rng.choices(list(LAYOUTS), weights=LAYOUT_WEIGHTS)[0]
        lines = LAYOUTS[layout](rng, d, p, topic, kinds)
        submitter, file = _submitter_and_file(rng, d, p, idx)
        if not any(a in b or b in a for a in d.public for b in d.names()):
            body = "\n".join(lines).strip("\n")
            return body, submitter, file, d.plants, list(dict.fromkeys(d.public))
