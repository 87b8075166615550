"""What every command module shares: the error-to-exit-2 group, the lazy store, codes typed in either language and
the catalogue's messages."""

from __future__ import annotations

import shlex
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import click
from click.core import ParameterSource

from ..errors import GuidetraceError
from ..languages import LANGS

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
class NamedChoice(RuleChoice):
    """A code (a disposition, a queue kind, a status) typed as itself or as its label in either language —
    `修正` or `revised` — as the catalogue names it; the command receives the code."""

    def __init__(self, load: Callable[[], Sequence[str]], prefix: str = "", *, what: str = "value") -> None:
        super().__init__(load)
        self.prefix, self.what = prefix, what

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from guidetrace.reports.labels import code_for, label

        code = code_for(str(value), self.choices, self.prefix)
        if code is None:  # one line, exit 2, as every user error
            names = ", ".join(f"{label(self.prefix + c, 'ja')} ({c})" for c in self.choices)
            raise GuidetraceError(f"unknown {self.what} {value!r} (one of {names})")
        return code


def dispositions() -> tuple[str, ...]:
    from guidetrace.comments.vocabulary import disposition_choices

    return disposition_choices()


def submitter_kinds() -> tuple[str, ...]:
    from guidetrace.comments.vocabulary import submitter_kind_choices

    return submitter_kind_choices()


def say(name: str, lang: str, /, *args: Any, **values: Any) -> str:
    """A message from the catalogue, in `lang`."""
    from guidetrace.reports.labels import say as catalogue_say

    return catalogue_say(name, lang, *args, **values)


def tell(name: str, lang: str, /, *args: Any, **values: Any) -> None:
    """A message from the catalogue to stderr (stdout stays for the output)."""
    click.echo(say(name, lang, *args, **values), err=True)


LANG = click.option("--lang", type=click.Choice(LANGS), default=None,
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

    def lang(self, given: str | None = None) -> str:
        """`--lang` when given, else the language the store's documents are written in."""
        if given:
            return given
        from guidetrace.api import language

        return language(self.store)

    def message_lang(self) -> str:
        """The language of a command's messages: the store's, or Japanese where there is no store to ask."""
        try:
            return self.lang()
        except GuidetraceError:
            return "ja"

    @property
    def store(self) -> Store:
        if self._store is None:
            ctx = click.get_current_context(silent=True)
            command = " ".join(ctx.command_path.split()[1:]) if ctx is not None else ""
            from guidetrace.api import open_store

            self._store = open_store(self.db, create=command in WRITERS)
        return self._store

    def use(self, store: Store) -> None:
        """A store opened elsewhere (a project's, by `build`)."""
        self._store = store
