"""Accuracy on a corpus of comment documents whose right answers were written down first.

    python benchmarks/accuracy.py                    # tests/corpus
    python benchmarks/accuracy.py CORPUS [--json F]  # another corpus of the same shape

A corpus holds `trees/*.yaml` and `docs/*.gold.yaml`; each gold file names its
document, the trees to load (in order) and the revision, and lists every opinion:
a distinctive piece of its text, optionally its printed label, the section keys it
cites and its disposition (tests/corpus/README.md). A gold file may also list the
`decisions` a reviewer recorded (by text: cite, disposition); they are applied with
the review commands' library calls after the machine's values are measured, and both
figures are reported. Each document is loaded into a
fresh SQLite store the way a user would, without --columns. Printed per document
and in total: opinions found, spurious rows (loaded but in no gold entry),
citations exact (set equality), dispositions right, the language, and every miss.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent / "tests" / "corpus"


@dataclass
class DocResult:
    document: str
    family: str
    opinions: int = 0
    found: int = 0
    spurious: int = 0
    citations_exact: int = 0
    dispositions_right: int = 0
    lang_right: bool = True
    error: str | None = None
    misses: list[str] = field(default_factory=list)
    decisions: int = 0
    citations_reviewed: int = 0  # after the recorded decisions
    dispositions_reviewed: int = 0


def _norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text or "").split())


def evaluate_document(gold_path: Path, corpus: Path, workdir: Path) -> DocResult:
    from guidetrace.comments.listing import list_comments
    from guidetrace.comments.review.record import decide
    from guidetrace.comments.store_comments import load_comments
    from guidetrace.guideline.formats import read_tree
    from guidetrace.guideline.store_tree import store_tree
    from guidetrace.trace.errors import GuidetraceError
    from guidetrace.trace.store import open_store

    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    result = DocResult(gold["document"], str(gold.get("family", "")), opinions=len(gold["opinions"]))
    store = open_store(str(workdir / (gold_path.stem + ".db")))
    try:
        for tree in gold["trees"]:
            store_tree(store, read_tree(corpus / "trees" / tree))
        summary = load_comments(store, gold_path.parent / gold["document"], revision=str(gold["revision"]),
                                round_key="corpus")
        with store.sessions() as session:
            loaded = list_comments(session, round_key="corpus")
        _score(result, gold, loaded, record=True)
        result.citations_reviewed, result.dispositions_reviewed = result.citations_exact, result.dispositions_right
        if gold.get("decisions"):
            with store.transaction() as session:
                result.decisions = len(decide(session, _requests(gold["decisions"], loaded), by="corpus"))
            with store.sessions() as session:
                after = DocResult(result.document, result.family, opinions=result.opinions)
                _score(after, gold, list_comments(session, round_key="corpus"), record=False)
                result.citations_reviewed, result.dispositions_reviewed = after.citations_exact, after.dispositions_right
    except GuidetraceError as exc:
        result.error = str(exc).replace(str(gold_path.parent) + "/", "")
        result.misses.append(f"load failed: {result.error}")
        return result
    finally:
        store.dispose()
    if gold.get("lang") and summary.lang != gold["lang"]:
        result.lang_right = False
        result.misses.append(f"language {summary.lang}, expected {gold['lang']}")
    return result


def _requests(decisions: list[dict[str, Any]], loaded: list[dict[str, Any]]) -> list[Any]:
    from guidetrace.comments.review.decisions import DecisionRequest

    out = []
    for d in decisions:
        opinion = next(c["id"] for c in loaded if _norm(d["text"]) in _norm(c["body"]))
        cited = [x["section"] for c in loaded if c["id"] == opinion for x in c["citations"]]
        wanted = [str(k) for k in d.get("cite", cited)]
        out += [DecisionRequest(opinion, "uncite", k) for k in cited if k not in wanted]
        out += [DecisionRequest(opinion, "cite", str(k)) for k in d.get("cite", [])]
        if d.get("disposition"):
            out.append(DecisionRequest(opinion, "disposition", d["disposition"]))
    return out


def _score(result: DocResult, gold: dict[str, Any], loaded: list[dict[str, Any]], *, record: bool) -> None:
    from guidetrace.guideline.keys import canonical_key

    def miss(text: str) -> None:
        if record:
            result.misses.append(text)

    matched: set[str] = set()
    for entry in gold["opinions"]:
        snippet = _norm(entry["text"])
        hits = [c for c in loaded if snippet in _norm(c["body"])]
        if len(hits) != 1:
            miss(f"{entry['text']!r}: {len(hits)} opinions hold this text")
            continue
        got = hits[0]
        matched.add(got["id"])
        label = entry.get("label")
        if label is not None and _norm(str(got.get("label"))) != _norm(str(label)):
            miss(f"{entry['text']!r}: label {got.get('label')!r}, expected {label!r}")
            continue
        result.found += 1
        cites = sorted(c["section"] for c in got["citations"])
        want = sorted(canonical_key(str(k)) for k in entry["cites"])  # keys as the tree file writes them
        implicit = [c["section"] for c in got["citations"] if c["evidence"] == "implicit"]
        if cites == want or (not want and cites == implicit):  # names no place: counted at the root
            result.citations_exact += 1
        else:
            unresolved = [u["text"] for u in got["unresolved"]]
            miss(f"{got['id']}: cites {cites}{f' unresolved {unresolved}' if unresolved else ''}, expected {want}")
        if got["disposition"]["primary"] == entry["disposition"]:
            result.dispositions_right += 1
        else:
            miss(f"{got['id']}: disposition {got['disposition']['primary']}, expected {entry['disposition']}")
    for c in loaded:
        if c["id"] not in matched:
            result.spurious += 1
            miss(f"{c['id']}: spurious row {c['body'][:40]!r}")


def evaluate(corpus: Path = DEFAULT_CORPUS) -> list[DocResult]:
    golds = sorted((corpus / "docs").glob("*.gold.yaml"))
    if not golds:
        raise SystemExit(f"no gold files under {corpus / 'docs'}")
    with tempfile.TemporaryDirectory(prefix="gt-accuracy-") as tmp:
        return [evaluate_document(g, corpus, Path(tmp)) for g in golds]


def totals(results: list[DocResult]) -> dict[str, Any]:
    n = sum(r.opinions for r in results)
    found = sum(r.found for r in results)
    return {
        "documents": len(results), "families": len({r.family for r in results}),
        "opinions": n, "found": found, "spurious": sum(r.spurious for r in results),
        "citations_exact": sum(r.citations_exact for r in results),
        "dispositions_right": sum(r.dispositions_right for r in results),
        "citations_pct": round(100 * sum(r.citations_exact for r in results) / n, 1) if n else 0.0,
        "dispositions_pct": round(100 * sum(r.dispositions_right for r in results) / n, 1) if n else 0.0,
        "languages_right": sum(r.lang_right for r in results), "load_errors": sum(r.error is not None for r in results),
        "decisions": sum(r.decisions for r in results),
        "citations_reviewed": sum(r.citations_reviewed for r in results),
        "dispositions_reviewed": sum(r.dispositions_reviewed for r in results),
    }


def report(results: list[DocResult]) -> str:
    lines = [f"{'document':34} {'family':16} {'found':>7} {'spur':>4} {'cites':>7} {'disp':>7}"]
    for r in results:
        lines.append(f"{r.document:34} {r.family:16} {r.found:>3}/{r.opinions:<3} {r.spurious:>4} "
                     f"{r.citations_exact:>3}/{r.opinions:<3} {r.dispositions_right:>3}/{r.opinions:<3}")
        lines.extend(f"    miss: {m}" for m in r.misses)
        if r.decisions:
            lines.append(f"    after {r.decisions} decisions: cites {r.citations_reviewed}/{r.opinions}, "
                         f"disp {r.dispositions_reviewed}/{r.opinions}")
    t = totals(results)
    lines.append(f"{t['documents']} documents in {t['families']} families; languages right {t['languages_right']}/"
                 f"{t['documents']}; load errors {t['load_errors']}")
    lines.append(f"total: {t['found']}/{t['opinions']} opinions found, {t['spurious']} spurious, citations exact "
                 f"{t['citations_exact']}/{t['opinions']} ({t['citations_pct']} %), dispositions right "
                 f"{t['dispositions_right']}/{t['opinions']} ({t['dispositions_pct']} %)")
    lines.append(f"after {t['decisions']} recorded review decisions: citations exact {t['citations_reviewed']}/"
                 f"{t['opinions']}, dispositions right {t['dispositions_reviewed']}/{t['opinions']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--json", type=Path, help="also write per-document results and totals as JSON")
    args = parser.parse_args(argv)
    results = evaluate(args.corpus)
    print(report(results))
    if args.json:
        args.json.write_text(json.dumps({"documents": [asdict(r) for r in results], "totals": totals(results)},
                                        ensure_ascii=False, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
