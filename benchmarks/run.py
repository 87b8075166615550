"""Benchmarks: wall time and peak RSS of each step, each in a fresh process.

    python benchmarks/run.py --quick          # under a minute
    python benchmarks/run.py                  # 10k / 100k / 1M opinions, 100k site, 200k raw, PostgreSQL
    python benchmarks/run.py --json out.json  # also write the results as JSON
    python benchmarks/run.py --only-ingest --sizes 100000   # the SQLite ingest steps alone, both layouts

Steps run the installed `guidetrace` command (or a few lines of Python) in a child
process; os.wait4 reports that child's own peak RSS. The floor is plain sqlite3
executemany of the same rows (split from the same file, no resolving), the least any
ingest into SQLite can cost; it runs FLOOR_RUNS times, and each ingest's ratio (printed
at the end, and in the JSON) is to the fastest of them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import generate  # noqa: E402

GUIDETRACE = str(Path(sys.executable).with_name("guidetrace"))

FLOOR = r"""
import sqlite3, sys
path, db = sys.argv[1], sys.argv[2]
con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode=WAL")
con.execute("CREATE TABLE comment (id INTEGER PRIMARY KEY, key TEXT UNIQUE, part TEXT, seq INT, submitter TEXT,"
            " location TEXT, body TEXT, response TEXT, disposition TEXT, represents INT, source_line INT)")
con.execute("CREATE TABLE citation (id INTEGER PRIMARY KEY, comment_id INT, section TEXT, text TEXT)")
rows, cites = [], []
with open(path, encoding="utf-8") as f:
    next(f)
    for line_no, line in enumerate(f, start=2):
        n, who, loc, body, answer, count = line.rstrip("\n").split("\t")
        rows.append((int(n), f"r/A-{n}", "A", int(n), who, loc, body, answer, "noted", int(count), line_no))
        cites.append((int(n), loc, loc))
        if len(rows) == 5000:
            con.executemany("INSERT INTO comment VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
            con.executemany("INSERT INTO citation (comment_id, section, text) VALUES (?,?,?)", cites)
            rows, cites = [], []
con.executemany("INSERT INTO comment VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
con.executemany("INSERT INTO citation (comment_id, section, text) VALUES (?,?,?)", cites)
con.commit()
"""


ASIDE = ".set-aside"  # earlier runs' outputs wait here, and are deleted once every step has been timed


def set_aside(path: Path, work: Path) -> None:
    """Moves an earlier run's output out of the way without deleting it. On ext4, creating files soon after
    thousands were deleted near them is slow (here: 5,000 empty files in 0.14 s, then 2.65 s just after
    15,000 were deleted), so deleting before a timed step would time the deletion's after-effect."""
    if path.exists():
        aside = work / ASIDE
        aside.mkdir(exist_ok=True)
        path.rename(aside / f"{path.name}-{time.time_ns()}")


def disk_check(work: Path, files: int = 2000) -> float:
    """Seconds to create `files` empty files in the work folder: printed with the results, since a disk or
    folder where this is slow (see set_aside) slows every step that writes pages."""
    folder = work / f"disk-check-{time.time_ns()}"
    folder.mkdir()
    start = time.perf_counter()
    for i in range(files):
        (folder / f"{i}.html").touch()
    seconds = time.perf_counter() - start
    set_aside(folder, work)
    return seconds


def cpu_check() -> float:
    """Seconds for a fixed loop of Python (summing 30 million integers): this virtual machine's speed
    varies by the hour (a third or more), and this says how fast it was during a run."""
    start = time.perf_counter()
    sum(range(30_000_000))
    return time.perf_counter() - start


STEPS = ("ingest", "site", "dedup", "corpus", "postgres")
LARGE = 1_000_000  # loads this big write about 6 GB, and on the measured machine the steps just after them ran
# up to three times slower (the site for 100k 28 s instead of 8-10 s, the sections report on 1M 3.7 s instead of
# 0.7 s): they run after the site, dedup and corpus steps, so each step times itself, not the last one's disk
FLOOR_RUNS = 3  # the floor is mostly disk writes, the noisiest thing here (1.6-3.0 s at 100k in one day): ratios
# are taken to the fastest of these runs, the least the floor was seen to cost


def ratios(results: list[dict[str, object]]) -> list[str]:
    """Each SQLite ingest over the fastest floor of its size, in this run."""
    floors: dict[object, float] = {}
    for r in results:
        if r.get("backend") == "sqlite3":
            floors[r["opinions"]] = min(floors.get(r["opinions"], float("inf")), float(r["seconds"]))  # type: ignore[arg-type]
    lines = []
    for r in results:
        if str(r["step"]).startswith("ingest") and r.get("backend") == "sqlite" and r["opinions"] in floors:
            r["floor_ratio"] = round(float(r["seconds"]) / floors[r["opinions"]], 1)  # type: ignore[arg-type]
            lines.append(f"  {r['step']:<52} {r['floor_ratio']:6.1f} x the fastest floor ({floors[r['opinions']]:.2f} s)")
    return lines


def run(label: str, argv: list[str], results: list[dict[str, object]], **extra: object) -> dict[str, object]:
    """One step in a fresh process, started once the disk holds what earlier steps wrote: a 1M load
    leaves gigabytes to write back, which slowed the next step (the 100k site) to twice its time."""
    os.sync()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{label} failed: {err.strip()[-2000:]}")
    row = {"step": label, "seconds": round(wall, 2), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), **extra}
    results.append(row)
    print(f"  {label:<52} {wall:8.2f} s {usage.ru_maxrss / 1024:8.0f} MB", flush=True)
    return row


def tree_for(work: Path, sections: int) -> Path:
    path = work / f"tree-{sections}.csv"
    if not path.exists():
        generate.write_tree_csv(path, generate.sections(sections))
    return path


def bench_ingest(work: Path, n: int, results: list[dict[str, object]], db_url: str | None = None,
                 layout: str = "numbered") -> None:
    """`layout` numbered: a TSV with a count column; mic: the ministry's layout (front matter, page
    headings, repeated headers, HTML cells with ○該当箇所/○意見内容/○理由, parts A and B). The floor
    is measured on the numbered TSV of the same size: the least n rows can cost either way."""
    tree = tree_for(work, 400)
    doc = work / (f"numbered-{n}.tsv" if layout == "numbered" else f"mic-{n}.md")
    if not doc.exists():
        (generate.write_numbered_tsv if layout == "numbered" else generate.write_mic)(doc, generate.sections(400), n)
    backend = "postgresql" if db_url else "sqlite"
    if not db_url and layout == "numbered":
        floor_db = work / f"floor-{n}.db"
        for attempt in range(1, FLOOR_RUNS + 1):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{floor_db}{suffix}").unlink(missing_ok=True)
            run(f"floor: sqlite3 executemany, {n:,} rows (run {attempt})", [sys.executable, "-c", FLOOR, str(doc),
                                                                           str(floor_db)], results,
                opinions=n, backend="sqlite3")
    db = db_url or str(work / (f"ingest-{n}.db" if layout == "numbered" else f"ingest-{layout}-{n}.db"))
    if not db_url:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    subprocess.run([GUIDETRACE, "--db", db, "guideline", "load", str(tree), "--guideline", "syn", "--title", "合成",
                    "--revision", "1"], check=True, capture_output=True)
    label = "" if layout == "numbered" else f", {layout} layout"
    run(f"ingest {n:,} opinions ({backend}{label})", [GUIDETRACE, "--db", db, "comments", "load", str(doc),
                                                       "--revision", "1", "--round", "bench"], results, opinions=n,
        backend=backend, layout=layout)
    if layout != "numbered":
        return
    run(f"sections report on {n:,} ({backend})", [GUIDETRACE, "--db", db, "report", "sections", "--format", "json",
                                                 "-o", os.devnull], results, opinions=n, backend=backend)


def bench_site(work: Path, n: int, results: list[dict[str, object]]) -> None:
    db = work / f"ingest-{n}.db"
    if not db.exists():
        raise SystemExit(f"{db}: no store to build the site from (run the ingest step first)")
    out = work / f"site-{n}"
    set_aside(out, work)
    run(f"site for {n:,} opinions", [GUIDETRACE, "--db", str(db), "site", str(out)], results, opinions=n)


def bench_dedup(work: Path, n: int, results: list[dict[str, object]]) -> None:
    raw = work / f"raw-{n}.csv"
    if not raw.exists():
        generate.write_raw(raw, n)
    db = work / f"raw-{n}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    subprocess.run([GUIDETRACE, "--db", str(db), "guideline", "load", "--bundled"], check=True, capture_output=True)
    run(f"load-raw {n:,} submissions (ingest + clusters)", [GUIDETRACE, "--db", str(db), "comments", "load-raw", str(raw),
                                                           "--revision", "3.0-draft", "--round", "raw"], results, submissions=n)
    run(f"dedup {n:,} submissions (96 % campaign)", [GUIDETRACE, "--db", str(db), "dedup", "--round", "raw"], results,
        submissions=n)
    out = work / f"site-raw-{n}"
    set_aside(out, work)
    run(f"site for {n:,} raw submissions (campaigns once)", [GUIDETRACE, "--db", str(db), "site", str(out)], results,
        submissions=n)


def bench_corpus(work: Path, results: list[dict[str, object]], sections: int = 5000, comments: int = 2500) -> None:
    """The comparison corpus: 5,000 sections, 2,500 comments each citing two sections, to a complete site."""
    tree_rows = generate.sections(sections)
    tree = generate.write_tree_csv(work / f"corpus-tree-{sections}.csv", tree_rows)
    keys = [str(r["key"]) for r in tree_rows if r["kind"] in ("subsection", "measure")]
    doc = work / f"corpus-{comments}.tsv"
    with doc.open("w", encoding="utf-8") as f:
        f.write("番号\t該当箇所\tご意見\tご意見に対する考え方\n")
        for i in range(comments):
            a, b = keys[(i * 7) % len(keys)], keys[(i * 13 + 5) % len(keys)]
            f.write(f"{i + 1}\t{a}、{b}\t{a} と {b} について意見{i + 1}。\t今後の参考とさせていただきます。\n")
    db, out = work / "corpus.db", work / "corpus-site"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    set_aside(out, work)
    script = (f"set -e; G={GUIDETRACE}; $G --db {db} guideline load {tree} --guideline c --title c --revision 1 2>/dev/null;"
              f" $G --db {db} comments load {doc} --revision 1 --round c 2>/dev/null; $G --db {db} site {out} >/dev/null")
    run(f"{sections:,} sections + {comments:,} comments to site, 3 commands", ["bash", "-c", script],
        results, sections=sections, comments=comments)
    built_db, built = work / "corpus-build.db", work / "corpus-build-site"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{built_db}{suffix}").unlink(missing_ok=True)
    set_aside(built, work)
    project = generate.write_project(work / "corpus.yaml", tree, doc, built_db, built)
    run(f"{sections:,} sections + {comments:,} comments to site, build",
        ["bash", "-c", f"{GUIDETRACE} build {project} >/dev/null 2>&1"], results, sections=sections, comments=comments)


def compile_package() -> None:
    """The package's bytecode, written once as `pip install` writes it: where PYTHONDONTWRITEBYTECODE is
    set (as on the machine below), every step would otherwise compile the changed modules again."""
    import compileall

    import guidetrace.trace

    root = Path(guidetrace.trace.__file__).resolve().parents[1]
    for folder in ("trace", "guideline", "comments", "reports", "api"):
        compileall.compile_dir(root / folder, quiet=1)


def postgres_server():  # type: ignore[no-untyped-def]
    """A throwaway server (the test suite's), or None where PostgreSQL is not installed."""
    from tests.pg_server import PgServer

    try:
        return PgServer()
    except Exception as exc:  # no server on this machine: SQLite only
        print(f"  (PostgreSQL not available: {exc})")
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", type=Path, help="Write the results here as JSON too.")
    parser.add_argument("--work", type=Path, help="Working folder (default: a temporary one).")
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--sizes", help="Ingest sizes, comma-separated (default 10000,100000,1000000; --quick 10000).")
    parser.add_argument("--only-ingest", action="store_true", help="Only the SQLite ingest steps (both layouts).")
    parser.add_argument("--only", help="Only these steps, comma-separated: ingest, site, dedup, corpus, postgres "
                                       "(site reads the store an earlier run's ingest left in --work).")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="guidetrace-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results: list[dict[str, object]] = []
    print(f"guidetrace benchmarks ({'quick' if args.quick else 'full'}) on {platform.machine()}, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}; work in {work}")
    compile_package()
    disk, cpu = disk_check(work), cpu_check()
    print(f"  creating 2,000 empty files in the work folder: {disk:.2f} s; the CPU probe (cpu_check): {cpu:.2f} s")
    started = time.perf_counter()
    sizes = tuple(int(n) for n in args.sizes.split(",")) if args.sizes else (
        (10_000,) if args.quick else (10_000, 100_000, 1_000_000))
    steps = set(args.only.split(",")) if args.only else {"ingest"} if args.only_ingest else set(STEPS)
    if steps - set(STEPS):
        parser.error(f"--only: unknown step(s) {', '.join(sorted(steps - set(STEPS)))} (expected {', '.join(STEPS)})")
    ingest = sizes if "ingest" in steps else ()
    for n in [n for n in ingest if n < LARGE]:
        bench_ingest(work, n, results)
        bench_ingest(work, n, results, layout="mic")
    if "site" in steps:
        bench_site(work, 10_000 if args.quick else 100_000, results)
    if "dedup" in steps:
        bench_dedup(work, 20_000 if args.quick else 200_000, results)
    if "corpus" in steps:
        bench_corpus(work, results)
    for n in [n for n in ingest if n >= LARGE]:
        bench_ingest(work, n, results)
        bench_ingest(work, n, results, layout="mic")
    if not args.quick and not args.no_postgres and "postgres" in steps:
        server = postgres_server()
        if server is not None:
            try:
                for n in (10_000, 100_000):
                    bench_ingest(work, n, results, db_url=server.create_database(f"bench_{n}"))
            finally:
                server.stop()
    total = time.perf_counter() - started
    shutil.rmtree(work / ASIDE, ignore_errors=True)
    print("\n".join(ratios(results)))
    print(f"  total {total:.1f} s")
    payload = {"machine": {"arch": platform.machine(), "cores": os.cpu_count(), "python": platform.python_version(),
                           "platform": platform.platform(), "create_2000_files_seconds": round(disk, 3),
                           "cpu_probe_seconds": round(cpu, 3)},
               "mode": "quick" if args.quick else "full", "results": results, "total_seconds": round(total, 1)}
    if args.json:
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
