"""Commands over topics and the next-revision plan."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import click

from guidetrace.reports.plan import STATUSES

from ..output import emit, render
from .base import FORMATS, LANG, Lazy

TOPICS_FILE = click.option("--topics", "topics_file", type=click.Path(path_type=Path),
                           help="A lexicon YAML merged over the shipped one.")


@click.group()
def topics() -> None:
    """Topics: recurring requests across rounds and revisions."""


@topics.command("list")
@click.option("--target", help="Revision key or label to show sections in (default: the latest).")
@click.option("--format", "fmt", type=FORMATS, default="table")
@click.option("-o", "--output")
@click.pass_obj
def topics_list(obj: Lazy, target: str | None, fmt: str, output: str | None) -> None:
    """Each topic: opinions, rounds, sections (in the latest revision), submitters, dispositions."""
    from guidetrace.comments.lexicon_in_force import lexicon_in_force
    from guidetrace.reports.topics.build import build_topic_summary

    with obj.store.sessions() as session:
        rows = build_topic_summary(session, target)
        lexicon = lexicon_in_force(session)
    click.echo(f"lexicon: {lexicon.name}{f' ({lexicon.digest})' if lexicon.digest else ''}, {lexicon.topics} topics",
               err=True)
    if fmt == "json":
        emit(render([asdict(r) for r in rows], "json"), output)
        return
    flat = [{**asdict(r), "organisations": len(r.organisations), "rounds": len(r.rounds)} for r in rows]
    emit(render(flat, fmt, columns=["topic", "label_ja", "opinions", "rounds", "recurring", "open", "organisations",
                                    "sections", "dispositions"]), output)


@topics.command("retag")
@TOPICS_FILE
@click.option("--shipped", is_flag=True, help="Go back to the shipped lexicon alone.")
@click.option("--allow-removals", is_flag=True, help="Drop topics the lexicon lacks even when plan marks name them.")
@click.pass_obj
def topics_retag(obj: Lazy, topics_file: Path | None, shipped: bool, allow_removals: bool) -> None:
    """Tag every opinion of every round again with the store's lexicon (after `--topics FILE`, that one)."""
    from guidetrace.comments.tag_topics import retag

    edges, dropped = retag(obj.store, topics_file, shipped=shipped, allow_removals=allow_removals)
    click.echo(f"{edges} comment-topic edges written", err=True)
    for key in dropped:
        click.echo(f"topic {key} dropped: the lexicon no longer has it", err=True)


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
@click.option("--status", type=click.Choice(STATUSES), required=True)
@click.option("--revision", help="Where it was addressed.")
@click.option("--section", "addressed_section", help="The section that addresses it.")
@click.option("--note")
@click.pass_obj
def plan_mark(obj: Lazy, topic: str, section: str, status: str, revision: str | None,
              addressed_section: str | None, note: str | None) -> None:
    """Set a plan entry's status (TOPIC SECTION as shown by `guidetrace plan`)."""
    from guidetrace.reports.plan.marks import mark_plan

    mark = mark_plan(obj.store, topic, section, status, revision=revision, addressed_section=addressed_section, note=note)
    click.echo(f"{mark.topic_key} {mark.section_key}: {mark.status}", err=True)
