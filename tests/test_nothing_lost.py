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
    assert "語彙：同梱 + mine.yaml" in run("topics", "list").output
    assert run("plan", "mark", "backup", "3.1.2", "--status", "dropped").exit_code == 0
    result = run("topics", "use", "--shipped")
    assert result.exit_code == 2 and "plan marks (backup)" in result.output
    assert topics()["backup"]["opinions"] == 2
    result = run("topics", "use", "--shipped", "--allow-removals")
    assert result.exit_code == 0 and "トピック backup を外しました" in result.output
    assert "backup" not in topics() and "語彙：同梱、" in run("topics", "list").output


def test_site_size_stays_bounded_for_a_deep_chain_and_a_wide_citation(store_url: str, run, tmp_path: Path) -> None:
    """A chain 1,500 deep and an opinion citing all 1,501 sections: pages stay small, nothing is dropped."""
    from sqlalchemy import insert, select

    from guidetrace.trace.models import Citation, Comment, Section
    from guidetrace.trace.store import open_store

    n = 1500
    tree = tmp_path / "deep.yaml"
    tree.write_text("guideline: {key: deep, title: 深い指針}\nrevision: {key: '1.0', label: 第1.0版, status: draft, "
                    "partial: false}\nsections:\n" + "".join(
                        f"  - {{key: 'd{i}', kind: section, title: 節{i}, parent: {f'd{i - 1}' if i > 1 else 'general'}}}\n"
                        for i in range(1, n + 1)), encoding="utf-8")
    doc = tmp_path / "doc.md"
    doc.write_text("| 該当箇所 | 意見 | 考え方 |\n|---|---|---|\n| 全般 | すべての節に関わる意見。 | 御意見として承ります。 |\n",
                   encoding="utf-8")
    assert run("guideline", "load", str(tree)).exit_code == 0
    assert run("comments", "load", str(doc), "--revision", "1.0", "--round", "r").exit_code == 0
    store = open_store(store_url)
    with store.transaction() as s:
        cid = s.scalar(select(Comment.id))
        sids = [sid for sid in s.scalars(select(Section.id)) if sid not in set(s.scalars(
            select(Citation.section_id).where(Citation.comment_id == cid)))]
        s.execute(insert(Citation), [{"comment_id": cid, "section_id": sid, "text": "x", "evidence": "number",
                                      "confidence": 1.0, "origin": "location", "position": i + 1, "note": None}
                                     for i, sid in enumerate(sids)])
    store.dispose()
    out = tmp_path / "site"
    assert run("site", str(out)).exit_code == 0
    sections = list(out.glob("section-*.html"))
    assert len(sections) == n + 1
    sizes = [p.stat().st_size for p in sections]
    assert max(sizes) < 60_000 and sum(sizes) < 40_000_000
    deepest = next(p for p in sections if ">d1500</span>" in p.read_text(encoding="utf-8"))
    crumbs = deepest.read_text(encoding="utf-8").split('<p class="crumbs">')[1].split("</p>")[0]
    assert crumbs.count("<a ") == 7 and "…" in crumbs and ">d1499<" in crumbs
    opinion_pages = list(out.glob("opinion-*.html"))
    own = opinion_pages[0].read_text(encoding="utf-8")
    assert len(opinion_pages) == 1 and own.count('href="section-') - own.count('class="oid" href="section-') == n + 1
    assert '+1481</a>' in deepest.read_text(encoding="utf-8")


def test_ids_do_not_shift_and_a_reload_says_what_changed(run, seed: Path, tmp_path: Path) -> None:
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    before = {c["id"]: c["body"] for c in json.loads(run("comments", "list", "--format", "json").stdout)}
    lines = seed.read_text(encoding="utf-8").split("\n")
    result = run("comments", "list", "--format", "json")
    a03 = next(c for c in json.loads(result.stdout) if c["id"] == "scsg-3.0-draft/A-03")["source"]["line"]
    lines[a03 - 1] = "3.1.1.\t<p>新しく加わった意見。</p>\t<p>御意見として承ります。</p>"  # A-03 replaced by a new one
    corrected = tmp_path / "corrected.md"
    corrected.write_text("\n".join(lines), encoding="utf-8")
    result = run("comments", "load", str(corrected), "--revision", "3.0-draft")
    assert result.exit_code == 0, result.output
    assert "削除（1件）：scsg-3.0-draft/A-03" in result.output
    now = {c["id"]: c["body"] for c in json.loads(run("comments", "list", "--format", "json").stdout)}
    assert "scsg-3.0-draft/A-03" not in now
    assert all(now[k] == v for k, v in before.items() if k != "scsg-3.0-draft/A-03")
    added = [k for k in now if k not in before]
    assert added == ["scsg-3.0-draft/A-19"] and "新しく加わった意見" in now[added[0]]
    assert "追加（1件）：scsg-3.0-draft/A-19" in result.output


def test_numbered_document_reload_names_changed_removed_renumbered(run, tmp_path: Path) -> None:
    run("guideline", "load", "--bundled")
    head = "番号,該当箇所,意見,考え方\n"
    rows = {1: "ログの保存期間を明記してほしい。", 2: "多要素認証を必須にすべき。", 3: "バックアップの世代管理を書いてほしい。",
            4: "委託先の監査の頻度を示すべき。"}
    doc = tmp_path / "v1.csv"
    doc.write_text(head + "".join(f"{n},3.1.2,{t},御意見として承ります。\n" for n, t in rows.items()), encoding="utf-8")
    assert run("comments", "load", str(doc), "--revision", "3.0-draft", "--round", "r").exit_code == 0
    v2 = tmp_path / "v2.csv"
    v2.write_text(head + f"1,3.1.2,{rows[1]},御意見として承ります。\n3,3.1.2,バックアップの世代管理と保管場所を書いてほしい。,"
                  f"御意見として承ります。\n5,3.1.2,{rows[4]},御意見として承ります。\n", encoding="utf-8")
    result = run("comments", "load", str(v2), "--revision", "3.0-draft", "--round", "r", "--allow-removals")
    assert result.exit_code == 0, result.output
    assert "変更（1件）：r/3" in result.output and "削除（1件）：r/2" in result.output
    assert "番号変更（1件）：r/4 → r/5" in result.output and "追加" not in result.output
