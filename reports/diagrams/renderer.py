"""Which program lays out the DOT: the system's Graphviz when `dot` is on PATH, else graphviz-pure.

graphviz-pure (a PyPI wheel, installed with guidetrace) is a static Rust port of Graphviz 16.1.0 with
dot's flags, so a machine without Graphviz still draws every diagram. It writes svg and png, not pdf;
and it has no metrics for CJK characters (it measures them as a space), which is why the emitter gives
every node its size (`model.label_size`). The system's Graphviz stays first: it writes pdf and
measures the text in the font it names.

GUIDETRACE_DOT chooses: `auto` (or unset: the system's, else the embedded), `system`, `embedded`, or
the path of a dot-compatible program. Tests and callers may also pass a `Renderer` directly.
"""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from guidetrace.trace.errors import GuidetraceError

ENV = "GUIDETRACE_DOT"
EMBEDDED = "graphviz-pure"
INSTALL_GRAPHVIZ = "apt-get install graphviz fonts-noto-cjk"
ALL_FORMATS = frozenset({"svg", "png", "pdf"})
EMBEDDED_FORMATS = frozenset({"svg", "png"})


@dataclass(frozen=True)
class Renderer:
    kind: str  # system | embedded | given (a path in GUIDETRACE_DOT)
    program: str
    formats: frozenset[str]

    def check(self, fmt: str) -> None:
        """One line for a format this program cannot write (pdf without the system's Graphviz)."""
        if fmt not in self.formats:
            raise GuidetraceError(f"--format {fmt} needs the system's Graphviz ({INSTALL_GRAPHVIZ}); the embedded "
                                  f"renderer {EMBEDDED} writes {', '.join(sorted(self.formats))} and dot")


def system_dot() -> Renderer | None:
    found = shutil.which("dot")
    return Renderer("system", found, ALL_FORMATS) if found else None


def embedded_dot() -> Renderer | None:
    """graphviz-pure on PATH, else beside this Python (a venv's bin or Scripts, not on PATH when the venv is not
    activated), else in the install scheme's scripts folder (`pip install --user`, a system prefix)."""
    found = shutil.which(EMBEDDED)
    if found is None:
        names = (EMBEDDED + ".exe", EMBEDDED) if os.name == "nt" else (EMBEDDED,)
        folders = [Path(sys.executable).parent, Path(sysconfig.get_path("scripts")),
                   Path(sysconfig.get_path("scripts", sysconfig.get_preferred_scheme("user")))]
        found = next((str(f / n) for f in folders for n in names if (f / n).is_file() and os.access(f / n, os.X_OK)),
                     None)
    return Renderer("embedded", found, EMBEDDED_FORMATS) if found else None


def find_renderer(choice: str | None = None) -> Renderer | None:
    """The renderer `choice` (else GUIDETRACE_DOT) names; None when none is installed."""
    choice = (os.environ.get(ENV, "") if choice is None else choice).strip() or "auto"
    if choice == "auto":
        return system_dot() or embedded_dot()
    if choice == "system":
        return system_dot()
    if choice == "embedded":
        return embedded_dot()
    path = Path(choice)
    if not (path.is_file() and os.access(path, os.X_OK)):
        raise GuidetraceError(f"{ENV}={choice}: expected auto, system, embedded or the path of a dot program")
    return Renderer("given", str(path), EMBEDDED_FORMATS if path.name.startswith(EMBEDDED) else ALL_FORMATS)


def needed() -> str:
    return f"a renderer for the diagrams: pip install {EMBEDDED}, or {INSTALL_GRAPHVIZ}"
