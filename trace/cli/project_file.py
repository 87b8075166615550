"""A project file: the trees and comment documents `guidetrace build` loads, and where its reports and
site go.

The same options as `guideline load`, `comments load`, `report` and `site`, written down once so the whole job
runs again with one command after any input changes. Paths are relative to the project file. Read
with the core's safe loader: an unknown key or a wrong value is one line naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..errors import GuidetraceError
from ..languages import LANGS
from ..safe_yaml import LINE, load_yaml
from ..store_location import DEFAULT_DB

DEFAULT_NAME = "guidetrace.yaml"


@dataclass(frozen=True)
class TreeInput:
    """One revision's tree (`file`), or the trees shipped with guidetrace (`bundled: true`)."""

    file: Path | None = None
    bundled: bool = False
    format: str = "auto"
    guideline: str | None = None
    title: str | None = None
    revision: str | None = None
    label: str | None = None
    predecessor: str | None = None
    status: str = "final"
    allow_removals: bool = False


@dataclass(frozen=True)
class CommentsInput:
    """One comment-result document (`file`, or the shipped one: `bundled: true`) and the revision its opinions
    were made on."""

    file: Path
    revision: str
    round: str | None = None
    format: str = "auto"
    columns: str | None = None
    grow_tree: bool = False
    topics: Path | None = None
    encoding: str | None = None
    lang: str | None = None
    allow_removals: bool = False


@dataclass(frozen=True)
class ReportsOutput:
    """Report files: each named report in each format, as `folder/NAME.FMT`."""

    folder: Path
    names: tuple[str, ...]
    formats: tuple[str, ...]


@dataclass(frozen=True)
class Project:
    file: Path
    store: str  # a path beside the project file, or an SQLAlchemy URL
    trees: tuple[TreeInput, ...]
    comments: tuple[CommentsInput, ...]
    site: Path | None
    lang: str | None
    reports: ReportsOutput | None = None


def read_project(path: Path) -> Project:
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise GuidetraceError(f"cannot read the project file: {exc.strerror}", file=file) from None
    except UnicodeDecodeError:
        raise GuidetraceError("not UTF-8 text (expected a YAML project file)", file=file) from None
    doc = load_yaml(text, file=file)
    if not isinstance(doc, dict):
        raise GuidetraceError("expected a mapping with trees:, comments: and site:", file=file, line=1)
    root = path.parent
    top = _Fields(doc, file, ("store", "trees", "comments", "site", "reports", "lang"))
    trees = tuple(_tree({"file": item} if isinstance(item, str) else item, file, root)  # a name: a file alone
                  for item in top.items("trees"))
    comments = tuple(_comments(item, file, root) for item in top.items("comments"))
    if not trees and not comments:
        raise GuidetraceError("nothing to build: give trees: or comments:", file=file, line=doc.get(LINE))
    store = top.text("store") or DEFAULT_DB  # beside the project file, wherever the build is run from
    site = top.text("site")
    reports = _reports(doc["reports"], file, root) if doc.get("reports") is not None else None
    return Project(path, store if "://" in store else str(root / store), trees, comments,
                   root / site if site else None, top.choice("lang", LANGS), reports)


def make_store_folder(project: Project) -> None:
    """The project's store is its output like the site: its folder (`store: work/guidetrace.db`) is made,
    where `--db` naming a missing folder is refused as a likely typo."""
    if "://" in project.store:
        return
    folder = Path(project.store).parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GuidetraceError(f"store: cannot create the folder {folder}: {exc.strerror}", file=str(project.file)) from None


def _reports(item: Any, file: str, root: Path) -> ReportsOutput:
    from guidetrace.reports.registry import REPORTS

    from .report_files import DEFAULT_REPORTS

    f = _Fields(item, file, ("folder", "names", "formats"))
    names = tuple(f.texts("names", tuple(REPORTS))) or DEFAULT_REPORTS
    files = tuple(dict.fromkeys(fmt for kind in REPORTS.values() for fmt in kind.formats if fmt != "table"))
    formats = tuple(f.texts("formats", files)) or ("xlsx",)  # `table` is for the terminal
    for name in names:
        for fmt in formats:
            if fmt not in REPORTS[name].formats:
                raise GuidetraceError(f"formats: the {name} report has no {fmt} (it has "
                                      f"{', '.join(x for x in REPORTS[name].formats if x != 'table')})",
                                      file=file, line=f.line)
    return ReportsOutput(root / f.text("folder", required=True), names, formats)


def _tree(item: Any, file: str, root: Path) -> TreeInput:
    from guidetrace.guideline.formats.registry import TREE_FORMATS

    f = _Fields(item, file, tuple(x.name for x in fields(TreeInput)))
    bundled = f.flag("bundled")
    given = f.text("file")
    if bundled == bool(given):
        raise GuidetraceError("a tree gives either file: or bundled: true", file=file, line=f.line)
    return TreeInput(root / given if given else None, bundled, f.choice("format", TREE_FORMATS.names(auto=True))
                     or "auto", f.optional("guideline"), f.optional("title"), f.optional("revision"),
                     f.optional("label"), f.optional("predecessor"), f.choice("status", ("draft", "final")) or "final",
                     f.flag("allow_removals"))


def bundled_comments(revision: str | None) -> tuple[Path, str]:
    """The shipped comment results and their revision: what `comments load --bundled` (and `bundled: true`
    under comments:) load, as `guidetrace demo` does."""
    from guidetrace.comments.bundled import SEED_REVISION, seed_path

    if revision not in (None, SEED_REVISION):
        raise GuidetraceError(f"the bundled comment results are on revision {SEED_REVISION}, not {revision}")
    return seed_path(), SEED_REVISION


def _comments(item: Any, file: str, root: Path) -> CommentsInput:
    from guidetrace.comments.readers.registry import READERS

    f = _Fields(item, file, (*(x.name for x in fields(CommentsInput)), "bundled"))
    topics = f.text("topics")
    if f.flag("bundled"):
        if f.text("file"):
            raise GuidetraceError("a comment document gives either file: or bundled: true", file=file, line=f.line)
        try:
            path, revision = bundled_comments(f.optional("revision"))
        except GuidetraceError as exc:
            raise GuidetraceError(str(exc), file=file, line=f.line) from None
    else:
        path, revision = root / f.text("file", required=True), f.text("revision", required=True)
    return CommentsInput(path, revision, f.optional("round"),
                         f.choice("format", READERS.names(auto=True)) or "auto", f.optional("columns"), f.flag("grow_tree"),
                         root / topics if topics else None, f.optional("encoding"), f.choice("lang", LANGS),
                         f.flag("allow_removals"))


class _Fields:
    """One mapping of the file: its keys checked against those allowed, each value against its type."""

    def __init__(self, item: Any, file: str, allowed: tuple[str, ...]):
        if not isinstance(item, dict):
            raise GuidetraceError(f"expected a mapping of {', '.join(allowed)}, found {item!r}", file=file)
        self.item, self.file, self.line = item, file, item.get(LINE)
        unknown = sorted(str(k) for k in item if k != LINE and k not in allowed)
        if unknown:
            raise GuidetraceError(f"unknown key {unknown[0]!r} (expected one of {', '.join(allowed)})", file=file,
                                  line=self.line)

    def _fail(self, key: str, expected: str) -> GuidetraceError:
        return GuidetraceError(f"{key}: expected {expected}, found {self.item[key]!r}", file=self.file, line=self.line)

    def text(self, key: str, *, required: bool = False) -> str:
        value = self.item.get(key)
        if value is None:
            if required:
                raise GuidetraceError(f"{key}: missing", file=self.file, line=self.line)
            return ""
        if isinstance(value, float):  # `revision: 3.10` reads as the number 3.1
            raise self._fail(key, "text: put it in quotes, or YAML reads it as a number")
        if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
            raise self._fail(key, "text")
        return str(value)

    def optional(self, key: str) -> str | None:
        return self.text(key) or None

    def flag(self, key: str) -> bool:
        value = self.item.get(key, False)
        if not isinstance(value, bool):
            raise self._fail(key, "true or false")
        return value

    def choice(self, key: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(key) or None
        if value is not None and value not in allowed:
            raise self._fail(key, f"one of {', '.join(allowed)}")
        return value

    def texts(self, key: str, allowed: tuple[str, ...]) -> list[str]:
        """A list of choices (one alone may be written bare), each once."""
        value = self.item.get(key) or []
        values = value if isinstance(value, list) else [value]
        if any(not isinstance(v, str) or v not in allowed for v in values):
            raise self._fail(key, f"a list of {', '.join(allowed)}")
        return list(dict.fromkeys(values))

    def items(self, key: str) -> list[Any]:
        value = self.item.get(key) or []
        if not isinstance(value, list):
            raise self._fail(key, "a list")
        return value
