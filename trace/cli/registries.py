"""The registries as the command line, the project file and the README see them.

Every pluggable family (trace/registry.py) is read from here: a command's choices and its `--help`
(read when shown or parsed, so a command that never asks imports no registry), and the README's
tables (readme_registries.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import click

from ..registry import Registry
from .base import RuleChoice


def readers() -> Registry:
    from guidetrace.comments.readers.registry import READERS

    return READERS


def tree_formats() -> Registry:
    from guidetrace.guideline.formats.registry import TREE_FORMATS

    return TREE_FORMATS


def importers() -> Registry:
    from guidetrace.guideline.importers.registry import IMPORTERS

    return IMPORTERS


def reports() -> Registry:
    from guidetrace.reports.registry import REPORTS

    return REPORTS


def diagrams() -> Registry:
    from guidetrace.reports.diagrams.registry import DIAGRAMS

    return DIAGRAMS


def exports() -> Registry:
    from guidetrace.reports.exports import EXPORTS

    return EXPORTS


@dataclass(frozen=True)
class Family:
    title: str
    registry: Callable[[], Registry]
    where: str  # the command (and project-file key) that takes a name of it


FAMILIES = (
    Family("Comment documents", readers, "`comments load --format`, project file `comments: - format:`"),
    Family("Guideline trees", tree_formats, "`guideline load --format`, project file `trees: - format:`"),
    Family("Guideline sources", importers, "`guideline import` (told by content and ending)"),
    Family("Reports", reports, "`report NAME`, project file `reports: names:`"),
    Family("Diagrams", diagrams, "`diagram KIND`"),
    Family("Graph exports", exports, "`export graph --format`"),
)


def choice(registry: Callable[[], Registry], *, auto: bool = False) -> click.Choice:  # type: ignore[type-arg]
    """The registered names (with `auto` first), read from the registry when the option is parsed or shown."""
    return RuleChoice(lambda: registry().names(auto=auto))


def format_choice(registry: Callable[[], Registry]) -> click.Choice:  # type: ignore[type-arg]
    """Every format the family's records can be written as."""
    return RuleChoice(lambda: registry().formats())


class ListedOption(click.Option):
    """An option whose `--help` ends with the registry's entries and their endings, read only when shown."""

    def __init__(self, *args: Any, registry: Callable[[], Registry], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._registry, self._base = registry, self.help or ""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        entries = [f"{e.name} ({' '.join(e.suffixes)})" if e.suffixes else e.name for e in self._registry().values()]
        self.help = f"{self._base} {', '.join(entries)}".strip()
        return super().get_help_record(ctx)


def listed(*names: str, registry: Callable[[], Registry], auto: bool = False, **kwargs: Any) -> Callable[..., Any]:
    """`--format`-style option over a registry: its choices and its help both read from the registry."""
    return click.option(*names, cls=ListedOption, registry=registry, type=choice(registry, auto=auto), **kwargs)
