"""Writing the site's pages: plain names only, each once, and a page the previous build already
wrote with the same bytes linked rather than written again.

A rebuild (a round loaded, an answer corrected) changes some pages and leaves most as they
were. Linking the unchanged ones to the previous build's files keeps the build atomic (the
new site is still assembled beside the old and renamed into place) while sparing the disk
a new file per page — and deleting the old site then frees no file still in use. On the
ext4 disk measured here, creating thousands of files just after thousands were deleted
near them cost seconds (see benchmarks/README.md); linking allocates none. Where links are
not possible (another file system, one that has none), the page is written.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from guidetrace.trace.errors import GuidetraceError

_PAGE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-]*\.html$")


def page_writer(outdir: Path, previous: Path | None = None,
                progress: Callable[[int, int], None] | None = None) -> Callable[[str, str], None]:
    """write(name, text) into `outdir`; `previous` is the site being replaced, whose identical pages are
    linked. Safe in forked workers: a page is only ever created, never replaced, so two pages under one
    name are refused even when two workers write them."""
    written: set[str] = set()
    linking = [previous is not None]  # turned off at the first refusal: the file system has no links

    def write(name: str, text: str) -> None:
        if not _PAGE_NAME.match(name):  # names come from slug(): this can only trip on a bug
            raise GuidetraceError(f"refusing to write {name!r}: not a plain page name in {outdir}")
        if name in written:  # two pages under one name: one would silently replace the other
            raise GuidetraceError(f"two pages would share the name {name!r} in {outdir}")
        written.add(name)
        data = text.encode("utf-8")  # bytes: text mode's codec layer costs more than the encoding
        try:
            if not (linking[0] and previous is not None and _linked(previous / name, outdir / name, data, linking)):
                with open(outdir / name, "xb") as f:
                    f.write(data)
        except FileExistsError:  # another worker wrote it
            raise GuidetraceError(f"two pages would share the name {name!r} in {outdir}") from None
        if progress is not None:
            progress(len(written), 0)  # pages written so far (a forked worker counts its own)

    return write


def _linked(old: Path, new: Path, data: bytes, linking: list[bool]) -> bool:
    """True when `old` (a plain file, never a symbolic link) holds exactly `data` and `new` is now a link to it."""
    try:
        found = os.lstat(old)
        if not stat.S_ISREG(found.st_mode) or found.st_size != len(data):
            return False
        with open(old, "rb") as f:
            if f.read() != data:
                return False
        os.link(old, new, follow_symlinks=False)
        return True
    except FileNotFoundError:
        return False
    except FileExistsError:
        raise
    except OSError:  # no links here (EPERM, EXDEV, EMLINK...): every page is written from now on
        linking[0] = False
        return False
