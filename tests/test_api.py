"""Issue 33, item 2: the library front door. The whole job through `guidetrace.api` alone (trees, the seed,
report files, the site, review), on SQLite and PostgreSQL; and the options, listed once in
api/options.py, are what the command line offers, what the project file takes and what the loader
is given — a field added to one and not the others fails here."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any, get_type_hints

import click
import pytest

from guidetrace import api
from guidetrace.api.options import LoadOptions, SiteOptions, TreeOptions, flag, project_keys
from guidetrace.trace.cli import cli

from .readme_commands import fenced_block


def test_the_whole_job_through_the_front_door(store_url: str, tmp_path: Path) -> None:
    store = api.open_store(store_url)
    try:
        trees = api.load_tree(store, api.BUNDLED)
        assert [(t.revision, t.sections) for t in trees][-2:] == [("3.0-draft", 35), ("3.0", 35)]
        loaded = api.load_comments(store, api.BUNDLED)
        assert loaded.round == "scsg-3.0-draft" and loaded.revision == "3.0-draft" and loaded.opinions > 20
        again = api.load_comments(store, api.BUNDLED, api.LoadOptions(revision="3.0-draft"))
        assert (again.opinions, again.added, again.removed, again.reload.changed) == (loaded.opinions, 0, 0, [])
        assert api.language(store) == "ja" and api.language(store, "en") == "en"

        written = api.write_reports(store, api.ReportOptions(tmp_path / "reports", ("sections", "plan"), ("csv", "md")))
        assert sorted(p.name for p in written.files) == ["plan.csv", "plan.md", "sections.csv", "sections.md"]
        assert written.lang == "ja" and written.payloads["plan"].groups
        assert (tmp_path / "reports" / "sections.csv").read_text(encoding="utf-8").startswith("\ufeff")  # Excel's BOM
        english = api.write_reports(store, api.ReportOptions(tmp_path / "en", ("plan",), ("md",), lang="en"))
        assert english.lang == "en" and english.files[0].read_text(encoding="utf-8") != \
            (tmp_path / "reports" / "plan.md").read_text(encoding="utf-8")

        queued = api.review.queue(store)
        item = next(i for i in queued if i.kind != "topic" and i.kind != "privacy")
        made = api.review.accept(store, api.review.AcceptOptions(opinions=(item.opinion,), note="checked"))
        assert [d.action for d in made] == ["accept"]
        assert item.opinion not in {i.opinion for i in api.review.queue(store) if i.kind == item.kind}
        undone = api.review.undo(store, item.opinion)
        assert [e["opinion"] for e in undone] == [item.opinion]
        assert item.opinion in {i.opinion for i in api.review.queue(store) if i.kind == item.kind}

        index = api.build_site(store, api.SiteOptions(tmp_path / "site"))
        assert index == tmp_path / "site" / "index.html" and len(list(index.parent.glob("*.html"))) > 50
        assert 'lang="ja"' in index.read_text(encoding="utf-8")
    finally:
        store.dispose()


def test_bad_input_is_one_line_and_no_store_is_made(tmp_path: Path) -> None:
    store = api.open_store(str(tmp_path / "s.db"))
    try:
        with pytest.raises(api.GuidetraceError, match="give --revision"):
            api.load_comments(store, tmp_path / "results.md")
        with pytest.raises(api.GuidetraceError, match="bundled comment results are on revision 3.0-draft"):
            api.load_comments(store, api.BUNDLED, api.LoadOptions(revision="9.9"))
        with pytest.raises(api.GuidetraceError, match="unknown report 'nosuch'"):
            api.write_reports(store, api.ReportOptions(tmp_path / "r", ("nosuch",)))
        assert not (tmp_path / "r").exists()
    finally:
        store.dispose()
    with pytest.raises(api.GuidetraceError, match="give at least one of"):
        api.review.Decisions()
    with pytest.raises(api.GuidetraceError, match="no store at"):
        api.open_store(str(tmp_path / "none.db"), create=False)
    assert not (tmp_path / "none.db").exists()


def test_the_front_door_imports_nothing_until_asked() -> None:
    """`import guidetrace.api` (as the command line does at start-up) loads the options, not SQLAlchemy,
    a reader or a report; each exported name resolves."""
    probe = ("import sys, guidetrace.api as a; from guidetrace.api.options import LoadOptions;"
             "print(sorted(m for m in sys.modules if m.startswith(('sqlalchemy', 'guidetrace.comments', "
             "'guidetrace.reports', 'guidetrace.guideline', 'yaml'))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": ""})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
    assert all(getattr(api, name) is not None for name in api.__all__)
    with pytest.raises(AttributeError):
        api.nosuch  # noqa: B018


def _command(*path: str) -> click.Command:
    command: Any = cli
    for name in path:
        command = command.commands[name]
    return command  # type: ignore[no-any-return]


def _every_field_given(cls: type, root: Path) -> tuple[dict[str, Any], list[str], dict[str, Any]]:
    """A value for each of `cls`'s fields as the project file writes it and as the command line does, and
    what the options should hold (a path relative to the project file's folder; a field added later is
    covered with no change here)."""
    hints = get_type_hints(cls)
    doc: dict[str, Any] = {}
    argv: list[str] = []
    expected: dict[str, Any] = {}
    for x in fields(cls):
        kind, choices = hints[x.name], x.metadata["choices"]
        if kind is bool:
            doc[x.name] = expected[x.name] = True
            argv.append(flag(x))
            continue
        if choices is not None:
            value = expected[x.name] = [c for c in choices() if c != x.default][-1]
        elif Path in getattr(kind, "__args__", (kind,)):
            value, expected[x.name] = f"{x.name}.yaml", root / f"{x.name}.yaml"
        else:
            value = expected[x.name] = f"v-{x.name}"
        doc[x.name] = value
        argv += [flag(x), str(root / value) if isinstance(expected[x.name], Path) else value]
    return doc, argv, expected


@pytest.mark.parametrize(("cls", "command", "item"), [(LoadOptions, ("comments", "load"), "comments"),
                                                      (TreeOptions, ("guideline", "load"), "trees")])
def test_the_command_line_and_the_project_file_take_the_options_dataclass(
        cls: type, command: tuple[str, ...], item: str, tmp_path: Path) -> None:
    import yaml

    doc, argv, expected = _every_field_given(cls, tmp_path)
    # the command line: every field is an option of that name and default, and nothing else is
    cmd = _command(*command)
    offered = {p.name: p for p in cmd.params if isinstance(p, click.Option)}
    assert set(offered) - {"bundled", "help"} == {x.name for x in fields(cls)}
    assert all(offered[x.name].opts == [flag(x)] for x in fields(cls))
    defaults = cmd.make_context(command[-1], ["FILE"]).params
    assert cls(**{k: v for k, v in defaults.items() if k in expected}) == cls()
    parsed = cmd.make_context(command[-1], ["FILE", *argv]).params
    assert cls(**{k: v for k, v in parsed.items() if k in expected}) == cls(**expected)

    # the project file: the same keys (but the command line's own), read back as the same options
    keys = project_keys(cls)
    assert keys and set(keys) <= set(expected)
    given = {k: v for k, v in doc.items() if k in keys}
    (tmp_path / "doc.md").write_text("x", encoding="utf-8")
    (tmp_path / "guidetrace.yaml").write_text(yaml.safe_dump({item: [{"file": "doc.md", **given}]}, allow_unicode=True),
                                              encoding="utf-8")
    project = api.read_project(tmp_path / "guidetrace.yaml")
    read = (project.comments if item == "comments" else project.trees)[0]
    assert read.options == cls(**{k: v for k, v in expected.items() if k in keys})
    for key in set(doc) - set(keys):  # the command line's own (decisions: a one-off restore) is refused
        entry = {"file": "doc.md", **given, key: doc[key]}
        (tmp_path / "guidetrace.yaml").write_text(yaml.safe_dump({item: [entry]}), encoding="utf-8")
        with pytest.raises(api.GuidetraceError, match=f"unknown key '{key}'"):
            api.read_project(tmp_path / "guidetrace.yaml")


def test_the_loader_is_given_every_load_option() -> None:
    """comments/store_comments.load_comments' keywords are LoadOptions' fields (by LOADER_NAMES), so a
    keyword added to the loader and not to the options, or the other way, fails here."""
    from guidetrace.api.loads import LOADER_NAMES
    from guidetrace.comments.store_comments import load_comments

    keywords = {p.name for p in inspect.signature(load_comments).parameters.values() if p.kind is p.KEYWORD_ONLY}
    assert keywords - {"progress"} == {LOADER_NAMES.get(x.name, x.name) for x in fields(LoadOptions)}


def test_the_site_command_takes_site_options() -> None:
    offered = {p.name for p in _command("site").params if isinstance(p, click.Option)} - {"help"}
    arguments = [p.name for p in _command("site").params if isinstance(p, click.Argument)]
    assert offered | set(arguments) == {x.name for x in fields(SiteOptions)}


def test_the_readme_example_runs(tmp_path: Path) -> None:
    example = fenced_block("### As a library", "python")
    assert len(example.strip().splitlines()) == 6
    done = subprocess.run([sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True, timeout=600,
                          env={k: v for k, v in os.environ.items() if k != "GUIDETRACE_DB"})
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "work.db").is_file() and (tmp_path / "site" / "index.html").is_file()
