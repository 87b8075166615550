"""The main job on bundled data: fresh store, the guideline trees, the seed, and the outputs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from guidetrace.comments.bundled import SEED_REVISION, seed_path
from guidetrace.comments.queries import check_store, list_comments
from guidetrace.comments.store_comments import load_comments
from guidetrace.guideline.bundled import load_bundled_trees
from guidetrace.guideline.queries import list_sections

from .errors import GuidetraceError
from .graph import build_graph, export_graph
from .output import render
from .store import open_store


def run_demo(outdir: Path, *, echo: Callable[[str], None] = print) -> Path:
    """Returns the path of the store it made; every output lands under `outdir`."""
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GuidetraceError(f"cannot create {outdir}: {exc.strerror}") from None
    db = outdir / "guidetrace.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    store = open_store(str(db))
    try:
        trees = load_bundled_trees(store)
        loaded = load_comments(store, seed_path(), revision=SEED_REVISION)
        with store.sessions() as session:
            sections = list_sections(session, SEED_REVISION)
            opinions = list_comments(session)
            problems = check_store(session)
            graph = build_graph(session)
        outputs = {
            "sections-3.0-draft.json": render(sections, "json"),
            "comments.json": render(opinions, "json"),
            "comments.csv": render([{"id": o["id"], "submitter": o["submitter"]["name"],
                                     "sections": [c["section"] for c in o["citations"]],
                                     "disposition": o["disposition"]["primary"], "body": o["body"],
                                     "response": o["response"]} for o in opinions], "csv"),
            "graph.graphml": export_graph(graph, "graphml"),
        }
        for name, text in outputs.items():
            (outdir / name).write_text(text, encoding="utf-8")
    finally:
        store.dispose()
    for t in trees:
        echo(f"revision {t.revision}: {t.sections} sections")
    echo(f"round {loaded.round}: {loaded.opinions} opinions, {loaded.citations} citations "
         f"({loaded.unresolved} unresolved), dispositions " + ", ".join(f"{k} {v}" for k, v in loaded.dispositions.items()))
    echo(f"check: {len(problems['unresolved'])} unresolved, {len(problems['unclassified'])} unclassified, "
         f"{len(problems['warnings'])} warning(s)")
    for name in outputs:
        echo(f"wrote {outdir / name}")
    echo(f"store: {db.resolve()}")
    return db
