"""One shape for every pluggable thing: comment readers, tree formats, guideline importers, reports,
diagrams and exports are each a `Plugin` record in one `Registry` per family.

Why one shape: the command line's choices, `--help`, the project file's checks and the README's
table of formats are all read from the registries, so adding a format or a report is one module
and one registry line. A record names its code as "module:attr", imported on first use, so that
reading a registry (for `--help`, say) imports none of the readers or report builders.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from .errors import GuidetraceError

Ref = str | Callable[..., Any]  # "guidetrace.module:attr", imported on use, or the callable itself


def load_ref(ref: Ref) -> Callable[..., Any]:
    """The callable a record names; a string is imported only now."""
    if not isinstance(ref, str):
        return ref
    module, _, attr = ref.partition(":")
    return getattr(import_module(module), attr)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Plugin:
    """One format, report, diagram or export.

    `label` is its key in the catalogue (reports/data/labels.yaml, ja and en); `suffixes` the file
    endings it claims and `sniff` a test of a file's content (what the test is given is the family's
    business: see its registry); `target` does the work and `view` writes its result, for the
    families that build then write (reports); `options` the options it takes beyond the file, each
    once; `formats` what it can be written as, `default` the one used when none is asked for;
    `help` the sentence `--help` shows."""

    name: str
    label: str
    target: Ref
    suffixes: tuple[str, ...] = ()
    sniff: Ref | None = None
    options: tuple[str, ...] = ()
    formats: tuple[str, ...] = ()
    default: str | None = None
    view: Ref | None = None
    help: str = ""

    def load(self) -> Callable[..., Any]:
        return load_ref(self.target)

    def build(self, *args: Any, **kwargs: Any) -> Any:
        """What it makes: a document read, a report's payload built, a diagram drawn."""
        return self.load()(*args, **kwargs)

    def render(self, *args: Any, **kwargs: Any) -> Any:
        """Its `view` over what `build` made (a report in one format)."""
        if self.view is None:
            raise GuidetraceError(f"{self.name} has no view")
        return load_ref(self.view)(*args, **kwargs)

    def sniffs(self, sample: Any) -> bool:
        return self.sniff is not None and bool(load_ref(self.sniff)(sample))


class Registry(Mapping[str, Plugin]):
    """A family's records by name, in the order they were registered (the order sniffing tries them).

    Built once, in the family's own module; `register` adds one more (a format shipped elsewhere, or a
    test's toy format) and `unregister` takes it away again."""

    def __init__(self, family: str, what: str, entries: Iterable[Plugin]) -> None:
        self.family, self.what = family, what  # e.g. "comment readers", "format"
        self._entries: dict[str, Plugin] = {}
        for entry in entries:
            self.register(entry)

    def register(self, entry: Plugin) -> Plugin:
        if entry.name in self._entries or entry.name == "auto":
            raise ValueError(f"{self.family}: {entry.name!r} is registered already")
        self._entries[entry.name] = entry
        return entry

    def unregister(self, name: str) -> None:
        del self._entries[name]

    def __getitem__(self, name: str) -> Plugin:
        return self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def names(self, *, auto: bool = False) -> tuple[str, ...]:
        """The names a user may give (with `auto`, "let guidetrace tell" first)."""
        return (("auto",) if auto else ()) + tuple(self._entries)

    def by_suffix(self, suffix: str) -> Plugin | None:
        suffix = suffix.lower()
        return next((e for e in self._entries.values() if suffix in e.suffixes), None)

    def formats(self) -> tuple[str, ...]:
        """Every format any record can be written as, each once, in registry order."""
        return tuple(dict.fromkeys(f for e in self._entries.values() for f in e.formats))

    def pick(self, name: str, *, file: str | None = None) -> Plugin:
        """The record called `name`, or one line naming what is registered."""
        if name not in self._entries:
            raise GuidetraceError(f"unknown {self.what} {name!r} (expected one of {', '.join(self._entries)})", file=file)
        return self._entries[name]
