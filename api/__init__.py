"""guidetrace as a library: the calls the command line, the project file (`guidetrace build`) and the demo
make, each with one options object.

    from guidetrace import api
    store = api.open_store("work/guidetrace.db")
    api.load_tree(store, api.BUNDLED)
    api.load_comments(store, Path("results.xlsx"), api.LoadOptions(revision="3.0-draft"))
    api.write_reports(store, api.ReportOptions(Path("reports"), formats=("md", "xlsx")))
    api.build_site(store, api.SiteOptions(Path("site")))

Errors a user can fix are `GuidetraceError` (one line: file, line or cell, what was expected). Each name is
imported on first use, so `import guidetrace.api` costs no more than the options (the command line reads
them at start-up, and a command that opens a store still starts fast).
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # for the type checker; at run time each is imported by __getattr__ below
    from guidetrace.trace.errors import GuidetraceError  # noqa: F401

    from . import review  # noqa: F401
    from .build import Listener, build_project, open_project_store  # noqa: F401
    from .demo import run_demo  # noqa: F401
    from .loads import BUNDLED, bundled_comments, language, load_comments, load_tree, open_store  # noqa: F401
    from .options import LoadOptions, ReportOptions, SiteOptions, TreeOptions  # noqa: F401
    from .outputs import ReportsWritten, build_site, write_reports  # noqa: F401
    from .project import Project, read_project  # noqa: F401

_WHERE = {
    "GuidetraceError": "guidetrace.trace.errors",
    "Listener": ".build", "build_project": ".build", "open_project_store": ".build",
    "run_demo": ".demo",
    "BUNDLED": ".loads", "bundled_comments": ".loads", "language": ".loads", "load_comments": ".loads",
    "load_tree": ".loads", "open_store": ".loads",
    "LoadOptions": ".options", "ReportOptions": ".options", "SiteOptions": ".options", "TreeOptions": ".options",
    "ReportsWritten": ".outputs", "build_site": ".outputs", "write_reports": ".outputs",
    "Project": ".project", "read_project": ".project",
}
_MODULES = ("review",)  # api.review.queue(store), .decide(store, opinion, Decisions(…)), .accept, .undo
__all__ = sorted((*_WHERE, *_MODULES))


def __getattr__(name: str) -> Any:
    if name in _MODULES:
        value = import_module(f".{name}", __name__)
    elif name in _WHERE:
        value = getattr(import_module(_WHERE[name], __name__), name)
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value
