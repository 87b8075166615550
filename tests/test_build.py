"""`guidetrace build`: a project file's loads and site in one process, the same as the three commands."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidetrace.trace.cli import cli
from guidetrace.api import BUNDLED, read_project
from guidetrace.trace.errors import GuidetraceError

from .conftest import require

TREE = """key,kind,title,parent
1,chapter,街路灯の管理,
1.1,section,点検の周期,1
1.2,section,故障の連絡,1
2,chapter,遠隔監視,
2.1,section,通信の暗号化,2
2.2,section,ソフトウェアの更新,2
"""
COMMENTS = """番号\t該当箇所\tご意見\tご意見に対する考え方
1\t1.1\t点検の周期を年2回と明記してください。\tご意見を踏まえ、修正いたします。
2\t2.1、2.2\t暗号化と更新の手順を具体的に示してください。\t今後の参考とさせていただきます。
3\t第2章\t遠隔監視の対象を限定すべきです。\t原案のとおりとします。
"""
PROJECT = """# 街路灯ガイドライン
store: work/lights.db
trees:
  - file: tree.csv
    guideline: lights
    title: 街路灯ガイドライン
    revision: "1.0"
comments:
  - file: comments.tsv
    revision: "1.0"
    round: r1
site: site
"""


def project(folder: Path, text: str = PROJECT) -> Path:
    (folder / "work").mkdir(parents=True, exist_ok=True)
    (folder / "tree.csv").write_text(TREE, encoding="utf-8")
    (folder / "comments.tsv").write_text(COMMENTS, encoding="utf-8")
    path = folder / "guidetrace.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def pages(site: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(site.glob("*.html"))}


def test_build_equals_the_three_commands(tmp_path: Path) -> None:
    require(shutil.which("dot") is not None, "Graphviz's dot (apt-get install graphviz)")
    path = project(tmp_path / "p")
    result = invoke("build", str(path))
    assert result.exit_code == 0, result.output
    assert "1.0：7節（追加 7" in result.stderr and "r1（TSV、版 1.0）：意見 3件（新規 3" in result.stderr
    index = tmp_path / "p" / "site" / "index.html"
    assert result.stdout.strip() == str(index) and (tmp_path / "p" / "work" / "lights.db").exists()

    db, site = str(tmp_path / "three.db"), tmp_path / "three-site"
    p = tmp_path / "p"
    assert invoke("--db", db, "guideline", "load", str(p / "tree.csv"), "--guideline", "lights", "--title",
                  "街路灯ガイドライン", "--revision", "1.0").exit_code == 0
    assert invoke("--db", db, "comments", "load", str(p / "comments.tsv"), "--revision", "1.0", "--round", "r1").exit_code == 0
    assert invoke("--db", db, "site", str(site)).exit_code == 0
    built = pages(p / "site")
    assert built == pages(site) and len(built) > 6  # every section has its page

    again = invoke("build", str(path))  # run again: everything matches, nothing changes
    assert again.exit_code == 0 and "意見 3件（新規 0、一致 3、削除 0）" in again.stderr
    assert pages(p / "site") == built


def test_reports_written_beside_the_site(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = project(tmp_path, PROJECT + "reports:\n  folder: out/reports\n  formats: [xlsx, csv]\n")
    result = invoke("build", str(path))
    assert result.exit_code == 0 and "レポート 8件を" in result.stderr
    folder = tmp_path / "out" / "reports"
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{n}.{f}" for n in ("sections", "responses", "topics", "plan")
                                                               for f in ("xlsx", "csv"))
    assert (folder / "responses.csv").read_bytes().startswith("\ufeff".encode())  # Excel reads it as UTF-8
    assert "点検の周期を年2回と明記してください。" in (folder / "responses.csv").read_text(encoding="utf-8-sig")
    assert load_workbook(folder / "sections.xlsx").active.max_row > 6


def test_db_option_overrides_the_project_store(tmp_path: Path) -> None:
    path = project(tmp_path, PROJECT.replace("site: site\n", ""))
    other = tmp_path / "other.db"
    result = invoke("--db", str(other), "build", str(path))
    assert result.exit_code == 0 and result.stdout == ""  # no site: asked for none
    assert other.exists() and not (tmp_path / "work" / "lights.db").exists()
    listed = invoke("--db", str(other), "rounds", "--format", "json")
    assert '"r1"' in listed.stdout


@pytest.mark.parametrize("text,expected", [
    (PROJECT.replace("    round: r1\n", "    rund: r1\n"),
     "guidetrace.yaml:9: unknown key 'rund' (expected one of file, revision, round,"),
    (PROJECT.replace('    revision: "1.0"\n    round', "    round"), "guidetrace.yaml:9: revision: missing"),
    (PROJECT.replace('revision: "1.0"\ncomments', "revision: 1.10\ncomments"),
     "guidetrace.yaml:4: revision: expected text: put it in quotes, or YAML reads it as a number, found 1.1"),
    (PROJECT.replace("  - file: tree.csv\n", "  - file: tree.csv\n    bundled: true\n"),
     "guidetrace.yaml:4: a tree gives either file: or bundled: true"),
    (PROJECT.replace("    round: r1\n", "    round: r1\n    format: word\n"),
     "guidetrace.yaml:9: format: expected one of auto, mic, markdown"),
    (PROJECT + "reports:\n  folder: out\n  names: [sections, plann]\n",
     "guidetrace.yaml:14: names: expected a list of sections, responses, campaigns, topics, plan, found"),
    (PROJECT + "reports:\n  folder: out\n  formats: [xlsx, html]\n",
     "guidetrace.yaml:14: formats: the responses report has no html (it has md, csv, json, xlsx)"),
    (PROJECT + "reports:\n  names: [plan]\n", "guidetrace.yaml:14: folder: missing"),
    (PROJECT.replace("    round: r1\n", "    round: r1\n    grow_tree: yes please\n"),
     "guidetrace.yaml:9: grow_tree: expected true or false, found 'yes please'"),
    ("trees: tree.csv\n", "guidetrace.yaml:1: trees: expected a list, found 'tree.csv'"),
    ("comments: [comments.tsv]\n", "guidetrace.yaml: expected a mapping of file, revision, round,"),
    ("trees: [3]\n", "guidetrace.yaml: expected a mapping of file, bundled,"),
    ("- a\n- b\n", "guidetrace.yaml:1: expected a mapping with trees:, comments: and site:"),
    ("site: out\n", "guidetrace.yaml:1: nothing to build: give trees: or comments:"),
    ("trees: [\n", "guidetrace.yaml:2: invalid YAML"),
])
def test_a_bad_project_is_one_line_and_touches_no_store(tmp_path: Path, text: str, expected: str) -> None:
    path = project(tmp_path, text)
    result = invoke("build", str(path))
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert "\n" not in line and line.startswith("guidetrace: error: ")
    assert line.removeprefix("guidetrace: error: ").removeprefix(f"{tmp_path}/").startswith(expected), line
    assert not (tmp_path / "work" / "lights.db").exists()


def test_the_store_defaults_to_beside_the_project_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = project(tmp_path / "p", PROJECT.replace("store: work/lights.db\n", "").replace("site: site\n", ""))
    monkeypatch.chdir(tmp_path)
    assert invoke("build", str(path)).exit_code == 0
    assert (tmp_path / "p" / "guidetrace.db").exists() and not (tmp_path / "guidetrace.db").exists()


def test_a_tree_may_be_named_alone(tmp_path: Path) -> None:
    """A YAML tree names its guideline and revision itself: `trees: [a.yaml, b.yaml]` is enough."""
    (tmp_path / "t.yaml").write_text("guideline: {key: g, title: 街灯}\nrevision: {key: '1', label: 第1版}\n"
                                     "sections:\n  - {key: '1', kind: chapter, title: 総則}\n", encoding="utf-8")
    path = tmp_path / "guidetrace.yaml"
    path.write_text("trees: [t.yaml]\n", encoding="utf-8")
    assert read_project(path).trees[0].file == tmp_path / "t.yaml"
    result = invoke("build", str(path))
    assert result.exit_code == 0 and "1：2節（追加 2" in result.stderr, result.output


def test_a_failing_step_names_its_file(tmp_path: Path) -> None:
    path = project(tmp_path)
    (tmp_path / "comments.tsv").unlink()
    result = invoke("build", str(path))
    assert result.exit_code == 2 and "comments.tsv" in result.stderr and "1.0：7節" in result.stderr


def test_missing_project_file(tmp_path: Path) -> None:
    result = invoke("build", str(tmp_path / "none.yaml"))
    assert result.exit_code == 2 and "none.yaml: cannot read the project file" in result.stderr


values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                      max_leaves=10)
keys = st.sampled_from(["store", "trees", "comments", "site", "lang", "file", "revision", "bundled", "format", "x"])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(keys, values | st.lists(st.dictionaries(keys, values, max_size=4), max_size=3), max_size=5))
def test_any_project_is_read_or_refused_in_one_line(tmp_path: Path, doc: dict[str, object]) -> None:
    path = tmp_path / "guidetrace.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    try:
        spec = read_project(path)
    except GuidetraceError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
    else:
        assert spec.trees or spec.comments
        assert all(isinstance(t.file, Path) or t.file is BUNDLED for t in spec.trees)


def test_the_readme_example_is_a_valid_project(tmp_path: Path) -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    example = readme.split("### One project file, one command", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    spec = read_project(project(tmp_path, example))
    assert [t.file is BUNDLED for t in spec.trees] == [True, False, False]
    assert spec.trees[2].options.revision == "4.0-draft"
    assert spec.trees[1].file == tmp_path / "trees" / "3.1.yaml" and spec.trees[1].options.revision is None
    assert spec.comments[0].file.name == "scsg-v3.0-draft-comment-results.md"
    assert spec.comments[0].options.revision == "3.0-draft"
    assert spec.comments[1].options.grow_tree and spec.site == tmp_path / "site" and spec.lang == "ja"
    assert spec.store == str(tmp_path / "work" / "guidetrace.db")
    assert spec.reports is not None and spec.reports.formats == ("xlsx", "csv") and len(spec.reports.names) == 4
