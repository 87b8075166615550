"""How many of the themes a person named does `topics suggest` propose, on an invented raw consultation.

    python benchmarks/themes_accuracy.py [N] [LIMIT]   # default 2,000 submissions, first 30 suggestions
    python benchmarks/themes_accuracy.py --speed        # 200,000 submissions: the time of `topics suggest` alone

The corpus is tests/themes_corpus/ (written blind, with its gold themes first in GOLD.md); with
--held-out, tests/themes_corpus2/ (another writer, another consultation, kept out of the tuning).
A gold theme counts as proposed when one of the first 30 suggestions, by its label or a
variant, is one of the theme's surface variants, holds one, or is held in one (three
characters at least). Stricter figures beside it, so that a grouping cannot score by
piling everything into a few suggestions: the gold themes proposed by a suggestion's label
alone, and the suggestions whose forms hit two or more gold themes (mixed). Also counted:
single words of the consultation's title among them.
"""

from __future__ import annotations

import sys
import tempfile
import time
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def matches(term: str, variants: tuple[str, ...]) -> bool:
    t = _fold(term)
    return len(t) >= 3 and any(t in v or v in t for v in map(_fold, variants))


def main(argv: list[str]) -> int:
    import importlib

    from guidetrace.comments.store_comments import load_raw
    from guidetrace.comments.suggest_topics import suggest_topics
    from guidetrace.comments.topics_lexicon import load_lexicon
    from guidetrace.guideline.formats import read_tree
    from guidetrace.guideline.store_tree import store_tree
    from guidetrace.trace.store import open_store

    held_out = "--held-out" in argv  # tests/themes_corpus2: another writer, another consultation, scored once
    argv = [a for a in argv if a != "--held-out"]
    corpus = importlib.import_module("tests.themes_corpus2.generate" if held_out else "tests.themes_corpus.generate")
    THEMES, TITLE, raw_corpus, write_csv = corpus.THEMES, corpus.TITLE, corpus.raw_corpus, corpus.write_csv
    tree = "repairfund-tree.yaml" if held_out else "autobus-tree.yaml"

    if argv[:1] == ["--speed"]:
        argv = ["200000", *argv[1:]]
    n = int(argv[0]) if argv else 2000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "raw.csv"
        write_csv(path, raw_corpus(n))
        store = open_store(str(Path(tmp) / "themes.db"))
        store_tree(store, read_tree(HERE / "data" / tree))
        load_raw(store, path, revision="1.0-draft", round_key="raw")
        with store.sessions() as s:
            start = time.perf_counter()
            found = suggest_topics(s, load_lexicon(), limit=int(argv[1]) if len(argv) > 1 else 30)
            elapsed = time.perf_counter() - start
        store.dispose()
    proposed = [t for t in THEMES if any(matches(x, (t.label, *t.variants)) for s in found for x in (s.term, *s.variants))]
    by_label = [t for t in THEMES if any(matches(s.term, (t.label, *t.variants)) for s in found)]
    mixed = [s.term for s in found
             if sum(any(matches(x, (t.label, *t.variants)) for x in (s.term, *s.variants)) for t in THEMES) >= 2]
    title_words = [s.term for s in found if len(_fold(s.term)) <= 6 and _fold(s.term) in _fold(TITLE)]
    for i, s in enumerate(found, 1):
        hit = [t.label for t in THEMES if any(matches(x, (t.label, *t.variants)) for x in (s.term, *s.variants))]
        print(f"{i:2}. {s.term} ({s.opinions}) {'→ ' + hit[0] if hit else '—'}  variants: {', '.join(s.variants[:4])}")
    print(f"{len(proposed)}/{len(THEMES)} gold themes in the first 30 ({100 * len(proposed) / len(THEMES):.0f} %); "
          f"by label alone {len(by_label)}/{len(THEMES)}; mixed suggestions {len(mixed)} {mixed}; "
          f"title words among them: {title_words}; suggest took {elapsed:.1f} s on {n} submissions")
    for t in THEMES:
        if t not in proposed:
            print("not proposed:", t.label)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
