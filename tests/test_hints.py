"""What the tool tells a user to run runs when pasted; the bundled round loads by name.

`rounds remove` once printed `comments load FILE --round K --decisions F`, which stops at the missing
--revision; now it prints the whole load, quoted, and pasted verbatim it brings the round back with its
decisions. Every `guidetrace …` a message names is checked against the commands' own options.
"""

from __future__ import annotations

import ast
import json
import re
import shlex
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from guidetrace.comments.bundled import SEED_REVISION
from guidetrace.trace.cli import cli

from .conftest import FIXTURES

ROOT = Path(__file__).parents[1]
ROUND = "scsg-3.0-draft"  # the round `guidetrace demo` loads the seed into
A = f"{ROUND}/A-05"


def invoke(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def pasted(output: str) -> list[str]:
    """The restore command `rounds remove` printed, split as a shell splits it (its `guidetrace` dropped)."""
    lines = output.splitlines()
    at = next(i for i, line in enumerate(lines) if line.endswith("この判断ごと意見募集を読み込み直すには："))
    words = shlex.split(lines[at + 1])
    assert words[0] == "guidetrace"
    return words[1:]


def decided(run) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {e["opinion"]: f"{e['action']} {e['value']} {e['state']}" for e in
            json.loads(run("review", "log", "--format", "json").stdout)}


def test_comments_load_bundled_is_the_demo_round(run) -> None:  # type: ignore[no-untyped-def]
    assert run("guideline", "load", "--bundled").exit_code == 0
    result = run("comments", "load", "--bundled")
    assert result.exit_code == 0, result.output
    assert f"{ROUND}（意見募集結果の様式、版 {SEED_REVISION}）：意見 26件（新規 26" in result.output
    rounds = json.loads(run("rounds", "--format", "json").stdout)
    assert [(r["round"], r["revision"], r["submissions"]) for r in rounds] == [(ROUND, SEED_REVISION, 460)]
    again = run("comments", "load", "--bundled", "--revision", SEED_REVISION)
    assert again.exit_code == 0 and "（新規 0、一致 26、削除 0）" in again.output


@pytest.mark.parametrize("args, says", [
    (["--bundled", "results.md"], "give a FILE or --bundled, not both"),
    (["--bundled", "--revision", "2.0"], "the bundled comment results are on revision 3.0-draft, not 2.0"),
    ([], "give the comment document FILE (with --revision), or --bundled for the shipped one"),
    (["results.md"], "give --revision: the revision the comments in results.md were made on"),
])
def test_comments_load_refuses_in_one_line(tmp_path: Path, args: list[str], says: str) -> None:
    db = str(tmp_path / "s.db")
    assert invoke("--db", db, "guideline", "load", "--bundled").exit_code == 0
    result = invoke("--db", db, "comments", "load", *args)
    assert result.exit_code == 2 and result.stderr == f"guidetrace: error: {says}\n"
    assert json.loads(invoke("--db", db, "rounds", "--format", "json").stdout) == []


def test_a_project_file_loads_the_bundled_round(tmp_path: Path) -> None:
    (tmp_path / "guidetrace.yaml").write_text("store: out/store.db\ntrees:\n  - bundled: true\n"
                                              "comments:\n  - bundled: true\n", encoding="utf-8")
    result = invoke("build", str(tmp_path / "guidetrace.yaml"))
    assert result.exit_code == 0, result.output
    assert f"{ROUND}（意見募集結果の様式、版 {SEED_REVISION}）：意見 26件" in result.output
    assert (tmp_path / "out" / "store.db").is_file()  # the store's folder is made, like the site's
    (tmp_path / "bad.yaml").write_text("trees:\n  - bundled: true\ncomments:\n  - {bundled: true, file: x.md}\n",
                                       encoding="utf-8")
    result = invoke("build", str(tmp_path / "bad.yaml"))
    assert result.exit_code == 2 and "bad.yaml:4: a comment document gives either file: or bundled: true" in result.output


def test_the_rounds_remove_hint_pasted_verbatim_restores_the_round(run, store_url: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """On both stores: the hint names the store it was given (--db) and the bundled round by --bundled."""
    monkeypatch.chdir(tmp_path)  # the decisions file is written here
    run("guideline", "load", "--bundled")
    run("comments", "load", "--bundled")
    assert run("review", "set", A, "--disposition", "revised", "--note", "確認済み").exit_code == 0
    assert run("review", "set", f"{ROUND}/A-01", "--cite", "3.1.2").exit_code == 0
    before, listing = decided(run), run("comments", "list", "--format", "json").stdout
    removed = run("rounds", "remove", ROUND, "--yes")
    assert removed.exit_code == 0 and "判断 2件を decisions-" in removed.output
    assert json.loads(run("rounds", "--format", "json").stdout) == []
    args = pasted(removed.output)
    assert args[:4] == ["--db", store_url, "comments", "load"] and "--bundled" in args
    restored = invoke(*args)
    assert restored.exit_code == 0, restored.output
    assert "確認：ファイルから判断 2件を復元" in restored.output
    assert decided(run) == before and run("comments", "list", "--format", "json").stdout == listing


def test_the_hint_for_a_file_and_for_raw_submissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A round from a user's file is loaded again from that file, on its revision; raw submissions by
    `load-raw`. Run where the README runs them: in a folder, on ./guidetrace.db."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(FIXTURES / "comments" / "numbered.md", "御意見 結果.md")  # a name a shell must quote
    shutil.copy(FIXTURES / "raw" / "submissions.csv", "submissions.csv")
    invoke("guideline", "load", "--bundled")
    assert invoke("comments", "load", "御意見 結果.md", "--revision", "3.0-draft", "--round", "r1").exit_code == 0
    assert invoke("comments", "load-raw", "submissions.csv", "--revision", "3.0-draft", "--round", "raw").exit_code == 0
    for rnd in ("r1", "raw"):
        opinion = json.loads(invoke("comments", "list", "--round", rnd, "--format", "json").stdout)[0]["id"]
        assert invoke("review", "set", opinion, "--disposition", "declined").exit_code == 0
        listing = invoke("comments", "list", "--round", rnd, "--format", "json").stdout
        removed = invoke("rounds", "remove", rnd, stdin="y\n")
        assert removed.exit_code == 0 and "ここにはありません" not in removed.output, removed.output
        args = pasted(removed.output)
        assert "--db" not in args and args[2] in ("御意見 結果.md", "submissions.csv")
        assert args[:2] == ["comments", "load" if rnd == "r1" else "load-raw"] and "--revision" in args
        restored = invoke(*args)
        assert restored.exit_code == 0 and "ファイルから判断 1件を復元" in restored.output, restored.output
        assert invoke("comments", "list", "--round", rnd, "--format", "json").stdout == listing
    Path("御意見 結果.md").rename("moved.md")
    removed = invoke("rounds", "remove", "r1", "--yes")
    assert "（この意見募集は 御意見 結果.md から読み込まれましたが、ここにはありません。パスを指定してください）" in removed.output


def test_hints_in_errors_name_the_store_they_were_given(tmp_path: Path) -> None:
    db = str(tmp_path / "elsewhere" / "my store.db")
    (tmp_path / "elsewhere").mkdir()
    result = invoke("--db", db, "rounds")
    assert result.exit_code == 2
    hint = re.search(r"`(guidetrace [^`]*)`", result.stderr)
    assert hint is not None and shlex.split(hint.group(1))[1:3] == ["--db", db]
    assert invoke(*shlex.split(hint.group(1))[1:]).exit_code == 0  # pasted: it makes that store
    empty = invoke("--db", db, "rounds")
    assert empty.exit_code == 0 and "`guidetrace --db" in empty.stderr
    bundled = re.findall(r"`(guidetrace [^`]*--bundled)`", empty.stderr)
    assert bundled and invoke(*shlex.split(bundled[0])[1:]).exit_code == 0
    assert json.loads(invoke("--db", db, "rounds", "--format", "json").stdout)[0]["round"] == ROUND


def message_commands() -> list[tuple[str, str]]:
    """Every `guidetrace …` named in a string the code prints (docstrings left out), with its file."""
    found = []
    for path in sorted(p for folder in ("trace", "guideline", "comments", "reports", "api") for p in (ROOT / folder).rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                found += [(path.name, m) for m in re.findall(r"`guidetrace ([^`{}]*)`", node.value)]
    return found


def test_every_command_a_message_names_parses() -> None:
    """Arguments and options exist and nothing required is missing (capitals are placeholders for values)."""
    named = message_commands()
    assert len(named) >= 15 and ("store.py", "guideline load --bundled") in named
    for where, text in named:
        words = shlex.split(text.replace("…", ""))
        command: click.Command = cli
        while isinstance(command, click.Group) and words and words[0] in command.commands:
            command = command.commands[words.pop(0)]
        try:
            command.make_context(command.name or "guidetrace", words)
        except click.UsageError as exc:
            pytest.fail(f"{where}: `guidetrace {text}` does not parse: {exc}")


def test_the_public_site_refusal_names_commands_that_clear_it(tmp_path: Path) -> None:
    db, site = str(tmp_path / "s.db"), str(tmp_path / "site")
    (tmp_path / "raw.csv").write_text("番号,提出者,意見,該当箇所\n"
                                      "S1,個人,連絡は taro.yamada@example.jp か 090-1234-5678 へお願いします。,3.1.2\n",
                                      encoding="utf-8")
    invoke("--db", db, "guideline", "load", "--bundled")
    assert invoke("--db", db, "comments", "load-raw", str(tmp_path / "raw.csv"), "--revision", "3.0-draft",
                  "--round", "raw").exit_code == 0
    refused = invoke("--db", db, "site", site)
    hints = [shlex.split(h) for h in re.findall(r"`(guidetrace [^`]*)`", refused.stderr)]
    assert refused.exit_code == 2 and len(hints) == 2 and all(h[1:3] == ["--db", db] for h in hints), refused.stderr
    for hint in hints:
        assert invoke(*hint[1:]).exit_code == 0
    assert invoke("--db", db, "site", site).exit_code == 0
