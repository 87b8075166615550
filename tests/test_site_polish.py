"""What every reader of the seed demo's site sees: rounds and revisions by their labels, topics by theirs,
search snippets in the text as written, one heading per column, the plan's revision in words, no
command line, and no `? – ?` for a round without a period."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from guidetrace.comments.store_comments import load_comments
from guidetrace.reports.site.build import build_site
from guidetrace.reports.site.pages import topic_page
from guidetrace.api import run_demo
from guidetrace.trace.models import Topic
from guidetrace.trace.store import open_store

from .conftest import FIXTURES

SEED_ROUND = "scsg-3.0-draft"
SECOND = "round-b"  # loaded beside the seed on the same revision, with no period


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path, dict[str, str]]]:
    """The demo's site, and the same store's site once a second round without a period is loaded."""
    out = tmp_path_factory.mktemp("demo")
    demo = run_demo(out, echo=lambda line: None).parent
    store = open_store(str(out / "guidetrace.db"))
    try:
        load_comments(store, FIXTURES / "comments" / "numbered.md", revision="3.0-draft", round_key=SECOND)
        with store.sessions() as s:
            two = build_site(s, out / "two-rounds").parent
            topics = {t.key: t.labels["ja"] for t in s.scalars(select(Topic))}
    finally:
        store.dispose()
    yield demo, two, topics


def visible_text(source: str) -> str:
    """A page's text as a reader meets it, the diagrams' text included; no script, no attributes."""
    text = re.sub(r"<script.*?</script>|<head>.*?</head>", " ", source, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", text))


def visible(page: Path) -> str:
    return visible_text(page.read_text(encoding="utf-8"))


def test_rounds_and_revisions_are_shown_by_their_labels(sites: tuple[Path, Path, dict[str, str]]) -> None:
    demo, two, _ = sites
    index = (demo / "index.html").read_text(encoding="utf-8")
    row = re.search(r'<table id="rounds".*?<tbody>\s*<tr>(.*?)</tr>', index, re.S)[1]  # type: ignore[index]
    assert re.findall(r"<td>([^<]*)</td>", row)[:2] == ["第3.0版（案）", "第3.0版（案）"]  # the round, its revision
    assert "<h2>意見の分布: 第3.0版（案）</h2>" in index and ">意見の分布: 第3.0版（案）</text>" in index
    assert ">トピックと箇所 (第3.0版)</text>" in index
    for site, keys in ((demo, [SEED_ROUND]), (two, [SEED_ROUND, SECOND])):
        for page in site.glob("*.html"):
            text = visible(page)
            for key in keys:  # an opinion's id starts with its round's key: that id is the only place it shows
                assert key not in text.replace(f"{key}/", ""), (page.name, key)
            text = re.sub(r"[\w.-]+\.md\b", " ", text)  # a source document's file name may hold anything
            assert not re.search(r"版 3\.0|\(3\.0\)|3\.0-draft(?!/)", text), page.name  # revisions by label too
    both = visible(two / "index.html")
    assert "第3.0版（案）（2回目）" in both and "（1回目）" not in both  # the later of two rounds on one revision


def test_topic_pages_show_labels_never_keys(sites: tuple[Path, Path, dict[str, str]]) -> None:
    demo, _, topics = sites
    assert "sbom" in topics and len(topics) >= 10
    for key, name in topics.items():
        page = demo / topic_page(key)
        if not page.exists():  # a topic no opinion carries has no page
            continue
        source = page.read_text(encoding="utf-8")
        assert f"<h1>{html.escape(name, quote=False)}</h1>" in source and "<code>" not in source, key
        around = re.sub(r"<article.*?</article>", " ", source, flags=re.S)  # opinions quote what they quote
        assert not re.search(rf"(?<![\w./-]){re.escape(key)}(?![\w.-])", visible_text(around)), key


def test_search_shards_hold_the_text_as_written(sites: tuple[Path, Path, dict[str, str]]) -> None:
    demo, _, _ = sites
    rows = []
    for shard in sorted((demo / "assets").glob("search-[0-9]*.js")):
        rows += json.loads(re.fullmatch(r"GT_SEARCH_SHARD\(\d+,(.*)\);\n", shard.read_text(encoding="utf-8"), re.S)[1])  # type: ignore[index]
    a05 = next(r for r in rows if r[1].startswith(f"{SEED_ROUND}/A-05 "))
    assert "sbom(ソフトウェア部品表)" in a05[2] and "SBOM（ソフトウェア部品表）" in a05[3]  # folded to match, as written to show
    assert a05[3].startswith(a05[1] + " ")  # the link's words lead the text (the snippet skips them)
    sections = [r for r in rows if r[0].startswith("section-") and "#" not in r[0]]
    assert ["全般 (第3.0版)", "全般"] in [r[1:] for r in sections] and not any("general" in r[1] for r in sections)
    assert all(len(r) == 3 or r[2] != r[3] for r in rows)  # the text as written only where folding changed it


def test_no_table_repeats_a_heading(sites: tuple[Path, Path, dict[str, str]]) -> None:
    demo, two, _ = sites
    tables = 0
    for page in [*demo.glob("*.html"), *two.glob("*.html")]:
        for table in re.findall(r"<table.*?</table>", page.read_text(encoding="utf-8"), re.S):
            heads = [html.unescape(re.sub(r"<[^>]+>", "", h)).strip() for h in re.findall(r"<th[^>]*>(.*?)</th>", table, re.S)]
            assert len(heads) == len(set(heads)), (page.name, heads)
            tables += 1
    assert tables >= 4
    plan = (demo / "plan.html").read_text(encoding="utf-8")
    assert "<th>意見番号</th>" in plan and plan.count("意見数</th>") == 1


def test_the_plan_says_which_revision_it_plans_from(sites: tuple[Path, Path, dict[str, str]]) -> None:
    text = visible(sites[0] / "plan.html")
    assert "次期改定の検討事項: 第3.0版の次の改定" in text
    assert "第3.0版をもとにした検討事項です。該当箇所は第3.0版の節番号です。" in text


def test_no_command_line_on_a_public_page(sites: tuple[Path, Path, dict[str, str]]) -> None:
    demo, two, _ = sites
    for page in [*demo.glob("*.html"), *two.glob("*.html")]:
        source = page.read_text(encoding="utf-8")
        text = visible_text(re.sub(r"<article.*?</article>", " ", source, flags=re.S))
        assert "<code>" not in source, page.name
        assert not re.search(r"guidetrace [a-z]+ [a-z-]+|--[a-z]|apt-get|pip install", text), page.name
    assert "該当箇所の記載がガイドラインのどの節にも当たらない意見です。" in visible(two / "unresolved.html")


def test_a_round_without_a_period_shows_none(sites: tuple[Path, Path, dict[str, str]]) -> None:
    index = (sites[1] / "index.html").read_text(encoding="utf-8")
    table = re.search(r'<table id="rounds".*?</table>', index, re.S)[0]  # type: ignore[index]
    cells = [re.findall(r"<td[^>]*>([^<]*)</td>", row)[:3] for row in re.findall(r"<tr>(<td.*?)</tr>", table, re.S)]
    assert sorted(cells) == [["第3.0版（案）", "第3.0版（案）", "2024-04-26 – 2024-05-27"],
                     ["第3.0版（案）（2回目）", "第3.0版（案）", ""]]
    assert "?" not in table
