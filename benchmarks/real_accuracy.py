"""Accuracy on real published documents with hand gold (`../shared/real/` by default).

    python benchmarks/real_accuracy.py                 # every folder of ../shared/real
    python benchmarks/real_accuracy.py DIR [--json F]  # another folder of the same shape

Each folder holds a document, the `tree.yaml` it cites and a `gold.yaml` written by hand
(`items[]` in document order: `cites`, optional `cites_ok`, `disposition` as a list of
acceptable primaries). The tree and the document are loaded into a fresh SQLite store
the way a user would (`guideline load`, `comments load --revision R`), with no other
option; opinions are matched to gold items by document order. The documents are read
at run time only: nothing of them is copied into the project.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_REAL = HERE.parent.parent / "shared" / "real"


@dataclass
class RealResult:
    case: str
    opinions: int = 0
    found: int = 0
    spurious: int = 0
    citations_exact: int = 0
    dispositions_right: int = 0
    error: str | None = None
    misses: list[str] = field(default_factory=list)


def _cites_right(got: list[str], item: dict[str, Any], root: str) -> bool:
    want = sorted(str(k) for k in item.get("cites") or [])
    accepted = [want] + [sorted(str(k) for k in alt) for alt in item.get("cites_ok") or []]
    if not want:
        accepted.append([root])
    return sorted(got) in accepted


def evaluate_case(folder: Path, workdir: Path) -> RealResult:
    from guidetrace.comments.listing import list_comments
    from guidetrace.comments.store_comments import load_comments
    from guidetrace.guideline.formats import read_tree
    from guidetrace.guideline.keys import ROOT_KEY
    from guidetrace.guideline.store_tree import store_tree
    from guidetrace.trace.errors import GuidetraceError
    from guidetrace.trace.store import open_store

    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    items = gold["items"]
    result = RealResult(str(gold.get("case", folder.name)), opinions=len(items))
    store = open_store(str(workdir / f"{folder.name}.db"))
    try:
        store_tree(store, read_tree(folder / gold.get("tree", "tree.yaml")))
        load_comments(store, folder / gold["file"], revision=str(gold["revision"]), round_key="real")
        with store.sessions() as session:
            loaded = list_comments(session, round_key="real")
    except GuidetraceError as exc:
        result.error = str(exc).replace(str(folder) + "/", "")
        result.misses.append(f"load failed: {result.error}")
        return result
    finally:
        store.dispose()
    result.found = min(len(loaded), len(items))
    result.spurious = max(0, len(loaded) - len(items))
    if len(loaded) != len(items):
        result.misses.append(f"{len(loaded)} opinions loaded, {len(items)} in the gold")
    for item, got in zip(items, loaded):
        cites = sorted(c["section"] for c in got["citations"])
        if _cites_right(cites, item, ROOT_KEY):
            result.citations_exact += 1
        else:
            unresolved = [u["text"] for u in got["unresolved"]]
            result.misses.append(f"#{item['n']} {got['id']}: cites {cites}"
                                 f"{f' unresolved {unresolved}' if unresolved else ''}, expected {item.get('cites')}")
        primary = got["disposition"]["primary"]
        if primary in item["disposition"]:
            result.dispositions_right += 1
        else:
            result.misses.append(f"#{item['n']} {got['id']}: disposition {primary}, expected {item['disposition']}")
    return result


def evaluate(root: Path = DEFAULT_REAL) -> list[RealResult]:
    folders = sorted(p for p in root.iterdir() if (p / "gold.yaml").is_file()) if root.is_dir() else []
    if not folders:
        raise SystemExit(f"no folders with gold.yaml under {root}")
    with tempfile.TemporaryDirectory(prefix="gt-real-") as tmp:
        return [evaluate_case(f, Path(tmp)) for f in folders]


def totals(results: list[RealResult]) -> dict[str, Any]:
    n = sum(r.opinions for r in results)

    def pct(x: int) -> float:
        return round(100 * x / n, 1) if n else 0.0

    return {"documents": len(results), "opinions": n, "found": sum(r.found for r in results),
            "spurious": sum(r.spurious for r in results), "load_errors": sum(r.error is not None for r in results),
            "citations_exact": sum(r.citations_exact for r in results),
            "dispositions_right": sum(r.dispositions_right for r in results),
            "citations_pct": pct(sum(r.citations_exact for r in results)),
            "dispositions_pct": pct(sum(r.dispositions_right for r in results))}


def report(results: list[RealResult], *, misses: bool = True) -> str:
    lines = [f"{'document':24} {'found':>7} {'spur':>4} {'cites':>7} {'disp':>7}"]
    for r in results:
        lines.append(f"{r.case:24} {r.found:>3}/{r.opinions:<3} {r.spurious:>4} "
                     f"{r.citations_exact:>3}/{r.opinions:<3} {r.dispositions_right:>3}/{r.opinions:<3}")
        if misses:
            lines.extend(f"    miss: {m}" for m in r.misses)
    t = totals(results)
    lines.append(f"total: {t['found']}/{t['opinions']} opinions found, {t['spurious']} spurious, "
                 f"{t['load_errors']} load errors; citations exact {t['citations_exact']}/{t['opinions']} "
                 f"({t['citations_pct']} %), dispositions right {t['dispositions_right']}/{t['opinions']} "
                 f"({t['dispositions_pct']} %)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_REAL)
    parser.add_argument("--json", type=Path, help="also write per-document results and totals as JSON")
    parser.add_argument("--quiet", action="store_true", help="totals per document only, no misses")
    args = parser.parse_args(argv)
    results = evaluate(args.folder)
    print(report(results, misses=not args.quiet))
    if args.json:
        args.json.write_text(json.dumps({"documents": [asdict(r) for r in results], "totals": totals(results)},
                                        ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
