"""The same corpus through guidetrace and three requirement-traceability tools, timed side by side.

    python benchmarks/compare_tools.py [--sections 5000 --comments 2500] [--work DIR] [--json out.json]

Each tool is installed into a throwaway venv under the work folder (never a
dependency of guidetrace), fed the same corpus in its own format — N sections as
parent items and M comments as child items, each comment linked to two sections —
and timed from its input files to complete HTML. A tool that fails is reported as
failed with its last error line; the others still run. Each tool first builds a small
corpus, untimed, so no tool is timed on files read for the first time. guidetrace runs twice: as one
`guidetrace build` of a project file (`guidetrace`), and as the three commands it
stands for (`guidetrace-3`: `guideline load`, `comments load`, `site`).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
from run import ASIDE, compile_package, cpu_check, disk_check, set_aside  # noqa: E402

GUIDETRACE = str(Path(sys.executable).with_name("guidetrace"))
TOOLS = {"strictdoc": ["strictdoc"], "sphinx-needs": ["sphinx", "sphinx-needs"], "doorstop": ["doorstop"]}


def corpus(sections: int, comments: int) -> tuple[list[dict[str, object]], list[tuple[int, str, str]]]:
    rows = [r for r in generate.sections(sections)]
    keys = [str(r["key"]) for r in rows if r["kind"] in ("subsection", "measure")]
    links = [(i + 1, keys[(i * 7) % len(keys)], keys[(i * 13 + 5) % len(keys)]) for i in range(comments)]
    return rows, links


def uid(key: str) -> str:
    return "S-" + "".join(ch if ch.isalnum() else "_" for ch in key.encode("ascii", "backslashreplace").decode())


def write_strictdoc(root: Path, rows: list[dict[str, object]], links: list[tuple[int, str, str]]) -> list[str]:
    src = root / "src"
    src.mkdir(parents=True, exist_ok=True)
    out = ["[DOCUMENT]", "TITLE: Guideline", ""]
    for r in rows:
        out += ["[REQUIREMENT]", f"UID: {uid(str(r['key']))}", f"TITLE: {r['key']} {r['title']}",
                f"STATEMENT: {r['title']}", ""]
    for n, a, b in links:
        out += ["[REQUIREMENT]", f"UID: C-{n}", f"TITLE: Comment {n}", f"STATEMENT: Comment {n} on {a} and {b}.",
                "RELATIONS:", "- TYPE: Parent", f"  VALUE: {uid(a)}", "- TYPE: Parent", f"  VALUE: {uid(b)}", ""]
    (src / "guideline.sdoc").write_text("\n".join(out), encoding="utf-8")
    return ["strictdoc", "export", "--formats", "html", "--output-dir", str(root / "out"), str(src)]


def write_sphinx_needs(root: Path, rows: list[dict[str, object]], links: list[tuple[int, str, str]]) -> list[str]:
    src = root / "src"
    src.mkdir(parents=True, exist_ok=True)
    (src / "conf.py").write_text('project = "corpus"\nextensions = ["sphinx_needs"]\nneeds_id_regex = ".*"\n', encoding="utf-8")
    out = ["Corpus", "======", ""]
    for r in rows:
        out += [f".. req:: {r['key']} {r['title']}", f"   :id: {uid(str(r['key']))}", "", f"   {r['title']}", ""]
    for n, a, b in links:
        out += [f".. spec:: Comment {n}", f"   :id: C_{n}", f"   :links: {uid(a)}, {uid(b)}", "",
                f"   Comment {n} on {a} and {b}.", ""]
    (src / "index.rst").write_text("\n".join(out), encoding="utf-8")
    return ["sphinx-build", "-b", "html", "-q", str(src), str(root / "out")]


def write_doorstop(root: Path, rows: list[dict[str, object]], links: list[tuple[int, str, str]]) -> list[str]:
    src = root / "src"
    (src / "sec").mkdir(parents=True, exist_ok=True)
    (src / "sec" / "com").mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(src)], check=True)
    (src / "sec" / ".doorstop.yml").write_text("settings:\n  digits: 5\n  prefix: SEC\n  sep: ''\n", encoding="utf-8")
    (src / "sec" / "com" / ".doorstop.yml").write_text("settings:\n  digits: 5\n  parent: SEC\n  prefix: COM\n  sep: ''\n",
                                                       encoding="utf-8")
    index = {str(r["key"]): i + 1 for i, r in enumerate(rows)}
    for r in rows:
        text = str(r["title"]).replace('"', "'")
        (src / "sec" / f"SEC{index[str(r['key'])]:05d}.yml").write_text(
            f'active: true\nlevel: 1.{index[str(r["key"])]}\nlinks: []\nnormative: true\nref: ""\ntext: "{r["key"]} {text}"\n',
            encoding="utf-8")
    for n, a, b in links:
        (src / "sec" / "com" / f"COM{n:05d}.yml").write_text(
            f'active: true\nlevel: 1.{n}\nlinks:\n- SEC{index[a]:05d}: null\n- SEC{index[b]:05d}: null\nnormative: true\n'
            f'ref: ""\ntext: "Comment {n} on {a} and {b}."\n', encoding="utf-8")
    return ["doorstop", "publish", "all", str(root / "out"), "--html"]


def write_guidetrace(root: Path, rows: list[dict[str, object]], links: list[tuple[int, str, str]]) -> list[str]:
    root.mkdir(parents=True, exist_ok=True)
    tree = generate.write_tree_csv(root / "tree.csv", rows)
    doc = root / "comments.tsv"
    with doc.open("w", encoding="utf-8") as f:
        f.write("番号\t該当箇所\tご意見\tご意見に対する考え方\n")
        for n, a, b in links:
            f.write(f"{n}\t{a}、{b}\tComment {n} on {a} and {b}.\t今後の参考とさせていただきます。\n")
    db = root / "corpus.db"
    script = (f"set -e; G={GUIDETRACE}; $G --db {db} guideline load {tree} --guideline c --title c --revision 1 2>/dev/null;"
              f" $G --db {db} comments load {doc} --revision 1 --round c 2>/dev/null; $G --db {db} site {root / 'out'} >/dev/null")
    return ["bash", "-c", script]


def write_guidetrace_build(root: Path, rows: list[dict[str, object]], links: list[tuple[int, str, str]]) -> list[str]:
    """The same files and store, through one `guidetrace build` of a project file naming them."""
    write_guidetrace(root, rows, links)
    project = generate.write_project(root / "guidetrace.yaml", root / "tree.csv", root / "comments.tsv",
                                     root / "corpus.db", root / "out")
    return ["bash", "-c", f"{GUIDETRACE} build {project} >/dev/null 2>&1"]


WRITERS = {"guidetrace": write_guidetrace_build, "guidetrace-3": write_guidetrace, "strictdoc": write_strictdoc,
           "sphinx-needs": write_sphinx_needs, "doorstop": write_doorstop}


def venv_for(work: Path, tool: str) -> Path | None:
    if tool.startswith("guidetrace"):
        return None
    venv = work / f"venv-{tool}"
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", *TOOLS[tool]], check=True)
    return venv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sections", type=int, default=5000)
    parser.add_argument("--comments", type=int, default=2500)
    parser.add_argument("--work", type=Path, default=Path("/tmp/guidetrace-compare"))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--tools", default="guidetrace,guidetrace-3,strictdoc,sphinx-needs,doorstop")
    parser.add_argument("--timeout", type=int, default=900)
    parser.add_argument("--warmup", type=int, default=50,
                        help="sections of the untimed run each tool makes first (0: none); the first process to "
                             "run after setting up was seen to take up to twice as long as the next")
    args = parser.parse_args()
    rows, links = corpus(args.sections, args.comments)
    compile_package()  # as the other tools' installs compiled theirs
    results = []
    args.work.mkdir(parents=True, exist_ok=True)
    tools = args.tools.split(",")
    for tool in tools:  # earlier runs' files: deleted after the timings, not before them (see set_aside)
        set_aside(args.work / tool, args.work)
    disk, cpu = disk_check(args.work), cpu_check()
    print(f"{args.sections:,} sections, {args.comments:,} comments, {2 * args.comments:,} links; "
          f"creating 2,000 empty files in the work folder: {disk:.2f} s; CPU probe: {cpu:.2f} s")
    for tool in tools:
        root = args.work / tool
        try:
            venv = venv_for(args.work, tool)
        except subprocess.CalledProcessError as exc:
            results.append({"tool": tool, "status": f"install failed: {exc}"})
            print(f"  {tool:<14} install failed")
            continue
        env = dict(os.environ)
        if venv is not None:
            env["PATH"] = f"{venv / 'bin'}:{env['PATH']}"
            env.pop("PYTHONPATH", None)
        if args.warmup:  # untimed, on a small corpus in another folder: each tool starts with its files read once
            small = args.work / ASIDE / f"warmup-{tool}"
            warm = WRITERS[tool](small, *corpus(args.warmup, args.warmup // 2))
            subprocess.run(warm, cwd=small / "src" if (small / "src").exists() else small, env=env,
                           capture_output=True, timeout=args.timeout)
        argv = WRITERS[tool](root, rows, links)
        start = time.perf_counter()
        try:
            proc = subprocess.run(argv, cwd=root / "src" if (root / "src").exists() else root, env=env,
                                  capture_output=True, text=True, timeout=args.timeout)
            seconds = time.perf_counter() - start
            pages = sum(1 for _ in (root / "out").rglob("*.html")) if (root / "out").exists() else 0
            status = "ok" if proc.returncode == 0 and pages else f"failed: {(proc.stderr or proc.stdout).strip()[-300:]}"
        except subprocess.TimeoutExpired:
            seconds, pages, status = float(args.timeout), 0, f"timed out after {args.timeout} s"
        version = ""
        if venv is not None:
            freeze = subprocess.run([str(venv / "bin" / "pip"), "freeze"], capture_output=True, text=True).stdout
            version = ", ".join(line for line in freeze.splitlines()
                                if line.lower().split("==")[0] in ("strictdoc", "sphinx", "sphinx-needs", "doorstop"))
        results.append({"tool": tool, "seconds": round(seconds, 2), "html_pages": pages, "status": status,
                        "version": version})
        print(f"  {tool:<14} {seconds:8.2f} s  {pages:6d} HTML files  {status[:100]}  {version}")
    shutil.rmtree(args.work / ASIDE, ignore_errors=True)
    if args.json:
        args.json.write_text(json.dumps({"sections": args.sections, "comments": args.comments,
                                         "create_2000_files_seconds": round(disk, 3), "cpu_probe_seconds": round(cpu, 3),
                                         "results": results},
                                        ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
