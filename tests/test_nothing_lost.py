"""Issue 15: silent data loss — a reload that drops most of a round, opinions on no page."""

from __future__ import annotations

import json
from pathlib import Path


def test_reload_that_would_drop_many_opinions_is_refused(run, seed: Path, tmp_path: Path) -> None:
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    before = run("comments", "list", "--format", "json").stdout
    lines = seed.read_text(encoding="utf-8").split("\n")
    cut = tmp_path / "cut.md"
    cut.write_text("\n".join(lines[:62]), encoding="utf-8")  # the export stopped partway through part A
    result = run("comments", "load", str(cut), "--revision", "3.0-draft")
    assert result.exit_code == 2
    line = result.output.strip()
    assert "\n" not in line and "would remove" in line and "scsg-3.0-draft/B-08" not in line
    assert "scsg-3.0-draft/A-11" in line and "--allow-removals" in line
    assert run("comments", "list", "--format", "json").stdout == before
    result = run("comments", "load", str(cut), "--revision", "3.0-draft", "--allow-removals")
    assert result.exit_code == 0, result.output
    assert len(json.loads(run("comments", "list", "--format", "json").stdout)) < 26


def test_an_opinion_citing_nothing_known_is_on_a_page_and_counted(run, tmp_path: Path) -> None:
    run("guideline", "load", "--bundled")
    doc = tmp_path / "results.md"
    doc.write_text("| 該当箇所 | 意見 | 考え方 |\n|---|---|---|\n"
                   "| 2.3.1 | 資産の記載を増やしてほしい。 | 御意見として承ります。 |\n"
                   "| 図9 | 図が読みにくい。 | 御意見として承ります。 |\n"
                   "| 「存在しない見出し」 | この見出しの説明が足りない。 | 御意見として承ります。 |\n", encoding="utf-8")
    assert run("comments", "load", str(doc), "--revision", "3.0-draft", "--round", "r1").exit_code == 0
    check = json.loads(run("check", "--format", "json").stdout)
    assert sorted(r["comment"] for r in check["no_section"]) == ["r1/A-02", "r1/A-03"]
    assert sorted(r["text"] for r in check["unresolved"]) == sorted(["図9", "「存在しない見出し」"])
    out = tmp_path / "site"
    assert run("site", str(out)).exit_code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="unresolved.html"' in index and "<span data-unresolved>2</span>" in index
    page = (out / "unresolved.html").read_text(encoding="utf-8")
    assert "図が読みにくい" in page and "この見出しの説明が足りない" in page and "資産の記載" not in page


def test_the_lexicon_is_the_stores_and_other_rounds_change_only_on_retag(run, seed: Path, tmp_path: Path) -> None:
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text("topics:\n  - {key: backup, label: {ja: バックアップ, en: backups}, terms: [バックアップ]}\n",
                       encoding="utf-8")
    run("guideline", "load", "--bundled")
    assert run("comments", "load", str(seed), "--revision", "3.0-draft", "--topics", str(lexicon)).exit_code == 0
    topics = lambda: {t["topic"]: t for t in json.loads(run("topics", "list", "--format", "json").stdout)}  # noqa: E731
    assert topics()["backup"]["opinions"] == 1
    other = tmp_path / "other.md"
    other.write_text("| 該当箇所 | 意見 | 考え方 |\n|---|---|---|\n| 3.1.2 | バックアップの世代管理を書いてほしい。 | "
                     "御意見として承ります。 |\n", encoding="utf-8")
    result = run("comments", "load", str(other), "--revision", "3.0-draft", "--round", "r2")  # no --topics
    assert result.exit_code == 0
    assert topics()["backup"]["opinions"] == 2  # the store's lexicon tagged it; the seed's tags are kept
    assert "lexicon: shipped + mine.yaml" in run("topics", "list").output
    assert run("plan", "mark", "backup", "3.1.2", "--status", "dropped").exit_code == 0
    result = run("topics", "use", "--shipped")
    assert result.exit_code == 2 and "plan marks (backup)" in result.output
    assert topics()["backup"]["opinions"] == 2
    result = run("topics", "use", "--shipped", "--allow-removals")
    assert result.exit_code == 0 and "topic backup dropped" in result.output
    assert "backup" not in topics() and "lexicon: shipped," in run("topics", "list").output
