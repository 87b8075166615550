"""The generated site in headless Chromium (Debian's package, driven by Playwright), from file://."""

import json
import os
from pathlib import Path

import pytest

from guidetrace.comments.store_comments import load_comments
from guidetrace.reports.sections.build import build_sections_report
from guidetrace.reports.sections.view import render_sections
from guidetrace.reports.site.build import build_site
from guidetrace.reports.site.pages import section_page
from guidetrace.trace.store import Store

from .conftest import FIXTURES, require

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture
def browser_page():  # type: ignore[no-untyped-def]
    require(os.path.exists(CHROMIUM), "Debian's chromium at /usr/bin/chromium (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "the playwright Python package")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page()
        problems: list[str] = []
        page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("dialog", lambda d: (problems.append(f"dialog: {d.message}"), d.dismiss()))
        page.on("request", lambda r: problems.append(f"network: {r.url}") if not r.url.startswith(("file:", "data:")) else None)
        yield page, problems
        browser.close()


def test_site_in_chromium(loaded: Store, tmp_path: Path, browser_page) -> None:  # type: ignore[no-untyped-def]
    page, problems = browser_page
    load_comments(loaded, FIXTURES / "comments" / "numbered.md", revision="3.0-draft", round_key="test-xss")
    with loaded.sessions() as s:
        index = build_site(s, tmp_path / "site")
        expected = {r["section"]: r for r in json.loads(render_sections(build_sections_report(s, "scsg-3.0-draft"), "json"))}
        other = {r["section"]: r for r in json.loads(render_sections(build_sections_report(s, "test-xss"), "json"))}

    page.goto(index.as_uri())
    rows = page.locator("#sections-1 tbody tr")
    assert rows.count() == len(expected) == 35
    for i in range(rows.count()):
        row = rows.nth(i)
        key = row.get_attribute("data-section")
        shown = (int(row.locator("[data-count=direct]").inner_text()), int(row.locator("[data-count=subtree]").inner_text()))
        assert shown == (expected[key]["direct"], expected[key]["subtree"]), key

    page.locator("#sections-1 thead th").nth(4).click()  # sort by subtree, ascending, then descending
    page.locator("#sections-1 thead th").nth(4).click()
    assert rows.nth(0).get_attribute("data-section") == "general"
    page.fill("input[data-filter=sections-1]", "都市OS")
    visible = [rows.nth(i).get_attribute("data-section") for i in range(rows.count()) if rows.nth(i).is_visible()]
    assert visible == ["3.1.3", "都市OS2-2"]

    page.locator("#sections-1 a", has_text="3.1.3").first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(section_page("3.0-draft", "3.1.3"))
    both_rounds = expected["3.1.3"]["subtree"] + other["3.1.3"]["subtree"]  # a section page gathers every round
    assert page.locator("h1").inner_text().startswith("3.1.3")
    assert page.locator("#subtree-count").inner_text() == str(both_rounds) == "7"

    page.goto(index.as_uri())
    page.locator("svg a").first.click()  # a node of the heat tree
    page.wait_for_load_state("load")
    assert "section-" in page.url

    page.goto((index.parent / section_page("3.0-draft", "general")).as_uri())
    body = page.locator("#test-xss\\/8 .body").inner_text()
    assert body == "全体への意見。<script>alert(1)</script> | 縦棒"
    assert problems == []


def test_plan_and_topic_links_land_on_opinions_and_search_finds_them(loaded: Store, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                     browser_page) -> None:
    page, problems = browser_page
    with loaded.sessions() as s:
        index = build_site(s, tmp_path / "site")
    plan = (index.parent / "plan.html").as_uri()
    page.goto(plan)
    links = page.locator("#plan a.oid")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert len(targets) >= 10
    for href in dict.fromkeys(targets):  # every opinion link lands on a page where that opinion is
        page.goto(plan)
        page.locator(f'#plan a.oid[href="{href}"]').first.click()
        page.wait_for_load_state("load")
        opinion = href.split("#", 1)[1]
        assert page.locator(f'article[id="{opinion}"]').count() >= 1, href
    page.goto(plan)
    sections = page.locator("#plan td:nth-child(4) a")
    section_targets = list(dict.fromkeys(sections.nth(i).get_attribute("href") for i in range(sections.count())))
    for href in section_targets:  # plan sections are the latest revision's: opinions carried there are shown
        page.goto((index.parent / href).as_uri())
        assert page.locator("article.opinion").count() >= 1, href
    page.goto(index.as_uri())
    topic_links = page.locator("#topics a")
    topic_pages = [topic_links.nth(i).get_attribute("href") for i in range(topic_links.count())]
    from_topics: set[str] = set()
    for href in topic_pages:
        page.goto((index.parent / href).as_uri())
        assert page.locator("article.opinion").count() >= 1, href
        links = page.locator("p a[href^=section-]")
        from_topics |= {links.nth(i).get_attribute("href") for i in range(links.count())}
    for target in sorted(from_topics - set(section_targets)):  # each distinct section a topic page links to
        page.goto((index.parent / target).as_uri())
        assert page.locator("article.opinion").count() >= 1, target
    page.goto(index.as_uri())
    page.fill("#gt-search", "sbom")
    page.wait_for_selector("#gt-results li a")
    hits = page.locator("#gt-results li a")
    labels = [hits.nth(i).inner_text() for i in range(hits.count())]
    assert any("scsg-3.0-draft/A-02" in text for text in labels), labels
    hits.filter(has_text="scsg-3.0-draft/A-02").first.click()
    page.wait_for_load_state("load")
    assert page.locator('article[id="scsg-3.0-draft/A-02"]').count() == 1
    assert problems == []


@pytest.mark.parametrize("renderer", ["system", "embedded"])
def test_diagram_labels_lie_inside_their_nodes(renderer: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                               browser_page) -> None:
    """Each label line's box, as Chromium draws it in the diagram's font, inside its node's outline: on the
    seed's heat tree and lineage as the demo writes them, and on labels chosen to be hard to measure (wide
    capitals, half-width kana, ambiguous-width signs, combining marks, in every shape the builders use).
    The embedded renderer is forced as a user meets it: a PATH without `dot`."""
    from guidetrace.reports.diagrams.dot import render_diagram
    from guidetrace.reports.diagrams.model import Diagram, Node, Style
    from guidetrace.reports.diagrams.renderer import ENV, find_renderer, system_dot
    from guidetrace.api import run_demo

    from .diagram_fit import fit, outside

    page, problems = browser_page
    monkeypatch.delenv(ENV, raising=False)
    if renderer == "system":
        require(system_dot() is not None, "Graphviz's dot (apt-get install graphviz)")
    else:
        monkeypatch.setenv("PATH", str(tmp_path / "no-dot"))
    assert find_renderer().kind == renderer  # type: ignore[union-attr]
    run_demo(tmp_path / "demo", echo=lambda line: None)
    for name, at_least in (("heat", 35), ("lineage", 26)):
        svg = tmp_path / "demo" / "diagrams" / f"{name}.svg"
        assert ("graphviz-pure" in svg.read_text(encoding="utf-8")) == (renderer == "embedded")
        measured = fit(page, svg.as_uri())
        assert len({n["node"] for n in measured["nodes"]}) >= at_least and measured["fonts"] == ["Noto Sans CJK JP"]
        assert outside(measured) == [], name
    hard = ["WWMM mmww @%", "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿ", "①②③…※→○△", "Cafe\u0301 nai\u0308ve", "3.2.1(4)\nサービス3-2\n120 / 1200",
            "Appendix B SBOM（ソフトウェア部品表）", "ｶﾞｲﾄﾞﾗｲﾝ　第３章"]
    shapes = ["box", "tab", "folder", "note", "component", "box3d", "ellipse"]
    diagram = Diagram("hard", nodes=[Node(f"{s}{i}", text, Style(shape=s)) for s in shapes for i, text in enumerate(hard)])
    (tmp_path / "hard.svg").write_bytes(render_diagram(diagram, "svg"))
    measured = fit(page, (tmp_path / "hard.svg").as_uri())
    assert len({n["node"] for n in measured["nodes"]}) == len(hard) * len(shapes) and outside(measured) == []
    assert problems == []


def test_search_snippets_show_the_text_as_written_cut_at_word_boundaries(loaded: Store, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                                         browser_page) -> None:
    """A hit's snippet is the opinion as written (SBOM, not the folded `sbom`; full-width brackets kept),
    never repeats the id and submitter its link shows, and starts and ends where the browser's word
    segmenter puts a boundary, so no word or name is cut in half."""
    import re

    page, problems = browser_page
    with loaded.sessions() as s:
        index = build_site(s, tmp_path / "site")
    rows: dict[str, str] = {}
    for shard in (index.parent / "assets").glob("search-[0-9]*.js"):
        data = re.fullmatch(r"GT_SEARCH_SHARD\(\d+,(.*)\);\n", shard.read_text(encoding="utf-8"), re.S)[1]  # type: ignore[index]
        rows.update({r[1]: r[-1] for r in json.loads(data)})
    page.goto(index.as_uri())
    checked = 0
    for query, expect in (("sbom", "SBOM"), ("自身のシステム", "「自身のシステム"),
                          ("ｓｂｏｍ（ソフトウェア", "SBOM（ソフトウェア"), ("株式会社", None)):
        page.fill("#gt-search", query)
        page.wait_for_function("q => document.querySelector('#gt-search').value === q && "
                               "document.querySelectorAll('#gt-results li a').length > 0", arg=query)
        page.wait_for_timeout(300)  # the results of the last keystroke only
        hits = page.locator("#gt-results li")
        for i in range(hits.count()):
            name = hits.nth(i).locator("a").inner_text()
            shown = hits.nth(i).locator("small").inner_text().strip()
            text = rows[name]
            core = shown.removeprefix("…").removesuffix("…")
            start = text.find(core, len(name))
            assert start > len(name) and (shown.startswith("…") or start == len(name) + 1), (query, shown)
            bounds = page.evaluate("t => Array.from(new Intl.Segmenter('ja', {granularity: 'word'}).segment(t), "
                                   "p => p.index).concat([t.length])", text)
            assert start in bounds and start + len(core) in bounds + [b - 1 for b in bounds], (query, shown)
            if expect and expect.casefold() in text.casefold():
                assert expect in shown and query not in shown.replace(expect, ""), (query, shown)
            checked += 1
    assert checked >= 10 and problems == []
