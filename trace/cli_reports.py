"""Commands that produce reports, diagrams and the static site."""

from __future__ import annotations

from pathlib import Path

import click


from guidetrace.reports.diagrams.dot import FORMATS as DIAGRAM_FORMATS

from .cli_base import LANG, Lazy
from .errors import GuidetraceError
from .output import emit, write_atomic

OUTPUT = click.option("-o", "--output", help="Write to this file instead of stdout.")


def _emit(data: str | bytes, output: str | None) -> None:
    if isinstance(data, bytes) and output in (None, "-"):
        if click.get_text_stream("stdout").isatty():
            raise GuidetraceError("binary output: give -o FILE")
        click.get_binary_stream("stdout").write(data)
        return
    if isinstance(data, bytes):
        write_atomic(output, data)  # type: ignore[arg-type]
        return
    emit(data, output)


@click.group()
def report() -> None:
    """Reports: sections, responses, topics, plan."""


def _report_command(name: str, formats: tuple[str, ...], default: str, scope: str, help_text: str) -> None:
    """One `report NAME` command: a builder from reports/NAME and its view, in the given formats."""

    @report.command(name, help=help_text)
    @click.option(f"--{scope}", "scope_value", help="Round key." if scope == "round" else "Revision key or label.")
    @click.option("--format", "fmt", type=click.Choice(formats), default=default)
    @OUTPUT
    @LANG
    @EXCEL
    @click.pass_obj
    def command(obj: Lazy, scope_value: str | None, fmt: str, output: str | None, lang: str | None,
                excel: bool | None) -> None:
        build, view = _REPORTS[name]()
        lang = obj.lang(lang)
        with obj.store.sessions() as session:
            data = view(build(session, scope_value), fmt, lang)
        _emit(for_excel(data, fmt, lang, excel), output)


EXCEL = click.option("--excel/--no-excel", default=None,
                     help="CSV with a byte-order mark, so Excel reads it as UTF-8 (default: on for Japanese).")


def for_excel(data: str | bytes, fmt: str, lang: str, excel: bool | None) -> str | bytes:
    """Excel opens a CSV without a BOM as the local code page: 日本語 turns to mojibake."""
    if fmt == "csv" and isinstance(data, str) and (excel if excel is not None else lang == "ja"):
        return "\ufeff" + data
    return data


def _sections():  # type: ignore[no-untyped-def]
    from guidetrace.reports.sections.build import build_sections_report
    from guidetrace.reports.sections.view import render_sections

    return build_sections_report, render_sections


def _responses():  # type: ignore[no-untyped-def]
    from guidetrace.reports.responses.build import build_responses
    from guidetrace.reports.responses.view import render_responses

    return build_responses, render_responses


def _campaigns():  # type: ignore[no-untyped-def]
    from guidetrace.reports.campaigns.build import build_campaigns
    from guidetrace.reports.campaigns.view import render_campaigns

    return build_campaigns, render_campaigns


def _topics():  # type: ignore[no-untyped-def]
    from guidetrace.reports.topics.build import build_topic_summary
    from guidetrace.reports.topics.view import render_topics

    return build_topic_summary, render_topics


def _plan():  # type: ignore[no-untyped-def]
    from guidetrace.reports.plan.build import build_plan
    from guidetrace.reports.plan.render import plan_xlsx, render_plan

    return build_plan, lambda plan, fmt, lang: plan_xlsx(plan, lang) if fmt == "xlsx" else render_plan(plan, fmt, lang)


# Builders and views are imported when their command runs, so start-up stays short.
_REPORTS = {"sections": _sections, "responses": _responses, "campaigns": _campaigns, "topics": _topics, "plan": _plan}
TABLES = ("table", "md", "csv", "json", "xlsx")
_report_command("sections", (*TABLES, "html"), "table", "round",
                "Which sections drew comments (and which drew none), with counts per subtree.")
_report_command("responses", TABLES, "md", "round",
                "The ministry's three-column table: 該当箇所 / 提出されたご意見 / ご意見に対する考え方.")
_report_command("campaigns", TABLES, "md", "round", "Clusters of identical or near-identical submissions, largest first.")
_report_command("topics", TABLES, "md", "target", "Topics across rounds, as a report.")
_report_command("plan", TABLES, "md", "target", "The next-revision plan, as a report (same as `guidetrace plan`, plus XLSX).")


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
            fmt: str, output: str | None, lang: str | None) -> None:
    """Draw a diagram with Graphviz: heat tree, topic map, impact of an edit, revision lineage."""
    from guidetrace.reports.diagrams.dot import render_diagram
    from guidetrace.reports.diagrams.make import make_diagram

    if kind == "impact" and not root:
        raise GuidetraceError("diagram impact needs --root SECTION_OR_TOPIC")
    lang = obj.lang(lang)
    with obj.store.sessions() as session:
        model = make_diagram(session, kind, root=root, depth=depth, round_key=round_key, revision=revision, lang=lang)
    _emit(render_diagram(model, fmt) if fmt != "dot" else render_diagram(model, fmt).decode("utf-8"), output)


@click.command("site")
@click.argument("outdir", type=click.Path(path_type=Path))
@LANG
@click.option("--force", is_flag=True, help="Replace OUTDIR even if guidetrace did not write it.")
@click.option("--internal", is_flag=True,
              help="Unmasked: personal data shown as submitted, every page marked internal. Never publish it.")
@click.pass_obj
def site(obj: Lazy, outdir: Path, lang: str | None, force: bool, internal: bool) -> None:
    """A static site (works from disk, no network): index, a page per section and topic, the plan."""
    from guidetrace.reports.site.build import build_site

    from .progress import progress_bar

    lang = obj.lang(lang)
    with obj.store.sessions() as session, progress_bar("writing pages") as progress:
        index = build_site(session, outdir, lang=lang, force=force, internal=internal, progress=progress)
    click.echo(f"{sum(1 for _ in outdir.glob('*.html'))} pages written{' (internal: unmasked)' if internal else ''}",
               err=True)
    click.echo(str(index), err=False)

