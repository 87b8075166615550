"""What the held-out submissions say: opinions in several registers, with no personal data in them.

Each topic has sentences in the polite register of a consultation form; the LINE-like, elderly, student and
simple-Japanese registers have their own lines, because these writers do not write like a form. Numbers are
everywhere (articles, dates, amounts, percentages, case numbers) since a screen must leave them alone.
"""

from __future__ import annotations

import random


def _n(rng: random.Random) -> dict[str, object]:
    """Numbers a sentence may use, drawn afresh for each sentence."""
    return {
        "art": rng.randint(2, 48), "par": rng.randint(1, 5), "m": rng.randint(1, 12), "d": rng.randint(1, 28),
        "yen": f"{rng.randint(1, 19) * 500:,}", "big": f"{rng.randint(5, 120) * 10000:,}", "pct": rng.randint(3, 87),
        "n": rng.randint(12, 900), "min": rng.randint(15, 70), "db": rng.randint(55, 85), "ry": rng.randint(5, 9),
        "page": rng.randint(3, 140), "case": f"495{rng.randint(100000, 999999)}",
        "sec": f"{rng.randint(1, 6)}.{rng.randint(1, 9)}",
        "hh": rng.randint(17, 21), "am": rng.randint(6, 9), "fee": rng.randint(2, 16) * 5,
    }


POLITE = {
    "ごみ": [
        "ごみ収集の曜日が令和{ry}年{m}月から変わるとの案ですが、資源ごみが月{par}回では足りません。",
        "素案{sec}の「分別区分の見直し」について、プラスチックの出し方をもっと具体的に示してください。",
        "指定袋の価格を1枚{fee}円に上げる案には、年金世帯の負担が重すぎると考えます。",
        "集積所の管理を自治会任せにするのは限界です。第{art}条の「市の責務」に明記すべきです。",
    ],
    "介護": [
        "介護保険料の基準額が月額{yen}円になる見込みとのことですが、根拠の資料（{page}ページ）が分かりにくいです。",
        "訪問介護の報酬を下げると、地方の事業所は続けられません。指針案{sec}の再考を求めます。",
        "要介護認定の更新に{min}日以上かかっている現状を、計画に書き込んでください。",
        "家族介護者への支援が第{art}条にしか出てこないのは不十分だと思います。",
    ],
    "マイナ保険証": [
        "マイナ保険証への一本化は、高齢者施設の入所者{n}人分の管理を誰がするのか決まってから進めてください。",
        "資格確認書の有効期限を最長{par}年とする案に賛成します。ただし更新手続は郵送で完結させてほしいです。",
        "医療機関の窓口で読み取りエラーが{pct}％もあったという報道を踏まえ、経過措置の延長を求めます。",
    ],
    "保育": [
        "保育園の入園申請を{m}月{d}日締切にすると、育休明けの家庭が間に合いません。",
        "保育士の配置基準を素案{sec}のとおり改善することに賛成です。財源も示してください。",
        "病児保育の利用料（1日{yen}円）が高く、使いたくても使えない家庭があります。",
    ],
    "交通": [
        "路線バス{n}系統の減便で、通院に片道{par}時間かかるようになりました。",
        "デマンド交通の予約締切が前日{hh}時では使いにくいです。当日予約を認めてください。",
        "免許返納者へのタクシー券を年{yen}円分に増やす案を歓迎します。",
        "駅前ロータリーの改修案（資料{page}ページ）では、送迎車の待機場所が足りないと思います。",
    ],
    "防災": [
        "指定避難所の収容人数が{n}人とありますが、実際の面積から見て過大ではないでしょうか。",
        "ハザードマップを令和{ry}年度に更新するなら、外国語版も同時に作ってください。",
        "要配慮者名簿の提供に同意した人が{pct}％にとどまる理由を分析すべきです。",
    ],
    "空き家": [
        "空き家の解体補助（上限{big}円）は、狭い道路に面した家では足りません。",
        "特定空家の判断基準（第{art}条第{par}項）をもっと明確にしてください。",
    ],
    "子育て": [
        "児童手当の拡充は歓迎しますが、申請書類が{par}種類もあるのは多すぎます。",
        "放課後児童クラブの待機児童が{n}人いると聞きました。整備計画に数字で示してください。",
        "中学校の部活動の地域移行について、保護者負担が月{yen}円を超えないようにしてほしいです。",
    ],
    "外国人住民": [
        "市役所の窓口に、やさしい日本語の案内を増やしてください（素案{sec}）。",
        "在留手続と住民票の手続が別々の日になり、仕事を{par}日休みました。",
        "外国人の子どもの日本語教室が週{par}回しかなく、待っている子が{n}人いるそうです。",
    ],
    "商店街": [
        "商店街のアーケード撤去の補助率を{pct}％とする案では、小さな店は負担できません。",
        "プレミアム商品券の換金が{m}月末になると、資金繰りが厳しくなります。",
        "インボイス制度の相談窓口を、せめて月{par}回は夜{hh}時まで開けてください。",
    ],
    "図書館": [
        "図書館の開館時間を{hh}時までに短縮する案に反対します。学生は夕方しか行けません。",
        "指定管理者制度の導入で、司書の専門性が保てるのか、第{art}条の運用を示してください。",
    ],
    "医療": [
        "夜間救急の集約で、救急車の到着まで{min}分以上かかる地区が出ると心配しています。",
        "かかりつけ医の制度化（指針案{sec}）は、医師の少ない地域ではかえって受診を妨げます。",
        "紹介状なしの受診の追加負担（{yen}円）は、子どもと高齢者を除外すべきです。",
    ],
    "学校": [
        "小学校{par}校の統合案について、通学距離が{n}メートルを超える児童の安全対策が見えません。",
        "給食費の無償化を令和{ry}年度から、と書くなら財源も書いてください。",
    ],
    "騒音・環境": [
        "工場の夜間操業の騒音が{db}デシベルを超える日があります。条例第{art}条で対応してください。",
        "太陽光パネルの設置基準（資料{page}ページ）に、斜面の崩落対策を加えるべきです。",
    ],
}

CASUAL = [
    "ゴミ出しの曜日ほんとに変わるんですか？😢", "バス減ったの困ります…朝{am}時台1本だけって", "保育園の書類多すぎです💦",
    "説明会{m}/{d}行けなかったので、資料どこにあるか教えてください🙏", "公園の遊具いつ直るんですかね〜",
    "うちの子の学童、{min}人待ちって言われました😇", "夜の工場の音、まじで寝れないです", "図書館{hh}時閉館は早すぎ！！",
    "マイナ保険証、病院で使えなかったです😓", "児童手当の申請、スマホでできるようにしてほしい",
]
SIMPLE = [
    "しやくしょの かみ、むずかしい です。やさしい にほんご に してください。",
    "ごみの だしかた が わかりません。えいご の かみ が ほしい です。",
    "こどもの がっこう の てがみ、ふりがな を つけて ください。",
    "びょういん で つうやく が いません。こまって います。",
    "ビザ の てつづき と じゅうみんひょう、おなじ ひ に できると うれしい です。",
    "アパート を かりる とき、ほしょうにん が いなくて こまりました。",
]
ENGLISH = [
    "The new garbage rules (section {sec}) are hard to follow for people who cannot read Japanese.",
    "Please provide the disaster map in English and Vietnamese before the rainy season.",
    "It took me {min} days to get an appointment at the ward office. Online booking would help a lot.",
    "I support the plan to add interpreters at the city hospital, but {par} days a week is not enough.",
]
ELDERLY = [
    "年寄りには字が小さくて読めませんでした", "バスが減って病院に通うのが大変になりました",
    "息子たちは遠くに住んでおり頼れません", "役所の電話がいつもつながらず困っております",
    "年金暮らしでこれ以上の負担は無理でございます", "近所の商店がなくなり買い物に難儀しております",
    "どうか年寄りのことも考えてくださいますようお願い申し上げます",
]
STUDENT = [
    "ゼミで素案{sec}を読み、若者の意見が反映されにくい仕組みだと感じました。",
    "アンケートの回答者のうち20代は{pct}％しかいなかったと資料{page}ページにあります。",
    "大学生の一人暮らしにとって、ごみ袋1枚{fee}円への値上げは小さくない負担です。",
    "授業で第{art}条の解釈を扱いました。条文の「努めるものとする」は弱すぎると思います。",
]


def polite(rng: random.Random, k: int = 2, topic: str | None = None) -> list[str]:
    lines = POLITE[topic or rng.choice(sorted(POLITE))]
    return [s.format(**_n(rng)) for s in rng.sample(lines, min(k, len(lines)))]


def fill(rng: random.Random, pool: list[str], k: int = 1) -> list[str]:
    return [s.format(**_n(rng)) for s in rng.sample(pool, min(k, len(pool)))]


def subject(rng: random.Random) -> str:
    topic = rng.choice(sorted(POLITE))
    return rng.choice([f"{topic}についての意見", f"【意見】{topic}（素案）", f"{topic}の件", f"Re: {topic}計画案へのご意見",
                       f"意見募集（案件番号{_n(rng)['case']}）への提出"])


def date_line(rng: random.Random) -> str:
    y = rng.choice([5, 6, 6, 7])
    return rng.choice([f"令和{y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
                       f"{2018 + y}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日",
                       f"{2018 + y}/{rng.randint(1, 12)}/{rng.randint(1, 28)} {rng.randint(7, 23)}:{rng.randint(0, 59):02d}"])


SEASON = ["新緑の候", "盛夏の候", "秋冷の候", "師走の候", "早春の候", "梅雨の候", "時下"]
GREETING = ["お世話になっております。", "突然のご連絡失礼いたします。", "いつもありがとうございます。",
            "はじめてメールいたします。",
            "意見募集を拝見し、投稿いたします。", "ご担当者様"]
CLOSING = ["以上、よろしくご検討ください。", "何卒よろしくお願い申し上げます。", "ご検討のほどよろしくお願いいたします。",
           "以上です。", "長文失礼しました。"]
