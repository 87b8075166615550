"""The comment document shipped as demo data: the ministry's results for the v3.0 draft, loaded by
`guidetrace demo` and by `comments load --bundled` as round scsg-3.0-draft on revision 3.0-draft."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SEED_NAME = "scsg-v3.0-draft-comment-results.md"
SEED_REVISION = "3.0-draft"


def seed_path() -> Path:
    return Path(str(resources.files("guidetrace.comments") / "data" / SEED_NAME))


def is_seed(source_file: str | None, sha256: str | None) -> bool:
    """Whether a round was loaded from the shipped seed (by this install or another), so the command that
    loads it again is `comments load --bundled`."""
    if not source_file or Path(source_file).name != SEED_NAME:
        return False
    from .store_comments import file_sha256

    return sha256 is None or sha256 == file_sha256(seed_path())
