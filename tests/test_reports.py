"""Reports and diagrams on the seed: the numbers an editor reads, in every format."""

import html
import io
import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from guidetrace.reports.diagrams.dot import render_diagram
from guidetrace.reports.diagrams.make import make_diagram
from guidetrace.reports.responses.build import build_responses
from guidetrace.reports.responses.view import render_responses
from guidetrace.reports.sections.build import build_sections_report
from guidetrace.reports.sections.view import render_sections
from guidetrace.reports.tabular import neutralise, to_csv, to_xlsx
from guidetrace.trace.store import Store

from .conftest import require


def test_sections_report_numbers(loaded: Store) -> None:
    with loaded.sessions() as s:
        report = build_sections_report(s)
    rows = {r["section"]: r for r in json.loads(render_sections(report, "json"))}
    assert rows["3.1.3"]["subtree"] == 4 and rows["3.1.3"]["title"] == "都市OS"
    assert rows["3.1.2"]["subtree"] == 3 and rows["2.3.2"]["subtree"] == 2
    assert rows["general"]["direct"] == 11 and rows["general"]["subtree"] == 26
    assert rows["3.1.1"]["subtree"] == 0 and "3.1.1" in report.uncommented
    assert set(rows["3.1.3"]) >= {"section", "title", "kind", "parent", "direct", "subtree", "submissions",
                                  "by_disposition", "by_submitter_kind"}
    assert rows["3.1.3"]["by_disposition"] == {"noted": 3, "covered": 1}
    assert rows["3.1.3"]["by_submitter_kind"] == {"corporation": 2, "association": 2}
    csv_text = render_sections(report, "csv", "en")
    assert csv_text.splitlines()[0].startswith("section,title,kind,parent,direct,subtree,distinct,submissions,disp:revised")
    md = render_sections(report, "md")
    assert "| 3.1.3 | 都市OS | 項 | 3.1 | 3 | 4 | 4 | 4 |" in md  # the kind in words, the root as 全般
    assert "| 2 | スマートシティセキュリティの考え方 | 章 | 全般 |" in md and "general" not in md


def test_responses_xlsx_holds_every_opinion(loaded: Store) -> None:
    with loaded.sessions() as s:
        report = build_responses(s)
    book = load_workbook(io.BytesIO(render_responses(report, "xlsx")))
    assert book.sheetnames == ["区分 A", "区分 B"]
    a, b = book["区分 A"], book["区分 B"]
    assert [c.value for c in a[1]][:3] == ["該当箇所", "提出されたご意見", "ご意見に対する考え方"]
    assert a.freeze_panes == "A2" and a["A1"].font.bold and a["B2"].alignment.wrap_text
    rows = list(a.iter_rows(min_row=2, values_only=True)) + list(b.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 26 and all(r[2] for r in rows)
    ids = {r[3] for r in rows}
    assert len(ids) == 26
    column = next(r for r in rows if r[3] == "scsg-3.0-draft/A-13")
    assert column[2] == "ご意見を踏まえ、題名を「コラム：海外のスマートシティ事例」に修正いたします。"
    md = render_responses(report, "md")
    assert "### 3.1.3 都市OS" in md and "&lt;br>" not in md


def test_formula_injection_is_neutralised() -> None:
    assert [neutralise(x) for x in ("=1+1", "+SUM(A1)", "-2", "@cmd", "ok", "３")] == ["'=1+1", "'+SUM(A1)", "'-2", "'@cmd", "ok", "３"]
    assert to_csv([{"a": "=HYPERLINK(\"x\")"}], ["a"]).splitlines()[1] == "\"'=HYPERLINK(\"\"x\"\")\""
    from guidetrace.trace.output import render

    assert render([{"title": "=cmd|'/c calc'!A1"}], "csv").splitlines()[1] == "'=cmd|'/c calc'!A1"  # CLI lists too
    sheet = load_workbook(io.BytesIO(to_xlsx([("s", ["a"], [["=1+1"], [3]], [10])])))["s"]
    assert sheet["A2"].value == "'=1+1" and sheet["A2"].data_type == "s" and sheet["A3"].value == 3


@pytest.mark.parametrize("kind,root", [("heat", None), ("heat", "3.1"), ("topics", None), ("lineage", None),
                                       ("impact", "サービス3-2"), ("impact", "sbom")])
def test_diagrams_render_svg_with_japanese(loaded: Store, kind: str, root: str | None) -> None:
    require(shutil.which("dot") is not None, "Graphviz's dot (apt-get install graphviz)")
    with loaded.sessions() as s:
        model = make_diagram(s, kind, root=root)
    svg = render_diagram(model, "svg").decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    expected = {"heat": "各カテゴリのセキュリティ対策", "topics": "SBOM（ソフトウェア部品表）", "lineage": "第3.0版（案）",
                "impact": "都市OS2-2"}[kind]
    assert expected in html.unescape(svg)  # Graphviz writes "-" as &#45;


def test_heat_tree_limits_depth_and_links(loaded: Store) -> None:
    with loaded.sessions() as s:
        whole = make_diagram(s, "heat", url_for=lambda k: f"p-{len(k)}.html")
        chapter = make_diagram(s, "heat", root="3.1", depth=1)
    assert len(whole.nodes) == 35 and len(whole.clusters) == 3 + 1  # chapters 2, 3, 4 and Appendix B
    assert {n.id for n in chapter.nodes} == {"3.1", "3.1.1", "3.1.2", "3.1.3", "3.1.4"}
    assert all(n.url and n.url.endswith(".html") for n in whole.nodes)
    dot = render_diagram(chapter, "dot").decode("utf-8")
    assert 'fontname="Noto Sans CJK JP"' in dot and "3.1.2\nサービス\n3 / 3" in dot


def test_pdf_and_png(loaded: Store) -> None:
    require(shutil.which("dot") is not None, "Graphviz's dot (apt-get install graphviz)")
    with loaded.sessions() as s:
        model = make_diagram(s, "heat", root="2")
    assert render_diagram(model, "png").startswith(b"\x89PNG") and render_diagram(model, "pdf").startswith(b"%PDF")


def test_report_cli(run, seed: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    out = tmp_path / "s.xlsx"
    assert run("report", "sections", "--format", "xlsx", "-o", str(out)).exit_code == 0
    assert load_workbook(out).active.max_row == 36
    html = run("report", "sections", "--format", "html").output
    assert html.startswith("<!DOCTYPE html>") and "都市OS" in html
    for name in ("responses", "topics", "plan"):
        for fmt in ("md", "csv", "json"):
            result = run("report", name, "--format", fmt)
            assert result.exit_code == 0 and len(result.output) > 100, (name, fmt)
    dot = run("diagram", "heat", "--root", "3.1", "--format", "dot").output
    assert dot.startswith("digraph G {")
    bad = run("diagram", "heat", "--root", "9.9", "--format", "dot")
    assert bad.exit_code == 2 and "no section '9.9'" in bad.stderr


def test_batched_svgs_are_the_single_renders(loaded: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The site lays out its diagrams a batch per `dot` process; each SVG must be the one drawn alone,
    and a batch that fails falls back to one process per diagram."""
    require(shutil.which("dot") is not None, "Graphviz's dot (apt-get install graphviz)")
    from guidetrace.reports.diagrams import dot as dot_module

    with loaded.sessions() as s:
        models = [make_diagram(s, kind, root=root) for kind, root in
                  (("heat", None), ("heat", "3.1"), ("topics", None), ("lineage", None), ("impact", "sbom"))]
    alone = [render_diagram(m, "svg") for m in models]
    assert dot_module.render_svgs(models, threads=2) == alone
    batched = dot_module.render_svgs(models, threads=2, batch=3)
    assert dot_module.render_svgs(models, threads=1, batch=3) == batched  # the same, however many cores
    assert [b[:200] for b in batched] == [a[:200] for a in alone]  # the same picture: size and title
    assert [len(b) for b in batched] == [len(a) for a in alone]
    assert dot_module.render_svgs([]) == []
    real_run = dot_module.subprocess.run
    batches = []

    def truncated(argv, **kw):  # type: ignore[no-untyped-def]
        done = real_run(argv, **kw)
        if len(kw.get("input", b"").split(b"digraph")) > 2:  # a batch: lose its last diagram
            batches.append(argv)
            done.stdout = done.stdout[: done.stdout.rindex(b"<?xml")]
        return done

    monkeypatch.setattr(dot_module.subprocess, "run", truncated)
    assert dot_module.render_svgs(models, threads=2, batch=3) == alone and len(batches) == 2  # each fell back
