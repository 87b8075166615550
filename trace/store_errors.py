"""Database failures a user can act on, as one line: a full disk, a server gone, a read-only file.

Both backends raise these from deep inside the driver; the CLI turns the ones named
here into `guidetrace: error: …` and exit 2. A transaction that failed was rolled back,
so each line can say that nothing was changed.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError

_KNOWN = (
    (("database or disk is full", "no space left on device", "could not extend file", "disk full"),
     "the disk holding the store is full; nothing was changed (free some space and run the command again)"),
    (("server closed the connection", "connection refused", "terminating connection", "could not connect",
      "connection to server", "the database system is shutting down", "ssl syscall error", "connection is closed"),
     "the store's database server went away or cannot be reached; nothing was changed (check the server, then "
     "run the command again)"),
    (("attempt to write a readonly database", "read-only", "readonly"),
     "the store is read-only for this user; nothing was changed"),
)


def store_error_line(exc: BaseException) -> str | None:
    """The one line for a database failure a user can act on, or None for anything else (a bug: let it show)."""
    if not isinstance(exc, DBAPIError):
        return None
    text = str(exc.orig if exc.orig is not None else exc).lower()
    for needles, line in _KNOWN:
        if any(n in text for n in needles):
            return line
    return None
