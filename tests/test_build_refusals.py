"""`guidetrace build` never writes over what it reads: a report over an input, over the project file or over
the store, and a site folder holding the store, are refused in one line before anything is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from guidetrace.trace.cli import cli

from .test_build import COMMENTS, TREE


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def inputs(folder: Path) -> None:
    (folder / "tree.csv").write_text(TREE, encoding="utf-8")
    (folder / "responses.md").write_text(COMMENTS, encoding="utf-8")  # a TSV table, named as the report would be


def project_yaml(store: str, reports: str = "", site: str = "") -> str:
    return (f"store: {store}\ntrees:\n  - file: tree.csv\n    guideline: lights\n    revision: \"1.0\"\n"
            f"comments:\n  - file: responses.md\n    revision: \"1.0\"\n    round: r1\n    format: tsv\n"
            + (f"reports: {reports}\n" if reports else "") + (f"site: {site}\n" if site else ""))


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def refused(result: Result, folder: Path, before: dict[str, bytes], *words: str) -> None:
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().split("\n")
    assert len(lines) == 1 and lines[0].startswith("guidetrace: error: ") and "nothing was written" in lines[0]
    assert all(w in lines[0] for w in words), lines[0]
    assert snapshot(folder) == before  # nothing made, nothing replaced: no store, no report, no folder


def test_a_report_over_its_own_comment_document(tmp_path: Path, run, store_url: str) -> None:  # type: ignore[no-untyped-def]
    inputs(tmp_path)
    path = tmp_path / "guidetrace.yaml"
    path.write_text(project_yaml("guidetrace.db", "{folder: ., names: [responses], formats: [md]}"), encoding="utf-8")
    before = snapshot(tmp_path)
    refused(invoke("build", str(path)), tmp_path, before, "responses.md", "the comment document")
    # with the store elsewhere (--db: SQLite or PostgreSQL) the same, and that store is left empty
    refused(run("build", str(path)), tmp_path, before, "responses.md")
    if "://" in store_url:
        assert json.loads(run("rounds", "--format", "json").stdout) == []
    else:
        assert not Path(store_url).exists()
    # another folder builds, and a second build reads the document, not a report
    path.write_text(project_yaml("guidetrace.db", "{folder: out, names: [responses], formats: [md]}"), encoding="utf-8")
    for _ in range(2):
        assert invoke("build", str(path)).exit_code == 0
    assert (tmp_path / "responses.md").read_text(encoding="utf-8") == COMMENTS
    assert "ご意見" in (tmp_path / "out" / "responses.md").read_text(encoding="utf-8")


def test_a_report_over_the_project_file(tmp_path: Path) -> None:
    inputs(tmp_path)
    path = tmp_path / "plan.json"  # YAML reads JSON: a project file may well be one
    spec = {"store": "guidetrace.db", "trees": [{"file": "tree.csv", "guideline": "lights", "revision": "1.0"}],
            "comments": [{"file": "responses.md", "revision": "1.0", "round": "r1", "format": "tsv"}],
            "reports": {"folder": ".", "names": ["plan"], "formats": ["json"]}}
    path.write_text(json.dumps(spec), encoding="utf-8")
    before = snapshot(tmp_path)
    refused(invoke("build", str(path)), tmp_path, before, "plan.json", "the project file")


@pytest.mark.parametrize("store, reports, site, words", [
    ("sections.csv", "{folder: ., names: [sections], formats: [csv]}", "", ("sections.csv", "the store")),
    ("work/guidetrace.db", "", "work", ("work", "holds the store")),
    ("guidetrace.db", "", "responses.md", ("responses.md", "the comment document")),
])
def test_outputs_over_the_store(tmp_path: Path, store: str, reports: str, site: str, words: tuple[str, ...]) -> None:
    inputs(tmp_path)
    path = tmp_path / "guidetrace.yaml"
    path.write_text(project_yaml(store, reports, site), encoding="utf-8")
    if store.startswith("work/"):  # a store already built there
        (tmp_path / "work").mkdir()
        (tmp_path / "work" / "guidetrace.db").write_bytes(b"")
    before = snapshot(tmp_path)
    refused(invoke("build", str(path)), tmp_path, before, *words)
