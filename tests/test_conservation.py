"""Every submission is counted: an opinion whose every place is unresolved counts at the root, so each
report's totals are the round's, through decisions, undo and reloads (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from guidetrace.reports.site.pages import section_page
from guidetrace.trace.store import Store

ROUND = "raw"
# (number, location, body): invented. Unresolved-only: another law's article, an appendix the tree lacks.
ROWS = [
    ("S01", "3.1.2", "サービス提供者の責任分界点を図で示してほしい。"),
    ("S02", "3.1.2", "委託先の監査の頻度を例示してほしい。"),
    ("S03", "サービス2-6", "サービス提供者の責任分界点を図で示してほしい。"),  # a copy of S01, elsewhere
    ("S04", "個人情報保護法第2条", "個人情報の定義をこのガイドラインでも引用すべきである。"),
    ("S05", "個人情報保護法第2条", "匿名加工情報の扱いを別に書いてほしい。"),
    ("S06", "個人情報保護法第2条", "匿名加工情報の扱いを別に書いてほしい。"),  # an unresolved-only campaign
    ("S07", "付録Z", "用語集に「データ仲介」を加えてほしい。"),
    ("S08", "付録Z", "はじめまして。用語集に「データ仲介」を加えてほしい。"),  # the same body, greeted
    ("S09", "", "全体として分量が多すぎるので要約版を作ってほしい。"),
    ("S10", "", "改定の予定時期を示してほしい。"),
    ("S11", "", "改定の予定時期を示してほしい。"),
]
UNRESOLVED_ONLY = {"S04", "S05", "S06", "S07", "S08"}


def raw_csv(path: Path) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["番号", "氏名", "ご意見", "該当箇所"])
    writer.writerows([(n, f"個人{n}", body, loc) for n, loc, body in ROWS])
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def totals(run: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """The root's figures in every report that has them, and what the round says it holds."""
    sections = json.loads(run("report", "sections", "--round", ROUND, "--format", "json").stdout)
    (root,) = [r for r in sections if r["section"] == "general"]
    as_csv = list(csv.DictReader(io.StringIO(run("report", "sections", "--round", ROUND, "--format", "csv",
                                                 "--lang", "en").stdout.lstrip("\ufeff"))))
    (csv_root,) = [r for r in as_csv if r["section"] == "general"]
    responses = json.loads(run("report", "responses", "--round", ROUND, "--format", "json").stdout)
    campaigns = json.loads(run("report", "campaigns", "--round", ROUND, "--format", "json").stdout)["campaigns"]
    rounds = {r["round"]: r for r in json.loads(run("rounds", "--format", "json").stdout)}
    listed = json.loads(run("comments", "list", "--round", ROUND, "--section", "全般", "--format", "json").stdout)
    return {"root": (root["subtree"], root["submissions"], sum(root["by_disposition"].values()),
                     sum(root["by_submitter_kind"].values())),
            "csv": (int(csv_root["subtree"]), int(csv_root["submissions"])),
            "distinct": (root["distinct"], int(csv_root["distinct"])),
            "campaign_distinct": len(ROWS) - sum(c["size"] - 1 for c in campaigns),
            "round": (rounds[ROUND]["submissions"], rounds[ROUND]["parts"]["distinct"]),
            "responses": len(responses["rows"]), "listed": len(listed)}


def assert_conserved(run: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    n = len(ROWS)
    t = totals(run)
    assert t["root"] == (n, n, n, n) and t["csv"] == (n, n) and t["round"][0] == n
    assert t["responses"] == n and t["listed"] == n
    assert t["distinct"] == (t["campaign_distinct"], t["campaign_distinct"]) == (t["round"][1], t["round"][1])
    return t


def test_unresolved_only_opinions_count_at_the_root_in_every_report(run, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("guideline", "load", "--bundled").exit_code == 0
    path = raw_csv(tmp_path / "raw.csv")
    assert run("comments", "load-raw", str(path), "--revision", "3.0-draft", "--round", ROUND).exit_code == 0
    t = assert_conserved(run)
    assert t["campaign_distinct"] == len(ROWS) - 4  # S01/S03, S05/S06, S07/S08, S10/S11
    check = json.loads(run("check", "--format", "json").stdout)
    assert {u["comment"].split("/R-")[1] for u in check["unresolved"]} == UNRESOLVED_ONLY  # still listed as unresolved

    # a decision cites one of them: it leaves the root's direct count for its section's, the totals stay
    sections = {r["section"]: r for r in json.loads(run("report", "sections", "--round", ROUND, "--format", "json").stdout)}
    root_direct = sections["general"]["direct"]
    assert root_direct == len(UNRESOLVED_ONLY) + 3  # S09-S11 cite it (implicit), the unresolved ones count there
    assert run("review", "set", f"{ROUND}/R-S04", "--cite", "3.1.2").exit_code == 0
    assert run("review", "set", f"{ROUND}/R-S05", "--disposition", "declined").exit_code == 0
    assert_conserved(run)
    sections = {r["section"]: r for r in json.loads(run("report", "sections", "--round", ROUND, "--format", "json").stdout)}
    assert sections["general"]["direct"] == root_direct - 1 and sections["3.1.2"]["direct"] == 3
    assert sections["general"]["by_disposition"].get("declined") == 1
    # a reload keeps the decisions and the counts; undoing them restores the machine's
    assert run("comments", "load-raw", str(path), "--revision", "3.0-draft", "--round", ROUND).exit_code == 0
    assert_conserved(run)
    for entry in json.loads(run("review", "log", "--format", "json").stdout):
        assert run("review", "undo", str(entry["id"])).exit_code == 0
    assert_conserved(run)
    sections = {r["section"]: r for r in json.loads(run("report", "sections", "--round", ROUND, "--format", "json").stdout)}
    assert sections["general"]["direct"] == root_direct

    # the site agrees: the index's root row, the root's page lists them, the unresolved page too
    assert run("site", str(tmp_path / "site")).exit_code == 0
    site = tmp_path / "site"
    index = (site / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr data-section="general".*?</tr>', index, re.S)
    assert row and f'data-count="subtree">{len(ROWS)}<' in row.group(0)
    assert f'data-count="direct">{root_direct}<' in row.group(0)
    root_page = (site / section_page("3.0-draft", "general")).read_text(encoding="utf-8")
    unresolved = (site / "unresolved.html").read_text(encoding="utf-8")
    for page in (root_page, unresolved):  # each alone, or a campaign's copy listed on the page its block links to
        shown = set(re.findall(r'<article class="opinion" id="([^"]+)"', page))
        for link in re.findall(r'<p class="members"><a href="([^"]+)"', page):
            shown |= set(re.findall(r'<tr id="([^"]+)"', (site / link).read_text(encoding="utf-8")))
        assert {f"{ROUND}/R-{n}" for n in UNRESOLVED_ONLY} <= shown
