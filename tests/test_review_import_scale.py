"""`review import` of a large workbook: every row lands, on its own opinion, as deciding each row alone would;
one item decided twice differently is refused naming both cells (SQLite and PostgreSQL). Its speed is
measured by benchmarks/review_bench.py, not here."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook

from guidetrace.comments.review.record import decide
from guidetrace.comments.review.workbook_import import COLUMNS, read_review_workbook
from guidetrace.trace.store import open_store

from .big_documents import write_tsv
from .test_tally import assert_agrees

ROUND = "big"
DISPOSITIONS = ("revised", "noted", "declined", "covered", "support")
KEYS = ("3.1.3", "3.2.1", "サービス3-2", "2.3.2", "Appendix B")


def opinions(run: Any) -> dict[str, dict[str, Any]]:  # type: ignore[no-untyped-def]
    return {c["id"]: c for c in json.loads(run("comments", "list", "--round", ROUND, "--format", "json").stdout)}


def workbook(path: Path, listed: dict[str, dict[str, Any]]) -> dict[str, tuple[str, str]]:
    """A decided row per opinion, in the export's layout: two in three a disposition, one in three a citation
    replaced by another section. Returns what each opinion should end with: (field, value)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "review"
    sheet.append(list(COLUMNS))
    sheet.append(list(COLUMNS))
    wanted = {}
    for n, (key, c) in enumerate(sorted(listed.items())):
        row = dict.fromkeys(COLUMNS)
        row.update(opinion=key, round=ROUND, weight=1, kind="conflict")
        cited = [x["section"] for x in c["citations"]]
        if n % 3 == 2 and cited:
            other = next(k for k in KEYS[n % len(KEYS):] + KEYS if k not in cited)
            row.update(field="citation", machine=cited[0], decision=other)
            wanted[key] = ("citation", other)
        else:
            machine = c["disposition"]["primary"]
            choice = next(d for d in DISPOSITIONS[n % len(DISPOSITIONS):] + DISPOSITIONS if d != machine)
            row.update(field="disposition", machine=machine, decision=choice)
            wanted[key] = ("disposition", choice)
        sheet.append([row[k] for k in COLUMNS])
    book.save(path)
    return wanted


def test_a_3000_row_workbook_lands_whole(run, store_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("guideline", "load", "--bundled").exit_code == 0
    table = write_tsv(tmp_path / "big.tsv", 3000)
    assert run("comments", "load", str(table), "--revision", "3.0-draft", "--round", ROUND).exit_code == 0
    machine = opinions(run)
    book = tmp_path / "review.xlsx"
    wanted = workbook(book, machine)
    result = run("review", "import", str(book), "--by", "sato")
    assert result.exit_code == 0, result.output
    now = opinions(run)
    for key, (field, value) in wanted.items():
        if field == "disposition":
            assert now[key]["disposition"]["primary"] == value, key
            assert [x["section"] for x in now[key]["citations"]] == [x["section"] for x in machine[key]["citations"]]
        else:
            cited = [x["section"] for x in now[key]["citations"]]
            assert value in cited and machine[key]["citations"][0]["section"] not in cited, key
            assert now[key]["disposition"] == machine[key]["disposition"]
        assert now[key]["topics"] == machine[key]["topics"]
    log = json.loads(run("review", "log", "--format", "json").stdout)
    citation_rows = sum(field == "citation" for field, _ in wanted.values())
    assert len(log) == len(wanted)  # one edit per row: a citation row's uncite and cite are one step
    assert sum(len(e["decisions"]) for e in log) == len(wanted) + citation_rows
    moved = next(e for e in log if [d["action"] for d in e["decisions"]] == ["uncite", "cite"])
    assert moved["decisions"][1]["value"] in moved["after"]["sections"]
    assert_agrees(store_url, ROUND)  # the section tally is what the citations say
    # a reload re-applies all of them, each on its own opinion
    assert run("comments", "load", str(table), "--revision", "3.0-draft", "--round", ROUND).exit_code == 0
    assert opinions(run) == now
    assert_agrees(store_url, ROUND)


def test_a_batch_decides_as_one_at_a_time_would(run, store_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The first 240 rows (with two requests on most citation rows' opinions) imported at once, and the same
    requests decided one by one on a second round: the same values, the same before and after."""
    assert run("guideline", "load", "--bundled").exit_code == 0
    table = write_tsv(tmp_path / "big.tsv", 240)
    for key in (ROUND, "alone"):
        assert run("comments", "load", str(table), "--revision", "3.0-draft", "--round", key).exit_code == 0
    book = tmp_path / "review.xlsx"
    workbook(book, opinions(run))
    requests = read_review_workbook(book)
    store = open_store(store_url)
    try:
        with store.transaction() as session:
            decide(session, requests, by="x")
        with store.transaction() as session:
            for r in requests:
                decide(session, [type(r)(r.opinion.replace(f"{ROUND}/", "alone/"), r.action, r.value, r.note)], by="x")
    finally:
        store.dispose()
    listed = json.loads(run("comments", "list", "--format", "json").stdout)
    for c in listed:  # who and when differ by the second: the rest must not
        c["citations"] = [{k: v for k, v in x.items() if k != "reviewed"} for x in c["citations"]]
    shown = {(c["round"], c["id"].split("/", 1)[1]): {k: v for k, v in c.items() if k not in ("id", "round", "review")}
             for c in listed}
    for (rnd, local), values in shown.items():
        if rnd == ROUND:
            assert values == shown[("alone", local)], local
    log = json.loads(run("review", "log", "--format", "json").stdout)
    steps: dict[str, list[tuple[str, str, str | None]]] = {}  # the decisions, whatever edits group them
    for e in log:
        for d in e["decisions"]:
            steps.setdefault(e["opinion"].split("/", 1)[0], []).append((e["opinion"].split("/", 1)[1], d["action"],
                                                                        d["value"]))
    assert sorted(steps[ROUND]) == sorted(steps["alone"]) and len(steps[ROUND]) > 240


def test_one_item_decided_twice_differently_is_refused_naming_both_cells(run, seed: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("guideline", "load", "--bundled").exit_code == 0
    assert run("comments", "load", str(seed), "--revision", "3.0-draft").exit_code == 0
    path = tmp_path / "review.xlsx"
    assert run("review", "export", "-o", str(path)).exit_code == 0
    book = load_workbook(path)
    sheet = book["review"]
    cols = {c.value: c.column_letter for c in sheet[1]}
    row3 = [c.value for c in sheet[3]]
    sheet.append(row3)  # the same item again at the end
    last = sheet.max_row
    sheet[f"{cols['decision']}3"] = "(none)"
    sheet[f"{cols['decision']}{last}"] = "3.2.1"
    book.save(path)
    result = run("review", "import", str(path))
    assert result.exit_code == 2
    line = result.output.strip()
    assert "\n" not in line and f"{cols['decision']}3" in line and f"{cols['decision']}{last}" in line, line
    assert "differently" in line and row3[list(cols).index("opinion")] in line
    assert json.loads(run("review", "log", "--format", "json").stdout) == []
    sheet[f"{cols['decision']}{last}"] = "(none)"  # the same decision twice: recorded once
    book.save(path)
    assert run("review", "import", str(path)).exit_code == 0
    assert len(json.loads(run("review", "log", "--format", "json").stdout)) == 1
