"""A command's options made from the front door's options dataclass (guidetrace/api/options.py), so the command
line, the project file and the library take the same options under the same names, listed once.

Each field becomes `--its-name` (`grow_tree` → `--grow-tree`) with the field's default, help and choices; the
command receives them under the field's name and builds the dataclass with `cls(**given)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, Field, fields
from pathlib import Path
from typing import Any, TypeVar, get_type_hints

import click

from guidetrace.api.options import flag

from . import registries
from .base import RuleChoice

F = TypeVar("F", bound=Callable[..., Any])


def cli_options(cls: type, *, skip: tuple[str, ...] = ()) -> Callable[[F], F]:
    """Decorates a command with one option per field of `cls` (but `skip`), in the fields' order."""
    hints = get_type_hints(cls)
    made = [_option(x, hints[x.name]) for x in fields(cls) if x.name not in skip]

    def decorate(command: F) -> F:
        for option in reversed(made):
            command = option(command)
        return command

    return decorate


def _option(x: Field[Any], kind: Any) -> Callable[[F], F]:
    meta = x.metadata
    default = None if x.default is MISSING else x.default
    common: dict[str, Any] = {"help": meta["help"] or None}
    if kind is bool:
        return click.option(flag(x), x.name, is_flag=True, **common)
    if meta["registry"]:
        return registries.listed(flag(x), x.name, registry=getattr(registries, meta["registry"]), auto=True,
                                 default=default, **common)
    if meta["choices"] is not None:
        return click.option(flag(x), x.name, type=RuleChoice(meta["choices"]), default=default, **common)
    if Path in getattr(kind, "__args__", (kind,)):
        return click.option(flag(x), x.name, type=click.Path(path_type=Path), default=default, **common)
    return click.option(flag(x), x.name, default=default, **common)
