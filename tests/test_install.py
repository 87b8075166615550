"""The package as a user gets it: the wheel built from the folders, installed into a fresh venv outside
the checkout, and the README's commands run from that install, each as written, on the bundled data.

`pip install .` once installed a package without two of its packages (setup.cfg listed them by hand) and
nothing noticed: `make test` installs in editable mode, which maps the folders whole. Here the wheel is
built from a copy of the source (what `pip install .` builds), installed with its dependencies into a new
venv, and every command runs from a temporary folder with that venv's `guidetrace`; the test checks
that the code it runs is the venv's, not the checkout's.

The README's "Using it" lines are expanded by tests/readme_commands.py (its docstring has the rules) with
these values for the placeholders, in README order, on one store (./guidetrace.db in the folder):

    G        scsg                    the bundled guideline's key
    R        3.0-draft               the bundled round's revision
    K        scsg-3.0-draft-raw      the raw round `comments load-raw submissions.csv` makes
    OPINION  scsg-3.0-draft/A-05     an opinion of the bundled round
    SECTION  3.1.2                   a section of 3.0-draft
    D        revised                 a disposition;  T  sbom, a topic;  KIND  low-confidence, a review kind
    N        1                       the first decision (`review undo 1`)
    OUTDIR   public-site             where `site` writes

and these files in the folder, under the names the README uses:

    my-tree.yaml      revision 4.0 (after the bundled 3.0, with 3.2.5 ソフトウェア部品表（SBOM）の活用),
                      so that `plan mark … --revision 4.0 --section 3.2.5` runs as written
    guideline.pdf     tests/fixtures/documents/guideline-draft.pdf
    results.md        the bundled seed (a reload: it changes nothing)
    submissions.csv   tests/fixtures/raw/submissions.csv
    my-lexicon.yaml   a one-topic lexicon
    guidetrace.yaml   the README's project-file example as written, with the files it names:
                      trees/3.1.yaml (a 3.1 after 3.0), trees/4.0-draft.csv (tests/fixtures/trees),
                      results/4.0-draft.xlsx (tests/fixtures/comments/round2-4.0-draft.md as a workbook)

A `rounds remove` without --yes asks; the test answers y, as a user would.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from openpyxl import Workbook

from guidetrace.trace.cli import cli

from .readme_commands import Command, expand, fenced_block, synopsis_lines

ROOT = Path(__file__).parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
FOLDERS = ("trace", "guideline", "comments", "reports", "api")  # as setup.py derives the packages
PLACEHOLDERS = {"G": "scsg", "R": "3.0-draft", "K": "scsg-3.0-draft-raw", "OPINION": "scsg-3.0-draft/A-05",
                "SECTION": "3.1.2", "D": "revised", "T": "sbom", "KIND": "low-confidence", "N": "1",
                "OUTDIR": "public-site", "TERM": "バックアップ"}
NEEDS_REVIEW = {("check",)}  # exits 1 when something needs review, as the README says
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "tests", "benchmarks",
                                    "guidetrace-demo", ".hypothesis", ".pytest_cache", "*.db", "*.db-*")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    env: dict[str, str]

    @property
    def guidetrace(self) -> Path:
        return self.venv / "bin" / "guidetrace"

    def run(self, argv: tuple[str, ...] | list[str], cwd: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.guidetrace), *argv], cwd=cwd, env=self.env, input=stdin, capture_output=True,
                              text=True, timeout=600)


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=1200)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Installed]:
    """One wheel and one venv for the module (building and installing take a minute)."""
    base = tmp_path_factory.mktemp("install")
    src = base / "src"
    shutil.copytree(ROOT, src, ignore=NOT_SOURCE)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "GUIDETRACE_DB", "VIRTUAL_ENV", "PYTHONHOME")}
    _run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-q", "-w", str(base / "dist")], src, env)
    wheel = next((base / "dist").glob("guidetrace-*.whl"))
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], base, env)
    _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], base, env)
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    yield Installed(wheel, venv, env)


def source_files() -> set[str]:
    """Every file of the five folders as the wheel must hold it (guidetrace/…)."""
    return {f"guidetrace/{p.relative_to(ROOT)}" for folder in FOLDERS for p in (ROOT / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


def test_every_file_of_the_folders_is_a_module_or_declared_data() -> None:
    """A new data file with a suffix setup.cfg does not ship would be left out of the wheel: say so here."""
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    patterns = [p.strip() for p in cfg["options.package_data"]["*"].split(",")]
    suffixes = {p.removeprefix("*") for p in patterns} | {".py"}
    assert {".yaml", ".md", ".html", ".css", ".js", ".mako"} <= suffixes
    strays = sorted(f for f in source_files() if Path(f).suffix not in suffixes)
    assert not strays, f"files setup.cfg's [options.package_data] does not ship: {strays}"


def test_the_wheel_holds_every_package_and_data_file(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    missing = sorted(source_files() - names)
    assert not missing, f"missing from the wheel: {missing}"
    for package in ("comments/privacy", "reports/review", "reports/site/templates", "trace/migrations/versions", "api"):
        assert any(n.startswith(f"guidetrace/{package}/") for n in names), package
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/")) or "/tests/" in n]


def test_the_install_runs_from_its_venv_not_the_checkout(installed: Installed, tmp_path: Path) -> None:
    probe = ("import json, guidetrace, guidetrace.trace, guidetrace.comments.privacy, guidetrace.reports.review;"
             "from guidetrace.comments.bundled import seed_path;"
             "print(json.dumps([guidetrace.trace.__file__, guidetrace.comments.privacy.__file__,"
             " guidetrace.reports.review.__file__, str(seed_path()), *guidetrace.__path__]))")
    done = subprocess.run([str(installed.venv / "bin" / "python"), "-c", probe], cwd=tmp_path, env=installed.env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    site_packages = next((installed.venv / "lib").glob("python3*/site-packages")).resolve()
    for path in json.loads(done.stdout):
        resolved = Path(path).resolve()
        assert resolved.is_relative_to(site_packages) and not resolved.is_relative_to(ROOT.resolve()), path
    assert shutil.which("guidetrace", path=installed.env["PATH"]) == str(installed.guidetrace)


def derived_tree(key: str, label: str, predecessor: str, extra: list[dict[str, str]]) -> str:
    """A later revision made from the bundled 3.0 tree, as a user would write one (lineage proposed)."""
    tree = yaml.safe_load((ROOT / "guideline" / "data" / "scsg-3.0.yaml").read_text(encoding="utf-8"))
    tree["revision"] = {"key": key, "label": label, "status": "final", "predecessor": predecessor, "partial": True}
    tree["sections"] += extra
    tree.pop("lineage", None)
    return yaml.safe_dump(tree, allow_unicode=True, sort_keys=False)


def results_workbook(path: Path) -> None:
    """The 4.0-draft fixture round's table, as a ministry's Excel file."""
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in (FIXTURES / "comments" / "round2-4.0-draft.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("|") and not line.startswith("|---")]
    book = Workbook()
    sheet = book.active
    sheet.title = "意見と考え方"
    for row in rows:
        sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)


def user_folder(folder: Path) -> Path:
    """The files the README's lines name (see the module's docstring)."""
    folder.mkdir(parents=True, exist_ok=True)
    sbom = {"key": "3.2.5", "title": "ソフトウェア部品表（SBOM）の活用"}
    (folder / "my-tree.yaml").write_text(derived_tree("4.0", "第4.0版", "3.0", [sbom]), encoding="utf-8")
    shutil.copy(FIXTURES / "documents" / "guideline-draft.pdf", folder / "guideline.pdf")
    shutil.copy(ROOT / "comments" / "data" / "scsg-v3.0-draft-comment-results.md", folder / "results.md")
    shutil.copy(FIXTURES / "raw" / "submissions.csv", folder / "submissions.csv")
    (folder / "my-lexicon.yaml").write_text(
        "topics:\n  - key: incident-examples\n    label: {ja: インシデント事例, en: incident examples}\n"
        "    terms: [インシデント事例, 事故事例]\n", encoding="utf-8")
    (folder / "guidetrace.yaml").write_text(fenced_block("### One project file, one command", "yaml"), encoding="utf-8")
    (folder / "trees").mkdir()
    (folder / "trees" / "3.1.yaml").write_text(derived_tree("3.1", "第3.1版", "3.0", []), encoding="utf-8")
    shutil.copy(FIXTURES / "trees" / "scsg-4.0-draft.csv", folder / "trees" / "4.0-draft.csv")
    results_workbook(folder / "results" / "4.0-draft.xlsx")
    return folder


def check_made(command: Command, folder: Path, output: str) -> None:
    """What the line says it makes is there."""
    argv = command.argv
    for flag in ("-o", "--output"):
        if flag in argv:
            made = folder / argv[argv.index(flag) + 1]
            assert made.is_file() and made.stat().st_size > 0, f"{argv}: no {made.name}\n{output}"
    if argv[0] == "site":
        assert (folder / argv[1] / "index.html").is_file(), output
    if argv[0] == "build":
        project = yaml.safe_load((folder / "guidetrace.yaml").read_text(encoding="utf-8"))
        assert (folder / project["store"]).is_file(), f"the project's store {project['store']} was not made\n{output}"
        assert (folder / project["site"] / "index.html").is_file(), output
        reports = project["reports"]
        for name in reports["names"]:
            for fmt in reports["formats"]:
                assert (folder / reports["folder"] / f"{name}.{fmt}").is_file(), f"{name}.{fmt}\n{output}"
    if argv[:2] == ("guideline", "load") and "--bundled" in argv:
        assert "3.0：" in output and "節" in output, output


def test_every_readme_command_runs_as_written_from_the_install(installed: Installed, tmp_path: Path) -> None:
    folder = user_folder(tmp_path / "user")
    lines = synopsis_lines(fenced_block("## Using it"))
    commands = [c for line in lines for c in expand(line, PLACEHOLDERS, cli)]
    assert len(lines) >= 30 and len(commands) > len(lines)
    ran = []
    for command in commands:
        done = installed.run(command.argv, folder, stdin="y\n")
        output = done.stdout + done.stderr
        allowed = (0, 1) if command.argv in NEEDS_REVIEW else (0,)
        assert done.returncode in allowed, f"`guidetrace {' '.join(command.argv)}` (README: `{command.line}`) " \
                                           f"exited {done.returncode}:\n{output[-3000:]}"
        assert "Traceback" not in output, output
        check_made(command, folder, output)
        ran.append(command.argv[:2])
    assert ("comments", "load") in ran and ("rounds", "remove") in ran and ("build",) in [r[:1] for r in ran]
    assert (folder / "guidetrace.db").is_file()  # the store is the folder's own, as the README says


def test_without_make_demo_runs_from_the_install(installed: Installed, tmp_path: Path) -> None:
    """The README's "Without make" lines after the install: `guidetrace demo`, and `guidetrace demo OUTDIR`."""
    block = synopsis_lines(fenced_block("Without make:"))
    assert block[0] == "pip install ." and block[1] == "guidetrace demo"  # the install is the fixture's
    for argv, outdir in ((["demo"], tmp_path / "guidetrace-demo"), (["demo", "my-demo"], tmp_path / "my-demo")):
        done = installed.run(argv, tmp_path)
        assert done.returncode == 0, done.stderr
        index = outdir / "site" / "index.html"
        assert done.stdout.strip().splitlines()[-1] == str(index.resolve()) and index.is_file()
        assert (outdir / "guidetrace.db").is_file() and len(list((outdir / "reports").iterdir())) >= 4


def test_the_readme_library_example_runs_from_the_install(installed: Installed, tmp_path: Path) -> None:
    """"As a library": the front door is in the wheel, and the example does what it says from a new venv."""
    done = subprocess.run([str(installed.venv / "bin" / "python"), "-c", fenced_block("### As a library", "python")],
                          cwd=tmp_path, env=installed.env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "work.db").is_file() and (tmp_path / "site" / "index.html").is_file()
