"""What a naive personal-data screen flags wrongly, written inside ordinary opinions.

Families: job or role words before さん・様・先生; pronouns and set words (私達, 他人様, お疲れ様); companies and
offices addressed politely; public figures named with their role and authors cited with a work (returned as
public names); titles of works and characters; news and public-body URLs; numbers that look like phone or
My Numbers; place names without a home address; ages and birth cohorts of groups; labels left empty;
greetings and organisation-only signatures. Every maker returns (sentence, public names it contains).
"""

from __future__ import annotations

import random

from .privacy_realistic_people import GIVEN, SURNAMES, romaji

JOB_WORDS = (
    "作家さん", "イラストレーターさん", "クリエイターさん", "絵師さん", "声優さん", "漫画家さん", "農家さん", "大工さん",
    "看護師さん", "運転手さん", "店員さん", "お医者さん", "駅員さん", "担当者様", "自治体職員の皆様", "保育士さん",
    "介護士さん", "ヘルパーさん", "薬剤師さん", "美容師さん", "配達員さん", "郵便屋さん", "八百屋さん", "本屋さん",
    "パン屋さん", "歯医者さん", "俳優さん", "歌手さん", "作曲家さん", "写真家さん", "翻訳者さん", "編集者さん",
    "記者さん", "弁護士さん", "税理士さん", "行政書士さん", "消防士さん", "お巡りさん", "保健師さん", "助産師さん",
    "栄養士さん", "漁師さん", "酪農家さん", "職人さん", "庭師さん", "電気屋さん", "植木屋さん", "検針員さん",
    "民生委員さん", "校長先生", "担任の先生", "主治医の先生", "大家さん", "管理人さん", "警備員さん", "相談員さん",
    "ケアマネさん", "研究者さん", "配信者さん", "同人作家さん", "アニメーターさん", "脚本家さん", "窓口の担当者様",
    "ご担当者様", "議員さん", "市長さん", "先生方", "職員の方々", "学童の先生", "保健室の先生", "お坊さん", "車掌さん",
)
_JOB_T = (
    "知り合いの{w}も、同じことで困っていると話していました。", "{w}が安心して働ける環境を整えてください。",
    "いつもお世話になっている{w}に聞いたところ、現場はかなり混乱しているそうです。",
    "{w}の負担がこれ以上増えないようにしてほしいです。",
    "私たちの暮らしは{w}や{v}に支えられています。", "{w}に無理をさせる制度設計はやめてください。",
    "近所の{w}とも話しましたが、やはり同じ意見でした。", "{w}ひとりひとりの声を聞いてください。",
    "SNSで{w}たちが声を上げているのを見て、私も意見を出そうと思いました。", "{w}の立場からすると、この案は現実的ではありません。",
    "この前も{w}が「もう限界だ」とこぼしていました。", "{w}に聞いても、よく分からないと言われました。",
    "{w}のおかげで助かったことが何度もあります。", "{w}や{v}の意見を、検討会でもっと聞くべきです。",
    "うちの地域では{w}が足りず、{v}が掛け持ちしている状態です。", "{w}、いつも本当にありがとうございます。",
)

PRONOUN_SENTENCES = (
    "私達利用者の声も聞いてください。", "私たち住民にとっては死活問題です。",
    "他人様の作品を勝手に使うことが許されるのはおかしいと思います。",
    "お客様の個人情報を預かる立場として、この案には不安があります。", "担当部署の皆様には、現場の実情を見ていただきたいです。",
    "皆さん同じような思いをしているはずです。", "これではもう神様に祈るしかありません。", "職員の皆様、毎日本当にお疲れ様です。",
    "遅くまで対応されている担当の方々、ご苦労様です。", "困ったときはお互い様だと思います。",
    "近所の奥さんたちとも話しましたが、皆さん不安に思っています。",
    "娘さんやお孫さんが遠くに住んでいる高齢者は、手続を頼める人がいません。",
    "お隣さんも同じ意見でした。", "ご近所さんの話では、説明会の案内も届いていないそうです。",
    "お子さんのいる家庭では、負担はさらに大きくなります。",
    "お年寄りの方々にとって、窓口が遠くなるのは大変なことです。", "関係各位におかれましては、慎重なご検討をお願いいたします。",
    "お母さんたちの集まりでも、この話題で持ちきりでした。", "息子さん夫婦と同居している方ばかりではありません。",
    "お客さんの中には、説明を聞いても納得できないという方もいます。", "私共のような小さな事業者には対応できません。",
    "我々現場の人間の声が届いていないと感じます。", "うちの旦那さんも同じことを言っていました。",
    "皆様のご尽力には感謝しております。",
    "おじいちゃんおばあちゃん世代には、スマホでの手続は難しいです。", "ご本人様確認の手続が複雑すぎます。",
)

COMPANIES = ("架空電機", "みどり食品", "青空交通", "ひかり通信", "東雲製作所", "北星物産", "若葉銀行", "さくら運輸", "あおば生協",
             "ことぶき薬局", "港南バス", "日の丸タクシー", "やまと住建", "明星書房", "千歳ソフト", "花咲フーズ", "太陽ガス",
             "まこと印刷")
OFFICES = ("市役所さん", "役場さん", "銀行さん", "メーカーさん", "業者さん", "大手さん", "郵便局さん", "保健所さん",
           "保険会社さん",
           "通信会社さん", "電力会社さん", "ガス会社さん", "文化庁さん", "区役所さん", "病院さん", "学校さん")
MINISTRIES = ("総務省", "経済産業省", "個人情報保護委員会", "デジタル庁", "文化庁", "厚生労働省", "農林水産省", "国土交通省",
              "こども家庭庁")
_ORG_T = (
    "{c}さんのように、利用者に丁寧に説明している事業者もあります。", "{c}さんの取組は参考になると思います。",
    "{c}さんにも問い合わせましたが、国の方針が決まらないと答えられないとのことでした。",
    "地元の{c}さんも撤退を検討していると聞きました。",
    "{o}に相談しても、たらい回しにされるだけでした。", "{o}任せにせず、{m}が責任を持ってください。",
    "{m}の担当者の方の説明は丁寧でした。",
    "{m}と{n}で言っていることが違うので、現場は混乱しています。", "{o}によって対応がばらばらです。",
    "㈱{c}のような中小企業には負担が重すぎます。",
    "㍿{c}の例のように、自主的に基準を設けている会社もあります。",
)

_POLITICIAN_ROLE = ("{s}議員", "{f}議員", "{s}大臣", "{f}大臣", "{s}首相", "{s}元首相", "{s}委員長", "{s}副大臣")
_EXPERT_ROLE = ("弁護士の{f}氏", "{f}弁護士", "{s}教授", "{u}の{f}教授", "記者の{f}氏", "{n}の{f}記者", "評論家の{f}さん",
                "有識者会議座長の{f}氏", "経済学者の{f}氏", "{s}知事", "{s}市長")
_POLITICIAN_T = (
    "{x}が国会で指摘したとおり、この制度には問題があります。",
    "先日の委員会で{x}は「丁寧に説明する」と答弁していましたが、案にはその姿勢が見られません。",
    "{x}も記者会見で見直しに言及しています。", "{x}の発言を報道で知り、意見を出そうと思いました。",
)
_EXPERT_T = (
    "{x}も記者会見で見直しに言及しています。", "検討会で{x}が述べていた懸念は、素案に反映されていないように思います。",
    "{x}の発言を報道で知り、意見を出そうと思いました。", "テレビで{x}が解説していた内容とも矛盾しています。",
    "{x}が指摘しているように、現場の負担は数字に表れにくいものです。",
)
_TITLES = ("データと自由", "監視社会の行方", "地方交通再生論", "AI時代の著作権", "ケアの現場から", "農の未来を考える",
           "子どもの権利と行政",
           "空き家大国の処方箋", "災害と避難の社会学", "デジタル身分証の光と影", "インボイスと小さな商い",
           "再エネと地域の合意形成")
_CITE_T = (
    "{a}著『{t}』によれば、同様の制度を導入した国では利用が伸び悩んだそうです。",
    "{a}氏の『{t}』（{y}年）でも同じ点が指摘されています。",
    "{a}（{y}）は、この種の規制には事後的な検証が欠かせないと述べています。", "参考文献：{a}『{t}』{p}、{y}年",
    "{a}さんの本『{t}』を読んで、この問題の深刻さを知りました。",
)
UNIVERSITIES = ("東都大学", "西海大学", "北陵大学", "みなと工科大学", "中央学芸大学")
NEWSPAPERS = ("日本経済新報", "東西新聞", "地域タイムズ", "北国日報")
PUBLISHERS = ("明星書房", "青嵐社", "若葉出版", "港書林")

CHARACTERS = ("ミナミ", "ハルト", "ココ", "タロウ", "ユウキ", "マコト", "サクラ", "リン", "ソウタ", "ひまり", "こはる", "いろは")
_WORK_T = (
    "子どもが好きな絵本『{g}さんの{obj}』のように、誰にでも分かる説明が欲しいです。",
    "ドラマ『{s}家の{obj}』でもこの問題が描かれていて、関心を持ちました。",
    "漫画『{obj}の{c}』の主人公のような働き方は、現実には続きません。",
    "アニメの「{c}」みたいに、困った人を助ける仕組みがあればいいのにと思います。",
    "昔読んだ『{s}くんの{obj}』という本を思い出しました。", "映画『{g}の{obj}』を観て、介護の現実を初めて知りました。",
)
_WORK_OBJ = ("おひさま", "ちいさな庭", "ふしぎな一日", "ひみつ", "しあわせ", "夏休み", "台所", "旅", "日記", "約束")


def _name(rng: random.Random) -> tuple[str, str, str]:
    s, sk = rng.choice(SURNAMES)
    g, _ = rng.choice(GIVEN)
    return s, g, sk


def _public_figure(rng: random.Random) -> tuple[str, list[str]]:
    s, g, _ = _name(rng)
    full = s + rng.choice(["", "", " ", "　"]) + g
    politician = rng.random() < 0.5
    role = rng.choice(_POLITICIAN_ROLE if politician else _EXPERT_ROLE)
    figure = role.format(s=s, f=full, u=rng.choice(UNIVERSITIES), n=rng.choice(NEWSPAPERS))
    text = rng.choice(_POLITICIAN_T if politician else _EXPERT_T).format(x=figure)
    return text, [full if "{f}" in role else s]


def job_sentence(rng: random.Random) -> tuple[str, list[str]]:
    w, v = rng.sample(JOB_WORDS, 2)
    return rng.choice(_JOB_T).format(w=w, v=v), []


def pronoun_sentence(rng: random.Random) -> tuple[str, list[str]]:
    return rng.choice(PRONOUN_SENTENCES), []


def org_sentence(rng: random.Random) -> tuple[str, list[str]]:
    m, n = rng.sample(MINISTRIES, 2)
    return rng.choice(_ORG_T).format(c=rng.choice(COMPANIES), o=rng.choice(OFFICES), m=m, n=n), []


def public_sentence(rng: random.Random) -> tuple[str, list[str]]:
    if rng.random() < 0.4:
        s, g, _ = _name(rng)
        author = s + rng.choice(["", " "]) + g if rng.random() < 0.8 else s
        text = rng.choice(_CITE_T).format(a=author, t=rng.choice(_TITLES), y=rng.randint(1998, 2024), p=rng.choice(PUBLISHERS))
        return text, [author]
    return _public_figure(rng)


def work_sentence(rng: random.Random) -> tuple[str, list[str]]:
    s, g, _ = _name(rng)
    c = rng.choice(CHARACTERS)
    t = rng.choice(_WORK_T)
    text = t.format(s=s, g=g, c=c, obj=rng.choice(_WORK_OBJ))
    used = [x for key, x in (("{s}", s), ("{g}", g), ("{c}", c)) if key in t]
    return text, used


def _doc_digits(rng: random.Random, n: int) -> str:
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))


def public_url(rng: random.Random) -> str:
    n = rng.randint(100, 99999)
    town = romaji(rng.choice(["あおば", "わかば", "みなと", "ひので", "さくら", "みどり"]))
    return rng.choice([
        f"https://www.example-news.jp/article/{n}",
        f"https://news.chiiki-times.example.jp/articles/2024/0{rng.randint(1, 9)}/{n}.html",
        f"https://www.city.{town}.lg.jp/kurashi/bousai/{n}.html", f"https://www.pref.{town}.lg.jp/soshiki/{rng.randint(1, 90)}/",
        f"https://www.soumu.go.jp/main_content/000{rng.randint(100000, 999999)}.pdf",
        f"https://www.mhlw.go.jp/stf/seisakunitsuite/bunya/0000{rng.randint(10000, 99999)}.html",
        "https://www.bunka.go.jp/seisaku/chosakuken/aiandcopyright.html", "https://www.digital.go.jp/policies/mynumber",
        f"https://public-comment.e-gov.go.jp/pcm/detail?CLASSNAME=PCMMSTDETAIL&id={rng.randint(100000000, 999999999)}",
        f"https://www.kakuu-denki.co.jp/news/2024/{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}.html",
        "https://www.ppc.go.jp/personalinfo/legal/", "https://ja.wikipedia.org/wiki/個人情報の保護に関する法律",
        "https://elaws.e-gov.go.jp/document?lawid=415AC0000000057", f"https://www.stat.go.jp/data/jinsui/{n}.html",
        f"https://www.maff.go.jp/j/press/{n}.html", "https://www.mlit.go.jp/sogoseisaku/transport/",
    ])


def url_sentence(rng: random.Random) -> tuple[str, list[str]]:
    u = public_url(rng)
    return rng.choice([
        f"参考：{u}", f"（出典：{u}）", f"{u}に掲載された記事によると、同じ問題が他の地域でも起きています。",
        f"詳しくは{u}を参照してください。", f"{u}の資料を読みましたが、説明が不足していると感じました。",
        f"以前の報道（{u}）でも取り上げられていました。", f"関連資料→{u}",
    ]), []


def number_sentence(rng: random.Random) -> tuple[str, list[str]]:
    d12 = _doc_digits(rng, 12)
    amount = f"{rng.randint(10_000, 9_999_999_999):,}"
    lo = rng.randint(1, 9) * 100
    return rng.choice([
        f"前回提出した意見（受付番号：2024-{_doc_digits(rng, 4)}-{rng.randint(1, 9999):04d}）への回答がまだありません。",
        f"受付番号：{rng.randint(1, 12):02d}{_doc_digits(rng, 2)}-{_doc_digits(rng, 4)}-{_doc_digits(rng, 4)}",
        f"令和6年3月1日付けの事務連絡（文書番号{d12}）の扱いについても確認させてください。", f"文書番号 {d12}",
        f"予算額は{amount}円とのことですが、内訳が示されていません。",
        f"{rng.randint(1, 5)}.{rng.randint(1, 9)}.{rng.randint(1, 9)}項の記述は分かりにくいです。",
        f"第{rng.randint(1, 60)}条第{rng.randint(1, 5)}項との関係を整理してください。",
        "ISO/IEC 27001:2022やJIS Q 15001:2017との整合も考えるべきです。",
        f"統計では{rng.randint(1, 60)}.{rng.randint(0, 9)}％とされていますが、地方ではもっと高いはずです。",
        "相談窓口は平日10:00-12:00、13:00-17:00しか開いていません。", f"一日あたり{lo}-{lo + 100}件の問い合わせがあるそうです。",
        f"法人番号{_doc_digits(rng, 13)}の事業者名で検索すると、所在地まで出てきます。",
        "平成15年法律第57号の第27条第1項第2号に関わる部分です。",
        f"令和5年度の相談件数は{rng.randint(1000, 9999):,}件、前年度比{rng.randint(1, 30)}.{rng.randint(0, 9)}％増だそうです。",
        f"表{rng.randint(1, 6)}-{rng.randint(1, 4)}-{rng.randint(1, 9)}の数値の根拠を示してください。",
        f"2024/0{rng.randint(1, 9)}/{rng.randint(10, 28)}の説明会の資料がまだ公開されていません。",
        f"資料の整理番号 A-{_doc_digits(rng, 6)}（第{rng.randint(2, 4)}版 2024.0{rng.randint(1, 9)}.01）を参照しました。",
        f"（参考文献 ISBN978-4-{rng.randint(10, 99)}-{_doc_digits(rng, 6)}-{rng.randint(0, 9)}）",
        f"約{rng.randint(2, 40)}万{rng.randint(1, 9)}千人が対象になる見込みです。",
        f"型番KD-{rng.randint(100, 999)}-{_doc_digits(rng, 4)}の機器が例示されていますが、一般の家庭には普及していません。",
    ]), []


PLACES = ("東京都千代田区", "北海道", "大阪市北区", "松本市", "長野県の山間部", "福岡県久留米市", "上野駅の周辺", "中野区",
          "沖縄の離島",
          "本町二丁目の交差点", "国道4号線沿い", "岡山県", "千葉県", "新潟県長岡市", "横浜市港北区", "秋田県", "小野市",
          "上田市", "福島県")
_PLACE_T = ("{p}の事例が参考になると思います。", "{p}では既に同様の取組が始まっています。",
            "{p}の冬は厳しく、停電が命に関わります。",
            "{p}のような地域のことも考えてください。", "先月、{p}で説明会が開かれたと聞きました。",
            "{p}の施策と比べても見劣りします。")
AGE_GROUPS = ("60歳以上の高齢者", "75歳以上の後期高齢者", "18歳未満の子ども", "昭和50年代生まれの世代", "1990年代生まれの若者",
              "2000年4月2日以降に生まれた方", "平成元年以降に生まれた人", "30代の子育て世代", "80代の親を持つ50代",
              "65歳以上の単身世帯",
              "昭和一桁生まれの方々", "2006年度生まれの高校生")
_AGE_T = ("{a}にとって、この制度は使いにくいと思います。", "{a}への配慮が足りません。", "{a}の声も聞いてください。",
          "特に{a}への影響が心配です。")
EMPTY_LABELS = ("氏名：匿名", "氏名：（記載なし）", "名前は伏せさせていただきます。", "住所：東京都", "電話番号：非公開",
                "メール：なし",
                "ペンネーム：なし", "所属：なし（個人）", "年齢：40代", "職業：会社員", "性別：女性", "居住地：北海道")


OFFICES_DEPT = ("デジタル推進局 政策企画課", "生活安全局 地域課", "文化振興部 著作権室", "農業政策局 企画課",
                "交通政策局 地域交通課", "子ども政策局 総務課")
ORG_DOMAINS = ("example-kyokai.or.jp", "city.aoba.example.lg.jp", "kakuu-denki.co.jp", "chiiki-net.example.or.jp")


def office_sentence(rng: random.Random) -> tuple[str, list[str]]:
    """A public office's or an organisation's own address, switchboard, mailbox or official account: not personal."""
    pc = f"{rng.randint(100, 999)}-{rng.randint(8000, 8999)}"
    tel = f"0{rng.choice(['3', '6', '52'])}-{_doc_digits(rng, 4 if rng.random() < 0.5 else 3)}-{_doc_digits(rng, 4)}"
    office = rng.choice(OFFICES_DEPT)
    box = rng.choice(["info", "pubcom", "soudan", "jimukyoku", "koho"])
    seat = f"東京都千代田区霞が関{rng.choice('一二三')}丁目{rng.randint(1, 9)}番{rng.randint(1, 9)}号"
    hall = f"青葉市本町{rng.randint(1, 5)}-{rng.randint(1, 20)}-{rng.randint(1, 9)}"
    account = romaji(rng.choice(["かくう", "みどり", "ひかり", "あおぞら"])) + "_official"
    return rng.choice([
        f"意見の送付先（〒{pc} {seat} {office}）宛てに郵送でも提出しました。",
        f"{office}の代表電話（{tel}）に問い合わせたところ、担当者が不在とのことでした。",
        f"{rng.choice(COMPANIES)}さんの公式X（@{account}）でもお知らせが出ていました。",
        f"問い合わせ窓口のメール（{box}@{rng.choice(ORG_DOMAINS)}）にも同じ内容を送りました。",
        f"市役所（〒{pc} {hall}）の窓口は平日しか開いていません。",
    ]), []


def place_sentence(rng: random.Random) -> tuple[str, list[str]]:
    return rng.choice(_PLACE_T).format(p=rng.choice(PLACES)), []


def age_sentence(rng: random.Random) -> tuple[str, list[str]]:
    return rng.choice(_AGE_T).format(a=rng.choice(AGE_GROUPS)), []


def self_intro(rng: random.Random) -> str:
    """An introduction with no name: who writes, not which person."""
    return rng.choice([
        "私は{p}に住む{j}です。", "{a}の{j}です。", "{p}在住の{j}として意見を述べます。", "{j}をしている者です。",
        "一市民として意見を出します。",
        "{a}、{j}です。", "子育て中の母親です。", "定年退職した元教員です。", "地方で小さな店を営んでいる者です。",
    ]).format(p=rng.choice(["横浜市", "北海道", "大阪府", "長野県", "東京都", "地方の小さな町", "福岡市"]),
              j=rng.choice(["会社員", "主婦", "自営業", "看護師", "大学生", "農業", "年金生活者", "保育士", "フリーランス"]),
              a=rng.choice(["50代", "70代", "30代", "40代", "20代"]))


def org_signature(rng: random.Random) -> str:
    head = rng.choice(["一般社団法人", "NPO法人", "公益社団法人", "", ""])
    name = rng.choice(["みどりの街", "地域情報化", "子育て応援", "里山保全", "消費生活", "交通を考える", "創作者の権利を守る",
                       "在宅介護"])
    tail = rng.choice(["協会", "ネットワーク", "協議会", "連合会", "の会", "研究会"])
    office = rng.choice(["事務局", "政策委員会", "理事会一同", "会員一同", "代表理事", "事務局長", "法務部", "総務課"])
    return f"{head}{name}{tail}{rng.choice([' ', '　', ''])}{office}"


FAMILIES = {
    "job-san": job_sentence, "pronoun": pronoun_sentence, "org-san": org_sentence, "public-figure": public_sentence,
    "work-title": work_sentence, "public-url": url_sentence, "numbers": number_sentence, "place": place_sentence,
    "age-group": age_sentence, "office-contact": office_sentence,
}
CLEAN_SUBMITTERS = ("個人", "個人", "会社員", "団体", "株式会社架空電機", "㈱みどり食品 総務部", "匿名", "主婦", "学生",
                    "60代 女性",
                    "東京都 40代 男性", "NPO法人子育て応援ネットワーク", "自営業", "公務員", "（記載なし）", "個人（匿名希望）")
