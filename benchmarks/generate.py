"""A deterministic synthetic corpus for benchmarks: trees, result tables, raw submissions.

Everything comes from one seeded random generator, so two runs write the same bytes.
Text lengths follow the seed (opinions of 80-600 characters, answers of 40-200), every
locator form the resolver knows appears, part-B bulk groups and count columns appear,
and raw submissions carry campaigns of near-identical text.

    python benchmarks/generate.py OUTDIR --opinions 10000 [--sections 400] [--raw 20000]
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

CATEGORIES = ("ガバナンス", "サービス", "都市OS", "アセット")
WORDS = ("セキュリティ", "脆弱性", "監視", "SBOM", "EDR", "インシデント", "復旧訓練", "バックアップ", "認証", "ログ",
         "サプライチェーン", "ファームウェア", "OTA", "暗号化", "個人情報", "委託先", "運用", "設計", "IoT機器", "クラウド")
ANSWERS = ("ご意見として承ります。今後の更新・改定の検討にあたり、参考とさせていただきます。",
           "ご意見を踏まえ、該当箇所を修正いたします。", "原案のとおりとします。", "参考意見として承ります。",
           "ご意見として承ります。ガイドラインでは、その旨記載しております。", "賛同のご意見として承ります。")


def sections(n: int) -> list[dict[str, object]]:
    """About n sections: chapters, sections, subsections, a measure per subsection, pages in order."""
    out: list[dict[str, object]] = []
    page, c = 1, 0
    while len(out) < n:
        c += 1
        out.append({"key": str(c), "kind": "chapter", "title": f"第{c}章 セキュリティの考え方{c}", "parent": "", "pages": page})
        for s in range(1, 6):
            out.append({"key": f"{c}.{s}", "kind": "section", "title": f"{WORDS[(c + s) % len(WORDS)]}の対策{c}-{s}",
                        "parent": str(c), "pages": page})
            for ss in range(1, 5):
                page += 1
                key = f"{c}.{s}.{ss}"
                out.append({"key": key, "kind": "subsection", "title": f"{WORDS[(c * s + ss) % len(WORDS)]}に関する留意点{c}.{s}.{ss}",
                            "parent": f"{c}.{s}", "pages": page})
                cat = CATEGORIES[(c + s + ss) % 4]
                out.append({"key": f"{cat}{c}-{s * 10 + ss}", "kind": "measure", "title": f"{WORDS[ss % len(WORDS)]}を実施する",
                            "parent": key, "pages": page})
                if len(out) >= n:
                    return out
    return out


def write_tree_csv(path: Path, rows: list[dict[str, object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["key", "kind", "title", "parent", "pages"])
        w.writeheader()
        w.writerows(rows)
    return path


KANJI = "安全対策管理運用設計情報通信機器連携認証監視記録保護復旧訓練体制責任分界委託契約更新脆弱性診断暗号鍵交換試験評価基準選定透明公平住民行政事業者地域交通医療防災"
KATAKANA = "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモラリルレロワン"
ENDINGS = ("について記載すべきと考えます。", "の具体例を示してほしい。", "が不足していると思われます。", "を追加してはいかがでしょうか。",
           "の扱いを明確にすべきです。", "は現場で運用が難しいと考えます。")


def write_project(path: Path, tree: Path, doc: Path, db: Path, site: Path) -> Path:
    """A `guidetrace build` project file: the CSV tree as revision 1 of guideline c, the document as round c."""
    path.write_text(f"store: {db}\ntrees:\n  - file: {tree}\n    guideline: c\n    title: c\n    revision: '1'\n"
                    f"comments:\n  - file: {doc}\n    revision: '1'\n    round: c\nsite: {site}\n", encoding="utf-8")
    return path


def _lexicon(seed: int, size: int = 600) -> list[str]:
    rng = random.Random(seed)
    words = list(WORDS)
    while len(words) < size:
        pool = KANJI if rng.random() < 0.6 else KATAKANA
        words.append("".join(rng.choice(pool) for _ in range(rng.randint(2, 5))))
    return words


LEXICON = _lexicon(5)


def _text(rng: random.Random, low: int, high: int) -> str:
    """Sentences of varied words: two texts from different seeds share little beyond stock endings."""
    parts, length = [], rng.randint(low, high)
    while sum(map(len, parts)) < length:
        parts.append(f"{rng.choice(LEXICON)}{rng.choice(('の', 'と', 'における'))}{rng.choice(LEXICON)}{rng.choice(ENDINGS)}")
    return "".join(parts)[:length]


def locator(rng: random.Random, tree: list[dict[str, object]]) -> str:
    """Every form: dotted, spaced, full-width, measure (spaced/full-width), page, item, 全般, two at once."""
    sub = rng.choice([r for r in tree if r["kind"] == "subsection"]) if len(tree) > 1 else tree[0]
    measure = next((r for r in tree if r["parent"] == sub["key"] and r["kind"] == "measure"), sub)
    key, m = str(sub["key"]), str(measure["key"])
    forms = (key, key.replace(".", ". ") + ".", key.translate(str.maketrans("0123456789.", "０１２３４５６７８９．")),
             m, m.replace("OS", " OS ").replace("-", " - "), f"P.{sub['pages']}", f"{key} ②", "全般",
             f"{key}\n{m}", f"P.{sub['pages']}-{int(sub['pages']) + 1}")  # type: ignore[call-overload]
    return rng.choice(forms)


def write_numbered_tsv(path: Path, tree: list[dict[str, object]], n: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as f:
        f.write("番号\t意見提出者\t該当箇所\tご意見\tご意見に対する考え方\t件数\n")
        for i in range(1, n + 1):
            who = rng.choice(("個人", f"株式会社テスト{i % 50}", f"一般社団法人テスト協会{i % 7}", "横浜市"))
            count = rng.choice((1, 1, 1, 1, 3, 12))
            body = _text(rng, 80, 600).replace("\t", " ")
            f.write(f"{i}\t{who}\t{locator(rng, tree).replace(chr(10), ' ')}\t{body}\t{rng.choice(ANSWERS)}\t{count}\n")
    return path


def write_mic(path: Path, tree: list[dict[str, object]], n: int, seed: int = 11) -> Path:
    """The ministry's layout: front matter, page headings, repeated headers, heading rows, parts A and B."""
    rng = random.Random(seed)
    f = path.open("w", encoding="utf-8")  # written as generated: a 1M-opinion table never sits in memory
    lines = ["# 「合成ガイドライン」(案) に対するご意見及びその考え方", "", "- 実施期間：令和6年4月26日（金）から令和6年5月27日（月）まで",
             f"- 意見提出数：{n}件（法人：{n // 10}件、個人：{n - n // 10}件）", ""]
    per_page = 6
    for i in range(n):
        if len(lines) > 1000:
            f.write("\n".join(lines) + "\n")
            lines.clear()
        if i % per_page == 0:
            lines += ["", f"# A. ガイドライン案の内容に直接関係するご意見とその考え方 {i // per_page + 3}", "",
                      "該当箇所\t提出されたご意見\tご意見に対する考え方"]
            sub = rng.choice([r for r in tree if r["kind"] == "subsection"])
            lines.append(f"<b>{' '.join(p + '.' for p in str(sub['key']).split('.'))} {sub['title']}</b>\t\t")
        who = "個人" if rng.random() < 0.7 else f"株式会社テスト{i % 30}"
        body = (f"<p>○該当箇所 {locator(rng, tree).replace(chr(10), ' ')}</p> <p>○意見内容 {_text(rng, 80, 500)}</p>"
                f" <p>○理由 {_text(rng, 20, 120)}</p> <p style=\"text-align: right;\">【{who}】</p>")
        lines.append(f"{sub['key']}.\t{body}\t<p>{rng.choice(ANSWERS)}</p>")
    lines += ["", "# B. A以外で多く寄せられたご意見とその考え方", "", "提出されたご意見\tご意見に対する考え方",
              "ガイドライン全般に反対。\t", "<p>※意見提出者多数のため意見本文は割愛</p> <p>【個人】</p>\t<p>参考意見として承ります。</p>"]
    f.write("\n".join(lines) + "\n")
    f.close()
    return path


def write_raw(path: Path, n: int, *, campaign_share: float = 0.96, seed: int = 13) -> Path:
    """Raw submissions: campaigns of near-identical text (small edits) plus individual opinions."""
    rng = random.Random(seed)
    templates = [_text(random.Random(100 + t), 200, 400) for t in range(5)]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "submitter", "text", "location"])
        for i in range(1, n + 1):
            if rng.random() < campaign_share:
                text = rng.choice(templates)
                roll = rng.random()
                if roll < 0.3:  # a greeting and a name added
                    text = f"お世話になります。{text}以上、よろしくお願いします。（{rng.randint(1, 99999)}）"
                elif roll < 0.5:  # full-width/half-width and spacing changes
                    text = text.replace("、", "， ").replace("SBOM", "ＳＢＯＭ")
            else:
                text = _text(rng, 60, 500)
            w.writerow([f"R{i:07d}", f"個人{i}", text, rng.choice(("", "全般", "3.1.2"))])
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("outdir", type=Path, help="folder for the generated files (created if missing)")
    parser.add_argument("--opinions", type=int, default=10_000,
                        help="opinions in each result table (numbered TSV and ministry-style Markdown)")
    parser.add_argument("--sections", type=int, default=400, help="sections in the generated tree (tree.csv)")
    parser.add_argument("--raw", type=int, default=0,
                        help="raw submissions to write as raw-N.csv, mostly campaign copies (0: none)")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    tree = sections(args.sections)
    write_tree_csv(args.outdir / "tree.csv", tree)
    write_numbered_tsv(args.outdir / f"numbered-{args.opinions}.tsv", tree, args.opinions)
    write_mic(args.outdir / f"mic-{args.opinions}.md", tree, args.opinions)
    if args.raw:
        write_raw(args.outdir / f"raw-{args.raw}.csv", args.raw)


if __name__ == "__main__":
    main()
