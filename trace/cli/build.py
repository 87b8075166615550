"""`guidetrace build`: a project file's trees and documents loaded, then its reports and site written, in
one process.

Each step is the command of the same name (`guideline load`, `comments load`, `report`, `site`) as a
library call, so the build says what they say and stops at the first error as they do. Every load matches
what the store already holds, so running a build again changes only what changed in its files, and
review decisions stay. One process saves each later step's start-up (the store's libraries take
about 0.4 s to import here).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .base import tell
from .load_echo import echo_comments, echo_tree
from .progress import progress_bar
from .project_file import Project, TreeInput

if TYPE_CHECKING:
    from guidetrace.guideline.store_tree import TreeLoadSummary

    from ..store import Store


def load_tree(store: Store, tree: TreeInput) -> list[TreeLoadSummary]:
    """One tree file with its options, or the bundled trees: what `guideline load` does per file."""
    from guidetrace.guideline.bundled import load_bundled_trees
    from guidetrace.guideline.formats import read_tree
    from guidetrace.guideline.records import GuidelineRecord, RevisionRecord
    from guidetrace.guideline.store_tree import store_tree

    if tree.bundled:
        return load_bundled_trees(store)
    assert tree.file is not None  # read_project gives a file or bundled
    g = GuidelineRecord(tree.guideline, tree.title or tree.guideline) if tree.guideline else None
    r = RevisionRecord(tree.revision, tree.label or tree.revision, tree.status,
                       predecessor=tree.predecessor) if tree.revision else None
    return [store_tree(store, read_tree(tree.file, fmt=tree.format, guideline=g, revision=r),
                       allow_removals=tree.allow_removals)]


def build_project(project: Project, store: Store, *, lang: Callable[[str | None], str]) -> Path | None:
    """Returns the site's index.html, or None when the project writes no site. `lang` settles the
    outputs' language after the loads (by default, that of the documents loaded)."""
    from guidetrace.comments.store_comments import load_comments

    for tree in project.trees:
        for summary in load_tree(store, tree):
            echo_tree(summary, lang(project.lang))
    for c in project.comments:
        with progress_bar() as progress:
            echo_comments(load_comments(store, c.file, revision=c.revision, round_key=c.round, fmt=c.format,
                                        columns=c.columns, grow=c.grow_tree, progress=progress, topics_file=c.topics,
                                        encoding=c.encoding, lang=c.lang, allow_removals=c.allow_removals),
                          project.lang)
    out_lang = lang(project.lang)
    if project.site is None and project.reports is None:
        return None
    if project.reports is not None:
        from .report_files import write_reports

        r = project.reports
        with store.sessions() as session:
            written = write_reports(session, r.names, r.formats, r.folder, out_lang)[1]
        tell("msg_report_files", out_lang, count=len(written), folder=r.folder)
    if project.site is None:
        return None
    from guidetrace.reports.site.build import build_site

    with store.sessions() as session, progress_bar("writing pages") as progress:
        return build_site(session, project.site, lang=out_lang, progress=progress)
