"""Issue 33: every pluggable family is one registry, and the command line, the project file and the README
are read from it. A registered name missing from `--help`, the project file's checks or the README fails
here; a toy format added with one module and one registry line loads a file and shows in `--help`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidetrace.comments.readers import detect_format, read_document
from guidetrace.comments.readers.registry import READERS
from guidetrace.guideline.formats.registry import TREE_FORMATS
from guidetrace.guideline.importers.registry import IMPORTERS
from guidetrace.reports.diagrams.registry import DIAGRAMS
from guidetrace.reports.exports import EXPORTS
from guidetrace.reports.labels import labels
from guidetrace.reports.registry import REPORTS
from guidetrace.trace.cli import cli
from guidetrace.api import read_project
from guidetrace.trace.cli.readme_registries import readme_block, with_block
from guidetrace.trace.cli.registries import FAMILIES
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.registry import Plugin

from .conftest import FIXTURES
from .readme_commands import README

ALL = (READERS, TREE_FORMATS, IMPORTERS, REPORTS, DIAGRAMS, EXPORTS)
TOY = Plugin("ssv", "layout_ssv", "tests.toy_reader:read_ssv", (".ssv",), options=("columns", "encoding"),
             help="Semicolon-separated values.")


def _help(*command: str) -> str:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


def _choices(text: str, option: str) -> list[str]:
    """The `[a|b|c]` or `{a|b|c}` click shows after `option` in a help text."""
    line = next(line for line in text.splitlines() if option in line)
    shown = line.split(option, 1)[1].strip().split()[0]
    return shown.strip("[]{}").split("|")


def _project(tmp_path: Path, body: str) -> Path:
    (tmp_path / "t.yaml").write_text("x", encoding="utf-8")
    path = tmp_path / "guidetrace.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def help_errors() -> list[str]:
    """Each registered name the command line's `--help` does not offer."""
    offered = {
        "comment readers": _choices(_help("comments", "load"), "--format"),
        "tree formats": _choices(_help("guideline", "load"), "--format"),
        "diagrams": _choices(_help("diagram"), "diagram [OPTIONS]"),
        "exports": _choices(_help("export", "graph"), "--format"),
        "reports": [line.split()[0] for line in _help("report").split("Commands:")[1].splitlines() if line.strip()],
    }
    errors = [f"{r.family}: {name} not in --help" for r in ALL if r.family in offered
              for name in r if name not in offered[r.family]]
    errors += [f"{r.family}: --help offers {name}, not registered" for r in ALL if r.family in offered
               for name in offered[r.family] if name != "auto" and name not in r]
    for kind in REPORTS.values():
        shown = _choices(_help("report", kind.name), "--format")
        errors += [f"report {kind.name}: --format lacks {f}" for f in kind.formats if f not in shown]
    shown = _choices(_help("diagram"), "--format")
    errors += [f"diagram: --format lacks {f}" for f in DIAGRAMS.formats() if f not in shown]
    return errors


def project_errors(tmp_path: Path) -> list[str]:
    """Each registered name the project file refuses where its family is named."""
    errors = []
    for name in READERS.names(auto=True):
        project = read_project(_project(tmp_path, f"comments: [{{file: c, revision: R, format: {name}}}]\n"))
        if project.comments[0].options.format != name:
            errors.append(f"comments format {name} read as {project.comments[0].options.format}")
    for name in TREE_FORMATS.names(auto=True):
        if read_project(_project(tmp_path, f"trees: [{{file: t.yaml, format: {name}}}]\n")).trees[0].options.format != name:
            errors.append(f"trees format {name}")
    for kind in REPORTS.values():
        for fmt in kind.formats:
            if fmt == "table":  # for the terminal: no file is written as a table
                continue
            body = f"trees: [t.yaml]\nreports: {{folder: out, names: [{kind.name}], formats: [{fmt}]}}\n"
            try:
                read_project(_project(tmp_path, body))
            except GuidetraceError as exc:
                errors.append(f"reports {kind.name} {fmt}: {exc}")
    return errors


def test_every_registered_name_is_in_help() -> None:
    assert help_errors() == []


def test_the_project_file_takes_every_registered_format_and_refuses_others(tmp_path: Path) -> None:
    assert project_errors(tmp_path) == []
    for body, key in (("comments: [{file: c, revision: R, format: nosuch}]\n", "format"),
                      ("trees: [{file: t.yaml, format: xml}]\n", "format"),
                      ("trees: [t.yaml]\nreports: {folder: o, names: [nosuch]}\n", "names")):
        with pytest.raises(GuidetraceError, match=f"{key}: expected"):
            read_project(_project(tmp_path, body))


def test_the_readme_block_is_what_the_registries_say() -> None:
    readme = README.read_text(encoding="utf-8")
    assert readme_block() in readme, "run `python -m guidetrace.trace.cli.readme_registries README.md`"
    assert {f.registry().family for f in FAMILIES} == {r.family for r in ALL}
    for registry in ALL:
        for entry in registry.values():
            assert f"| `{entry.name}` |" in readme_block()


def test_every_record_has_a_label_in_both_languages() -> None:
    missing = [f"{r.family}: {e.name} ({e.label}, {lang})" for r in ALL for e in r.values() for lang in ("ja", "en")
               if e.label not in labels(lang)]
    assert missing == []
    assert all(e.help for r in ALL for e in r.values())


@pytest.fixture
def toy() -> Iterator[Plugin]:
    """The toy format's one registry line, for the length of a test."""
    READERS.register(TOY)
    try:
        yield TOY
    finally:
        READERS.unregister(TOY.name)


def _ssv(tmp_path: Path) -> Path:
    text = (FIXTURES / "comments" / "numbered.tsv").read_text(encoding="utf-8")
    assert ";" not in text
    path = tmp_path / "numbered.ssv"
    path.write_text(text.replace("\t", ";"), encoding="utf-8")
    return path


def test_a_toy_format_loads_a_file_and_shows_in_help_and_the_readme(toy: Plugin, tmp_path: Path) -> None:
    path = _ssv(tmp_path)
    assert detect_format(path) == "ssv"
    document = read_document(path)
    opinions = list(document.opinions)
    tsv = list(read_document(FIXTURES / "comments" / "numbered.tsv").opinions)
    assert (document.layout, len(opinions)) == ("ssv", 10)
    assert [(o.number, o.location, o.body) for o in opinions] == [(o.number, o.location, o.body) for o in tsv]

    assert "ssv" in _choices(_help("comments", "load"), "--format")
    assert "ssv (.ssv)" in " ".join(_help("comments", "load").split())
    assert read_project(_project(tmp_path, "comments: [{file: c, revision: R, format: ssv}]\n")).comments[0].options.format == "ssv"
    assert help_errors() == []  # the check holds with the toy registered: it reads the registry, not a list
    readme = README.read_text(encoding="utf-8")
    assert readme_block() not in readme and "| `ssv` |" in with_block(readme)  # the README check would fail

    db = tmp_path / "store.db"
    runner = CliRunner()
    loaded = runner.invoke(cli, ["--db", str(db), "guideline", "load", "--bundled"])
    assert loaded.exit_code == 0, loaded.output
    result = runner.invoke(cli, ["--db", str(db), "comments", "load", str(path), "--revision", "3.0-draft"])
    assert result.exit_code == 0, result.output
    listed = runner.invoke(cli, ["--db", str(db), "comments", "list", "--format", "json"])
    assert listed.output.count('"body"') == 10


def test_the_toy_is_gone_once_unregistered(tmp_path: Path) -> None:
    assert "ssv" not in READERS and detect_format(_ssv(tmp_path)) != "ssv"
    result = CliRunner().invoke(cli, ["comments", "load", str(_ssv(tmp_path)), "--revision", "R", "--format", "ssv"])
    assert result.exit_code == 2 and "'ssv' is not one of" in result.output


def test_a_name_registered_twice_is_refused() -> None:
    with pytest.raises(ValueError, match="registered already"):
        READERS.register(Plugin("csv", "layout_csv", "x:y"))
    with pytest.raises(GuidetraceError, match="unknown diagram 'tree' \\(expected one of heat, topics, impact, lineage\\)"):
        DIAGRAMS.pick("tree")
