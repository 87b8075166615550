"""Large generated comment documents for fault and streaming tests."""

from __future__ import annotations

from pathlib import Path

LOCATIONS = ("3.1.2", "サービス 2-6", "都市ＯＳ２－２", "P.44", "付録B", "3.1.3 (3)", "全般", "2.3.2 ②")
ANSWERS = ("今後の更新・改定の検討にあたり、参考とさせていただきます。", "ご意見を踏まえ、修正いたします。",
           "原案のとおりとします。", "参考意見として承ります。")


def write_tsv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        f.write("番号\t意見提出者\t該当箇所\tご意見\tご意見に対する考え方\n")
        for i in range(1, rows + 1):
            body = f"意見{i}: SBOMの活用やEDRの導入について、具体的な記載を追加してほしい。" * 3
            f.write(f"{i}\t提出者{i % 97}株式会社\t{LOCATIONS[i % len(LOCATIONS)]}\t{body}\t{ANSWERS[i % len(ANSWERS)]}\n")
    return path
