"""Commands that produce reports, diagrams and the static site."""

from __future__ import annotations

from pathlib import Path

import click


from guidetrace.reports.diagrams.dot import FORMATS as DIAGRAM_FORMATS

from .cli_base import Lazy
from .errors import GuidetraceError
from .output import emit

OUTPUT = click.option("-o", "--output", help="Write to this file instead of stdout.")
LANG = click.option("--lang", type=click.Choice(["ja", "en"]), default="ja")


def _emit(data: str | bytes, output: str | None) -> None:
    if isinstance(data, bytes) and output in (None, "-"):
        if click.get_text_stream("stdout").isatty():
            raise GuidetraceError("binary output: give -o FILE")
        click.get_binary_stream("stdout").write(data)
        return
    if isinstance(data, bytes):
        try:
            Path(output).write_bytes(data)  # type: ignore[arg-type]
        except OSError as exc:
            raise GuidetraceError(f"cannot write {output}: {exc.strerror}") from None
        return
    emit(data, output)


@click.group()
def report() -> None:
    """Reports: sections, responses, topics, plan."""


@report.command("sections")
@click.option("--round", "round_key")
@click.option("--format", "fmt", type=click.Choice(["table", "md", "csv", "json", "html", "xlsx"]), default="table")
@OUTPUT
@LANG
@click.pass_obj
def report_sections(obj: Lazy, round_key: str | None, fmt: str, output: str | None, lang: str) -> None:
    """Which sections drew comments (and which drew none), with counts per subtree."""
    from guidetrace.reports.sections.build import build_sections_report
    from guidetrace.reports.sections.view import render_sections

    with obj.store.sessions() as session:
        _emit(render_sections(build_sections_report(session, round_key), fmt, lang), output)


@report.command("responses")
@click.option("--round", "round_key")
@click.option("--format", "fmt", type=click.Choice(["table", "md", "csv", "json", "xlsx"]), default="md")
@OUTPUT
@LANG
@click.pass_obj
def report_responses(obj: Lazy, round_key: str | None, fmt: str, output: str | None, lang: str) -> None:
    """The ministry's three-column table: 該当箇所 / 提出されたご意見 / ご意見に対する考え方."""
    from guidetrace.reports.responses.build import build_responses
    from guidetrace.reports.responses.view import render_responses

    with obj.store.sessions() as session:
        _emit(render_responses(build_responses(session, round_key), fmt, lang), output)


@report.command("campaigns")
@click.option("--round", "round_key")
@click.option("--format", "fmt", type=click.Choice(["table", "md", "csv", "json", "xlsx"]), default="md")
@OUTPUT
@LANG
@click.pass_obj
def report_campaigns(obj: Lazy, round_key: str | None, fmt: str, output: str | None, lang: str) -> None:
    """Clusters of identical or near-identical submissions, largest first."""
    from guidetrace.reports.campaigns.build import build_campaigns
    from guidetrace.reports.campaigns.view import render_campaigns

    with obj.store.sessions() as session:
        _emit(render_campaigns(build_campaigns(session, round_key), fmt, lang), output)


@report.command("topics")
@click.option("--target")
@click.option("--format", "fmt", type=click.Choice(["table", "md", "csv", "json", "xlsx"]), default="md")
@OUTPUT
@LANG
@click.pass_obj
def report_topics(obj: Lazy, target: str | None, fmt: str, output: str | None, lang: str) -> None:
    """Topics across rounds, as a report."""
    from guidetrace.reports.topics.build import build_topic_summary
    from guidetrace.reports.topics.view import render_topics

    with obj.store.sessions() as session:
        _emit(render_topics(build_topic_summary(session, target), fmt, lang), output)


@report.command("plan")
@click.option("--target")
@click.option("--format", "fmt", type=click.Choice(["table", "md", "csv", "json", "xlsx"]), default="md")
@OUTPUT
@LANG
@click.pass_obj
def report_plan(obj: Lazy, target: str | None, fmt: str, output: str | None, lang: str) -> None:
    """The next-revision plan, as a report (same as `guidetrace plan`, plus XLSX)."""
    from guidetrace.reports.plan.build import build_plan
    from guidetrace.reports.plan.render import plan_xlsx, render_plan

    with obj.store.sessions() as session:
        plan = build_plan(session, target)
    _emit(plan_xlsx(plan, lang) if fmt == "xlsx" else render_plan(plan, fmt, lang), output)


@click.command("diagram")
@click.argument("kind", type=click.Choice(["heat", "topics", "impact", "lineage"]))
@click.option("--root", help="heat: a chapter or section; impact: a section or topic key; lineage: a section key.")
@click.option("--depth", type=click.IntRange(0, 20), help="Levels below the root to draw.")
@click.option("--round", "round_key", help="heat: the round (default: the latest).")
@click.option("--revision", help="impact: the revision (default: the latest).")
@click.option("--format", "fmt", type=click.Choice(DIAGRAM_FORMATS), default="svg")
@OUTPUT
@LANG
@click.pass_obj
def diagram(obj: Lazy, kind: str, root: str | None, depth: int | None, round_key: str | None, revision: str | None,
            fmt: str, output: str | None, lang: str) -> None:
    """Draw a diagram with Graphviz: heat tree, topic map, impact of an edit, revision lineage."""
    from guidetrace.reports.diagrams.dot import render_diagram
    from guidetrace.reports.diagrams.make import make_diagram

    if kind == "impact" and not root:
        raise GuidetraceError("diagram impact needs --root SECTION_OR_TOPIC")
    with obj.store.sessions() as session:
        model = make_diagram(session, kind, root=root, depth=depth, round_key=round_key, revision=revision, lang=lang)
    _emit(render_diagram(model, fmt) if fmt != "dot" else render_diagram(model, fmt).decode("utf-8"), output)


@click.command("site")
@click.argument("outdir", type=click.Path(path_type=Path))
@LANG
@click.pass_obj
def site(obj: Lazy, outdir: Path, lang: str) -> None:
    """A static site (works from disk, no network): index, a page per section and topic, the plan."""
    from guidetrace.reports.site.build import build_site

    with obj.store.sessions() as session:
        index = build_site(session, outdir, lang=lang)
    click.echo(str(index), err=False)

