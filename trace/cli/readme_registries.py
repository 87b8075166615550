"""The README's tables of formats, reports and diagrams, written from the registries between its markers:
`python -m guidetrace.trace.cli.readme_registries README.md`. tests/test_registries.py fails when the
README's block is not what this writes."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from .registries import FAMILIES

START, END = "<!-- registries:start -->", "<!-- registries:end -->"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def readme_block() -> str:
    """The README's section between the markers: each family's entries as the registries hold them."""
    from guidetrace.reports.labels import label

    out = [START, "<!-- written by `python -m guidetrace.trace.cli.readme_registries README.md`: edit the registries -->"]
    for family in FAMILIES:
        registry = family.registry()
        out += ["", f"**{family.title}** — {family.where}:", "",
                "| name | label (ja / en) | endings | options | written as | what it is |", "|---|---|---|---|---|---|"]
        for e in registry.values():
            labels = f"{label(e.label, 'ja')} / {label(e.label, 'en')}"
            formats = " ".join(f"**{f}**" if f == e.default else f for f in e.formats)
            out.append("| " + " | ".join(_cell(x) for x in (
                f"`{e.name}`", labels, " ".join(f"`{s}`" for s in e.suffixes), ", ".join(e.options), formats, e.help))
                + " |")
    out.append(END)
    return "\n".join(out)


def with_block(readme: str) -> str:
    """The README with its block replaced by what the registries say now."""
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
    if not pattern.search(readme):
        raise click.ClickException(f"the README has no {START} … {END} block")
    return pattern.sub(lambda _: readme_block(), readme, count=1)


def main(argv: list[str]) -> None:
    from ..output import write_atomic

    path = Path(argv[0] if argv else "README.md")
    write_atomic(path, with_block(path.read_text(encoding="utf-8")))


if __name__ == "__main__":
    main(sys.argv[1:])
