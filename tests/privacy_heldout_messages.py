"""Planted submissions typed on a screen: e-mails pasted into the form (with or without their header lines),
LINE-like messages, forms with 【】 or ■ labels, company signature blocks, shop owners, students, foreigners
living in Japan (simple Japanese or English), blog and SNS links, joint submissions, and a name that is only in
the submitter column or only in the attached file's name.
"""

from __future__ import annotations

import random

from . import privacy_heldout_prose as prose
from .privacy_heldout_draft import RESIDENCES, Clash, Draft, job_for, phone_plant
from .privacy_heldout_people import (
    Person,
    address,
    birth_date,
    email,
    foreigner,
    handle,
    landline,
    mobile,
    my_number,
    person,
    personal_url,
    postal_code,
    sns,
)
from .privacy_heldout_public import OFFICES, public_person
from .privacy_realistic import Sub

# (company, mail domain) for staff signatures
_FIRMS = [("株式会社さくら物流", "sakura-butsuryu.co.jp"), ("カネヨシ商事株式会社", "kaneyoshi-shoji.co.jp"),
          ("有限会社みなせ工務店", "minase-koumuten.jp"), ("株式会社ヤマト精機", "yamato-seiki.co.jp"),
          ("社会福祉法人やすらぎ会", "yasuragi-kai.or.jp"), ("医療法人社団緑風会", "ryokufukai.jp"),
          ("株式会社ことぶき給食", "kotobuki-kyushoku.co.jp")]
_DEPTS = [("総務部", "課長"), ("経営企画部", "部長代理"), ("営業二課", "主任"), ("施設管理課", "係長"), ("人事部", "担当"),
          ("品質保証室", "室長"), ("事務局", "事務長")]


def _intro(rng: random.Random, d: Draft, p: Person) -> str:
    """One of the many ways people introduce themselves in the first lines."""
    res, job = rng.choice(RESIDENCES), job_for(rng, p.age)
    form = rng.choice(["full", "full", "full-space", "full-wide", "surname", "surname"])
    n = d.name(p, form, "intro")
    return rng.choice([
        f"はじめまして。{res}在住の{n}と申します。", f"{res}に住む{job}の{n}です。", f"私は{n}と申します。{p.age}歳の{job}です。",
        f"私、{n}は{res}で{rng.randint(2, 40)}年暮らしております。", f"{n}（{p.age}）です。",
        f"突然のメール失礼いたします。{n}と言います。",
        f"{job}をしております、{n}でございます。", f"名前は{n}です。", f"{n}と申す者です。",
        f"自己紹介します。{n}、{p.age}歳、{job}です。",
        f"わたくし{n}、{res}の者です。", f"{res}の{n}からの意見です。", f"当方、{n}（{job}）と申します。",
        f"いつもお世話になっております、{n}です。", f"こんにちは、{job}の{n}といいます。", f"{n}です。{job}です。",
        f"{res}で{job}をしている{n}といいます。", f"私（{n}）は、{p.age}歳の{job}です。",
    ])


def _signature(rng: random.Random, d: Draft, p: Person) -> str:
    form = rng.choice(["full", "full-space", "full-wide", "romaji", "romaji-upper"])
    n = d.name(p, form, "signature")
    lines = rng.choice([
        ["――――――――", n], ["以上", f"{n}（{p.age}歳・{job_for(rng, p.age)}）"], [f"{rng.choice(RESIDENCES)}\u3000{n}"],
        [f"文責　{n}"], [f"記入者：{n}"], [f"（{n}）"], ["Best regards,", n], ["*" * 20, n, "*" * 20],
        [f"{n}（{d.name(p, 'hiragana', 'signature-reading')}）"],
    ])
    if rng.random() < 0.45:
        lines.append(phone_plant(d, rng, "signature"))
    if rng.random() < 0.35:
        f = rng.choice(["plain", "plain", "at", "wide-at", "bracket-at", "star"])
        lines.append(rng.choice(["mail: ", "E-mail：", "メール ", "✉ "]) + d.put("email", email(rng, p, form=f),
                                                                             f"signature/{f}"))
    if rng.random() < 0.25:
        lines.append(rng.choice(["Blog: ", "ブログ：", "HP ", "個人サイト→"]) + d.put("url", personal_url(rng, p),
                                                                             "signature/blog"))
    return "\n".join(lines)


def email_intro(rng: random.Random, d: Draft) -> Sub:
    p = person(rng)
    lines = prose.polite(rng, rng.randint(1, 3))
    if rng.random() < 0.35:
        frag, pub = public_person(rng)
        lines.insert(rng.randint(0, len(lines)), frag)
        d.pub(pub)
    head = [f"件名：{prose.subject(rng)}", ""] if rng.random() < 0.4 else []
    submitter = None  # the form's name column, filled in as well as the body
    if rng.random() < 0.2:
        submitter = d.name(p, rng.choice(["full", "full-wide", "full-space"]), "submitter-and-body", "submitter")
    return d.finish("\n".join([*head, rng.choice(prose.GREETING), _intro(rng, d, p), *lines, rng.choice(prose.CLOSING), "",
                               _signature(rng, d, p)]), submitter=submitter)


def email_header(rng: random.Random, d: Draft) -> Sub:
    p = person(rng)
    mail = d.put("email", email(rng, p), "header-from/plain")
    who = rng.choice([d.name(p, "full-space", "header-from"), d.name(p, "full", "header-from"),
                      d.name(p, "romaji", "header-from"), d.name(p, "romaji-upper", "header-from")])
    header = rng.choice([
        [f"差出人: {who} <{mail}>", f"送信日時: {prose.date_line(rng)}", "宛先: 意見募集担当", f"件名: {prose.subject(rng)}"],
        [f"From: {who} <{mail}>", f"Sent: {prose.date_line(rng)}", "To: 意見募集窓口", f"Subject: {prose.subject(rng)}"],
        [f"送信者：\"{who}\" <{mail}>", f"日付：{prose.date_line(rng)}", f"件名：{prose.subject(rng)}"],
        [f"From: {mail}", f"Date: {prose.date_line(rng)}"],
    ])
    tail = rng.choice(["", f"\n{d.name(p, 'full', 'header-body-sign')}", f"\n{d.name(p, 'romaji', 'header-body-sign')}",
                       "\n" + _signature(rng, d, p)])
    return d.finish("\n".join([*header, "", *prose.polite(rng, rng.randint(1, 3))]) + tail)


def line_message(rng: random.Random, d: Draft) -> Sub:
    p = person(rng, era=rng.choice([1, 2]))
    label, value = sns(rng, p)
    parts = [
        rng.choice([f"{d.name(p, 'surname', 'line-intro')}です",
                    f"{rng.randint(1, 5)}丁目の{d.name(p, 'surname', 'line-intro')}です！",
                    f"{d.name(p, 'given', 'line-intro')}です〜", "すみません"]),
        *prose.fill(rng, prose.CASUAL, rng.randint(1, 2)),
        rng.choice([f"連絡ください {phone_plant(d, rng, 'line', 'mobile')}",
                    f"{label}{d.put('sns', value, 'line/' + label.strip('：: @'))} で連絡OKです",
                    f"返信は{label}{d.put('sns', value, 'line/' + label.strip('：: @'))}まで🙏", "よろしくです"]),
    ]
    return d.finish("\n".join(parts))


def form_brackets(rng: random.Random, d: Draft) -> Sub:
    p = person(rng)
    rows = [f"【氏名】{d.name(p, rng.choice(['full-wide', 'full', 'full-space']), 'form-label')}"]
    if rng.random() < 0.7:
        rows.append(f"【ふりがな】{d.name(p, rng.choice(['hiragana', 'katakana']), 'form-reading')}")
    if rng.random() < 0.5:
        f = rng.choice(["wareki", "western", "short", "slash", "wide"])
        rows.append(f"【生年月日】{d.put('birth_date', birth_date(p, f), 'form-label/' + f)}")
    else:
        rows.append(f"【年齢】{p.age}歳")
    pc, af = postal_code(rng), rng.choice(["hyphen", "chome", "wide"])
    rows.append(f"【住所】〒{d.put('postal_code', pc, 'form-label/hyphen')} "
                f"{d.put('address', address(rng, af), 'form-label/' + af)}")
    if rng.random() < 0.15:
        mf = rng.choice(["plain", "space", "wide"])
        rows.append(f"【個人番号】{d.put('my_number', my_number(rng, mf), 'form-label/' + mf)}")
    rows.append(f"【電話番号】{phone_plant(d, rng, 'form-label', rng.choice(['mobile', 'home']), labelled=False)}")
    if rng.random() < 0.6:
        rows.append(f"【メールアドレス】{d.put('email', email(rng, p), 'form-label/plain')}")
    rows += ["【ご意見】", *prose.polite(rng, rng.randint(1, 3))]
    return d.finish("\n".join(rows))


def form_squares(rng: random.Random, d: Draft) -> Sub:
    p = person(rng)
    rows = [f"■お名前：{d.name(p, rng.choice(['full-space', 'full', 'katakana']), 'form-square')}",
            f"■年代：{p.age // 10 * 10}代", f"■ご職業：{job_for(rng, p.age)}"]
    if rng.random() < 0.6:
        pc = f"〒{d.put('postal_code', postal_code(rng, 'wide'), 'form-square/wide')} " if rng.random() < 0.4 else ""
        addr = address(rng, "hyphen", with_pref=rng.random() < 0.5)
        rows.append(f"■ご住所：{pc}{d.put('address', addr, 'form-square/hyphen')}")
    if rng.random() < 0.5:
        mf = rng.choice(["plain", "space", "hyphen", "wide"])
        rows.append(rng.choice(["■マイナンバー（本人確認のため）：", "■個人番号：", "■マイナンバーカードの番号 "])
                    + d.put("my_number", my_number(rng, mf), f"form-square/{mf}"))
    if rng.random() < 0.5:
        f = rng.choice(["wareki", "western", "short", "dot"])
        rows.append(f"■生年月日：{d.put('birth_date', birth_date(p, f), 'form-square/' + f)}")
    rows.append("■ご連絡先：" + rng.choice([phone_plant(d, rng, "form-square"),
                                           d.put("email", email(rng, p, form="at"), "form-square/at")]))
    rows += ["■ご意見", *prose.polite(rng, 2)]
    return d.finish("\n".join(rows))


def company_signature(rng: random.Random, d: Draft) -> Sub:
    p = person(rng, era=1)
    firm, domain = rng.choice(_FIRMS)
    dept, role = rng.choice(_DEPTS)
    ext, direct = rng.randint(100, 9999), rng.random() < 0.3
    tel = d.put("phone", landline(rng, "hyphen"), "company-sig/" + ("direct" if direct else "extension"))
    tel_line = f"直通 {tel}" if direct else rng.choice([f"TEL：{tel}（内線{ext}）", f"TEL {tel} 内線 {ext}",
                                                      f"Tel. {tel} ext.{ext}"])
    sig = ["━" * 18, firm, f"{dept}\u3000{role}",
           rng.choice([f"{d.name(p, 'full-space', 'company-sig')}（{d.name(p, 'hiragana', 'company-sig-reading')}）",
                       f"{d.name(p, 'full-wide', 'company-sig')}\u3000{d.name(p, 'romaji-upper', 'company-sig-romaji')}",
                       d.name(p, "full-space", "company-sig")]),
           tel_line]
    if rng.random() < 0.5:
        sig.append(f"FAX：{d.put('phone', landline(rng, 'hyphen'), 'company-sig/fax')}")
    local = rng.choice([f"{p.given_romaji[0].lower()}.{p.sur_romaji.lower()}", f"{p.sur_romaji.lower()}-{p.given_romaji.lower()}",
                        f"{p.sur_romaji.lower()}{p.given_romaji[0].lower()}"])
    sig += [f"Mail：{d.put('email', f'{local}@{domain}', 'company-sig/work')}", "━" * 18]
    opener = rng.choice([f"{firm}の{d.name(p, 'surname', 'company-intro')}です。当社の意見を提出します。",
                         "弊社の意見は以下のとおりです。",
                         f"{firm}{dept}で{role}をしております{d.name(p, 'full', 'company-intro')}と申します。"])
    return d.finish("\n".join([opener, *prose.polite(rng, rng.randint(2, 3)), "以上", "", *sig]))


def shop_owner(rng: random.Random, d: Draft) -> Sub:
    p = person(rng, era=rng.choice([0, 1]))
    shop = rng.choice(["ラーメン夢屋", "喫茶ひだまり", "中島青果", "理容ツバメ", "手芸の店アトリエ", "酒の大黒屋",
                       "うどん処こむぎ"])
    street = rng.choice(["駅前", "銀座通り", "中央"])
    lines = [rng.choice([f"{street}商店街で「{shop}」を{rng.randint(3, 45)}年やっております、"
                         f"店主の{d.name(p, 'full', 'shop-intro')}です。",
                         f"「{shop}」店主　{d.name(p, 'surname', 'shop-intro')}です。",
                         f"個人で{shop}を営む{d.name(p, 'full-space', 'shop-intro')}と申します。"]),
             *prose.polite(rng, 2, "商店街")]
    extra = rng.choice([f"店主携帯 {d.put('phone', mobile(rng, 'hyphen'), 'shop/mobile-hyphen')}",
                        f"店のことは個人ブログに書いています→ {d.put('url', personal_url(rng, p), 'shop/blog')}",
                        f"（個人のインスタ {d.put('sns', '@' + handle(rng, p), 'shop/instagram')}）"])
    return d.finish("\n".join([*lines, extra]))


def student(rng: random.Random, d: Draft) -> Sub:
    p = person(rng, era=2)
    uni = rng.choice(["北陵大学", "青葉野短期大学", "湊が丘工業高等専門学校", "県立大学"])
    fac = rng.choice(["法学部", "社会福祉学科", "経済学部", "情報工学科", "看護学部"])
    sid = f"{rng.randint(20, 24)}{rng.randint(10000, 99999)}"
    lines = [rng.choice([f"{uni}{fac}{rng.randint(1, 4)}年の{d.name(p, 'full', 'student-intro')}です。",
                         f"{uni}の学生、{d.name(p, 'full-space', 'student-intro')}と申します。",
                         f"学生の{d.name(p, 'surname', 'student-intro')}です。"]),
             *prose.fill(rng, prose.STUDENT, 2)]
    mail = f"s{sid}@ed.{rng.choice(['hokuryo-u', 'aobano-jc'])}.ac.jp"
    lines.append(rng.choice(["連絡先：" + d.put("email", mail, "student/university"),
                             "ゼミのブログ: " + d.put("url", personal_url(rng, p), "student/blog"),
                             "X: " + d.put("sns", "@" + handle(rng, p), "student/x")]))
    return d.finish("\n".join(lines))


def foreigner_simple(rng: random.Random, d: Draft) -> Sub:
    latin, kana = foreigner(rng)
    lines = [rng.choice([f"わたし の なまえ は {d.raw_name(kana, 'foreigner-intro', 'katakana')} です。",
                         f"{d.raw_name(kana, 'foreigner-intro', 'katakana')}です。"
                         f"{rng.choice(['ベトナム', 'フィリピン', 'ネパール', 'ブラジル', 'ちゅうごく'])}から きました。",
                         f"はじめまして。{d.raw_name(latin, 'foreigner-intro', 'latin')}です。"
                         f"にほん に すんで {rng.randint(2, 15)}ねん です。"]),
             *prose.fill(rng, prose.SIMPLE, 2), "よろしく おねがいします。",
             rng.choice([f"{d.raw_name(latin, 'foreigner-sign', 'latin')}",
                         f"なまえ：{d.raw_name(latin, 'foreigner-sign', 'latin')}（{kana}）"])]
    if rng.random() < 0.6:
        lines.append(phone_plant(d, rng, "foreigner", "mobile"))
    return d.finish("\n".join(lines))


def foreigner_english(rng: random.Random, d: Draft) -> Sub:
    latin, _ = foreigner(rng)
    local = latin.lower().replace(" ", ".").replace("-", "")
    mail = d.put("email", f"{local}{rng.randint(1, 99)}@{rng.choice(['gmail.com', 'outlook.com', 'yahoo.co.jp'])}",
                 "english/plain")
    town = rng.choice(["Aobano", "Hamamatsu", "Kawagoe"])
    lines = [f"Hello, my name is {d.raw_name(latin, 'english-intro', 'latin')} and I live in {town}.",
             *prose.fill(rng, prose.ENGLISH, 2), "Thank you for reading.", "",
             d.raw_name(latin, "english-sign", "latin"), f"Email: {mail}"]
    if rng.random() < 0.5:
        lines.append(f"Address: {d.put('address', address(rng, 'hyphen'), 'english/hyphen')}")
    return d.finish("\n".join(lines))


def blog_sns(rng: random.Random, d: Draft) -> Sub:
    p = person(rng)
    label, value = sns(rng, p)
    lines = [*prose.polite(rng, 2),
             rng.choice(["詳しいことは私のブログにまとめました→ ", "写真付きで個人ブログに載せています：", "私のホームページ "])
             + d.put("url", personal_url(rng, p), "blog/after-sentence"),
             f"{label}{d.put('sns', value, 'blog/' + label.strip('：: @'))}でも発信しています。"]
    if rng.random() < 0.6:
        lines.append(rng.choice([f"\n{d.name(p, 'full', 'blog-sign')}", f"\n{d.name(p, 'romaji-lower', 'blog-sign')}"]))
    return d.finish("\n".join(lines))


def submitter_only(rng: random.Random, d: Draft) -> Sub:
    p = person(rng)
    firm, _ = rng.choice(_FIRMS)
    sub = rng.choice([d.name(p, "full-wide", "submitter", "submitter"), d.name(p, "katakana", "submitter", "submitter"),
                      f"{d.name(p, 'full', 'submitter', 'submitter')}（{p.age}歳）",
                      f"{firm}\u3000{d.name(p, 'full-space', 'submitter', 'submitter')}",
                      d.name(p, "romaji-upper", "submitter", "submitter"),
                      f"{d.name(p, 'full', 'submitter', 'submitter')}／{rng.choice(RESIDENCES)}",
                      d.name(p, "full", "submitter", "submitter")])
    body = [*prose.polite(rng, rng.randint(1, 3))]
    if rng.random() < 0.3:
        body.append(phone_plant(d, rng, "submitter-body"))
    return d.finish("\n".join(body), submitter=sub)


def file_name(rng: random.Random, d: Draft) -> Sub:
    p = person(rng)
    topic = rng.choice(sorted(prose.POLITE))
    f = rng.choice([
        f"意見書_{d.name(p, 'full', 'file', 'file')}.docx",
        f"2024{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}_{d.name(p, 'surname', 'file', 'file')}.pdf",
        f"pubcom_{d.raw_name(f'{p.sur_romaji.lower()}_{p.given_romaji.lower()}', 'file', 'romaji-underscore', 'file')}.pdf",
        f"【{d.name(p, 'full', 'file', 'file')}】{topic}意見.docx", f"{d.name(p, 'full-space', 'file', 'file')}様ご意見.xlsx",
        f"{topic}_{d.name(p, 'katakana-tight', 'file', 'file')}.txt",
    ])
    return d.finish("\n".join(["意見は添付ファイルのとおりです。", *prose.polite(rng, 1)]), file=f)


def joint(rng: random.Random, d: Draft) -> Sub:
    people = [person(rng) for _ in range(rng.randint(2, 4))]
    if len({q.surname for q in people}) < len(people):
        raise Clash("two signers share a surname")
    names = [d.name(q, rng.choice(["full", "full-wide", "full-space"]), "joint-list") for q in people]
    head = rng.choice([f"下記{len(people)}名の連名で提出します。\n" + "\n".join(f"{i + 1}．{n}" for i, n in enumerate(names)),
                       f"私たち{'・'.join(names)}は、同じ団地の住民です。", f"連名：{'、'.join(names)}"])
    office = rng.choice(OFFICES)[0]
    return d.finish("\n".join([f"{office}\u3000御中", head, *prose.polite(rng, 2)]))


def my_number_trouble(rng: random.Random, d: Draft) -> Sub:
    p = person(rng, era=rng.choice([0, 1]))
    mf, bf = rng.choice(["plain", "space", "hyphen", "wide"]), rng.choice(["wareki", "western", "short", "slash", "wide"])
    mn, bd = d.put("my_number", my_number(rng, mf), f"trouble/{mf}"), d.put("birth_date", birth_date(p, bf), f"trouble/{bf}")
    who = d.name(p, rng.choice(["full", "full-space", "full-wide"]), "trouble")
    lines = rng.choice([
        [f"マイナ保険証の件で困っています。{who}（{bd}生）です。", f"私の個人番号は{mn}ですが、病院で「該当なし」と出ました。",
         "確認してもらえますか。"],
        ["マイナンバーカードの更新ができません。", f"氏名：{who}", f"生年月日：{bd}", f"番号：{mn}", "どうすればよいですか。"],
        [f"番号は{mn}です（カードの裏の12桁）。", f"{bd}生まれの母の分もまとめて申請したいです。", f"{who}"],
    ])
    return d.finish("\n".join([*lines, *prose.polite(rng, 1, "マイナ保険証")]))
