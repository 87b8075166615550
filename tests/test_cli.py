"""The command line: outputs, exit codes, and one-line errors."""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from guidetrace.trace import __version__

from .conftest import FIXTURES


def test_version_and_help(run) -> None:  # type: ignore[no-untyped-def]
    assert run("--version").output.strip() == f"guidetrace, version {__version__}"
    for args in ([], ["guideline"], ["comments", "load"], ["export", "graph"], ["db"]):
        assert run(*args, "--help").exit_code == 0


def test_installed_command_collects_rarely(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The installed command raises the collector's thresholds (a fifth of an ingest went to re-scanning
    long-lived rows); the library, imported by someone else's program, leaves them alone."""
    import gc

    from guidetrace.trace.cli.main import GC_THRESHOLDS, main

    before = gc.get_threshold()
    monkeypatch.setattr(sys, "argv", ["guidetrace", "--version"])
    try:
        assert before != GC_THRESHOLDS
        try:
            main()
        except SystemExit as done:
            assert done.code in (0, None)
        assert gc.get_threshold() == GC_THRESHOLDS
    finally:
        gc.set_threshold(*before)


def test_guideline_commands(run) -> None:  # type: ignore[no-untyped-def]
    assert run("guideline", "load", "--bundled").exit_code == 0
    rows = json.loads(run("guideline", "list", "--revision", "3.0-draft", "--format", "json").output)
    by_key = {r["key"]: r for r in rows}
    assert by_key["サービス2-6"]["parent"] == "3.1.2" and "Appendix B" in by_key
    csv_out = run("guideline", "list", "--revision", "2.0", "--format", "csv").output.splitlines()
    assert csv_out[0] == "key,kind,title,parent,pages,inferred" and len(csv_out) == 17
    diff = run("guideline", "diff", "3.0-draft", "3.0")
    assert diff.exit_code == 0 and "4.2(2)" in diff.output and "コラム：海外のスマートシティ事例" in diff.output
    shown = json.loads(run("guideline", "show", "3.1.2", "--revision", "3.0-draft", "--format", "json").output)
    assert shown["children"] == ["サービス2-6", "サービス3-2", "3.1.2(4)"]


def test_comment_commands_and_check(run, seed: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("guideline", "load", "--bundled")
    loaded = run("comments", "load", str(seed), "--revision", "3.0-draft")
    assert loaded.exit_code == 0
    # the summary speaks the document's language
    assert "意見 26件" in loaded.stderr and "解決 42件、未解決 0件" in loaded.stderr and "令和5月27日" in loaded.stderr
    out = tmp_path / "c.json"
    assert run("comments", "list", "--section", "3.1.2", "--format", "json", "-o", str(out)).output == ""
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == ["scsg-3.0-draft/A-04", "scsg-3.0-draft/A-05", "scsg-3.0-draft/A-06"]
    required = {"id", "round", "part", "seq", "submitter", "location", "citations", "unresolved", "body", "reason",
                "response", "disposition", "topics", "bulk", "represents", "source"}
    assert required <= set(records[0])
    assert set(records[0]["citations"][0]) >= {"section", "revision", "evidence", "confidence", "text"}
    assert run("check").exit_code == 1  # items await review (low confidence, title only, outdated)
    assert run("check", "--pending-ok").exit_code == 0  # and nothing else is wrong
    run("comments", "load", str(FIXTURES / "comments" / "numbered.md"), "--revision", "3.0-draft", "--round", "t")
    check = run("check", "--format", "json")
    assert check.exit_code == 1 and json.loads(check.output)["unresolved"][0]["text"] == "9.9.9"


def test_export_graph(run, seed: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    graphml = run("export", "graph", "--format", "graphml").output
    root = ET.fromstring(graphml)
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = root.findall(".//g:node", ns)
    assert len(nodes) == 4 + 97 + 26 + 4 + 20  # revisions, sections, comments, submitters, topics
    data = json.loads(run("export", "graph", "--format", "json").output)
    kinds = {link["kind"] for link in data["links"]}
    assert kinds == {"contains", "succeeds", "renumbered", "merged", "refers_to", "cites", "submitted_by", "about"}


def test_user_errors_exit_2_with_one_line(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = FIXTURES / "trees" / "duplicate-key.yaml"
    result = run("guideline", "load", str(bad))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"guidetrace: error: {bad}:8: duplicate section key '3.1' (first defined on line 5)"]
    for args in (["guideline", "list", "--revision", "9.9"], ["comments", "load", "nope.md", "--revision", "x"],
                 ["guideline", "load"]):
        r = run(*args)
        assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr


def test_installed_package_does_not_shadow_stdlib_trace(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-c", "import trace, guidetrace.trace; print(trace.__file__)"],
                         cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert "guidetrace" not in out and out.strip().endswith("trace.py")


def test_console_script_runs_from_another_folder(tmp_path: Path) -> None:
    script = Path(sys.executable).with_name("guidetrace")
    result = subprocess.run([str(script), "--db", str(tmp_path / "x.db"), "guideline", "load", "--bundled"],
                            cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    listed = subprocess.run([str(script), "--db", str(tmp_path / "x.db"), "guideline", "list", "--revision",
                             "3.0-draft", "--format", "json"], cwd=tmp_path, capture_output=True, text=True)
    assert any(r["key"] == "Appendix B" for r in json.loads(listed.stdout))


def test_topic_and_plan_commands(run, seed: Path) -> None:  # type: ignore[no-untyped-def]
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    topics = json.loads(run("topics", "list", "--format", "json").stdout)
    assert {t["topic"] for t in topics} >= {"sbom", "edr-xdr", "ota-update", "recovery-drills"}
    md = run("plan", "--format", "md").output
    assert md.startswith("# 次期改定の検討事項: 第3.0版の次の改定") and "## 1. SBOM（ソフトウェア部品表） (`sbom`)、優先度 12" in md
    assert run("plan", "--format", "csv").output.splitlines()[0].startswith("順位,トピック,名称,優先度,該当箇所")
    rows = run("plan", "--format", "csv", "--lang", "en").output.splitlines()
    assert rows[0] == "rank,topic,label,score,section,opinions,status,addressed in,touches,comments"
    assert rows[1].startswith("1,sbom,")
    en = run("plan", "--format", "md", "--lang", "en").output
    assert "SBOM (software bill of materials)" in en
    assert run("plan", "mark", "sbom", "2.3.2", "--status", "dropped").exit_code == 0
    assert "dropped" in json.dumps(json.loads(run("plan", "--format", "json").output)["groups"][0]["entries"])
    bad = run("plan", "mark", "sbom", "2.3.2", "--status", "addressed")
    assert bad.exit_code == 2 and "needs --revision" in bad.stderr
    suggested = run("topics", "suggest", "--limit", "5").output
    assert suggested.startswith("topics:\n- key: ") and "distinct opinion(s)" in suggested
    assert run("topics", "retag").exit_code == 0


def test_demo_writes_site_reports_and_diagrams(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from guidetrace.trace.cli import cli

    out = tmp_path / "demo"
    result = CliRunner().invoke(cli, ["demo", str(out)], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.strip().splitlines()[-1] == str((out / 'site' / 'index.html').resolve())
    assert "意見 26件、該当箇所 42件（未解決 0件）" in result.output
    for name in ("sections", "responses", "topics", "plan"):
        for fmt in ("md", "csv", "json", "xlsx"):
            assert (out / "reports" / f"{name}.{fmt}").stat().st_size > 0
    assert (out / "reports" / "responses.csv").read_bytes().startswith("\ufeff".encode())  # as `report` writes it
    heat = (out / "diagrams" / "heat.svg").read_text(encoding="utf-8")
    assert "スマートシティにおけるセキュリティ対策" in heat and "各カテゴリにおけるセキュリティの概要" in heat
    again = CliRunner().invoke(cli, ["demo", str(out)], catch_exceptions=False)  # a fresh store each time
    assert again.exit_code == 0 and "意見 26件" in again.output


def test_filters_take_the_vocabulary_of_the_rule_files(run) -> None:  # type: ignore[no-untyped-def]
    run("guideline", "load", "--bundled")
    bad = run("comments", "list", "--submitter-kind", "corporate")
    assert bad.exit_code == 2 and "corporation" in bad.output + bad.stderr
    assert run("comments", "list", "--disposition", "revised", "--submitter-kind", "corporation").exit_code == 0


def test_check_speaks_the_documents_language(run) -> None:  # type: ignore[no-untyped-def]
    run("guideline", "load", "--bundled")
    run("comments", "load", str(FIXTURES / "comments" / "numbered.md"), "--revision", "3.0-draft", "--round", "r")
    japanese = run("check").output
    assert "解決できない該当箇所：1件" in japanese
    assert "unresolved locations (unresolved): 1" in run("check", "--lang", "en").output
