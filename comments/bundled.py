"""The comment document shipped as demo data: the ministry's results for the v3.0 draft."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

SEED_NAME = "scsg-v3.0-draft-comment-results.md"
SEED_REVISION = "3.0-draft"


def seed_path() -> Path:
    return Path(str(resources.files("guidetrace.comments") / "data" / SEED_NAME))
