"""Commands that produce reports, diagrams and the static site."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from guidetrace.api.options import SiteOptions
from guidetrace.reports.registry import REPORTS

from ..errors import GuidetraceError
from ..output import emit, write_atomic
from .base import LANG, Lazy, tell
from .options import cli_options
from .registries import choice, diagrams, format_choice

if TYPE_CHECKING:
    from ..registry import Plugin

OUTPUT = click.option("-o", "--output", help="Write to this file instead of stdout.")


def _emit(data: str | bytes, output: str | None) -> None:
    if isinstance(data, bytes) and output in (None, "-"):
        if sys.stdout.isatty():
            raise GuidetraceError("binary output: give -o FILE")
        sys.stdout.buffer.write(data)
        return
    if isinstance(data, bytes):
        write_atomic(output, data)  # type: ignore[arg-type]
        return
    emit(data, output)


@click.group(help=f"Reports: {', '.join(REPORTS)}.")
def report() -> None:
    pass


def _report_command(kind: Plugin) -> None:
    """One `report NAME` command for each entry of the report registry."""
    from guidetrace.reports.registry import render_report

    scope = kind.options[0]

    @report.command(kind.name, help=kind.help)
    @click.option(f"--{scope}", "scope_value", help="Round key." if scope == "round" else "Revision key or label.")
    @click.option("--format", "fmt", type=click.Choice(kind.formats), default=kind.default)
    @OUTPUT
    @LANG
    @EXCEL
    @click.pass_obj
    def command(obj: Lazy, scope_value: str | None, fmt: str, output: str | None, lang: str | None,
                excel: bool | None) -> None:
        from guidetrace.api.outputs import for_excel

        lang = obj.lang(lang)
        with obj.store.sessions() as session:
            data = render_report(session, kind.name, scope_value, fmt, lang)
        _emit(for_excel(data, fmt, lang, excel), output)


EXCEL = click.option("--excel/--no-excel", default=None,
                     help="CSV with a byte-order mark, so Excel reads it as UTF-8 (default: on for Japanese).")


for _kind in REPORTS.values():
    _report_command(_kind)


@click.command("diagram")
@click.argument("kind", type=choice(diagrams))
@click.option("--root", help="heat: a chapter or section; impact: a section or topic key; lineage: a section key.")
@click.option("--depth", type=click.IntRange(0, 20), help="Levels below the root to draw.")
@click.option("--round", "round_key", help="heat: the round (default: the latest).")
@click.option("--revision", help="impact: the revision (default: the latest).")
@click.option("--format", "fmt", type=format_choice(diagrams), default="svg")
@OUTPUT
@LANG
@click.pass_obj
def diagram(obj: Lazy, kind: str, root: str | None, depth: int | None, round_key: str | None, revision: str | None,
            fmt: str, output: str | None, lang: str | None) -> None:
    """Draw a diagram: heat tree, topic map, impact of an edit, revision lineage.

    Laid out by the system's Graphviz, else by the embedded graphviz-pure (no pdf); GUIDETRACE_DOT chooses."""
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
@cli_options(SiteOptions, skip=("outdir",))
@click.pass_obj
def site(obj: Lazy, outdir: Path, **given: Any) -> None:
    """A static site (works from disk, no network): index, a page per section and topic, the plan."""
    from guidetrace.api import build_site

    from .progress import progress_bar

    options = SiteOptions(outdir, **given)
    lang = obj.lang(options.lang)
    with progress_bar("writing pages") as progress:
        index = build_site(obj.store, replace(options, lang=lang), progress=progress)
    tell("msg_pages_internal" if options.internal else "msg_pages", lang, sum(1 for _ in outdir.glob("*.html")))
    click.echo(str(index), err=False)
