"""The main job on bundled data: a fresh store, the guideline trees, the seed, every output."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.output import write_atomic
from guidetrace.trace.store_location import DEFAULT_DB

from .loads import BUNDLED, load_comments, load_tree, open_store
from .options import ReportOptions, SiteOptions
from .outputs import build_site, write_reports

REPORT_FORMATS = ("md", "csv", "json", "xlsx")
DIAGRAMS = (("heat", None), ("topics", None), ("lineage", None), ("impact", "サービス3-2"), ("impact", "sbom"))


def run_demo(outdir: Path, *, echo: Callable[[str], None] = print, lang: str = "ja") -> Path:
    """Returns the path of the site's index.html; every output lands under `outdir`."""
    from guidetrace.comments.review.check import check_store
    from guidetrace.reports.diagrams.dot import render_diagram
    from guidetrace.reports.diagrams.make import make_diagram
    from guidetrace.reports.diagrams.renderer import EMBEDDED, find_renderer, needed
    from guidetrace.reports.graph import build_graph, export_graph

    try:
        (outdir / "reports").mkdir(parents=True, exist_ok=True)
        (outdir / "diagrams").mkdir(exist_ok=True)
    except OSError as exc:
        raise GuidetraceError(f"cannot create {outdir}: {exc.strerror}") from None
    db = outdir / DEFAULT_DB
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    renderer = find_renderer()  # the system's Graphviz, else the embedded graphviz-pure (see renderer.py)
    store = open_store(str(db))
    try:
        trees = load_tree(store, BUNDLED)
        loaded = load_comments(store, BUNDLED)
        reports = write_reports(store, ReportOptions(outdir / "reports", formats=REPORT_FORMATS, lang=lang))
        plan, written = reports.payloads["plan"], reports.files
        with store.sessions() as session:
            for kind, root in DIAGRAMS:
                model = make_diagram(session, kind, root=root, lang=lang)
                name = f"{kind}-{root}" if root else kind
                if renderer is not None:
                    written.append(_write(outdir / "diagrams" / f"{name}.svg", render_diagram(model, "svg", renderer)))
                else:  # the demo still writes every report and the site; each diagram says what it needs
                    written.append(_write(outdir / "diagrams" / f"{name}.txt", f"{name}: this diagram needs {needed()}\n"))
            written.append(_write(outdir / "graph.graphml", export_graph(build_graph(session), "graphml")))
            problems = check_store(session)
        index = build_site(store, SiteOptions(outdir / "site", lang=lang))
    finally:
        store.dispose()
    from guidetrace.reports.labels import label, say

    for t in trees:
        echo(say("msg_demo_revision", lang, revision=t.revision, sections=t.sections))
    echo(say("msg_demo_round", lang, round=loaded.round, opinions=loaded.opinions, citations=loaded.citations,
             unresolved=loaded.unresolved, tags=loaded.topic_edges,
             dispositions=label("list_sep", lang).join(f"{label(k, lang)} {v}" for k, v in loaded.dispositions.items())))
    echo(say("msg_demo_check", lang, unresolved=len(problems["unresolved"]), unclassified=len(problems["unclassified"]),
             warnings=len(problems["warnings"])))
    top = plan.groups[0] if plan.groups else None
    if top:
        echo(say("msg_demo_plan", lang, topics=len(plan.groups), first=top.label(lang), score=top.score))
    if renderer is None:
        echo(say("msg_demo_no_graphviz", lang, needed()))
    elif renderer.kind == "embedded":
        echo(say("msg_demo_embedded", lang, EMBEDDED))
    echo(say("msg_demo_wrote", lang, count=len(written), outdir=outdir, db=db))
    echo(str(index.resolve()))  # the last line: the page to open, alone (README)
    return index


def _write(path: Path, data: str | bytes) -> Path:
    write_atomic(path, data)
    return path
