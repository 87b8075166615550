"""What `guidetrace build` says as it goes: each step in the words of the command of the same name."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from guidetrace.api.build import Listener

from .base import tell
from .load_echo import echo_comments, echo_tree

if TYPE_CHECKING:
    from guidetrace.api.loads import Progress
    from guidetrace.api.outputs import ReportsWritten
    from guidetrace.comments.store_comments import LoadSummary
    from guidetrace.guideline.store_tree import TreeLoadSummary

    from .base import Lazy


class BuildEcho(Listener):
    """What `build` says of each step, as the command of the same name says it: a tree in the store's
    language (or the project's `lang:`), a document in its own, the report files in the outputs'."""

    def __init__(self, obj: Lazy, lang: str | None) -> None:
        self.obj, self.lang = obj, lang

    def tree(self, summary: TreeLoadSummary) -> None:
        echo_tree(summary, self.obj.lang(self.lang))

    def comments(self, summary: LoadSummary) -> None:
        echo_comments(summary, self.lang)

    def reports(self, written: ReportsWritten) -> None:
        tell("msg_report_files", written.lang, count=len(written.files), folder=written.folder)

    def progress(self, what: str) -> AbstractContextManager[Progress | None]:
        from .progress import progress_bar

        return progress_bar(what)
