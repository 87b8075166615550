"""What every command module shares: the error-to-exit-2 group and the lazy store."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from ..errors import GuidetraceError

if TYPE_CHECKING:
    from ..store import Store

FORMATS = click.Choice(["table", "json", "csv"])


class RuleChoice(click.Choice):  # type: ignore[type-arg]
    """A choice whose values come from the rule files, read when the option is parsed or shown, so a command
    that never uses it does not load them (each command's start-up)."""

    def __init__(self, load: Callable[[], Sequence[str]]) -> None:
        self._load = load
        super().__init__((), case_sensitive=True)

    @property  # type: ignore[override]
    def choices(self) -> tuple[str, ...]:
        return tuple(self._load())

    @choices.setter
    def choices(self, value: object) -> None:  # click.Choice sets it on creation: the rule files decide
        pass
LANG = click.option("--lang", type=click.Choice(["ja", "en"]), default=None,
                    help="Label language (default: the language of the loaded documents).")


# Commands that may create a store; any other (a report, a listing) on a path with no store is an error,
# not a new empty store.
WRITERS = frozenset({"build", "guideline load", "comments load", "comments load-raw", "dedup", "review set", "review accept",
                     "review undo", "review import", "rounds remove", "topics use", "topics retag", "plan mark",
                     "privacy scan", "db upgrade"})


class Cli(click.Group):
    """Turns a GuidetraceError anywhere below into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except GuidetraceError as exc:
            click.echo(f"guidetrace: error: {pasteable(str(exc))}", err=True)
            ctx.exit(2)
        except Exception as exc:  # a database error (SQLAlchemy is imported only by commands that open a store)
            if not type(exc).__module__.startswith("sqlalchemy"):
                raise
            from sqlalchemy.exc import DBAPIError

            from ..store_errors import store_error_line

            line = store_error_line(exc) if isinstance(exc, DBAPIError) else None
            if line is None:
                raise
            click.echo(f"guidetrace: error: {line}", err=True)
            ctx.exit(2)


def command_line(*args: str) -> str:
    """A command to print as a hint, quoted so that pasted into a shell it runs as shown, on the same store:
    a --db given on the command line is repeated (GUIDETRACE_DB is still set in the same shell)."""
    return shlex.join(["guidetrace", *_db_args(), *args])


def pasteable(message: str) -> str:
    """A message whose hints (`guidetrace …`, as the layers below write them) name this command's store."""
    db = _db_args()
    return message.replace("`guidetrace ", f"`{shlex.join(['guidetrace', *db])} ") if db else message


def _db_args() -> list[str]:
    ctx = click.get_current_context(silent=True)
    if ctx is None:
        return []
    root = ctx.find_root()
    db = root.params.get("db")
    return ["--db", db] if db and root.get_parameter_source("db") is ParameterSource.COMMANDLINE else []


class Lazy:
    """Opens the store on first use, so `--help` and `--version` never touch a database."""

    def __init__(self, db: str | None):
        self.db = db
        self._store: Store | None = None

    def lang(self, given: str | None) -> str:
        """`--lang` when given, else the language the store's documents are written in."""
        if given:
            return given
        from guidetrace.comments.queries import store_language

        with self.store.sessions() as session:
            return store_language(session)

    @property
    def store(self) -> Store:
        if self._store is None:
            ctx = click.get_current_context(silent=True)
            command = " ".join(ctx.command_path.split()[1:]) if ctx is not None else ""
            from ..store import open_store

            self._store = open_store(self.db, create=command in WRITERS)
        return self._store
