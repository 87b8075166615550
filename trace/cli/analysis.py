"""Commands over topics and the next-revision plan."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from guidetrace.reports.plan import STATUSES

from ..output import emit
from .base import FORMATS, LANG, Lazy, NamedChoice, command_line, tell

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from guidetrace.trace.models import ThemeDecision

TOPICS_FILE = click.option("--topics", "topics_file", type=click.Path(path_type=Path),
                           help="A lexicon YAML merged over the shipped one.")


@click.group()
def topics() -> None:
    """Topics: recurring requests across rounds and revisions."""


@topics.command("list")
@click.option("--target", help="Revision key or label to show sections in (default: the latest).")
@click.option("--format", "fmt", type=FORMATS, default="table")
@LANG
@click.option("-o", "--output")
@click.pass_obj
def topics_list(obj: Lazy, target: str | None, fmt: str, lang: str | None, output: str | None) -> None:
    """Each topic: opinions, rounds, sections (in the latest revision), submitters, dispositions."""
    from guidetrace.comments.lexicon_in_force import SHIPPED, lexicon_in_force
    from guidetrace.reports.labels import label
    from guidetrace.reports.topics.build import build_topic_summary
    from guidetrace.reports.topics.view import render_topics

    from .tables import labelled

    with obj.store.sessions() as session:
        rows = build_topic_summary(session, target)
        lexicon = lexicon_in_force(session)
    lang = obj.lang(lang)
    name = label("lexicon_shipped", lang) + lexicon.name[len(SHIPPED):] if lexicon.name.startswith(SHIPPED) \
        else lexicon.name
    tell("msg_lexicon", lang, name=name, digest=f" ({lexicon.digest})" if lexicon.digest else "", topics=lexicon.topics)
    if lexicon.themes:
        tell("msg_lexicon_themes", lang, lexicon.themes)
    for term, key in lexicon.unapplied:
        tell("msg_theme_unapplied", lang, term=term, key=key)
    if fmt == "json":
        emit(render_topics(rows, "json", lang), output)  # type: ignore[arg-type]
        return
    flat = [{**asdict(r), "label": r.label(lang), "organisations": len(r.organisations), "rounds": len(r.rounds)}
            for r in rows]
    emit(labelled(flat, ["topic", "label", "opinions", "rounds", "recurring", "open", "organisations", "sections",
                         "dispositions"], fmt, lang, heads="col_"), output)


@topics.command("retag")
@TOPICS_FILE
@click.option("--shipped", is_flag=True, help="Go back to the shipped lexicon alone.")
@click.option("--allow-removals", is_flag=True, help="Drop topics the lexicon lacks even when plan marks name them.")
@click.pass_obj
def topics_retag(obj: Lazy, topics_file: Path | None, shipped: bool, allow_removals: bool) -> None:
    """Tag every opinion of every round again with the store's lexicon (after `--topics FILE`, that one)."""
    from guidetrace.comments.tag_topics import retag

    edges, dropped = retag(obj.store, topics_file, shipped=shipped, allow_removals=allow_removals)
    lang = obj.lang()
    tell("msg_retagged", lang, edges)
    for key in dropped:
        tell("msg_topic_dropped", lang, key)


@topics.command("use")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--shipped", is_flag=True, help="Go back to the shipped lexicon alone.")
@click.option("--allow-removals", is_flag=True, help="Drop topics the lexicon lacks even when plan marks name them.")
@click.pass_context
def topics_use(ctx: click.Context, file: Path | None, shipped: bool, allow_removals: bool) -> None:
    """Make FILE (merged over the shipped lexicon) the store's lexicon, and retag every round with it."""
    from ..errors import GuidetraceError

    if (file is None) == (not shipped):
        raise GuidetraceError("give a lexicon FILE or --shipped")
    ctx.invoke(topics_retag, topics_file=file, shipped=shipped, allow_removals=allow_removals)


@topics.command("suggest")
@TOPICS_FILE
@click.option("--limit", default=15, show_default=True)
@click.option("--uncovered-only", is_flag=True, help="Only opinions that no topic tags.")
@click.pass_obj
def topics_suggest(obj: Lazy, topics_file: Path | None, limit: int, uncovered_only: bool) -> None:
    """Candidate topics from terms no topic covers, as YAML stubs for a lexicon."""
    from guidetrace.comments.lexicon_in_force import store_lexicon
    from guidetrace.comments.review.themes import reviewed_suggestions
    from guidetrace.comments.suggest_topics import suggestions_yaml
    from guidetrace.comments.topics_lexicon import load_lexicon

    with obj.store.sessions() as session:
        lexicon = load_lexicon(topics_file) if topics_file else store_lexicon(session)
        found = reviewed_suggestions(session, lexicon, limit=limit, uncovered_only=uncovered_only)
    emit(suggestions_yaml(found), None)


BY = click.option("--by", help="Who decides (default: the OS user).")
NOTE = click.option("--note", help="Why: kept with the decision.")


@topics.command("accept")
@click.argument("term")
@click.option("--as", "label", help="Rename: the topic's label (default: the term).")
@click.option("--key", help="The topic's key (default: the label).")
@NOTE
@BY
@click.pass_obj
def topics_accept(obj: Lazy, term: str, label: str | None, key: str | None, note: str | None, by: str | None) -> None:
    """Accept a suggested theme as a topic of its own: its term and variants become the topic's terms."""
    from guidetrace.comments.review.themes import accept_theme

    _theme(obj, lambda session: accept_theme(session, term, label=label, key=key, by=by, note=note))


@topics.command("merge")
@click.argument("term")
@click.option("--into", "into", required=True, help="The key of the existing topic the theme joins.")
@NOTE
@BY
@click.pass_obj
def topics_merge(obj: Lazy, term: str, into: str, note: str | None, by: str | None) -> None:
    """Merge a suggested theme into an existing topic: its term and variants become that topic's terms."""
    from guidetrace.comments.review.themes import merge_theme

    _theme(obj, lambda session: merge_theme(session, term, into, by=by, note=note))


@topics.command("reject")
@click.argument("term")
@NOTE
@BY
@click.pass_obj
def topics_reject(obj: Lazy, term: str, note: str | None, by: str | None) -> None:
    """Reject a suggested theme: it (and its variants) is never suggested again."""
    from guidetrace.comments.review.themes import reject_theme

    _theme(obj, lambda session: reject_theme(session, term, by=by, note=note))


def _theme(obj: Lazy, decide: Callable[[Session], ThemeDecision]) -> None:
    """One theme decision in one transaction, then what it did, in the store's language."""
    from guidetrace.comments.review.themes import changes_lexicon
    from guidetrace.reports.labels import label

    lang = obj.lang()  # asked before the write: a second connection inside it would wait for the first
    with obj.store.transaction() as session:
        d = decide(session)
        term, action, key, name, variants = d.term, d.action, d.topic_key, d.label, list(d.variants)
        changed = changes_lexicon(session, [d])
    terms = label("list_sep", lang).join([term, *variants])
    if action == "reject":
        tell("msg_theme_rejected", lang, term=term, terms=terms)
    else:
        tell("msg_theme_merged" if action == "merge" else "msg_theme_accepted", lang, term=term, key=key, label=name,
             terms=terms)
    if changed:
        tell("msg_theme_retag", lang, command_line("topics", "retag"))


@click.group(invoke_without_command=True)
@click.option("--target", help="A loaded revision to plan (key or label; default: the latest, or the one after it "
                                "when it is final).")
@click.option("--future", help="The label of a revision not loaded yet (sections are the latest loaded one's).")
@click.option("--format", "fmt", type=click.Choice(["table", "md", "json", "csv"]), default="table")
@LANG
@click.option("-o", "--output")
@click.pass_context
def plan(ctx: click.Context, target: str | None, future: str | None, fmt: str, lang: str | None,
         output: str | None) -> None:
    """What the next revision should address: requests answered noted or declined, ranked."""
    from guidetrace.reports.plan.build import build_plan
    from guidetrace.reports.plan.view import render_plan

    if ctx.invoked_subcommand is not None:
        return
    lang = ctx.obj.lang(lang)
    with ctx.obj.store.sessions() as session:
        emit(render_plan(build_plan(session, target, future), fmt, lang), output)


@plan.command("mark")
@click.argument("topic")
@click.argument("section")
@click.option("--status", type=NamedChoice(lambda: STATUSES, what="status"), required=True,
              help="open, addressed or dropped (or as the plan shows them: 未対応, 対応済み, 見送り).")
@click.option("--revision", help="Where it was addressed.")
@click.option("--section", "addressed_section", help="The section that addresses it.")
@click.option("--note")
@click.pass_obj
def plan_mark(obj: Lazy, topic: str, section: str, status: str, revision: str | None,
              addressed_section: str | None, note: str | None) -> None:
    """Set a plan entry's status (TOPIC SECTION as shown by `guidetrace plan`)."""
    from guidetrace.reports.plan.marks import mark_plan

    mark = mark_plan(obj.store, topic, section, status, revision=revision, addressed_section=addressed_section, note=note)
    from guidetrace.reports.labels import label

    lang = obj.lang()
    tell("msg_marked", lang, topic=mark.topic_key, section=mark.section_key, status=label(mark.status, lang))
