"""What a build writes never replaces what it reads: checked before anything is loaded or written.

A project whose reports go to the folder of its comment document (`reports: {folder: .}` beside
`responses.md`) would replace the document with its own report on the first build and load that
report on the second; a site folder holding the store or an input would be swapped away with
them. So every report file, and the site folder with what lies in it, is compared with the project
file, the store (and its journal files) and every input, and the first clash is one line.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from guidetrace.trace.errors import GuidetraceError

from .project import Project

STORE_SIDECARS = ("", "-wal", "-shm", "-journal")


def refuse_overwrites(project: Project, db: str) -> None:
    """`db`: the store the build will open (the project's, or `--db`)."""
    inputs = list(_inputs(project, db))
    outputs: list[tuple[str, Path, bool]] = []  # (what, path, a folder replaced whole)
    if project.reports is not None:
        r = project.reports
        outputs += [("reports", r.folder / f"{name}.{fmt}", False) for name in r.names for fmt in r.formats]
    if project.site is not None:
        outputs.append(("site", project.site, True))
    for what, out, folder in outputs:
        for role, path in inputs:
            if _same(out, path):
                clash = f"{out} is {role}: the build would write over it"
            elif folder and _inside(path, out):
                clash = f"{out} holds {role} {path}: the build replaces this folder"
            else:
                continue
            raise GuidetraceError(f"{what}: {clash}; nothing was written (choose another folder)",
                                  file=str(project.file))


def _inputs(project: Project, db: str) -> Iterator[tuple[str, Path]]:
    yield "the project file", project.file
    store = _store_file(db)
    if store is not None:
        for suffix in STORE_SIDECARS:
            yield "the store", store.with_name(store.name + suffix)
    for tree in project.trees:
        if isinstance(tree.file, Path):
            yield "the tree", tree.file
    for c in project.comments:
        yield "the comment document", c.file
        if c.options.topics is not None:
            yield "the topic lexicon", c.options.topics


def _store_file(db: str) -> Path | None:
    if "://" not in db:
        return Path(db).expanduser()
    if not db.startswith("sqlite"):
        return None
    from sqlalchemy.engine import make_url

    database = make_url(db).database
    return Path(database) if database and database != ":memory:" else None


def _same(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:  # a case-insensitive file system, a hard link
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _inside(path: Path, folder: Path) -> bool:
    return folder.resolve() in path.resolve().parents
