"""`guidetrace review …` and `guidetrace rounds remove`: each a thin call into comments/review."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from guidetrace.comments.review.kinds import CONFIDENCE, KINDS

from ..output import emit, render
from .base import FORMATS, LANG, Lazy

BY = click.option("--by", help="Who decides (default: the OS user).")
NOTE = click.option("--note", help="Why: kept in the log.")


@click.group()
def review() -> None:
    """Correct citations, dispositions and topic tags; corrections survive reloads."""


@review.command("list")
@click.option("--round", "round_key")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(KINDS), help="Only these kinds (repeatable).")
@click.option("--below", type=click.FloatRange(0, 1), default=CONFIDENCE, show_default=True,
              help="Queue citations below this confidence.")
@click.option("--format", "fmt", type=FORMATS, default="table")
@click.option("-o", "--output")
@click.pass_obj
def review_list(obj: Lazy, round_key: str | None, kinds: tuple[str, ...], below: float, fmt: str,
                output: str | None) -> None:
    """What awaits a person, the opinions standing for most submissions first."""
    from guidetrace.comments.review.queue import review_queue

    with obj.store.sessions() as session:
        items = review_queue(session, round_key=round_key, kinds=kinds or KINDS, below=below)
    rows = [asdict(i) for i in items]
    cols = None if fmt == "json" else ["kind", "opinion", "weight", "field", "machine", "evidence", "confidence",
                                       "detail"] + (["excerpt"] if fmt == "csv" else [])
    emit(render(rows, fmt, columns=cols), output)
    click.echo(f"{len(items)} item(s) await review", err=True)


@review.command("set")
@click.argument("opinion")
@click.option("--cite", "cite", multiple=True, help="Cite this section (repeatable).")
@click.option("--uncite", "uncite", multiple=True, help="Drop this citation: a section key or an unresolved text.")
@click.option("--disposition")
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
    from guidetrace.comments.review.decisions import DecisionRequest, decide

    from ..errors import GuidetraceError

    requests = ([DecisionRequest(opinion, "uncite", v, note) for v in uncite]
                + [DecisionRequest(opinion, "cite", v, note) for v in cite]
                + ([DecisionRequest(opinion, "disposition", disposition, note)] if disposition else [])
                + [DecisionRequest(opinion, "untag", v, note) for v in untag]
                + [DecisionRequest(opinion, "tag", v, note) for v in tag]
                + [DecisionRequest(opinion, "mask", v, note) for v in mask]
                + [DecisionRequest(opinion, "keep", v, note) for v in keep])
    if not requests:
        raise GuidetraceError("give at least one of --cite, --uncite, --disposition, --tag, --untag")
    with obj.store.transaction() as session:
        made = decide(session, requests, by=by)
        _echo_decisions(made)


@review.command("accept")
@click.argument("opinions", nargs=-1)
@click.option("--kind", "kinds", multiple=True, type=click.Choice([k for k in KINDS if k != "topic"]),
              help="Accept every queued item of this kind (repeatable); for privacy, mask every finding.")
@click.option("--round", "round_key")
@click.option("--above", type=click.FloatRange(0, 1), help="Only citations at or above this confidence.")
@NOTE
@BY
@click.pass_obj
def review_accept(obj: Lazy, opinions: tuple[str, ...], kinds: tuple[str, ...], round_key: str | None,
                  above: float | None, note: str | None, by: str | None) -> None:
    """Accept the machine's values as they stand: the items leave the queue (and return if the value changes)."""
    from guidetrace.comments.review.decisions import DecisionRequest, decide
    from guidetrace.comments.review.queue import review_queue

    from ..errors import GuidetraceError

    if not opinions and not kinds:
        raise GuidetraceError("give OPINION ids or --kind")
    with obj.store.transaction() as session:
        keys = list(opinions)
        masks: list[DecisionRequest] = []
        if kinds:
            items = [i for i in review_queue(session, round_key=round_key, kinds=kinds)
                     if above is None or (i.confidence or 0) >= above]
            keys += [i.opinion for i in items if i.kind != "privacy"]
            masks = [DecisionRequest(i.opinion, "mask", i.machine, note) for i in items if i.kind == "privacy"]
        made = decide(session, [DecisionRequest(k, "accept", None, note) for k in dict.fromkeys(keys)] + masks, by=by)
    click.echo(f"{len(made)} decision(s) recorded ({sum(d.action == 'mask' for d in made)} masks)", err=True)


@review.command("undo")
@click.argument("target")
@click.pass_obj
def review_undo(obj: Lazy, target: str) -> None:
    """Undo an edit (its number in `review log`) whole, or every edit on an OPINION: the machine's values return."""
    from guidetrace.comments.review.decisions import undo
    from guidetrace.comments.review.log import step_entry, steps_of

    with obj.store.transaction() as session:
        for entry in map(step_entry, steps_of(undo(session, target))):
            click.echo(f"undone #{entry['id']}: {_edit(entry)} on {entry['opinion']}", err=True)


@review.command("log")
@click.option("--round", "round_key")
@click.option("--opinion")
@click.option("--format", "fmt", type=FORMATS, default="table")
@click.option("-o", "--output")
@click.pass_obj
def review_log(obj: Lazy, round_key: str | None, opinion: str | None, fmt: str, output: str | None) -> None:
    """Every edit (one line each, however many decisions it stored): who, when, on what, the values before and
    after, and whether it is still in force."""
    from guidetrace.comments.review.log import decision_log, shown

    with obj.store.sessions() as session:
        rows = decision_log(session, round_key=round_key, opinion=opinion)
    if fmt != "json":
        rows = [{**r, "edit": _edit(r), "before": shown(r["before"]), "after": shown(r["after"])} for r in rows]
    cols = None if fmt == "json" else ["id", "opinion", "edit", "before", "after", "by", "at", "state", "note"]
    emit(render(rows, fmt, columns=cols), output)


@review.command("export")
@click.option("-o", "--output", required=True, help="The workbook to write (.xlsx).")
@click.option("--round", "round_key")
@click.option("--kind", "kinds", multiple=True, type=click.Choice([k for k in KINDS if k != "topic"]))
@LANG
@click.pass_obj
def review_export(obj: Lazy, output: str, round_key: str | None, kinds: tuple[str, ...], lang: str | None) -> None:
    """The queue as a workbook: fill the decision column (drop-downs list the valid values), then import it."""
    from guidetrace.comments.review.queue import review_queue
    from guidetrace.reports.review.workbook import review_workbook

    from ..output import write_atomic

    lang = obj.lang(lang)
    with obj.store.sessions() as session:
        items = review_queue(session, round_key=round_key, kinds=kinds or [k for k in KINDS if k != "topic"])
        write_atomic(output, review_workbook(session, items, lang))
    click.echo(f"{output}: {len(items)} item(s)", err=True)


@review.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@BY
@click.pass_obj
def review_import(obj: Lazy, file: Path, by: str | None) -> None:
    """Apply a filled-in review workbook: every cell checked first, then all decisions or none."""
    from guidetrace.comments.review.decisions import decide
    from guidetrace.comments.review.workbook_import import read_review_workbook

    requests = read_review_workbook(file)
    with obj.store.transaction() as session:
        made = decide(session, requests, by=by)
    click.echo(f"{file.name}: {len(made)} decision(s) recorded", err=True)


def _edit(entry: dict) -> str:  # type: ignore[type-arg]
    """A step's decisions as one edit: `uncite general, cite 3.1.3`."""
    return ", ".join(f"{d['action']} {d['value'] or ''}".rstrip() for d in entry["decisions"])


def _echo_decisions(made: list) -> None:  # type: ignore[type-arg]
    for d in made:
        click.echo(f"#{d.id} {d.comment_key}: {d.action} {d.value or ''} ({d.by})", err=True)


@click.group(invoke_without_command=True)
@click.option("--format", "fmt", type=FORMATS, default="table")
@click.pass_context
def rounds(ctx: click.Context, fmt: str) -> None:
    """Consultation rounds in the store, with their period and totals."""
    if ctx.invoked_subcommand is None:
        from guidetrace.comments.queries import round_rows

        with ctx.obj.store.sessions() as session:
            rows = round_rows(session)
        if not rows:
            click.echo("no consultation rounds loaded yet: `guidetrace comments load FILE --revision R`", err=True)
        emit(render(rows, fmt), None)


@rounds.command("remove")
@click.argument("round_key")
@click.option("--yes", is_flag=True, help="Do not ask.")
@click.option("--decisions-out", type=click.Path(path_type=Path),
              help="Where to keep the round's decisions (default: decisions-ROUND-TIME.json here).")
@click.pass_obj
def rounds_remove(obj: Lazy, round_key: str, yes: bool, decisions_out: Path | None) -> None:
    """Remove a round, its opinions and everything derived from them; its decisions go to a file first."""
    from guidetrace.comments.review.transfer import remove_round

    if not yes:
        click.confirm(f"remove round {round_key!r} and all its opinions?", abort=True, err=True)
    s = remove_round(obj.store, round_key, decisions_out)
    click.echo(f"removed {s.round}: {s.opinions} opinion(s)", err=True)
    if s.decisions_file:
        click.echo(f"{s.decisions} decision(s) kept in {s.decisions_file} "
                   f"(restore with `guidetrace comments load FILE --round {s.round} --decisions {s.decisions_file}`)",
                   err=True)
