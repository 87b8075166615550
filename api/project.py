"""A project file: the trees and comment documents `guidetrace build` loads, and where its reports and
site go.

The same options as `guideline load`, `comments load`, `report` and `site`, written down once so the whole job
runs again with one command after any input changes. Paths are relative to the project file. Read
with the core's safe loader: an unknown key or a wrong value is one line naming the file and line.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, get_type_hints

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.safe_yaml import LINE, load_yaml
from guidetrace.trace.store_location import DEFAULT_DB

from .loads import BUNDLED, Source, bundled_comments
from .options import LANGS, LoadOptions, ReportOptions, TreeOptions, project_keys

DEFAULT_NAME = "guidetrace.yaml"


@dataclass(frozen=True)
class TreeInput:
    """One revision's tree (`file:`), or the trees shipped with guidetrace (`bundled: true`)."""

    file: Source
    options: TreeOptions = TreeOptions()


@dataclass(frozen=True)
class CommentsInput:
    """One comment-result document (`file:`, or the shipped one: `bundled: true`, read here as its path and
    revision) and how it is loaded."""

    file: Path
    options: LoadOptions


@dataclass(frozen=True)
class Project:
    file: Path
    store: str  # a path beside the project file, or an SQLAlchemy URL
    trees: tuple[TreeInput, ...]
    comments: tuple[CommentsInput, ...]
    site: Path | None
    lang: str | None
    reports: ReportOptions | None = None


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


def _reports(item: Any, file: str, root: Path) -> ReportOptions:
    from guidetrace.reports.registry import REPORTS

    f = _Fields(item, file, project_keys(ReportOptions))
    names = tuple(f.texts("names", tuple(REPORTS))) or ReportOptions.names
    files = tuple(dict.fromkeys(fmt for kind in REPORTS.values() for fmt in kind.formats if fmt != "table"))
    formats = tuple(f.texts("formats", files)) or ReportOptions.formats  # `table` is for the terminal
    for name in names:
        for fmt in formats:
            if fmt not in REPORTS[name].formats:
                raise GuidetraceError(f"formats: the {name} report has no {fmt} (it has "
                                      f"{', '.join(x for x in REPORTS[name].formats if x != 'table')})",
                                      file=file, line=f.line)
    return ReportOptions(root / f.text("folder", required=True), names, formats)


def _tree(item: Any, file: str, root: Path) -> TreeInput:
    f = _Fields(item, file, ("file", "bundled", *project_keys(TreeOptions)))
    bundled = f.flag("bundled")
    given = f.text("file")
    if bundled == bool(given):
        raise GuidetraceError("a tree gives either file: or bundled: true", file=file, line=f.line)
    return TreeInput(root / given if given else BUNDLED, f.options(TreeOptions, root))


def _comments(item: Any, file: str, root: Path) -> CommentsInput:
    f = _Fields(item, file, ("file", *project_keys(LoadOptions), "bundled"))
    options = f.options(LoadOptions, root)
    if f.flag("bundled"):
        if f.text("file"):
            raise GuidetraceError("a comment document gives either file: or bundled: true", file=file, line=f.line)
        try:
            path, revision = bundled_comments(options.revision)
        except GuidetraceError as exc:
            raise GuidetraceError(str(exc), file=file, line=f.line) from None
    else:
        path, revision = root / f.text("file", required=True), f.text("revision", required=True)
    return CommentsInput(path, replace(options, revision=revision))


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

    def options(self, cls: type, root: Path) -> Any:
        """`cls` (an options dataclass) from this mapping's keys, each read as its field's type says: a
        flag, a path beside the project file, a choice among the field's, or text."""
        hints = get_type_hints(cls)
        given: dict[str, Any] = {}
        for x in fields(cls):
            if not x.metadata["project"] or x.name not in self.item:
                continue
            kind, choices = hints[x.name], x.metadata["choices"]
            if kind is bool:
                given[x.name] = self.flag(x.name)
            elif choices is not None:
                given[x.name] = self.choice(x.name, tuple(choices())) or x.default
            elif Path in getattr(kind, "__args__", (kind,)):
                text = self.text(x.name)
                given[x.name] = root / text if text else None
            else:
                given[x.name] = self.optional(x.name)
        return cls(**given)

    def items(self, key: str) -> list[Any]:
        value = self.item.get(key) or []
        if not isinstance(value, list):
            raise self._fail(key, "a list")
        return value
