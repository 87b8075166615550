"""The one YAML loader for user files (trees, lexicons): safe, with line numbers, bounded.

A SafeLoader subclass that records the 1-based line of every mapping under `__line__`
(so errors can name it), refuses alias bombs, and turns any YAML error into one line.
"""

from __future__ import annotations

from typing import Any

import yaml

from .errors import GuidetraceError

LINE = "__line__"
MAX_ALIASES = 100  # a tree or lexicon needs none; thousands are an alias bomb


class LineSafeLoader(yaml.SafeLoader):
    """SafeLoader that stores the 1-based line of every mapping under `__line__`, and refuses
    alias bombs (a few lines that expand to gigabytes)."""

    aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.events.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise yaml.YAMLError(f"more than {MAX_ALIASES} aliases (*name): refused as an alias bomb "
                                     f"(line {mark.line + 1})")
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping[LINE] = node.start_mark.line + 1
        return mapping


def load_yaml(text: str, *, file: str) -> Any:
    """Safe YAML with line numbers; any YAML error becomes a one-line GuidetraceError."""
    try:
        return yaml.load(text, Loader=LineSafeLoader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError:
        raise GuidetraceError("invalid YAML: nested too deeply (expected a tree of a few levels)", file=file) from None
    except yaml.YAMLError as exc:
        # Where the unclosed construct began says more than where the parser gave up.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise GuidetraceError(
            f"invalid YAML: {problem}", file=file, line=mark.line + 1 if mark else None
        ) from None
