"""The `guidetrace` command. Each command calls a library function and formats its result."""

from __future__ import annotations

import gc
import shlex
import sys
from pathlib import Path
from typing import Any

import click

from guidetrace.api.options import LoadOptions, TreeOptions

from .. import __version__
from ..errors import GuidetraceError
from ..languages import DEFAULT_LANG, LANGS
from ..output import emit, render
from ..store_location import DB_ENV, DEFAULT_DB, chosen_db
from .base import FORMATS, LANG, Cli, Lazy, NamedChoice, dispositions, submitter_kinds, tell
from .load_echo import echo_comments, echo_review, echo_tree
from .options import cli_options
from .registries import exports, listed


@click.group(cls=Cli)
@click.option("--db", help=f"SQLite path or SQLAlchemy URL (default ${DB_ENV}, else ./{DEFAULT_DB}).")
@click.version_option(__version__, prog_name="guidetrace")
@click.pass_context
def cli(ctx: click.Context, db: str | None) -> None:
    """Trace public comments on a guideline to the sections they cite."""
    ctx.obj = Lazy(db)


@cli.group()
def guideline() -> None:
    """Guideline section trees and their revisions."""


@guideline.command("load")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--bundled", is_flag=True, help="Load the trees shipped with guidetrace.")
@cli_options(TreeOptions)
@click.pass_obj
def guideline_load(obj: Lazy, files: tuple[Path, ...], bundled: bool, **given: Any) -> None:
    """Load revision trees from YAML or CSV files (one revision per file), in the order given."""
    from guidetrace.api import BUNDLED, load_tree

    if not files and not bundled:
        raise GuidetraceError("give tree FILES or --bundled")
    options = TreeOptions(**given)
    sources = ([BUNDLED] if bundled else []) + list(files)
    summaries = [s for source in sources for s in load_tree(obj.store, source, options)]  # all read, then all said
    lang = obj.lang()
    for summary in summaries:
        echo_tree(summary, lang)


@guideline.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--guideline", "guideline_key", required=True, help="Guideline key.")
@click.option("--title", help="Guideline title (default: the key).")
@click.option("--publisher")
@click.option("--revision", required=True, help="Revision key.")
@click.option("--label", help="Revision label (default: the key).")
@click.option("--status", type=click.Choice(["draft", "final"]), default="final")
@click.option("--predecessor", help="The revision this one follows.")
@click.option("-o", "--output", required=True, help="The YAML tree to write (review it, then `guideline load` it).")
@click.pass_obj
def guideline_import(obj: Lazy, file: Path, guideline_key: str, title: str | None, publisher: str | None, revision: str,
                     label: str | None, status: str, predecessor: str | None, output: str) -> None:
    """Build a revision's tree from the guideline itself: PDF (outline, else contents), Word, Markdown, HTML."""
    from guidetrace.guideline.formats.yaml_writer import tree_yaml
    from guidetrace.guideline.importers import import_tree
    from guidetrace.guideline.records import GuidelineRecord, RevisionRecord

    tree = import_tree(file, guideline=GuidelineRecord(guideline_key, title or guideline_key, publisher),
                       revision=RevisionRecord(revision, label or revision, status, predecessor=predecessor,
                                               partial=False, source=file.name))
    load = shlex.join(["guidetrace", "guideline", "load", output]) if output != "-" else "guidetrace guideline load FILE"
    emit(tree_yaml(tree, note=f"Imported from {file.name} by guidetrace: review it, then `{load}`."), output)
    guessed = sum(s.inferred for s in tree.sections)
    tell("msg_imported_tree", obj.message_lang(), output=output, sections=len(tree.sections) - 1, inferred=guessed)


@guideline.command("list")
@click.option("--revision", help="Revision key (default: the latest).")
@click.option("--format", "fmt", type=FORMATS, default="table")
@click.option("-o", "--output", help="Write to this file instead of stdout.")
@click.pass_obj
def guideline_list(obj: Lazy, revision: str | None, fmt: str, output: str | None) -> None:
    """List a revision's sections in document order."""
    from guidetrace.guideline.queries import list_sections

    with obj.store.sessions() as session:
        rows = list_sections(session, revision)
    cols = ["key", "kind", "title", "parent", "pages", "inferred"]
    if fmt != "table":  # JSON, and a CSV in the tree format `guideline load` reads
        emit(render(rows, fmt, columns=None if fmt == "json" else cols), output)
        return
    from .tables import labelled

    emit(labelled(rows, cols, fmt, obj.lang(), heads="list_", codes={"kind": "kind_"}), output)


@guideline.command("show")
@click.argument("key")
@click.option("--revision", help="Revision key (default: the latest).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def guideline_show(obj: Lazy, key: str, revision: str | None, fmt: str) -> None:
    """One section: its place in the tree and its links to other revisions."""
    from guidetrace.guideline.queries import show_section

    with obj.store.sessions() as session:
        row = show_section(session, key, revision)
    if fmt == "json":
        emit(render(row, "json"), None)
        return
    flat = [{"field": k, "value": v} for k, v in row.items() if k != "links"]
    flat += [{"field": f"link ({link['direction']})", "value": f"{link['kind']} {link['revision']}:{link['section']}"}
             for link in row["links"]]
    emit(render(flat, "table", columns=["field", "value"]), None)


@guideline.command("diff")
@click.argument("old")
@click.argument("new")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_obj
def guideline_diff(obj: Lazy, old: str, new: str, fmt: str) -> None:
    """What changed between two revisions: added, removed, retitled, renumbered."""
    from guidetrace.guideline.queries import diff_revisions

    with obj.store.sessions() as session:
        result = diff_revisions(session, old, new)
    if fmt == "json":
        emit(render(result, "json"), None)
        return
    rows = []
    for change in ("renumbered", "retitled", "moved", "text_changed", "merged", "split", "added", "removed"):
        for e in result[change]:
            detail = " ".join(e["diff"]) if change == "text_changed" else (
                f"{e['old_parent']} → {e['parent']}" if change == "moved" else e.get("old_title") or "")
            rows.append({"change": change, "old": e.get("old", e.get("key") if change == "removed" else ""),
                         "new": e.get("new", e.get("key") if change == "added" else ""),
                         "title": e.get("title") or "", "was / text": detail})
    text = render(rows, "table", columns=["change", "old", "new", "title", "was / text"],
                  title=f"{old} → {new}: {len(result['unchanged'])} unchanged")
    if "caveat" in result:
        text += f"note: {result['caveat']}\n"
    emit(text, None)


@cli.group()
def comments() -> None:
    """Comment-result documents: load, list."""


@comments.command("load")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--bundled", is_flag=True,
              help="Load the comment results shipped with guidetrace (revision 3.0-draft), as `guidetrace demo` does.")
@cli_options(LoadOptions)
@click.pass_obj
def comments_load(obj: Lazy, file: Path | None, bundled: bool, **given: Any) -> None:
    """Load one document in one transaction; loading it again changes nothing."""
    from guidetrace.api import BUNDLED, load_comments

    from .progress import progress_bar

    if bundled and file is not None:
        raise GuidetraceError("give a FILE or --bundled, not both")
    if not bundled and file is None:
        raise GuidetraceError("give the comment document FILE (with --revision), or --bundled for the shipped one")
    with progress_bar() as progress:
        s = load_comments(obj.store, BUNDLED if file is None else file, LoadOptions(**given), progress=progress)
    echo_comments(s)


@comments.command("load-raw")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--revision", required=True, help="The revision the submissions were made on.")
@click.option("--round", "round_key", required=True, help="Round key for these submissions.")
@click.option("--format", "fmt", type=click.Choice(["auto", "csv", "xlsx", "jsonl"]), default="auto")
@click.option("--encoding", help="Text encoding (default: detect UTF-8, UTF-8 with BOM, CP932).")
@click.option("--threshold", type=click.FloatRange(0.3, 1.0), default=0.8, show_default=True,
              help="Near-duplicate similarity (Jaccard of character 3-shingles after folding endings and greetings).")
@click.option("--exact-only", is_flag=True, help="Collapse only identical texts (after normalisation).")
@click.option("--allow-removals", is_flag=True,
              help="Accept a reload that drops more than a tenth of the round's submissions.")
@click.option("--decisions", "decisions_file", type=click.Path(path_type=Path),
              help="Restore review decisions from this file (written by `rounds remove`).")
@click.pass_obj
def comments_load_raw(obj: Lazy, file: Path, revision: str, round_key: str, fmt: str, encoding: str | None,
                      threshold: float, exact_only: bool, allow_removals: bool, decisions_file: Path | None) -> None:
    """Load raw submissions (one row per submitter) and collapse duplicates into campaigns."""
    from guidetrace.comments.store_comments import load_raw

    from .progress import progress_bar

    with progress_bar() as progress:
        s, c = load_raw(obj.store, file, revision=revision, round_key=round_key, fmt=fmt, encoding=encoding,
                        threshold=threshold, near=not exact_only, progress=progress, allow_removals=allow_removals,
                        decisions_file=decisions_file)
    lang = obj.lang()
    from guidetrace.reports.labels import label

    tell("msg_raw_loaded", lang, round=s.round, layout=label(f"layout_{s.layout}", lang), submissions=s.submissions,
         citations=s.citations,
         unresolved=s.unresolved, clusters=c.clusters, clustered=c.clustered, largest=c.largest, distinct=c.distinct)
    tell("msg_near", lang, **c.banding) if c.banding else tell("msg_exact_only", lang)
    echo_review(s.review, s.restored, lang)


@cli.command("dedup")
@click.option("--round", "round_key", required=True)
@click.option("--threshold", type=click.FloatRange(0.3, 1.0), default=0.8, show_default=True)
@click.option("--exact-only", is_flag=True)
@click.pass_obj
def dedup(obj: Lazy, round_key: str, threshold: float, exact_only: bool) -> None:
    """Cluster a round's submissions again (another threshold, or after a reload)."""
    from guidetrace.comments.store_clusters import dedup_round

    c = dedup_round(obj.store, round_key, threshold=threshold, near=not exact_only)
    lang = obj.lang()
    tell("msg_dedup", lang, round=c.round, submissions=c.submissions, clusters=c.clusters, clustered=c.clustered,
         largest=c.largest, distinct=c.distinct)
    tell("msg_near", lang, **c.banding) if c.banding else tell("msg_exact_only", lang)


@comments.command("list")
@click.option("--round", "round_key")
@click.option("--section", help="Opinions citing this section or any section below it.")
@click.option("--disposition", type=NamedChoice(dispositions, what="disposition"),
              help="Only opinions with this disposition (its key or its label in either language: revised, 修正).")
@click.option("--submitter-kind", type=NamedChoice(submitter_kinds, what="submitter kind"),
              help="Only opinions from this kind of submitter (corporation, 企業, …).")
@click.option("--format", "fmt", type=FORMATS, default="table")
@click.option("-o", "--output")
@click.pass_obj
def comments_list(obj: Lazy, round_key: str | None, section: str | None, disposition: str | None,
                  submitter_kind: str | None, fmt: str, output: str | None) -> None:
    """List opinions with their citations, answers and dispositions."""
    from guidetrace.comments.listing import list_comments

    with obj.store.sessions() as session:
        rows = list_comments(session, round_key=round_key, section=section, disposition=disposition,
                             submitter_kind=submitter_kind)
    if fmt == "json":
        emit(render(rows, "json"), output)
        return
    from .tables import labelled

    flat = [{"id": r["id"], "submitter": r["submitter"]["name"], "kind": r["submitter"]["kind"],
             "sections": [c["section"] for c in r["citations"]], "unresolved": [u["text"] for u in r["unresolved"]],
             "disposition": r["disposition"]["primary"], "body": r["body"][:60] if fmt == "table" else r["body"],
             "response": r["response"] if fmt == "csv" else None} for r in rows]
    cols = ["id", "submitter", "kind", "sections", "disposition", "body"] + (["unresolved", "response"] if fmt == "csv" else [])
    emit(labelled(flat, cols, fmt, obj.lang(), heads="list_", codes={"kind": "", "disposition": ""}), output)


# The codes a check's rows hold, by check and column: the catalogue prefix of their words.
CHECK_CODES = {"awaiting_review": {"kind": "queue_"}, "unresolved": {"evidence": "ev_"},
               "disposition_conflicts": {"column": "", "text": ""}, "draft_final_changes": {"change": "link_"}}


@cli.command("check")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@LANG
@click.option("--pending-ok", is_flag=True,
              help="Items awaiting review do not fail the check: exit 1 only for what review cannot settle "
                   "(revised answers whose sections did not change, draft-to-final changes no answer explains).")
@click.pass_obj
def check(obj: Lazy, fmt: str, lang: str | None, pending_ok: bool) -> None:
    """Unresolved citations, unclassified answers, what awaits review, warnings, draft→final changes; exit 1
    while anything awaits review (the items `review list` lists), unless --pending-ok."""
    from guidetrace.comments.review.check import check_store, needs_review, pending
    from guidetrace.reports.labels import label, note_words

    from .base import say
    from .tables import labelled

    with obj.store.sessions() as session:
        found = check_store(session)
    if fmt == "json":
        emit(render(found, "json"), None)
    else:
        lang = obj.lang(lang)  # the documents' language, unless told
        for name, rows in found.items():
            count = pending(found) if name == "awaiting_review" else len(rows)
            click.echo(say("msg_check_count", lang, label=label("check_" + name, lang), name=name, count=count))
            if rows:
                shown = [{**r, "reason": note_words(r["reason"], lang)} if "reason" in r else r for r in rows]
                click.echo(labelled(shown, list(rows[0]), "table", lang, heads="check_", codes=CHECK_CODES.get(name)),
                           nl=False)
    if needs_review(found, pending_ok=pending_ok):
        sys.exit(1)


@cli.group()
def export() -> None:
    """Export the store."""


@export.command("graph")
@listed("--format", "fmt", registry=exports, default="graphml", help="Formats and their endings:")
@click.option("-o", "--output")
@click.pass_obj
def export_graph_cmd(obj: Lazy, fmt: str, output: str | None) -> None:
    """The whole graph (revisions, sections, comments, topics, submitters) as GraphML or node-link JSON."""
    from guidetrace.reports.graph import build_graph, export_graph

    with obj.store.sessions() as session:
        emit(export_graph(build_graph(session), fmt), output)


@cli.group()
def db() -> None:
    """The store's schema."""


@db.command("upgrade")
@click.pass_obj
def db_upgrade(obj: Lazy) -> None:
    """Bring the store to the newest schema (opening it does this too)."""
    obj.store.upgrade()
    tell("msg_schema", obj.message_lang(), obj.store.url)


@cli.command("build")
@click.argument("project", required=False, default="guidetrace.yaml", type=click.Path(path_type=Path))
@click.pass_obj
def build(obj: Lazy, project: Path) -> None:
    """Load a project file's trees and comment documents, then write its reports and site: the whole job, run
    again after any file changes (`--db` or GUIDETRACE_DB overrides its store:)."""
    from guidetrace.api import build_project, open_project_store, read_project

    from .build_echo import BuildEcho

    spec = read_project(project)
    obj.use(open_project_store(spec, chosen_db(obj.db)))  # --db or GUIDETRACE_DB overrides its store:
    index = build_project(spec, obj.store, BuildEcho(obj, spec.lang))
    if index is not None:
        tell("msg_pages", obj.lang(spec.lang), sum(1 for _ in index.parent.glob("*.html")))
        click.echo(str(index))


@cli.command("demo")
@click.argument("outdir", required=False, default="guidetrace-demo", type=click.Path(path_type=Path))
@click.option("--lang", type=click.Choice(LANGS), default=DEFAULT_LANG)
def demo(outdir: Path, lang: str) -> None:
    """The main job on the bundled data: a fresh store, the trees, the seed, the site, reports and diagrams."""
    from guidetrace.api import run_demo

    run_demo(outdir, echo=click.echo, lang=lang)


def _register() -> None:
    from .analysis import plan, topics
    from .privacy import privacy
    from .reports import diagram, report, site
    from .review import review, rounds

    for command in (topics, plan, report, diagram, site, review, rounds, privacy):
        cli.add_command(command)


_register()


GC_THRESHOLDS = (100_000, 50, 50)  # CPython's are (700, 10, 10)


def main() -> None:
    """The installed command. A command is one short process that builds large, long-lived structures (a
    document's rows, a tree's index, the site's fragments) holding no cycles worth finding; at CPython's
    default thresholds the collector re-scanned them thousands of times, a fifth of the main process's
    time in an ingest of 100,000 opinions (2.8 s, measured with gc.callbacks; 0.2 s at these). Young
    objects are still collected, every 100,000 allocations, so cyclic garbage stays bounded."""
    gc.set_threshold(*GC_THRESHOLDS)
    cli(prog_name="guidetrace")
