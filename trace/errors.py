"""The one exception type for bad input and misuse: the CLI turns it into exit 2."""

from __future__ import annotations


class GuidetraceError(Exception):
    """A user-facing error: one line, naming the file and line when there is one."""

    def __init__(self, message: str, *, file: str | None = None, line: int | None = None):
        self.file = file
        self.line = line
        where = ""
        if file is not None:
            where = f"{file}:{line}: " if line is not None else f"{file}: "
        super().__init__(f"{where}{message}")

    def __reduce__(self) -> tuple[object, ...]:
        """Picklable with its file and line (a load reads large documents in a child process)."""
        return (_rebuild, (str(self), self.file, self.line))


def _rebuild(text: str, file: str | None, line: int | None) -> GuidetraceError:
    error = GuidetraceError(text)
    error.file, error.line = file, line
    return error
