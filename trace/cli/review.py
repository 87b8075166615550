"""`guidetrace review …` and `guidetrace rounds remove`: each a thin call into comments/review."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from guidetrace.comments.review.kinds import CONFIDENCE, KINDS

from ..output import emit
from .base import FORMATS, LANG, Lazy, NamedChoice, command_line, dispositions, pasteable, say, tell

if TYPE_CHECKING:
    from guidetrace.comments.review.transfer import RemovalSummary

BY = click.option("--by", help="Who decides (default: the OS user).")
NOTE = click.option("--note", help="Why: kept in the log.")
# A kind typed as its key or as the queue's label in either language (low-confidence, 確度が低い).
ALL_KINDS = NamedChoice(lambda: KINDS, "queue_", what="kind")
DECIDABLE = NamedChoice(lambda: [k for k in KINDS if k != "topic"], "queue_", what="kind")
# The codes the review queue's cells hold: the catalogue prefix of their words.
QUEUE_CODES = {"kind": "queue_", "field": "field_", "evidence": "ev_"}


@click.group()
def review() -> None:
    """Correct citations, dispositions and topic tags; corrections survive reloads."""


@review.command("list")
@click.option("--round", "round_key")
@click.option("--kind", "kinds", multiple=True, type=ALL_KINDS,
              help="Only these kinds (repeatable; the key or its label: low-confidence, 確度が低い).")
@click.option("--below", type=click.FloatRange(0, 1), default=CONFIDENCE, show_default=True,
              help="Queue citations below this confidence.")
@click.option("--format", "fmt", type=FORMATS, default="table")
@LANG
@click.option("-o", "--output")
@click.pass_obj
def review_list(obj: Lazy, round_key: str | None, kinds: tuple[str, ...], below: float, fmt: str, lang: str | None,
                output: str | None) -> None:
    """What awaits a person, the opinions standing for most submissions first (then suggested topics).
    `check` counts the same items."""
    from guidetrace.api import review as api

    from .tables import labelled

    items = api.queue(obj.store, api.QueueOptions(round_key, kinds or KINDS, below))
    lang = obj.lang(lang)
    rows = [asdict(i) for i in items]
    if fmt != "json":
        from guidetrace.reports.review.words import detail, machine

        # personal data: the value `review set --mask/--keep` takes, its sentence, no rule code
        rows = [{**r, "machine": machine(i, lang), "detail": detail(i, lang)}
                | ({"evidence": None} if i.kind == "privacy" else {}) for i, r in zip(items, rows)]
    cols = ["kind", "opinion", "weight", "field", "machine", "evidence", "confidence", "detail"] + (
        ["excerpt"] if fmt == "csv" else [])
    emit(labelled(rows, cols, fmt, lang, heads="review_", codes=QUEUE_CODES), output)
    topics = sum(i.kind == "topic" for i in items)
    if topics:
        tell("msg_awaiting_topics", lang, len(items) - topics, topics)
    else:
        tell("msg_awaiting", lang, len(items))


@review.command("set")
@click.argument("opinion")
@click.option("--cite", "cite", multiple=True, help="Cite this section (repeatable).")
@click.option("--uncite", "uncite", multiple=True, help="Drop this citation: a section key or an unresolved text.")
@click.option("--disposition", type=NamedChoice(dispositions, what="disposition"),
              help="The answer's disposition: its key or its label in either language (revised, 修正).")
@click.option("--tag", "tag", multiple=True, help="Tag with this topic (repeatable).")
@click.option("--untag", "untag", multiple=True, help="Remove this topic tag (repeatable).")
@click.option("--mask", "mask", multiple=True, help="Mask this personal-data finding (FIELD:KIND:TEXT, as listed).")
@click.option("--keep", "keep", multiple=True, help="Publish this finding as it stands (FIELD:KIND:TEXT).")
@NOTE
@BY
@click.pass_obj
def review_set(obj: Lazy, opinion: str, cite: tuple[str, ...], uncite: tuple[str, ...], disposition: str | None,
               tag: tuple[str, ...], untag: tuple[str, ...], mask: tuple[str, ...], keep: tuple[str, ...],
               note: str | None, by: str | None) -> None:
    """Record decisions on one opinion; each is applied at once and kept across reloads."""
    from guidetrace.api import review as api

    decisions = api.Decisions(cite, uncite, disposition, tag, untag, mask, keep, note, by)
    lang = obj.lang()  # asked before the write: a second connection inside it would wait for the first
    for entry in api.decide(obj.store, opinion, decisions):
        tell("msg_decided", lang, id=entry["id"], opinion=entry["opinion"], edit=_edit(entry, lang), by=entry["by"])


@review.command("accept")
@click.argument("opinions", nargs=-1)
@click.option("--kind", "kinds", multiple=True, type=DECIDABLE,
              help="Accept every queued item of this kind (repeatable); for privacy, mask every finding.")
@click.option("--round", "round_key")
@click.option("--above", type=click.FloatRange(0, 1), help="Only citations at or above this confidence.")
@NOTE
@BY
@click.pass_obj
def review_accept(obj: Lazy, opinions: tuple[str, ...], kinds: tuple[str, ...], round_key: str | None,
                  above: float | None, note: str | None, by: str | None) -> None:
    """Accept the machine's values as they stand: the items leave the queue (and return if the value changes)."""
    from guidetrace.api import review as api

    made = api.accept(obj.store, api.AcceptOptions(opinions, kinds, round_key, above, note, by))
    tell("msg_accepted", obj.lang(), len(made), sum(d.action == "mask" for d in made))


@review.command("undo")
@click.argument("target")
@click.pass_obj
def review_undo(obj: Lazy, target: str) -> None:
    """Undo an edit (its number in `review log`) whole, or every edit on an OPINION: the machine's values return."""
    from guidetrace.api import review as api

    undone = api.undo(obj.store, target)
    lang = obj.lang()
    for entry in undone:
        tell("msg_undone", lang, id=entry["id"], edit=_edit(entry, lang), opinion=entry["opinion"])


@review.command("log")
@click.option("--round", "round_key")
@click.option("--opinion")
@click.option("--format", "fmt", type=FORMATS, default="table")
@LANG
@click.option("-o", "--output")
@click.pass_obj
def review_log(obj: Lazy, round_key: str | None, opinion: str | None, fmt: str, lang: str | None,
               output: str | None) -> None:
    """Every edit (one line each, however many decisions it stored): who, when, on what, the values before and
    after, and whether it is still in force."""
    from guidetrace.comments.review.log import decision_log, shown

    from .tables import labelled

    with obj.store.sessions() as session:
        rows = decision_log(session, round_key=round_key, opinion=opinion)
    lang = obj.lang(lang)
    if fmt != "json":
        rows = [{**r, "edit": _edit(r, lang), "before": shown(r["before"]), "after": shown(r["after"])} for r in rows]
    cols = ["id", "opinion", "edit", "before", "after", "by", "at", "state", "note"]
    emit(labelled(rows, cols, fmt, lang, heads="log_", codes={"state": "state_"}), output)


@review.command("export")
@click.option("-o", "--output", required=True, help="The workbook to write (.xlsx).")
@click.option("--round", "round_key")
@click.option("--kind", "kinds", multiple=True, type=DECIDABLE)
@LANG
@click.pass_obj
def review_export(obj: Lazy, output: str, round_key: str | None, kinds: tuple[str, ...], lang: str | None) -> None:
    """The queue as a workbook: fill the decision column (drop-downs list the valid values), then import it.
    Personal-data findings are on a sheet of their own: each with its sentence, decided mask or keep."""
    from guidetrace.comments.privacy.grouped import finding_groups
    from guidetrace.comments.review.queue import review_queue
    from guidetrace.comments.review.theme_sheet import theme_items
    from guidetrace.reports.review.workbook import review_workbook

    from ..output import write_atomic

    lang = obj.lang(lang)
    kinds = kinds or tuple(k for k in KINDS if k != "topic")
    with obj.store.sessions() as session:
        items = review_queue(session, round_key=round_key, kinds=[k for k in kinds if k != "privacy"])
        findings = finding_groups(session, round_key) if "privacy" in kinds else None  # every finding, with its state
        themes = theme_items(session)
        write_atomic(output, review_workbook(session, items, lang, findings, themes))
    tell("msg_exported", lang, output=output, count=len(items) + len(findings or ()))
    tell("msg_exported_themes", lang, output=output, count=len(themes))


@review.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@BY
@click.pass_obj
def review_import(obj: Lazy, file: Path, by: str | None) -> None:
    """Apply a filled-in review workbook: every cell checked first, then all decisions or none (the themes sheet's
    through the same functions as `topics accept|merge|reject`)."""
    from guidetrace.comments.review.record import decide
    from guidetrace.comments.review.theme_sheet import apply_theme_rows, read_theme_sheet
    from guidetrace.comments.review.themes import changes_lexicon
    from guidetrace.comments.review.workbook_import import open_review_workbook, read_review_workbook
    from guidetrace.reports.review.words import code_of, theme_choices

    lang = obj.lang()  # asked before the write: a second connection inside it would wait for the first
    book = open_review_workbook(file)
    requests = read_review_workbook(file, code_of, book)
    themes = read_theme_sheet(book, file, code_of, theme_choices(lang))
    with obj.store.transaction() as session:
        made = decide(session, requests, by=by)
        decided = apply_theme_rows(session, themes, by=by)
        changed = changes_lexicon(session, decided)
    tell("msg_imported", lang, file=file.name, count=len(made))
    if themes:
        tell("msg_imported_themes", lang, file=file.name, count=len(decided))
    if changed:
        tell("msg_theme_retag", lang, command_line("topics", "retag"))


def _edit(entry: dict, lang: str) -> str:  # type: ignore[type-arg]
    """A step's decisions as one edit, in words: `引用解除 全般、引用 3.1.3`."""
    from guidetrace.reports.labels import label, shown_key

    def value(d: dict) -> str:  # type: ignore[type-arg]
        v = d["value"] or ""
        return label(v, lang) if d["action"] == "disposition" else shown_key(v, lang)

    return label("list_sep", lang).join(f"{label('action_' + d['action'], lang)} {value(d)}".rstrip()
                                        for d in entry["decisions"])


@click.group(invoke_without_command=True)
@click.option("--format", "fmt", type=FORMATS, default="table")
@LANG
@click.pass_context
def rounds(ctx: click.Context, fmt: str, lang: str | None) -> None:
    """Consultation rounds in the store, with their period and totals."""
    if ctx.invoked_subcommand is None:
        from guidetrace.comments.rounds import round_rows

        from .tables import labelled

        with ctx.obj.store.sessions() as session:
            rows = round_rows(session)
        lang = ctx.obj.lang(lang)
        if not rows:
            click.echo(pasteable(say("msg_no_rounds", lang)), err=True)
        if fmt != "json":
            rows = [{**r, "lang": say(f"lang_{r['lang']}", lang) if r["lang"] else None,
                     "period": " – ".join(p for p in r["period"] if p)} for r in rows]
        emit(labelled(rows, ROUND_COLUMNS, fmt, lang, heads="round_"), None)


ROUND_COLUMNS = ["round", "revision", "lang", "title", "period", "submissions", "by_kind", "parts", "named_submitters",
                 "warnings"]


@rounds.command("remove")
@click.argument("round_key")
@click.option("--yes", is_flag=True, help="Do not ask.")
@click.option("--decisions-out", type=click.Path(path_type=Path),
              help="Where to keep the round's decisions (default: decisions-ROUND-TIME.json here).")
@click.pass_obj
def rounds_remove(obj: Lazy, round_key: str, yes: bool, decisions_out: Path | None) -> None:
    """Remove a round, its opinions and everything derived from them; its decisions go to a file first."""
    from guidetrace.comments.bundled import is_seed
    from guidetrace.comments.review.transfer import remove_round

    lang = obj.lang()
    if not yes:
        click.confirm(say("msg_remove_round", lang, round_key), abort=True, err=True)
    s = remove_round(obj.store, round_key, decisions_out)
    tell("msg_round_removed", lang, round=s.round, opinions=s.opinions)
    if s.decisions_file:
        tell("msg_decisions_kept", lang, count=s.decisions, file=s.decisions_file)
        seed = s.kind != "raw" and is_seed(s.source_file, s.source_sha256)
        click.echo(f"  {restore_command(s, seed)}", err=True)
        if not seed and not Path(s.source_file or "").is_file():
            tell("msg_source_gone", lang, s.source_file)


def restore_command(s: RemovalSummary, seed: bool) -> str:
    """The load that brings a removed round back with its decisions, quoted to paste as it is printed
    (`seed`: it was the shipped seed, loaded again by `--bundled` wherever this install keeps it)."""
    tail = ["--round", s.round, "--decisions", s.decisions_file or ""]
    if seed:
        return command_line("comments", "load", "--bundled", *tail)
    load = "load-raw" if s.kind == "raw" else "load"
    return command_line("comments", load, s.source_file or "FILE", "--revision", s.revision, *tail)
