"""Issue 13.8: inputs are checked, not accepted — one line, exit 2, nothing created or changed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from guidetrace.trace.cli import cli


def _loaded(run, seed: Path) -> None:  # type: ignore[no-untyped-def]
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")


def test_plan_target_must_be_a_loaded_revision_or_a_declared_future_one(run, seed: Path) -> None:
    _loaded(run, seed)
    bad = run("plan", "--target", "第9.0版")
    assert bad.exit_code == 2 and bad.output.count("\n") == 1
    assert "unknown revision '第9.0版'" in bad.output and "3.0-draft" in bad.output and "--future" in bad.output
    future = run("plan", "--future", "第4.0版", "--format", "md", "--lang", "ja").stdout
    assert future.startswith("# 次期改定の検討事項: 第4.0版")
    assert run("plan", "--target", "3.0-draft", "--format", "md").stdout.startswith("# 次期改定の検討事項: 第3.0版（案）")


def test_plan_default_target_is_the_revision_after_the_latest_final_one(run, seed: Path) -> None:
    _loaded(run, seed)
    assert run("plan", "--format", "md", "--lang", "ja").stdout.startswith("# 次期改定の検討事項: 第3.0版の次の改定")
    assert run("plan", "--format", "md", "--lang", "en").stdout.startswith(
        "# Next-revision plan: the revision after 第3.0版")
    plan = json.loads(run("plan", "--format", "json").stdout)
    assert (plan["target"], plan["after"], plan["revision"]) == (None, "第3.0版", "3.0")


def test_plan_mark_names_existing_sections_and_revisions(run, seed: Path) -> None:
    _loaded(run, seed)
    for args, message in ((["sbom", "9.9.9", "--status", "open"], "no section '9.9.9'"),
                          (["sbom", "2.3.2", "--status", "addressed", "--revision", "5.0"], "unknown revision '5.0'"),
                          (["sbom", "2.3.2", "--status", "addressed", "--revision", "3.0", "--section", "8.8"],
                           "no section '8.8' in revision '3.0'"),
                          (["sbom", "2.3.2", "--status", "open", "--section", "3.2.1"], "give --revision too")):
        result = run("plan", "mark", *args)
        assert result.exit_code == 2 and message in result.output and result.output.count("\n") == 1, args
    assert run("plan", "mark", "sbom", "2.3.2", "--status", "addressed", "--revision", "3.0",
               "--section", "3.2.1").exit_code == 0


def test_a_read_command_on_a_missing_store_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nope.db"
    for args in (["rounds"], ["report", "sections"], ["site", str(tmp_path / "site")], ["check"]):
        result = CliRunner().invoke(cli, ["--db", str(missing), *args])
        assert result.exit_code == 2 and "no store at" in result.output, args
    assert not missing.exists() and not (tmp_path / "site").exists()


def test_rounds_on_an_empty_store_says_so(run) -> None:
    run("guideline", "load", "--bundled")
    result = run("rounds")
    assert result.exit_code == 0 and "意見募集はまだ読み込まれていません" in result.output


def test_loading_against_the_wrong_revision_names_the_one_that_fits(run, tmp_path: Path) -> None:
    run("guideline", "load", "--bundled")
    doc = tmp_path / "doc.csv"
    doc.write_text("該当箇所,意見,考え方\n3.1.2,一つ目。,御意見として承ります。\n3.2.1,二つ目。,御意見として承ります。\n"
                   "サービス2-6,三つ目。,御意見として承ります。\n3.3.5,四つ目。,御意見として承ります。\n", encoding="utf-8")
    result = run("comments", "load", str(doc), "--revision", "1.0", "--round", "wrong")
    assert result.exit_code == 0
    assert "places name a section of 1.0; revision" in result.output and "fits better" in result.output
    right = run("comments", "load", str(doc), "--revision", "3.0-draft", "--round", "right")
    assert "fits better" not in right.output


def test_disposition_and_submitter_kind_take_choices(run, seed: Path) -> None:
    _loaded(run, seed)
    result = run("comments", "list", "--disposition", "maybe")
    assert result.exit_code == 2 and "unknown disposition 'maybe'" in result.output
    assert run("comments", "list", "--submitter-kind", "corporation").exit_code == 0
