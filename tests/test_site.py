"""The static site, read as files: links resolve, nothing external, comment markup stays text."""

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markupsafe import escape as markup_escape

from guidetrace.comments.store_comments import load_comments
from guidetrace.reports.site.build import build_site
from guidetrace.reports.site.pages import section_page, slug
from guidetrace.reports.site.svg_inline import safe_svg
from guidetrace.trace.store import Store

from .conftest import FIXTURES, require


@pytest.fixture
def site(loaded: Store, tmp_path: Path) -> Path:
    load_comments(loaded, FIXTURES / "comments" / "numbered.md", revision="3.0-draft", round_key="test-xss")
    with loaded.sessions() as s:
        return build_site(s, tmp_path / "site").parent


def test_pages_and_links(site: Path) -> None:
    require(shutil.which("dot") is not None, "Graphviz's dot (apt-get install graphviz)")
    pages = {p.name for p in site.glob("*.html")}
    assert {"index.html", "plan.html", section_page("3.0-draft", "3.1.3"), section_page("3.0", "サービス3-2")} <= pages
    assert len([p for p in pages if p.startswith("topic-")]) == 20
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"(src|href)=\"(https?:)?//", text), page.name  # no CDN, no network
        for target in re.findall(r'href="([^"#]+)', text):
            assert (page.parent / target).exists(), (page.name, target)
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.count("<svg") == 4  # a heat tree per round, the topic map, the lineage
    assert f'<a href="{section_page("3.0-draft", "3.1.3")}"' in index
    final = (site / section_page("3.0", "サービス3-2")).read_text(encoding="utf-8")
    assert f'継承 第3.0版（案）: <a href="{section_page("3.0-draft", "サービス3-2")}">サービス3-2</a>' in final
    assert f'参照 第3.0版: <a href="{section_page("3.0", "都市OS2-2")}">都市OS2-2</a>' in final
    draft = (site / section_page("3.0-draft", "サプライチェーン1")).read_text(encoding="utf-8")
    assert "継承 第2.0版: サプライチェーン1</li>" in draft  # 2.0 has no pages: named, not linked


def test_comment_markup_stays_text(site: Path) -> None:
    page = (site / section_page("3.0-draft", "general")).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page and page.count("<script") == 1  # only the site's own script


def test_slugs_are_plain_file_names() -> None:
    for key in ("../../etc/passwd", "a/b", "サービス2-6", "..", "<x>", "Appendix B"):
        name = slug(key)
        assert "/" not in name and not name.startswith(".") and re.fullmatch(r"[A-Za-z0-9.\-]+", name)
    assert slug("サービス2-6") != slug("サービス2-7")


def test_svg_allow_list_drops_scripts_and_foreign_links() -> None:
    svg = (b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="x()">'
           b'<script>alert(1)<g>inside</g></script>kept?<a xlink:href="javascript:alert(1)"><text>t</text></a>'
           b'<!-- a comment -->\n<a xlink:href="section-a.html"><text onclick="y()" style="z">&lt;b&gt; &amp; "q\'</text>'
           b'</a></svg>')
    assert safe_svg(svg) == ('<svg><a><text>t</text></a>\n<a href="section-a.html"><text>&lt;b&gt; &amp; &#34;q&#39;'
                             '</text></a></svg>')


def test_svg_declaring_entities_is_refused() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
            b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>')
    with pytest.raises(ValueError, match="entities"):
        safe_svg(bomb)
    with pytest.raises(ValueError, match="not an SVG"):
        safe_svg(b"<svg><text>unclosed</svg>")
    with pytest.raises(ValueError, match="not an SVG"):
        safe_svg(b'<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40),
       st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_svg_text_and_values_come_out_escaped(text: str, value: str) -> None:
    """Whatever a label or attribute holds, it reaches the page escaped as Jinja2 would escape it."""
    from xml.sax.saxutils import escape as xml_escape, quoteattr

    svg = (f'<svg xmlns="http://www.w3.org/2000/svg"><text fill={quoteattr(value)}>{xml_escape(text)}</text>'
           f'</svg>').encode("utf-8")
    try:
        out = safe_svg(svg)
    except ValueError:  # a character XML does not allow: refused whole, never passed through
        return
    assert out == f'<svg><text fill="{markup_escape(value)}">{markup_escape(text)}</text></svg>'
def test_english_labels(loaded: Store, tmp_path: Path) -> None:
    with loaded.sessions() as s:
        index = build_site(s, tmp_path / "en", lang="en")
    text = index.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "<h2>comment heat tree: 第3.0版（案）</h2>" in text and "意見の分布" not in text
    page = (index.parent / section_page("3.0-draft", "3.1.3")).read_text(encoding="utf-8")
    assert "<b>answer</b>" in page and "ご意見に対する考え方</b>" not in page


def test_demo_without_any_renderer_writes_everything_with_notices(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Neither Graphviz nor graphviz-pure (GUIDETRACE_DOT=system, no dot on PATH): the README's first
    command still succeeds, and each diagram says what it needs."""
    from guidetrace.api import run_demo

    monkeypatch.setenv("GUIDETRACE_DOT", "system")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    lines: list[str] = []
    index = run_demo(tmp_path / "demo", echo=lines.append)
    assert index.is_file() and any(line.startswith("警告：図を描くものがない") and "pip install graphviz-pure" in line
                                   for line in lines)
    notice = (tmp_path / "demo" / "diagrams" / "heat.txt").read_text(encoding="utf-8")
    assert "pip install graphviz-pure" in notice and not list((tmp_path / "demo" / "diagrams").glob("*.svg"))
    assert 'class="notice"' in index.read_text(encoding="utf-8")
    assert len(list((tmp_path / "demo" / "reports").glob("*.xlsx"))) == 4


def test_the_site_shows_no_path_of_the_building_machine(loaded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from guidetrace.comments.bundled import seed_path
    from guidetrace.reports.site.build import build_site

    with loaded.sessions() as session:
        index = build_site(session, tmp_path / "site")
    folder = str(seed_path().parent)
    for page in index.parent.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert folder not in text and "/home/" not in text and "/tmp/" not in text, page.name
    assert "scsg-v3.0-draft-comment-results.md p.3:34" in (index.parent / next(
        p.name for p in index.parent.glob("section-*.html") if "A-01" in p.read_text(encoding="utf-8"))).read_text(
        encoding="utf-8")


def test_page_names_are_injective() -> None:
    from guidetrace.reports.site.pages import section_page, topic_page

    assert section_page("a/b", "c") != section_page("a", "b/c")
    assert section_page("3.0", "1.1") != section_page("3.0", "1.1 ") and topic_page("x/y") != topic_page("x_y")


def test_site_replaces_only_its_own_folder_atomically(loaded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import pytest

    from guidetrace.reports.site.build import build_site
    from guidetrace.trace.errors import GuidetraceError

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "index.html").write_text("my own page", encoding="utf-8")
    with loaded.sessions() as session:
        with pytest.raises(GuidetraceError, match="did not write"):
            build_site(session, mine)
        assert (mine / "index.html").read_text(encoding="utf-8") == "my own page"
        site = tmp_path / "site"
        build_site(session, site)
        (site / "section-stale.html").write_text("from an earlier build", encoding="utf-8")
        build_site(session, site)  # a rebuild removes stale pages and leaves no temporary folder
    assert not (site / "section-stale.html").exists() and (site / ".guidetrace-site").exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_no_output_may_overwrite_the_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from click.testing import CliRunner

    from guidetrace.comments.bundled import seed_path
    from guidetrace.trace.cli import cli

    db = tmp_path / "guidetrace.db"
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", str(db), "guideline", "load", "--bundled"]).exit_code == 0
    assert runner.invoke(cli, ["--db", str(db), "comments", "load", str(seed_path()), "--revision", "3.0-draft"]).exit_code == 0
    size = db.stat().st_size
    result = runner.invoke(cli, ["--db", str(db), "report", "sections", "--format", "md", "-o", str(db)])
    assert result.exit_code == 2 and "it is the store" in result.stderr and db.stat().st_size == size


def test_a_wide_tree_is_split_per_chapter(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from guidetrace.reports.diagrams.dot import graphviz_available

    require(graphviz_available(), "Graphviz's dot (apt-get install graphviz)")
    tree = tmp_path / "wide.yaml"
    lines = ["guideline: {key: w, title: 広い指針}", "revision: {key: '1.0', label: 第1.0版, status: final}", "sections:"]
    for c in range(1, 4):
        lines.append(f"  - {{key: '{c}', title: 第{c}章}}")
        lines += [f"  - {{key: '{c}.{s}', title: 節{c}-{s}}}" for s in range(1, 21)]
    tree.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run("guideline", "load", str(tree)).exit_code == 0
    doc = tmp_path / "doc.csv"
    doc.write_text("該当箇所,意見,考え方\n2.5,節への意見。,御意見として承ります。\n", encoding="utf-8")
    assert run("comments", "load", str(doc), "--revision", "1.0", "--round", "r").exit_code == 0
    assert run("site", str(tmp_path / "site")).exit_code == 0
    index = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    heat = index.split("<svg", 2)[1].split("</svg>", 1)[0]
    assert "節2-5" not in heat and "第2章" in heat  # the index shows chapters only
    chapter = (tmp_path / "site" / section_page("1.0", "2")).read_text(encoding="utf-8")
    assert "<svg" in chapter and "節2-5" in chapter.split("<svg", 1)[1].split("</svg>", 1)[0]  # the chapter's tree
    assert "<svg" not in (tmp_path / "site" / section_page("1.0", "2.5")).read_text(encoding="utf-8")


def _pages(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.suffix == ".html"}


def test_a_rebuild_links_the_pages_it_leaves_unchanged(loaded: Store, tmp_path: Path) -> None:
    """Another round loaded: the pages it changes are written again, the others are the previous build's
    files (the same inode), and the site reads exactly as a build from nothing."""
    with loaded.sessions() as s:
        build_site(s, tmp_path / "site")
    before = {p.name: p.stat().st_ino for p in (tmp_path / "site").iterdir() if p.suffix == ".html"}
    load_comments(loaded, FIXTURES / "comments" / "numbered.md", revision="3.0-draft", round_key="second")
    with loaded.sessions() as s:
        build_site(s, tmp_path / "site")
        build_site(s, tmp_path / "fresh")
    after, fresh = tmp_path / "site", _pages(tmp_path / "fresh")
    assert _pages(after) == fresh
    kept = {p.name for p in after.iterdir() if p.suffix == ".html" and before.get(p.name) == p.stat().st_ino}
    assert "index.html" not in kept and len(kept) > len(fresh) / 2  # the index counts the new round
    assert all((after / name).stat().st_nlink == 1 for name in kept)  # the old site is gone, its files kept


def test_pages_are_written_where_links_are_refused(loaded: Store, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import os

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError("no links on this file system")

    with loaded.sessions() as s:
        build_site(s, tmp_path / "site")
        first = _pages(tmp_path / "site")
        monkeypatch.setattr(os, "link", refuse)
        build_site(s, tmp_path / "site")
    assert _pages(tmp_path / "site") == first


def test_a_rebuild_never_links_through_a_symbolic_link(loaded: Store, tmp_path: Path) -> None:
    """A page of the previous site replaced by a link to a file elsewhere (with the very bytes the page will
    have) is written anew: the new site holds no link to anything outside it."""
    with loaded.sessions() as s:
        build_site(s, tmp_path / "site")
        index = tmp_path / "site" / "index.html"
        outside = tmp_path / "outside.html"
        outside.write_bytes(index.read_bytes())
        index.unlink()
        index.symlink_to(outside)
        build_site(s, tmp_path / "site")
    rebuilt = tmp_path / "site" / "index.html"
    assert not rebuilt.is_symlink() and rebuilt.stat().st_ino != outside.stat().st_ino
    assert rebuilt.read_bytes() == outside.read_bytes()


def test_two_workers_cannot_write_one_page_name(tmp_path: Path) -> None:
    """Forked workers each keep their own list of names: the file system refuses the second page."""
    from guidetrace.reports.site.page_writer import page_writer
    from guidetrace.trace.errors import GuidetraceError

    first, second = page_writer(tmp_path), page_writer(tmp_path)
    first("section-a.html", "one")
    with pytest.raises(GuidetraceError, match="share the name"):
        second("section-a.html", "two")
    with pytest.raises(GuidetraceError, match="share the name"):
        first("section-a.html", "one")
    assert (tmp_path / "section-a.html").read_text(encoding="utf-8") == "one"
