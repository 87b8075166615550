"""Scanning submissions for personal data: wall time and peak memory.

    python benchmarks/privacy_bench.py [N]     # default 200,000 submissions

The submissions come from tests/privacy_corpus.py (invented people and numbers, every
kind planted in varied forms; each text distinct, so the per-load cache of repeated
texts does not help) mixed with clean opinions: a tenth carry personal data.
Detection runs as a load runs it (`Scanner.rows` per opinion, submitter included).
"""

from __future__ import annotations

import random
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main(argv: list[str]) -> int:
    from guidetrace.comments.privacy.store_findings import Scanner
    from tests.privacy_corpus import CLEAN, OPINIONS, planted_docs

    n = int(argv[0]) if argv else 200_000
    rng = random.Random(5)
    planted = planted_docs(n // 10, seed=9)
    docs = []
    for i in range(n):
        if i % 10 == 0:
            d = planted[i // 10]
            docs.append((d.text, d.submitter))
        else:  # distinct clean texts: an opinion, a clean sentence, a number that is no one's
            docs.append((f"{rng.choice(OPINIONS)}。{rng.choice(CLEAN)}（整理番号{i}）", None))
    scanner = Scanner()
    start = time.perf_counter()
    found = sum(len(scanner.rows(i, {"body": text}, who)) for i, (text, who) in enumerate(docs))
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{n} submissions scanned in {elapsed:.1f} s ({n / elapsed:,.0f}/s), {found} findings, peak RSS {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
