"""Writes the static site: index, a page per section, a page per topic, the plan, assets.

Pages read the store through the report builders only. Everything is relative
links in one folder, so the site works opened from disk (file://) with no network.
"""

from __future__ import annotations

import gc
import glob
import os
import shutil
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from pathlib import Path
from typing import Any

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.comments.listing import list_comments
from guidetrace.comments.privacy.detect import high_confidence
from guidetrace.comments.privacy.masking import pending_high
from guidetrace.comments.rounds import round_rows
from guidetrace.guideline.queries import latest_revision
from guidetrace.reports.graph import build_graph
from guidetrace.trace.child_process import cores, forked_map
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.languages import label_for
from guidetrace.trace.models import ConsultationRound, Guideline, Topic

from ..built_once import built_once
from ..campaigns.build import campaigns_and_members
from ..diagrams.common import MAX_NODES
from ..diagrams.dot import graphviz_available, render_diagram, render_svgs
from ..diagrams.heat import heat_diagram
from ..diagrams.impact import impact_diagram
from ..diagrams.lineage import lineage_diagram
from ..diagrams.make import section_titles
from ..diagrams.topic_map import topic_map_diagram
from ..names import revision_labels, round_labels
from ..registry import REPORTS
from ..sections.build import SectionsReport
from ..topics.build import TopicSummary
from .built_ahead import built_ahead
from .campaign_shown import CampaignsShown
from .page_writer import page_writer
from .pages import CITATIONS_SHOWN, environment, opinion_page, render_page, section_page, topic_page
from .search_index import search_rows, search_shards
from .section_pages import PAGE_SIZE, attach_heats, section_jobs
from .svg_inline import safe_svg


def _svg(diagram: Any) -> Markup | None:
    try:
        return safe_svg(render_diagram(diagram, "svg"))
    except GuidetraceError:
        return None  # no Graphviz: pages still carry every table and opinion


def _draw(diagrams: dict[Any, Any]) -> dict[Any, bytes] | None:
    """Every diagram of the site at once: a `dot` process each, but chapters' trees a batch per process
    (see `render_svgs`). None when that fails: `_svgs` then draws them one by one. Run in a thread while
    the opinions are read: the `dot` processes take the other core."""
    chapters = [k for k in diagrams if k[0] == "chapter"]
    others = [k for k in diagrams if k[0] != "chapter"]
    threads = cores()
    try:
        raw = dict(zip(others, render_svgs([diagrams[k] for k in others], threads=threads)))
        raw.update(zip(chapters, render_svgs([diagrams[k] for k in chapters], threads=threads, batch=CHAPTER_BATCH)))
    except GuidetraceError:
        return None
    return raw


def _svgs(diagrams: dict[Any, Any], raw: dict[Any, bytes] | None) -> dict[Any, Markup | None]:
    """The diagrams' markup, made in forked shares; without `raw` (see `_draw`) each is drawn alone, so
    only a diagram Graphviz cannot draw is left out."""
    if raw is None:
        return {k: _svg(d) for k, d in diagrams.items()}
    markup = forked_map(lambda k: safe_svg(raw[k]), list(diagrams), parallel=len(raw) >= PARALLEL_DIAGRAMS)
    return dict(zip(diagrams, markup))


CHAPTER_BATCH = 16  # chapter trees laid out per `dot` process


MARKER = ".guidetrace-site"  # a folder holding this was written by guidetrace and may be replaced


def build_site(session: Session, outdir: Path, *, lang: str = "ja", force: bool = False, internal: bool = False,
               progress: Any = None) -> Path:
    """Builds into a folder beside the target and renames it into place: a killed or failed build leaves
    the previous site as it was, and no page of an earlier build stays behind."""
    if outdir.exists() and not outdir.is_dir():
        raise GuidetraceError(f"{outdir} is a file, not a folder for the site")
    if outdir.is_dir() and any(outdir.iterdir()) and not (outdir / MARKER).exists() and not force:
        raise GuidetraceError(f"{outdir} holds files guidetrace did not write: refusing to replace them "
                              "(choose another folder, or give --force)")
    if not internal:
        waiting = pending_high(session, high_confidence())
        if waiting:
            raise GuidetraceError(f"{waiting} high-confidence personal-data finding(s) await review: list them with "
                                  "`guidetrace review list --kind privacy`, mask them all with `guidetrace review "
                                  "accept --kind privacy`, or build an unmasked internal site with --internal")
    _clear_leftovers(outdir)
    building = outdir.parent / f".{outdir.name}.building-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    try:
        (building / "assets").mkdir(parents=True)
        previous = outdir if (outdir / MARKER).is_file() else None  # its unchanged pages are linked, not written
        _build_into(session, building, lang, internal, progress, previous)
        (building / MARKER).write_text("written by guidetrace: `guidetrace site OUTDIR` replaces this folder\n",
                                       encoding="utf-8")
        previous = outdir.parent / f".{outdir.name}.previous-{os.getpid()}"
        if outdir.exists():
            outdir.rename(previous)
        building.rename(outdir)
        shutil.rmtree(previous, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(building, ignore_errors=True)
        raise GuidetraceError(f"cannot write the site to {outdir}: {exc.strerror}") from None
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return outdir / "index.html"


def _clear_leftovers(outdir: Path) -> None:
    """What a killed build left beside the site: its half-built folder goes; an old site it had moved aside
    (killed between the two renames) comes back if no site took its place, else goes. A build still running
    (its process alive) is left alone."""
    for path in sorted(outdir.parent.glob(f".{glob.escape(outdir.name)}.*-*")):
        stage, _, pid = path.name.removeprefix(f".{outdir.name}.").rpartition("-")
        if stage not in ("building", "previous") or not pid.isdigit() or not path.is_dir() or _alive(int(pid)):
            continue
        if stage == "previous" and not outdir.exists() and (path / MARKER).is_file():
            path.rename(outdir)
        else:
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # this process's own leftover: from an earlier build in it that failed
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process: alive
        return True
    return True


def _build_into(session: Session, outdir: Path, lang: str, internal: bool = False, progress: Any = None,
                previous: Path | None = None) -> None:
    gc.disable()  # millions of long-lived records and no cycles worth finding: collections cost 7 % of a build
    try:
        with built_once(session), built_ahead(session, (_topic_summary, _plan)) as ahead:  # see built_ahead
            _build_pages(session, outdir, lang, internal, progress, previous, ahead)
    finally:
        gc.enable()


def _topic_summary(session: Session) -> list[TopicSummary]:
    return REPORTS["topics"].build(session, None) if _has_rounds(session) else []  # type: ignore[no-any-return]


def _plan(session: Session) -> Any:
    return REPORTS["plan"].build(session, None) if _has_rounds(session) else None


def _has_rounds(session: Session) -> bool:
    return session.scalar(select(ConsultationRound.id).limit(1)) is not None


def _build_pages(session: Session, outdir: Path, lang: str, internal: bool, progress: Any,
                 previous: Path | None, ahead: Callable[[int], Any]) -> None:
    rounds = round_rows(session)
    names: dict[str, dict[str, str]] = environment(lang).globals["names"]  # type: ignore[assignment]  # filled in place
    names["round"].clear()
    names["round"].update(round_labels(session, lang))
    names["revision"].clear()
    names["revision"].update(revision_labels(session))
    campaigns, members = campaigns_and_members(session)  # the report's builder, and every campaign's members
    no_graphviz = not graphviz_available()  # asked once per build, not once per page

    def page(template: str, lang: str, **context: Any) -> str:
        return render_page(template, lang, has_campaigns=bool(campaigns.campaigns), internal=internal,
                           no_graphviz=no_graphviz, **context)

    reports = [REPORTS["sections"].build(session, r["round"]) for r in rounds]
    write = page_writer(outdir, previous, progress)
    latest = latest_revision(session)
    diagrams = _heat_diagrams(reports, lang, names["round"])
    with ThreadPoolExecutor(max_workers=1) as drawing:  # Graphviz lays them out while the rest is read
        trees = drawing.submit(_draw, dict(diagrams))  # the heat trees first: the rest needs the topics and graph
        graph = build_graph(session, opinions=False)  # sections, links and topics: what lineage and impact draw
        lineage = {"lineage": lineage_diagram(graph, lang=lang)}
        drawn = [trees, drawing.submit(_draw, lineage)]
        comments = list_comments(session, public=not internal, lang=lang)
        topics: list[TopicSummary] = ahead(0)  # built meanwhile (see built_ahead)
        more: dict[Any, Any] = {}
        if topics:
            more["topic_map"] = topic_map_diagram(topics, lang=lang, url_for=lambda k: section_page(latest.key, k),
                                                  topic_url=topic_page, titles=section_titles(session),
                                                  revision_label=latest.label)
        for t in topics:
            more[("impact", t.topic)] = impact_diagram(graph, latest.key, t.topic, depth=1, sections=_most_cited(t),
                                                       url_for=lambda k: section_page(latest.key, k), lang=lang,
                                                       topic_label=t.label(lang), limit=IMPACT_STARTS,
                                                       revision_label=latest.label)
        drawn.append(drawing.submit(_draw, more))  # drawn after the trees, by the same thread
        revisions = {rep.revision for rep in reports} | {latest.key}
        by_id = {c["id"]: c for c in comments}
        shown = CampaignsShown(campaigns, members, by_id)  # each campaign once where its copies are listed
        sections_to_render, href = section_jobs(session, comments, revisions, shown)
        parts = [d.result() for d in drawn]
    diagrams.update(lineage)
    diagrams.update(more)
    raw = {k: v for part in parts for k, v in part.items()} if all(p is not None for p in parts) else None  # type: ignore[union-attr]
    per_round: dict[str, int] = defaultdict(int)
    for c in comments:
        per_round[c["round"]] += 1
    for r in rounds:
        r["opinions"] = per_round[r["round"]]
    svg = _svgs(diagrams, raw)
    blocks = [{"report": rep, "heat": svg[("heat", i)]} for i, rep in enumerate(reports)]
    chapter_heats = {key[1:]: image for key, image in svg.items() if key[0] == "chapter"}
    guideline = session.scalar(select(Guideline.title)) or "guidetrace"
    write("index.html", page("index.html", lang, guideline=guideline, rounds=rounds, reports=blocks, topics=topics,
                             unresolved=sum(1 for c in comments if not c["citations"]),
                             topic_map=svg.get("topic_map"), lineage=svg["lineage"],
                             warnings=[w for r in rounds for w in r["warnings"]], assets="", standalone=False))
    # Shared with the imported macros, which keep the dicts they were given: filled in place, never replaced.
    shared: dict[str, Any] = environment(lang).globals  # type: ignore[assignment]
    shared["opinion_href"].clear()
    shared["opinion"].clear()
    shared["topic_labels"].clear()
    shared["topic_labels"].update({t.key: label_for(t.labels, lang) for t in session.scalars(select(Topic))})
    attach_heats(sections_to_render, chapter_heats)
    render_all(sections_to_render, write, page, lang)
    href.update(_unresolved_pages(write, [c for c in comments if not c["citations"]], lang, page, shown))
    href.update(shown.hrefs())  # a campaign's copies are listed on its own pages
    shared["opinion_href"].update(href)  # opinion ids link to where each is listed, from here on
    shared["opinion"].clear()  # so fragments rendered before this are rendered again, with those links
    jobs: list[tuple[str, str, dict[str, Any]]] = shown.page_jobs()
    for t in topics:
        impact = svg[("impact", t.topic)]
        listed = shown.fold([by_id[k] for k in t.comments])
        pages = max(1, -(-len(listed) // PAGE_SIZE))
        for n in range(1, pages + 1):  # paginated like section pages: a topic of 40,000 opinions stays light
            jobs.append((topic_page(t.topic, n), "topic.html", dict(
                t=t, comments=listed[(n - 1) * PAGE_SIZE: n * PAGE_SIZE], impact=impact if n == 1 else None,
                pages=pages, page_number=n, assets="", standalone=False)))
    jobs += [(opinion_page(c["id"]), "opinion.html", dict(c=c, assets="", standalone=False))
             for c in comments if len(c["citations"]) > CITATIONS_SHOWN]
    render_all(jobs, write, page, lang, opinions=sum(len(t.comments) for t in topics) + len(shown.of))
    with search_shards(lambda name, text: (outdir / "assets" / name).write_text(text, encoding="utf-8"),
                       search_rows(session, comments, href, revisions, lang, shown)
                       ) as search_written:  # folded by workers while the plan page is rendered here
        if rounds:
            write("plan.html", page("plan.html", lang, plan=ahead(1), assets="", standalone=False))
        if campaigns.campaigns:
            write("campaigns.html", page("campaigns.html", lang, report=campaigns, named=shown.named, assets="",
                                         standalone=False))
        search_written()
    static = resources.files("guidetrace.reports.site")
    (outdir / "assets" / "site.js").write_text((static / "static" / "site.js").read_text(encoding="utf-8"), encoding="utf-8")
    (outdir / "assets" / "site.css").write_text(environment().loader.get_source(environment(), "site.css")[0],  # type: ignore[union-attr]
                                                encoding="utf-8")


IMPACT_STARTS = 12  # a topic's impact diagram starts from its first sections only (each page carries it inline)
SPLIT = 40  # sections: a wider tree shows chapters on the index, each chapter's tree on its own page


def _most_cited(topic: TopicSummary) -> list[str]:
    """A topic's sections; past IMPACT_STARTS of them, those with most opinions first (the diagram keeps those)."""
    keys = topic.sections
    return keys if len(keys) <= IMPACT_STARTS else sorted(keys, key=lambda k: -topic.section_counts.get(k, 0))


def _heat_diagrams(reports: list[SectionsReport], lang: str, round_names: dict[str, str]) -> dict[Any, Any]:
    """One heat tree per round on the index — or, for a wide tree, its chapters, each linking to a page that
    holds that chapter's tree (rather than one diagram thousands of pixels wide). Keys: ("heat", i) for
    the i-th round, ("chapter", revision, chapter) for a chapter's own tree."""
    diagrams: dict[Any, Any] = {}
    for i, rep in enumerate(reports):
        rev = rep.revision
        url = lambda k, rev=rev: section_page(rev, k)  # noqa: E731
        wide = len(rep.rows) > SPLIT
        diagrams[("heat", i)] = heat_diagram(rep, url_for=url, lang=lang, depth=1 if wide else None,
                                             round_label=round_names.get(rep.round))
        if wide:
            tree = rep.tree
            for chapter in tree.children(tree.roots()[0]):
                size = sum(1 for _ in tree.subtree(chapter))
                if ("chapter", rev, chapter) not in diagrams:
                    diagrams[("chapter", rev, chapter)] = heat_diagram(rep, root=chapter, url_for=url, lang=lang,
                                                                       round_label=round_names.get(rep.round),
                                                                       depth=None if size <= MAX_NODES else 2)
    return diagrams


def _unresolved_pages(write: Any, orphans: list[dict[str, Any]], lang: str, page: Any,
                      shown: CampaignsShown) -> dict[str, str]:
    """Opinions that cite no known section appear on no section page: they get pages of their own."""
    listed = shown.fold(orphans)
    pages = max(1, -(-len(listed) // PAGE_SIZE))
    href = {}
    for n in range(1, pages + 1):
        name = "unresolved.html" if n == 1 else f"unresolved-p{n}.html"
        href.update({c["id"]: f"{name}#{c['id']}" for c in listed[(n - 1) * PAGE_SIZE: n * PAGE_SIZE]
                     if isinstance(c, dict)})
        write(name,
              page("unresolved.html", lang, comments=listed[(n - 1) * PAGE_SIZE: n * PAGE_SIZE], total=len(orphans),
                   pages=pages, page_number=n, assets="", standalone=False))
    return href


PARALLEL_FROM = 300  # pages: below this, forking workers costs more than it saves
PARALLEL_OPINIONS = 3000  # ... unless they list this many opinions between them
PARALLEL_DIAGRAMS = 8


def render_all(jobs: list[tuple[str, str, dict[str, Any]]], write: Any, page: Any, lang: str,
               opinions: int = 0) -> None:
    """Many pages, or pages holding many `opinions`: forked workers render shares of them."""

    def render(job: tuple[str, str, dict[str, Any]]) -> int:
        write(job[0], page(job[1], lang, **job[2]))
        return 1

    many = len(jobs) >= PARALLEL_FROM or opinions >= PARALLEL_OPINIONS
    if sum(forked_map(render, jobs, parallel=many)) != len(jobs):
        raise GuidetraceError("site: some pages were not written")
