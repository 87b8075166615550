"""`review import` at scale: a filled-in review workbook of N rows on a round of N opinions.

    python benchmarks/review_bench.py --rows 30000 [--work DIR] [--db URL]

The round is the generated numbered table (`generate.py`) of N opinions on a 400-section tree.
The workbook is written in the export's layout (row 1 the column keys, row 2 the labels) with
one decided row per opinion: two in three decide its disposition, one in three replace its
first citation with another section (an uncite and a cite). The load and the export run first;
then `guidetrace review import` runs in a fresh child process, whose wall time and peak RSS
(`os.wait4`) are printed with the rows per second, and the decisions recorded are counted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

from guidetrace.comments.vocabulary import COVERED, DECLINED, NOTED, REVISED, SUPPORT  # noqa: E402

GUIDETRACE = str(Path(sys.executable).with_name("guidetrace"))
COLUMNS = ("kind", "opinion", "round", "weight", "field", "machine", "evidence", "confidence", "excerpt", "detail",
           "decision", "note")  # the export's (comments/review/workbook_import.py)
DISPOSITIONS = (REVISED, NOTED, DECLINED, COVERED, SUPPORT)


def gt(db: str, *args: str) -> str:
    out = subprocess.run([GUIDETRACE, "--db", db, *args], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"guidetrace {' '.join(args)} failed: {out.stderr.strip()[-2000:]}")
    return out.stdout


def write_workbook(path: Path, opinions: list[dict], keys: list[str]) -> int:  # type: ignore[type-arg]
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("review")
    sheet.append(list(COLUMNS))
    sheet.append(list(COLUMNS))
    decided = 0
    for n, c in enumerate(opinions):
        row = dict.fromkeys(COLUMNS, None)
        row.update(opinion=c["id"], round=c["round"], weight=1, kind="conflict", evidence="rule", excerpt=c["body"][:60])
        cited = [x["section"] for x in c["citations"]]
        if n % 3 == 2 and cited:
            other = next(k for k in keys[n % len(keys):] + keys if k not in cited)
            row.update(field="citation", machine=cited[0], decision=other, note="bench")
        else:
            machine = c["disposition"]["primary"]
            row.update(field="disposition", machine=machine,
                       decision=next(d for d in DISPOSITIONS[n % len(DISPOSITIONS):] + DISPOSITIONS if d != machine))
        sheet.append([row[k] for k in COLUMNS])
        decided += 1
    book.save(path)
    return decided


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=30_000, help="opinions in the round, each decided once")
    parser.add_argument("--work", type=Path, help="folder for the files (default: a temporary one)")
    parser.add_argument("--db", help="store URL (default: an SQLite file in the work folder)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="review-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    db = args.db or str(work / f"review-{args.rows}.db")
    tree = generate.sections(400)
    generate.write_tree_csv(work / "tree.csv", tree)
    table = generate.write_numbered_tsv(work / f"numbered-{args.rows}.tsv", tree, args.rows)
    gt(db, "guideline", "load", str(work / "tree.csv"), "--guideline", "g", "--revision", "1")
    gt(db, "comments", "load", str(table), "--revision", "1", "--round", "r")
    opinions = json.loads(gt(db, "comments", "list", "--round", "r", "--format", "json"))
    book = work / f"review-{args.rows}.xlsx"
    rows = write_workbook(book, opinions, [str(s["key"]) for s in tree if s["kind"] != "chapter"])
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen([GUIDETRACE, "--db", db, "review", "import", str(book), "--by", "bench"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"review import failed: {err.strip()[-2000:]}")
    log = json.loads(gt(db, "review", "log", "--format", "json"))
    print(f"review import of {rows:,} rows ({len(log):,} decisions recorded): {wall:.1f} s, "
          f"{rows / wall:,.0f} rows/s, peak {usage.ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
