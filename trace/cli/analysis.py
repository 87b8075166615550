"""Commands over topics and the next-revision plan."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from guidetrace.reports.plan import STATUSES

from ..output import emit
from .base import FORMATS, LANG, Lazy, NamedChoice, tell

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
    from guidetrace.comments.suggest_topics import suggest_topics, suggestions_yaml
    from guidetrace.comments.topics_lexicon import load_lexicon

    with obj.store.sessions() as session:
        lexicon = load_lexicon(topics_file) if topics_file else store_lexicon(session)
        found = suggest_topics(session, lexicon, limit=limit, uncovered_only=uncovered_only)
    emit(suggestions_yaml(found), None)


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
