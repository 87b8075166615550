"""Issue 12: people correct what the machine got wrong, and the correction sticks.

Each test runs on SQLite and on a real PostgreSQL server (the `run`/`store_url` fixtures).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

CLI = str(Path(sys.executable).with_name("guidetrace"))
ROUND = "scsg-3.0-draft"


def _id(key: str) -> str:
    return f"{ROUND}/{key}"


def corrected_copy(seed: Path, out: Path, store_url: str) -> Path:
    """The seed with A-02's text edited, A-05 removed and A-09/A-10 swapped (all of A-06… renumbered)."""
    from sqlalchemy import text

    from guidetrace.trace.store import open_store

    store = open_store(store_url)
    with store.engine.connect() as conn:
        line = dict(conn.execute(text("SELECT key, source_line FROM comment")).all())
    store.dispose()
    lines = seed.read_text(encoding="utf-8").split("\n")
    a02, a05, a09, a10 = (line[_id(k)] - 1 for k in ("A-02", "A-05", "A-09", "A-10"))
    assert "方がよい" in lines[a02]
    lines[a02] = lines[a02].replace("方がよい", "ほうが良い")
    lines[a09], lines[a10] = lines[a10], lines[a09]
    del lines[a05]
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def comments(run) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    result = run("comments", "list", "--round", ROUND, "--format", "json")
    return {r["id"]: r for r in json.loads(result.stdout)}


def _decide_five(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("review", "set", _id("A-02"), "--cite", "3.2.1", "--by", "tanaka", "--note", "supply chain").exit_code == 0
    assert run("review", "set", _id("A-05"), "--disposition", "revised", "--by", "tanaka").exit_code == 0
    assert run("review", "set", _id("A-10"), "--tag", "sbom", "--by", "suzuki").exit_code == 0
    book_path = tmp_path / "review.xlsx"
    assert run("review", "export", "-o", str(book_path)).exit_code == 0
    book = load_workbook(book_path)
    sheet = book["review"]
    cols = {c.value: c.column_letter for c in sheet[1]}
    edited = 0
    for row in range(3, sheet.max_row + 1):
        opinion, kind = sheet[f"{cols['opinion']}{row}"].value, sheet[f"{cols['evidence']}{row}"].value
        if opinion == _id("A-14") and kind == "見出し":  # the workbook speaks Japanese: evidence `title`
            sheet[f"{cols['decision']}{row}"] = sheet[f"{cols['machine']}{row}"].value  # accept as it stands
            edited += 1
        if opinion == _id("B-03"):
            sheet[f"{cols['decision']}{row}"] = "(none)"
            sheet[f"{cols['note']}{row}"] = "cites nothing"
            edited += 1
    assert edited == 2
    book.save(book_path)
    result = run("review", "import", str(book_path), "--by", "sato")
    assert result.exit_code == 0, result.output


def test_decisions_survive_reload_and_correction(run, seed: Path, tmp_path: Path, store_url: str) -> None:
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    before = comments(run)
    texts = {k: v["body"] for k, v in before.items()}
    _decide_five(run, tmp_path)
    after = comments(run)
    assert "3.2.1" in [c["section"] for c in after[_id("A-02")]["citations"]]
    assert after[_id("A-05")]["disposition"]["primary"] == "revised"
    assert "sbom" in after[_id("A-10")]["topics"]
    assert "general" not in [c["section"] for c in after[_id("B-03")]["citations"]]

    # The same document again: every decision still applies.
    result = run("comments", "load", str(seed), "--revision", "3.0-draft")
    assert "判断 5件を再適用" in result.output
    assert comments(run) == after

    # A corrected copy: A-02 edited, A-05 removed, A-09/A-10 swapped, everything after A-05 renumbered.
    fixed = corrected_copy(seed, tmp_path / "corrected.md", store_url)
    result = run("comments", "load", str(fixed), "--revision", "3.0-draft")
    assert result.exit_code == 0, result.output
    assert "を付け直せません" in result.output and "（scsg-3.0-draft/A-05 への対応）" in result.output
    # Ids do not shift: every opinion keeps its id, the edited one too; the load says what changed, by name.
    assert f"変更（1件）：{_id('A-02')}" in result.output and f"削除（1件）：{_id('A-05')}" in result.output
    now = comments(run)
    assert _id("A-05") not in now and len(now) == 25
    for key, text in texts.items():
        if key not in (_id("A-02"), _id("A-05")):
            assert now[key]["body"] == text, key
    edited = _id("A-02")
    assert "ほうが良い" in now[edited]["body"]
    a10_now, a14_now = _id("A-10"), _id("A-14")
    assert "3.2.1" in [c["section"] for c in now[edited]["citations"]]
    assert "sbom" in now[a10_now]["topics"]
    assert "general" not in [c["section"] for c in now[_id("B-03")]["citations"]]
    # Nothing landed on another opinion: A-06 and A-09 (the neighbours of what moved) are the machine's.
    assert now[_id("A-06")]["disposition"]["primary"] == before[_id("A-06")]["disposition"]["primary"]
    assert now[_id("A-09")]["topics"] == before[_id("A-09")]["topics"]
    log = json.loads(run("review", "log", "--format", "json").stdout)
    assert len(log) == 5
    for entry in log:
        if entry["state"] == "detached":
            assert entry["opinion"] == _id("A-05")
        else:
            assert entry["state"] == "active"
    landed = {e["opinion"] for e in log if e["state"] == "active"}
    assert landed == {edited, a10_now, a14_now, _id("B-03")}


def test_log_lists_before_and_after_and_undo_restores(run, seed: Path, tmp_path: Path) -> None:
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    machine = comments(run)
    _decide_five(run, tmp_path)
    log = json.loads(run("review", "log", "--format", "json").stdout)
    assert [e["action"] for e in log] == ["cite", "disposition", "tag", "accept", "uncite"]
    assert {e["by"] for e in log} == {"tanaka", "suzuki", "sato"}
    dispo = log[1]
    assert (dispo["before"], dispo["after"]) == (machine[_id("A-05")]["disposition"]["primary"], "revised")
    assert "3.2.1" not in log[0]["before"]["sections"] and "3.2.1" in log[0]["after"]["sections"]
    for entry in log:
        assert run("review", "undo", str(entry["id"])).exit_code == 0
    assert comments(run) == machine
    states = {e["state"] for e in json.loads(run("review", "log", "--format", "json").stdout)}
    assert states == {"undone"}


@pytest.mark.parametrize("damage, message", [
    ("unknown", "is not a section of"),
    ("formula", "holds a formula"),
    ("column", "missing column 'decision'"),
])
def test_bad_workbook_changes_nothing_and_names_the_cell(run, seed: Path, tmp_path: Path, damage: str,
                                                         message: str) -> None:
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    machine = comments(run)
    path = tmp_path / "review.xlsx"
    run("review", "export", "-o", str(path))
    book = load_workbook(path)
    sheet = book["review"]
    cols = {c.value: c.column_letter for c in sheet[1]}
    sheet[f"{cols['decision']}3"] = "(none)"  # a good edit before the bad one: it must not land either
    if damage == "unknown":
        sheet[f"{cols['decision']}4"] = "9.9.9"
    elif damage == "formula":
        sheet[f"{cols['decision']}4"] = "=lists!E3"
    else:
        sheet[f"{cols['decision']}1"] = None
    book.save(path)
    result = run("review", "import", str(path))
    assert result.exit_code == 2
    line = result.output.strip()
    assert "\n" not in line and message in line
    if damage != "column":
        assert f"{cols['decision']}4" in line
    else:
        assert "row 1" in line
    assert comments(run) == machine
    assert json.loads(run("review", "log", "--format", "json").stdout) == []


def test_two_reviewers_at_once_both_land(run, seed: Path, store_url: str) -> None:
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    jobs = []
    for n, (who, opinion) in enumerate([("tanaka", "A-03"), ("suzuki", "A-04"), ("sato", "A-03"), ("ito", "A-06")]):
        jobs.append(subprocess.Popen([CLI, "--db", store_url, "review", "set", _id(opinion), "--disposition",
                                      ["revised", "declined", "support", "covered"][n], "--by", who],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    for job in jobs:
        _, err = job.communicate(timeout=120)
        assert job.returncode == 0, err
    log = json.loads(run("review", "log", "--format", "json").stdout)
    assert sorted(e["by"] for e in log) == ["ito", "sato", "suzuki", "tanaka"]
    now = comments(run)
    last_on_a03 = [e for e in log if e["opinion"] == _id("A-03")][-1]["value"]
    assert now[_id("A-03")]["disposition"]["primary"] == last_on_a03
    assert now[_id("A-04")]["disposition"]["primary"] == "declined"


def test_remove_round_then_reload_with_decisions_gives_the_same_reports(run, seed: Path, tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    _decide_five(run, tmp_path)
    reports = {name: run("report", name, "--format", "json").stdout for name in ("sections", "responses")}
    listing = comments(run)
    result = run("rounds", "remove", ROUND)  # asks: no answer, nothing removed
    assert result.exit_code != 0 and comments(run) == listing
    result = run("rounds", "remove", ROUND, "--yes", "--decisions-out", "kept.json")
    assert result.exit_code == 0 and "判断 5件を kept.json に保存しました" in result.output
    assert json.loads(run("rounds", "--format", "json").stdout) == []
    assert json.loads(run("review", "log", "--format", "json").stdout) == []
    result = run("comments", "load", str(seed), "--revision", "3.0-draft", "--decisions", "kept.json")
    assert result.exit_code == 0 and "ファイルから判断 5件を復元" in result.output, result.output
    assert comments(run) == listing
    for name, text in reports.items():
        assert run("report", name, "--format", "json").stdout == text


def test_queue_orders_and_leaves_after_a_decision(run, seed: Path) -> None:
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    items = json.loads(run("review", "list", "--format", "json").stdout)
    kinds = {i["kind"] for i in items}
    assert {"title-only", "outdated", "low-confidence", "topic"} <= kinds
    title_only = next(i for i in items if i["kind"] == "title-only")
    run("review", "accept", title_only["opinion"])
    left = json.loads(run("review", "list", "--kind", "title-only", "--format", "json").stdout)
    assert title_only["opinion"] not in {i["opinion"] for i in left}
    result = run("review", "set", _id("A-01"), "--cite", "99.99")
    assert result.exit_code == 2 and "'99.99' is not a section" in result.output
    result = run("review", "set", _id("A-01"), "--disposition", "maybe")
    assert result.exit_code == 2 and "unknown disposition" in result.output


def _tree_variant(tmp_path: Path, name: str, edit) -> Path:  # type: ignore[no-untyped-def]
    from guidetrace.guideline.bundled import bundled_tree_paths

    source = next(p for p in bundled_tree_paths() if p.name == "scsg-3.0-draft.yaml")
    out = tmp_path / name
    out.write_text(edit(source.read_text(encoding="utf-8")), encoding="utf-8")
    return out


def test_tree_renumber_carries_decisions_and_citations(run, seed: Path, tmp_path: Path) -> None:
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    assert run("review", "set", _id("A-01"), "--cite", "3.1.3(3)").exit_code == 0
    renumbered = _tree_variant(tmp_path, "renumbered.yaml", lambda t: t.replace(
        '{key: "3.1.3(3)", ', '{key: "3.1.3(9)", aliases: ["3.1.3(3)"], '))
    result = run("guideline", "load", str(renumbered))
    assert result.exit_code == 0, result.output
    now = comments(run)
    assert "3.1.3(9)" in [c["section"] for c in now[_id("A-01")]["citations"]]
    assert "3.1.3(9)" in [c["section"] for c in now[_id("A-06")]["citations"]]  # the machine's citation followed too
    assert [e["value"] for e in json.loads(run("review", "log", "--format", "json").stdout)] == ["3.1.3(9)"]
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    assert "3.1.3(9)" in [c["section"] for c in comments(run)[_id("A-01")]["citations"]]


def test_tree_reload_removing_a_cited_section(run, seed: Path, tmp_path: Path) -> None:
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    machine = comments(run)
    cited = [c["section"] for c in machine[_id("A-06")]["citations"]]
    assert "3.1.3(3)" in cited
    without = _tree_variant(tmp_path, "without.yaml",
                            lambda t: "\n".join(line for line in t.split("\n") if 'key: "3.1.3(3)"' not in line))
    result = run("guideline", "load", str(without))
    assert result.exit_code == 2 and "3.1.3(3)" in result.output and "--allow-removals" in result.output
    assert comments(run) == machine
    assert run("guideline", "load", str(without), "--allow-removals").exit_code == 0
    now = comments(run)[_id("A-06")]
    assert "3.1.3(3)" not in [c["section"] for c in now["citations"]]
    assert any("3.1.3(3)" in u["reason"] for u in now["unresolved"])
    check = json.loads(run("check", "--format", "json").stdout)
    assert any(u["comment"] == _id("A-06") for u in check["unresolved"])
    run("guideline", "load", "--bundled")  # the section returns: the citation links again
    assert comments(run) == machine


def test_everything_downstream_reads_reviewed_values(run, seed: Path, tmp_path: Path) -> None:
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    sbom = lambda: next(t for t in json.loads(run("topics", "list", "--format", "json").stdout)  # noqa: E731
                        if t["topic"] == "sbom")["opinions"]
    waiting = lambda: {r["kind"]: r["items"] for r in  # noqa: E731
                       json.loads(run("check", "--format", "json").stdout)["awaiting_review"]}
    before_topic, before_queue = sbom(), waiting()
    assert before_queue["title-only"] >= 1
    run("review", "set", _id("A-10"), "--tag", "sbom", "--by", "suzuki")
    run("review", "set", _id("A-02"), "--disposition", "revised", "--by", "tanaka")
    title_only = [i["opinion"] for i in json.loads(run("review", "list", "--kind", "title-only", "--format",
                                                       "json").stdout)]
    run("review", "accept", *title_only)
    assert sbom() == before_topic + 1
    assert waiting().get("title-only", 0) == 0
    responses = json.loads(run("report", "responses", "--format", "json").stdout)
    assert "revised" in json.dumps(responses, ensure_ascii=False)
    out = tmp_path / "site"
    assert run("site", str(out)).exit_code == 0
    pages = "\n".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    # a public site says that a person reviewed, and when, never who (issue 30); an internal one says who
    assert 'class="reviewed" title="確認済み: 20' in pages and 'class="reviewed" title="確認済み"' in pages
    assert "tanaka" not in pages and "suzuki" not in pages
    assert 'class="machine"' in pages
    assert run("site", str(tmp_path / "internal"), "--internal").exit_code == 0
    internal = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "internal").rglob("*.html"))
    assert 'class="reviewed" title="確認済み: tanaka ' in internal


def test_bad_decision_inputs_are_one_line(run, seed: Path, tmp_path: Path) -> None:
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    result = run("review", "set", "scsg-3.0-draft/Z-99", "--disposition", "revised")
    assert result.exit_code == 2 and "no opinion 'scsg-3.0-draft/Z-99'" in result.output
    assert run("review", "undo", "12345").exit_code == 2
    for name, text, message in (("notjson.json", "{oops", "not a decisions file (JSON expected)"),
                                ("other.json", '{"format": "something-else"}', "not a decisions file"),
                                ("partial.json", '{"format": "guidetrace-decisions", "decisions": [{"action": "cite"}]}',
                                 "decision 1: missing comment_key")):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = run("comments", "load", str(seed), "--revision", "3.0-draft", "--decisions", str(path))
        assert result.exit_code == 2 and message in result.output and result.output.count("\n") == 1, name
    assert json.loads(run("review", "log", "--format", "json").stdout) == []


def _citation_row(sheet, cols: dict[str, str]) -> int:  # type: ignore[no-untyped-def]
    """The first workbook row that asks about a citation the machine placed in a section (field 該当箇所)."""
    for row in range(3, sheet.max_row + 1):
        machine = sheet[f"{cols['machine']}{row}"].value
        if sheet[f"{cols['field']}{row}"].value == "該当箇所" and machine:
            return row
    raise AssertionError("the seed's queue holds no placed citation")


def test_a_workbook_citation_edit_is_one_step_and_undo_restores_the_machine(run, seed: Path, tmp_path: Path) -> None:
    """Issue 28.4: changing a citation in a cell is stored as uncite + cite; undo by opinion takes both back."""
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    machine = comments(run)
    path = tmp_path / "review.xlsx"
    assert run("review", "export", "-o", str(path)).exit_code == 0
    book = load_workbook(path)
    sheet = book["review"]
    cols = {c.value: c.column_letter for c in sheet[1]}
    row = _citation_row(sheet, cols)
    opinion, shown = sheet[f"{cols['opinion']}{row}"].value, sheet[f"{cols['machine']}{row}"].value
    old = "general" if shown == "全般" else shown  # the whole guideline reads 全般 in the workbook
    new = "3.1.3" if old != "3.1.3" else "3.1.2"
    sheet[f"{cols['decision']}{row}"] = new
    book.save(path)
    assert run("review", "import", str(path)).exit_code == 0
    cited = [c["section"] for c in comments(run)[opinion]["citations"]]
    assert new in cited and old not in cited
    log = json.loads(run("review", "log", "--format", "json").stdout)
    assert len(log) == 1 and log[0]["opinion"] == opinion  # one edit, one entry
    assert [d["action"] for d in log[0]["decisions"]] == ["uncite", "cite"]
    assert old in log[0]["before"]["sections"] and new in log[0]["after"]["sections"]
    assert old not in log[0]["after"]["sections"]
    table = run("review", "log").stdout
    assert table.count(opinion) == 1, table
    result = run("review", "undo", opinion)
    assert result.exit_code == 0, result.output
    assert comments(run)[opinion] == machine[opinion]  # both halves undone: the machine's citations are back
    assert comments(run) == machine
    assert {d["state"] for d in json.loads(run("review", "log", "--format", "json").stdout)} == {"undone"}
    assert run("review", "undo", opinion).exit_code == 2  # nothing left in force on it


def test_a_set_with_several_flags_is_one_step(run, seed: Path) -> None:
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    machine = comments(run)
    opinion = _id("A-03")
    old = [c["section"] for c in machine[opinion]["citations"]][0]
    result = run("review", "set", opinion, "--uncite", old, "--cite", "3.1.3", "--cite", "3.1.2",
                 "--disposition", "declined", "--tag", "sbom", "--by", "tanaka")
    assert result.exit_code == 0, result.output
    assert run("review", "set", _id("A-04"), "--disposition", "support").exit_code == 0  # another edit stays
    now = comments(run)[opinion]
    assert now["disposition"]["primary"] == "declined" and "sbom" in now["topics"]
    log = json.loads(run("review", "log", "--format", "json").stdout)
    assert len(log) == 2 and len(log[0]["decisions"]) == 5
    step = log[0]
    assert step["before"]["fields"]["disposition"] == machine[opinion]["disposition"]["primary"]
    assert step["after"]["fields"]["disposition"] == "declined"
    lines = [line for line in run("review", "log").stdout.splitlines() if opinion in line]
    assert len(lines) == 1, lines
    # any of the step's decision numbers names the whole edit
    result = run("review", "undo", str(step["decisions"][2]["id"]))
    assert result.exit_code == 0, result.output
    after = comments(run)
    assert after[opinion] == machine[opinion]
    assert after[_id("A-04")]["disposition"]["primary"] == "support"
    states = {e["opinion"]: e["state"] for e in json.loads(run("review", "log", "--format", "json").stdout)}
    assert states == {opinion: "undone", _id("A-04"): "active"}


def test_decisions_stored_before_steps_are_grouped_by_the_migration(store_url: str) -> None:
    """A store at schema 0009 with a half-undone edit and two separate ones: 0010 groups them as they were made."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from guidetrace.trace.store import alembic_config, resolve_url

    engine = create_engine(resolve_url(store_url))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0009")
        row = ("INSERT INTO review_decision (round_key, comment_key, fingerprint, text, action, value, before, after, "
               "\"by\", \"at\", state) VALUES ('r', :key, 'f', 't', :action, :value, 'null', 'null', :by, :at, :state)")
        for key, action, value, by, at, state in (
                ("r/1", "uncite", "general", "sato", "2026-01-01T10:00:00+00:00", "active"),
                ("r/1", "cite", "3.1.3", "sato", "2026-01-01T10:00:00+00:00", "active"),
                ("r/1", "disposition", "revised", "sato", "2026-01-01T10:05:00+00:00", "active"),
                ("r/2", "cite", "3.1.2", "sato", "2026-01-01T10:00:00+00:00", "undone")):
            conn.execute(text(row), {"key": key, "action": action, "value": value, "by": by, "at": at, "state": state})
        command.upgrade(alembic_config(conn), "head")
        steps = conn.execute(text("SELECT id, step FROM review_decision ORDER BY id")).all()
    engine.dispose()
    (a, sa), (b, sb), (c, sc), (d, sd) = steps
    assert (sa, sb, sc, sd) == (a, a, c, d)
