"""Opening a store and loading into it: what `guideline load`, `comments load`, `build` and the demo call.

`BUNDLED` for a path loads what ships with guidetrace (the trees, the seed comment results) wherever this
install keeps it. Each function imports its readers when called, so importing the front door costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Final

from guidetrace.trace.errors import GuidetraceError

from .options import LoadOptions, TreeOptions

if TYPE_CHECKING:
    from guidetrace.comments.store_comments import LoadSummary
    from guidetrace.guideline.store_tree import TreeLoadSummary
    from guidetrace.trace.store import Store

Progress = Callable[[int, int], None]  # (done, total so far), as the loaders report it
# LoadOptions' fields by the loader's names for them (comments/store_comments.load_comments); the others alike
LOADER_NAMES = {"round": "round_key", "format": "fmt", "grow_tree": "grow", "topics": "topics_file",
                "decisions": "decisions_file"}


class _Bundled:
    def __repr__(self) -> str:
        return "BUNDLED"


BUNDLED: Final = _Bundled()
Source = Path | _Bundled


def open_store(db: str | None = None, *, create: bool = True) -> Store:
    """The store at a SQLite path or SQLAlchemy URL (default: GUIDETRACE_DB, else ./guidetrace.db), at the
    newest schema. `create=False`: a SQLite path with no store is an error, not a new empty store."""
    from guidetrace.trace.store import open_store as open_at

    return open_at(db, create=create)


def language(store: Store, given: str | None = None) -> str:
    """`given` when set, else the language most of the store's documents are written in (ja when none)."""
    if given:
        return given
    from guidetrace.comments.rounds import store_language

    with store.sessions() as session:
        return store_language(session)


def load_tree(store: Store, path: Source, options: TreeOptions = TreeOptions()) -> list[TreeLoadSummary]:
    """One revision's tree file, or with `BUNDLED` the trees shipped with guidetrace (predecessors first)."""
    from guidetrace.guideline.formats import read_tree
    from guidetrace.guideline.records import GuidelineRecord, RevisionRecord
    from guidetrace.guideline.store_tree import store_tree

    if isinstance(path, _Bundled):
        from guidetrace.guideline.bundled import load_bundled_trees

        return load_bundled_trees(store)
    o = options
    g = GuidelineRecord(o.guideline, o.title or o.guideline) if o.guideline else None
    r = RevisionRecord(o.revision, o.label or o.revision, o.status, predecessor=o.predecessor) if o.revision else None
    return [store_tree(store, read_tree(path, fmt=o.format, guideline=g, revision=r), allow_removals=o.allow_removals)]


def bundled_comments(revision: str | None) -> tuple[Path, str]:
    """The shipped comment results and their revision: what `comments load --bundled` (and `bundled: true`
    under a project file's comments:) load, as `guidetrace demo` does."""
    from guidetrace.comments.bundled import SEED_REVISION, seed_path

    if revision not in (None, SEED_REVISION):
        raise GuidetraceError(f"the bundled comment results are on revision {SEED_REVISION}, not {revision}")
    return seed_path(), SEED_REVISION


def load_comments(store: Store, path: Source, options: LoadOptions = LoadOptions(), *,
                  progress: Progress | None = None) -> LoadSummary:
    """One comment-result document in one transaction (loading it again changes nothing); with `BUNDLED`, the
    shipped results on their revision."""
    from guidetrace.comments.store_comments import load_comments as load

    if isinstance(path, _Bundled):
        path, revision = bundled_comments(options.revision)
    elif options.revision is None:
        raise GuidetraceError(f"give --revision: the revision the comments in {path} were made on")
    else:
        revision = options.revision
    given = {LOADER_NAMES.get(f.name, f.name): getattr(options, f.name) for f in fields(options)}
    return load(store, path, **{**given, "revision": revision}, progress=progress)
