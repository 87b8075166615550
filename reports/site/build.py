"""Writes the static site: index, a page per section, a page per topic, the plan, assets.

Pages read the store through the report builders only. Everything is relative
links in one folder, so the site works opened from disk (file://) with no network.
"""

from __future__ import annotations

from collections import defaultdict
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.comments.queries import list_comments, round_rows
from guidetrace.guideline.queries import latest_revision, section_rows
from guidetrace.guideline.store_tree import find_revision
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.graph import build_graph
from guidetrace.trace.models import Guideline

from ..diagrams.dot import render_diagram
from ..diagrams.heat import heat_diagram
from ..diagrams.impact import impact_diagram
from ..diagrams.lineage import lineage_diagram
from ..diagrams.topic_map import topic_map_diagram
from ..plan.build import build_plan
from ..sections.build import build_sections_report
from ..topics.build import build_topic_summary
from .pages import environment, render_page, section_page, topic_page
from .svg_inline import SvgElement, parse_svg


def _svg(diagram: Any) -> SvgElement | None:
    try:
        return parse_svg(render_diagram(diagram, "svg"))
    except GuidetraceError:
        return None  # no Graphviz: pages still carry every table and opinion


def build_site(session: Session, outdir: Path, *, lang: str = "ja") -> Path:
    try:
        (outdir / "assets").mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GuidetraceError(f"cannot create {outdir}: {exc.strerror}") from None
    rounds = round_rows(session)
    comments = list_comments(session)
    per_round = defaultdict(int)
    for c in comments:
        per_round[c["round"]] += 1
    for r in rounds:
        r["opinions"] = per_round[r["round"]]
    reports = [build_sections_report(session, r["round"]) for r in rounds]
    topics = build_topic_summary(session) if rounds else []
    graph = build_graph(session)
    write = _writer(outdir)
    blocks = [{"report": rep, "heat": _svg(heat_diagram(rep, url_for=lambda k, rev=rep["revision"]: section_page(rev, k)))}
              for rep in reports]
    latest = latest_revision(session)
    topic_map = _svg(topic_map_diagram(topics, lang=lang, url_for=lambda k: section_page(latest.key, k),
                                       topic_url=topic_page)) if topics else None
    guideline = session.scalar(select(Guideline.title)) or "guidetrace"
    write("index.html", render_page("index.html", lang, guideline=guideline, rounds=rounds, reports=blocks, topics=topics,
                                    topic_map=topic_map, lineage=_svg(lineage_diagram(graph)),
                                    warnings=[w for r in rounds for w in r["warnings"]], assets="", standalone=False))
    _section_pages(session, write, comments, {rep["revision"] for rep in reports} | {latest.key}, lang)
    by_id = {c["id"]: c for c in comments}
    for t in topics:
        impact = _svg(impact_diagram(graph, latest.key, t["topic"], depth=1, sections=t["sections"],
                                     url_for=lambda k: section_page(latest.key, k)))
        write(topic_page(t["topic"]), render_page("topic.html", lang, t=t, comments=[by_id[k] for k in t["comments"]],
                                                  impact=impact, assets="", standalone=False))
    if rounds:
        write("plan.html", render_page("plan.html", lang, plan=build_plan(session), assets="", standalone=False))
    static = resources.files("guidetrace.reports.site")
    (outdir / "assets" / "site.js").write_text((static / "static" / "site.js").read_text(encoding="utf-8"), encoding="utf-8")
    (outdir / "assets" / "site.css").write_text(environment().loader.get_source(environment(), "site.css")[0],  # type: ignore[union-attr]
                                                encoding="utf-8")
    return outdir / "index.html"


def _writer(outdir: Path):  # type: ignore[no-untyped-def]
    root = outdir.resolve()

    def write(name: str, text: str) -> None:
        path = (outdir / name).resolve()
        if path.parent != root:  # names come from slug(): this can only trip on a bug
            raise GuidetraceError(f"refusing to write outside {outdir}: {name}")
        path.write_text(text, encoding="utf-8")

    return write


def _section_pages(session: Session, write: Any, comments: list[dict[str, Any]], revisions: set[str], lang: str) -> None:
    for rev_key in sorted(revisions):
        revision = find_revision(session, rev_key)
        rows = section_rows(session, revision)
        by_key = {r["key"]: r for r in rows}
        children: dict[str | None, list[dict[str, Any]]] = defaultdict(list)
        for r in rows:
            children[r["parent"]].append(r)
        citing: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for c in comments:
            for key in dict.fromkeys(x["section"] for x in c["citations"] if x["revision"] == rev_key):
                citing[key].append(c)
        for r in rows:
            below_keys, todo = [], list(children[r["key"]])
            while todo:
                child = todo.pop()
                below_keys.append(child["key"])
                todo.extend(children[child["key"]])
            direct_ids = {c["id"] for c in citing[r["key"]]}
            below = list({c["id"]: c for k in below_keys for c in citing[k] if c["id"] not in direct_ids}.values())
            ancestors, parent = [], r["parent"]
            while parent:
                ancestors.insert(0, by_key[parent])
                parent = by_key[parent]["parent"]
            write(section_page(rev_key, r["key"]), render_page(
                "section.html", lang, s=r, revision=rev_key, ancestors=ancestors, children=children[r["key"]],
                direct=citing[r["key"]], below=sorted(below, key=lambda c: c["id"]), links=[], assets="", standalone=False))
