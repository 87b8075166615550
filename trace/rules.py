"""Loading the tunable rule files shipped with the package (always with safe YAML)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# libyaml's safe loader where PyYAML was built with it (ten times faster; the same safe subset)
_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def packaged_yaml(package: str, name: str) -> Any:
    text = (resources.files(package) / "data" / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_SAFE)  # noqa: S506 - a safe loader, C or Python
