"""`guidetrace build`: a project file's trees and documents loaded, then its reports and site written, in
one process.

Each step is the front door's call of the same name (`load_tree`, `load_comments`, `write_reports`,
`build_site`), as the commands make it, so the build stops at the first error as they do. Every load
matches what the store already holds, so running a build again changes only what changed in its files,
and review decisions stay. One process saves each later step's start-up (the store's libraries take
about 0.4 s to import here). What each step did is told to `Listener`'s methods as it happens (the
command line says it on stderr).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from .build_paths import refuse_overwrites
from .loads import Progress, load_comments, load_tree, open_store
from .options import SiteOptions
from .outputs import ReportsWritten, build_site, write_reports
from .project import Project, make_store_folder

if TYPE_CHECKING:
    from guidetrace.comments.store_comments import LoadSummary
    from guidetrace.guideline.store_tree import TreeLoadSummary
    from guidetrace.trace.store import Store


@contextmanager
def no_progress(_what: str) -> Iterator[Progress | None]:
    yield None


class Listener:
    """Told each step's outcome as the build goes; the default says nothing."""

    def tree(self, summary: TreeLoadSummary) -> None:
        pass

    def comments(self, summary: LoadSummary) -> None:
        pass

    def reports(self, written: ReportsWritten) -> None:
        pass

    def progress(self, what: str) -> AbstractContextManager[Progress | None]:
        """A bar for a long step, by its name ("storing opinions", "writing pages")."""
        return no_progress(what)


def open_project_store(project: Project, db: str | None = None) -> Store:
    """The project's store (or `db`, from `--db`), once nothing the build writes would replace an input."""
    refuse_overwrites(project, db or project.store)  # before anything is made or written
    if db is None:
        make_store_folder(project)
    return open_store(db or project.store)


def build_project(project: Project, store: Store, listener: Listener | None = None) -> Path | None:
    """Returns the site's index.html, or None when the project writes no site. The outputs are in the
    project's `lang:`, else in the language of the documents loaded."""
    said = listener or Listener()
    for tree in project.trees:
        for summary in load_tree(store, tree.file, tree.options):
            said.tree(summary)
    for c in project.comments:
        with said.progress("storing opinions") as progress:
            said.comments(load_comments(store, c.file, c.options, progress=progress))
    if project.reports is not None:
        from dataclasses import replace

        said.reports(write_reports(store, replace(project.reports, lang=project.lang)))
    if project.site is None:
        return None
    with said.progress("writing pages") as progress:
        return build_site(store, SiteOptions(project.site, lang=project.lang), progress=progress)
