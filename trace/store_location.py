"""Which store a command uses, decided in one place: `--db`, else $GUIDETRACE_DB, else ./guidetrace.db.

Apart from store.py so the command line can name the default without loading SQLAlchemy."""

from __future__ import annotations

import os

DEFAULT_DB = "guidetrace.db"
DB_ENV = "GUIDETRACE_DB"


def chosen_db(given: str | None) -> str | None:
    """`--db` when given, else $GUIDETRACE_DB (the one place it is read); None when neither names a store
    (the default, or a project file's `store:`, applies)."""
    return given or os.environ.get(DB_ENV) or None
