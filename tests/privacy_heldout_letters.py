"""Planted submissions written on paper or in reply: letters (拝啓…敬具), handwritten transcriptions with odd
line breaks, replies quoting the city's answer (＞), return-address blocks (〒…宛), family stories, a grandchild
typing for a grandparent, a FAX cover sheet, names in hiragana only.
"""

from __future__ import annotations

import random
from dataclasses import replace

from . import privacy_heldout_prose as prose
from .privacy_heldout_draft import RESIDENCES, Draft, job_for, phone_plant
from .privacy_heldout_people import address, birth_date, email, kanji_number, my_number, person, postal_code
from .privacy_heldout_public import OFFICES, OFFICIALS, public_person
from .privacy_realistic import Sub


def _addressee(rng: random.Random, d: Draft) -> str:
    mayor, frame = rng.choice([o for o in OFFICIALS if "市長" in o[1] or "町長" in o[1] or "知事" in o[1]])
    office = rng.choice(OFFICES)
    return rng.choice([frame.format(name=d.pub(mayor)) + "\u3000様", f"{office[0]}\u3000{office[1]}\u3000御中", "ご担当者様",
                       "厚生労働省　御中", f"{office[0]}　御中"])


def _wrap(d: Draft, template: str, rng: random.Random) -> str:
    """Break a handwritten text where the transcriber's line ended, never inside a planted value."""
    width, out, col = rng.randint(11, 19), [], 0
    parts = template.split("\x00")
    for i, part in enumerate(parts):
        if i % 2:  # a marker: keep it whole
            value = d._plants[int(part)].value
            if col + len(value) > width + 4:
                out.append("\n")
                col = 0
            out.append(f"\x00{part}\x00")
            col += len(value)
            continue
        for ch in part:
            if ch == "\n":
                col = 0
            elif col >= width:
                out.append("\n")
                col = 0
            out.append(ch)
            col += ch != "\n"
    return "".join(out)


def letter_haikei(rng: random.Random, d: Draft) -> Sub:
    p = person(rng, era=rng.choice([0, 0, 1]))
    intro = rng.choice([
        "", f"私は{rng.choice(RESIDENCES)}に住む{p.age}歳の{d.name(p, 'full', 'letter-intro')}と申します。",
        f"小生、{d.name(p, 'full-wide', 'letter-intro')}と申す{rng.choice(['年金生活者', '元教員', '農家'])}でございます。",
        f"{d.name(p, 'surname', 'letter-intro')}でございます。先日の説明会にも伺いました。",
    ])
    lines = prose.polite(rng, rng.randint(1, 3))
    if rng.random() < 0.4:
        frag, pub = public_person(rng)
        lines.insert(rng.randint(0, len(lines)), frag)
        d.pub(pub)
    closing_block = [prose.date_line(rng), ""]
    pc = postal_code(rng, rng.choice(["hyphen", "hyphen", "wide", "plain"]))
    addr = address(rng, rng.choice(["chome", "hyphen", "wide"]))
    block = rng.choice([
        [f"〒{d.put('postal_code', pc, 'letter-block/' + ('7digit' if len(pc) == 7 else 'hyphen'))}",
         d.put("address", addr, "letter-block/full"), d.name(p, rng.choice(["full-wide", "full", "full-space"]), "letter-sign")],
        [f"住所　{d.put('address', addr, 'letter-block/labelled')}",
         f"氏名　{d.name(p, 'full-wide', 'letter-sign')}（{d.name(p, 'hiragana', 'letter-reading')}）"],
        [f"{d.name(p, 'full', 'letter-sign')}　拝"],
    ])
    if rng.random() < 0.5:
        block.append(phone_plant(d, rng, "letter-block", rng.choice(["home", "mobile"])))
    if rng.random() < 0.25:
        block.append(f"（{d.put('birth_date', birth_date(p, 'wareki'), 'letter-block/wareki')}生）")
    body = "\n".join([_addressee(rng, d), "", f"拝啓　{rng.choice(prose.SEASON)}、皆様にはご健勝のこととお慶び申し上げます。",
                      "突然お便りを差し上げる失礼をお許しください。" + intro, *lines,
                      prose.fill(rng, prose.ELDERLY)[0] + "。", "まずは右、意見まで申し上げます。", "\u3000" * 12 + "敬具", "",
                      *closing_block, *block])
    scan = None  # the letter was scanned and the clerk named the file after the sender
    if rng.random() < 0.15:
        scan = f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}_{d.name(p, 'surname', 'file-scan', 'file')}様書簡.pdf"
    return d.finish(body, file=scan)


def handwritten(rng: random.Random, d: Draft) -> Sub:
    p = person(rng, era=0, old_style=0.35)
    age = kanji_number(p.age % 100) if p.age < 100 else str(p.age)
    sentences = [
        f"わたしは{rng.choice(['町の西の', '駅の裏の', 'ダムの下の', '団地の'])}ほうに住んでいる"
        f"{'八' if p.age >= 80 else '七'}十すぎの年寄りです",
        rng.choice([f"名前は{d.name(p, 'full', 'handwritten-intro')}と申します",
                    f"{d.name(p, 'full-wide', 'handwritten-intro')}です",
                    f"{d.name(p, 'katakana', 'handwritten-intro')}と申します"]),
        *prose.fill(rng, prose.ELDERLY, 3),
        rng.choice(["", f"{d.put('birth_date', birth_date(p, 'kanji'), 'handwritten/kanji')}生まれの{age}才です",
                    f"{d.put('birth_date', birth_date(p, 'short'), 'handwritten/short')}生"]),
    ]
    text = "。".join(s for s in sentences if s) + "。"
    tail = rng.choice([
        f"\n\n住所　{d.put('address', address(rng, 'kanji'), 'handwritten/kanji-numerals')}"
        f"\n氏名　{d.name(p, 'full-wide', 'handwritten-sign')}",
        f"\n\n{d.name(p, 'full', 'handwritten-sign')}\n{phone_plant(d, rng, 'handwritten', 'home')}",
        f"\n\n（{d.name(p, 'surname', 'handwritten-sign')}）",
    ])
    head = rng.choice(["【手書きの意見書を担当課で入力しました。改行は原文のまま】", "※はがきによる意見（原文どおり）",
                       "（郵送・手書き）"])
    return d.finish(head + "\n" + _wrap(d, text, rng) + tail)


def quoted_reply(rng: random.Random, d: Draft) -> Sub:
    p = person(rng, era=rng.choice([1, 1, 2]))
    office, section = rng.choice(OFFICES)[:2]
    reply = "\n".join(["お返事ありがとうございました。", "ただ、納得できない点があるので再度送ります。", *prose.polite(rng, 2)])
    sig = rng.choice([f"\n{d.name(p, 'full-space', 'reply-sign')}",
                      f"\n--\n{d.name(p, 'full', 'reply-sign')}\n{phone_plant(d, rng, 'reply-sign')}",
                      "", f"\n{d.name(p, 'surname', 'reply-sign')}"])
    greet = rng.choice([f"＞{d.name(p, 'full-space', 'quote-sama')}様", f"＞ {d.name(p, 'surname', 'quote-sama')} 様",
                        f"＞{d.name(p, 'full', 'quote-sama')}　様"])
    quoted = "\n".join([greet, "＞", f"＞このたびは、{rng.choice(sorted(prose.POLITE))}についてご意見をお寄せいただき、",
                        "＞ありがとうございました。", "＞いただいたご意見は、今後の検討の参考とさせていただきます。", "＞",
                        f"＞{office}　{section}"])
    if rng.random() < 0.5:
        header = "\n".join(["-----Original Message-----", f"From: {office} {section}", f"Sent: {prose.date_line(rng)}",
                            f"To: {d.name(p, 'full-space', 'header-to')} <{d.put('email', email(rng, p), 'header-to/plain')}>",
                            "Subject: Re: ご意見について"])
        quoted = header + "\n\n" + quoted
    return d.finish(f"{section}　ご担当者様\n\n{reply}\n{sig}\n\n{quoted}")


def return_address(rng: random.Random, d: Draft) -> Sub:
    p = person(rng)
    form = rng.choice(["hyphen", "chome", "wide", "banchi"])
    pc = postal_code(rng, rng.choice(["hyphen", "plain"]))
    suffix = rng.choice([" 宛", "　宛", " 様", "様", " 行"])
    block = "\n".join([rng.choice(["回答の送付先", "資料の送り先（郵送希望）", "返送先：", "【送付先】"]),
                       f"〒{d.put('postal_code', pc, 'return-block/hyphen' if '-' in pc else 'return-block/7digit')}",
                       d.put("address", address(rng, form), f"return-block/{form}"),
                       d.name(p, rng.choice(["full-space", "full", "full-wide"]), "address-block-" + suffix.strip()) + suffix])
    return d.finish("\n".join([*prose.polite(rng, 2), "資料の郵送を希望します。", "", block]))


def family(rng: random.Random, d: Draft) -> Sub:
    me = person(rng, era=1)
    spouse = person(rng, era=1, sex="m" if me.sex == "f" else "f")
    elder = person(rng, era=0)
    kid = person(rng, era=2)
    spouse, elder, kid = (replace(q, surname=me.surname, sur_kana=me.sur_kana, sur_romaji=me.sur_romaji,
                                  old_style=me.old_style) for q in (spouse, elder, kid))
    if spouse.sex == "m":
        about_spouse = rng.choice([f"夫の{d.name(spouse, 'full', 'family-spouse')}（{spouse.age}歳）が昨年倒れ、"
                                   f"今は要介護{rng.randint(1, 5)}です。",
                                   f"主人（{d.name(spouse, 'full-space', 'family-spouse')}）の代わりに書いています。"])
    else:
        about_spouse = rng.choice([f"妻・{d.name(spouse, 'given', 'family-spouse')}と二人暮らしです。",
                                   f"家内の{d.name(spouse, 'full', 'family-spouse')}が申請に行きましたが、断られました。"])
    if elder.sex == "f":
        bd = d.put("birth_date", birth_date(elder, rng.choice(["wareki", "kanji"])), "family/parent")
        about_elder = rng.choice([f"母・{d.name(elder, 'full', 'family-parent')}は{bd}生まれで、施設に入っています。",
                                  f"同居の義母{d.name(elder, 'given', 'family-parent')}（{elder.age}）の通院に"
                                  "付き添っています。"])
    else:
        about_elder = rng.choice([f"亡くなった父、{d.name(elder, 'full-wide', 'family-parent')}の時もそうでした。",
                                  f"義父の{d.name(elder, 'full', 'family-parent')}（{elder.age}歳）は一人では役所に行けません。"])
    child = "長女" if kid.sex == "f" else "長男"
    about_kid = rng.choice([
        f"{child}の{d.name(kid, 'given', 'family-child')}（{kid.age}歳）も同じ考えです。",
        f"{child}・{d.name(kid, 'given', 'family-child')}"
        f"（{d.put('birth_date', birth_date(kid, rng.choice(['western', 'slash'])), 'family/child')}生）"
        "の手続でも同じことがありました。",
        f"孫の{d.name(kid, 'full', 'family-child')}も同じ意見です。"])
    sentences = [about_spouse, about_elder, about_kid]
    if rng.random() < 0.4:
        mn = my_number(rng, rng.choice(["plain", "space", "hyphen"]))
        sentences.append(f"母のマイナンバー（{d.put('my_number', mn, 'family/in-brackets')}）で"
                         "薬局の読み取りができませんでした。")
    rng.shuffle(sentences)
    sign = rng.choice(["", f"\n\n{d.name(me, 'full', 'family-sign')}（{job_for(rng, me.age)}）",
                       f"\n\n{d.name(me, 'surname', 'family-sign')}より"])
    return d.finish("\n".join([*sentences, *prose.polite(rng, 1)]) + sign)


def proxy(rng: random.Random, d: Draft) -> Sub:
    gm, gc = person(rng, era=0, sex="f"), person(rng, era=2)
    lines = "\n".join(f"「{s}」" for s in prose.fill(rng, prose.ELDERLY, 2))
    return d.finish("\n".join([
        f"祖母{d.name(gm, rng.choice(['full', 'full-space']), 'proxy-grandparent')}（{gm.age}歳）に頼まれて、"
        f"孫の{d.name(gc, 'given', 'proxy-grandchild')}が代わりに入力しています。", "以下、祖母の言葉のままです。", lines, "",
        f"入力者　{d.name(gc, 'full', 'proxy-sign')}（{rng.choice(['大学生', '会社員', '高校生'])}）",
        "祖母の連絡先　" + phone_plant(d, rng, "proxy", "home")]))


def fax_cover(rng: random.Random, d: Draft) -> Sub:
    p = person(rng, era=rng.choice([0, 1]))
    office, section = rng.choice(OFFICES)[:2]
    return d.finish("\n".join([
        "ＦＡＸ送信票", f"送信日：{prose.date_line(rng)}", f"宛先：{office}　{section}　御中",
        f"発信者：{d.name(p, rng.choice(['full-wide', 'full']), 'fax-sender')}", phone_plant(d, rng, "fax-cover", "fax"),
        phone_plant(d, rng, "fax-cover", rng.choice(["home", "mobile"])), f"枚数：{rng.randint(2, 5)}枚（本票含む）",
        "――――――――――――", *prose.polite(rng, 2)]))


def kana_only(rng: random.Random, d: Draft) -> Sub:
    p = person(rng, era=rng.choice([0, 2]))
    if p.birth[0] > 1985:  # a child at school: born 2013-2017
        p = replace(p, birth=(rng.randint(2013, 2017), p.birth[1], p.birth[2]))
        text = [f"{rng.randint(1, 6)}ねん{rng.randint(1, 4)}くみ　{d.name(p, 'hiragana', 'child-kana')}",
                "こうえんの　あそびばが　なくならないで　ほしいです。", "ボールあそびが　できる　ところが　ほしいです。"]
    else:
        text = [f"なまえ　{d.name(p, rng.choice(['hiragana', 'katakana']), 'kana-label')}", f"とし　{p.age}さい",
                rng.choice(["むずかしいかんじは　よめませんので　ひらがなで　かきます。",
                            "めが　わるいので　ひらがなで　ごめんなさい。",
                            "てが　ふるえて　じが　うまく　かけません。"]),
                rng.choice(["バスを　へらさないで　ください。", "びょういんに　いく　バスが　なくなると　こまります。",
                            "ごみの　ひを　かえないで　ください。"])]
    return d.finish("\n".join(text))
