"""The options of each front-door call, written once: the command line's options, the project file's keys
and the library's keyword arguments are all read from these dataclasses.

Each field's `metadata` (made by `option`) says how it is given: its `--help` sentence, its choices (read
only when asked, so `--help` imports no registry), and whether the project file takes it. A field
`round` is `--round` on the command line and `round:` in the project file; `grow_tree` is `--grow-tree`
and `grow_tree:`. Imports nothing heavy: the command line reads these at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import Field, dataclass, field, fields
from pathlib import Path
from typing import Any

from guidetrace.trace.languages import LANGS

STATUSES = ("draft", "final")
DEFAULT_REPORTS = ("sections", "responses", "topics", "plan")


def _readers() -> tuple[str, ...]:
    from guidetrace.comments.readers.registry import READERS

    return READERS.names(auto=True)


def _tree_formats() -> tuple[str, ...]:
    from guidetrace.guideline.formats.registry import TREE_FORMATS

    return TREE_FORMATS.names(auto=True)


def option(default: Any = None, help: str = "", *, choices: Callable[[], Sequence[str]] | None = None,
           registry: str | None = None, project: bool = True) -> Any:
    """A field with how it is given. `registry`: the family (trace/cli/registries.py) whose names it takes,
    listed in its `--help`; `project=False`: the command line's only (a one-off, not a build's input)."""
    return field(default=default, metadata={"help": help, "choices": choices, "registry": registry,
                                            "project": project})


@dataclass(frozen=True)
class LoadOptions:
    """How one comment document is loaded (`comments load`, a project file's `comments:` item, the demo)."""

    revision: str | None = option(help="The revision the comments were made on (required with FILE).")
    round: str | None = option(help="Round key (default: GUIDELINE-REVISION).")
    format: str = option("auto", "auto (the default): PDF, Word and Excel by content, then by ending, then text by "
                                 "content. Endings:", choices=_readers, registry="readers")
    columns: str | None = option(help="Override detected columns, 1-based: opinion=3,answer=4,location=2,…")
    grow_tree: bool = option(False, "Add sections the document names but the tree lacks (inferred).")
    topics: Path | None = option(help="A lexicon YAML merged over the shipped one.")
    encoding: str | None = option(help="Text encoding (default: detect UTF-8, UTF-8 with BOM, CP932).")
    lang: str | None = option(help="The document's language (default: detected).", choices=lambda: LANGS)
    decisions: Path | None = option(help="Restore review decisions from this file (written by `rounds remove`).",
                                    project=False)
    allow_removals: bool = option(False, "Accept a reload that drops more than a tenth of the round's opinions.")


@dataclass(frozen=True)
class TreeOptions:
    """How one revision's tree file is read (`guideline load FILE`, a project file's `trees:` item). The
    guideline and revision fields name what a CSV tree does not say itself."""

    format: str = option("auto", "auto (the default): by the file's ending:", choices=_tree_formats,
                         registry="tree_formats")
    guideline: str | None = option(help="Guideline key (CSV trees).")
    title: str | None = option(help="Guideline title (CSV trees).")
    revision: str | None = option(help="Revision key (CSV trees).")
    label: str | None = option(help="Revision label (CSV trees).")
    predecessor: str | None = option(help="Predecessor revision key (CSV trees).")
    status: str = option("final", choices=lambda: STATUSES)
    allow_removals: bool = option(False, "Load a tree that drops cited sections (their citations stay, "
                                         "unresolved, until the section returns).")


@dataclass(frozen=True)
class ReportOptions:
    """Report files: each named report in each format, as `folder/NAME.FMT`, in `lang` (default: the store's)."""

    folder: Path = option(Path("."))
    names: tuple[str, ...] = option(DEFAULT_REPORTS)
    formats: tuple[str, ...] = option(("xlsx",))
    lang: str | None = option(choices=lambda: LANGS, project=False)  # in a project file: its top-level lang:


@dataclass(frozen=True)
class SiteOptions:
    """The static site: into `outdir` (replaced whole), in `lang` (default: the store's)."""

    outdir: Path = option(Path("site"))
    lang: str | None = option(help="Label language (default: the language of the loaded documents).",
                              choices=lambda: LANGS)
    force: bool = option(False, "Replace OUTDIR even if guidetrace did not write it.")
    internal: bool = option(False, "Unmasked: personal data shown as submitted, every page marked internal. "
                                   "Never publish it.")


def project_keys(cls: type) -> tuple[str, ...]:
    """The keys a project file's item may give for `cls` (besides where the input is: file:, bundled:)."""
    return tuple(f.name for f in fields(cls) if f.metadata["project"])


def flag(f: Field[Any]) -> str:
    """A field's command-line option: `grow_tree` → `--grow-tree`."""
    return "--" + f.name.replace("_", "-")
