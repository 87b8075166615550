"""The README's synopsis, checked in-process against the commands (fast): every option it names exists,
every choice it lists is accepted, every placeholder has a value in tests/test_install.py, which runs the
lines from a wheel install. The expansion rules themselves (tests/readme_commands.py) are checked here."""

from __future__ import annotations

import pytest

from guidetrace.trace.cli import cli

from .readme_commands import expand, fenced_block, option_errors, synopsis_lines
from .test_install import PLACEHOLDERS

LINES = synopsis_lines(fenced_block("## Using it"))


def test_every_option_and_choice_the_readme_names_is_the_commands() -> None:
    errors = [e for line in LINES for e in option_errors(line, cli)]
    assert not errors, "\n".join(errors)
    assert any("[--lang ja|en]" in line for line in LINES)  # optional parts are checked too
    wrong = "guidetrace report responses|topics [--format md|docx] [--colour red] ; guidetrace diagram heat|tree"
    assert option_errors(wrong, cli) == [
        f"`{wrong}`: fmt does not accept 'docx'", f"`{wrong}`: responses has no option --colour",
        f"`{wrong}`: fmt does not accept 'docx'", f"`{wrong}`: topics has no option --colour",
        f"`{wrong}`: kind does not accept 'tree'"]


def test_every_line_expands_with_the_placeholders_given_a_value() -> None:
    commands = [c for line in LINES for c in expand(line, PLACEHOLDERS, cli)]
    assert ("comments", "load", "--bundled") in [c.argv for c in commands]
    assert not [w for c in commands for w in c.argv if w.isupper() or "|" in w or "[" in w or "…" in w]


def test_the_expansion_rules() -> None:
    values = {"OPINION": "o/1", "SECTION": "3.1", "T": "sbom", "N": "1", "KIND": "topic"}
    argv = [c.argv for c in expand("guidetrace review set OPINION --cite SECTION | --tag T [--note …]", values, cli)]
    assert argv == [("review", "set", "o/1", "--cite", "3.1"), ("review", "set", "o/1", "--tag", "sbom")]
    argv = [c.argv for c in expand("guidetrace review accept OPINION… | --kind KIND [--round K]", values, cli)]
    assert argv == [("review", "accept", "o/1"), ("review", "accept", "--kind", "topic")]
    argv = [c.argv for c in expand("guidetrace review log ; guidetrace review undo N|OPINION", values, cli)]
    assert argv == [("review", "log"), ("review", "undo", "1"), ("review", "undo", "o/1")]
    argv = [c.argv for c in expand("guidetrace export graph --format graphml|json [-o FILE]", values, cli)]
    assert argv == [("export", "graph", "--format", "graphml")]
    assert len(expand("guidetrace report responses|topics|plan [--lang ja|en]", values, cli)) == 3
    with pytest.raises(AssertionError, match="the README placeholder D"):
        expand("guidetrace review set OPINION --disposition D", values, cli)
