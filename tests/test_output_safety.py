"""Markup in titles, names and comments stays inert everywhere it is shown; no network at run time."""

import io
import os
import socket
from pathlib import Path

import pytest
from openpyxl import load_workbook

from guidetrace.comments.store_comments import load_comments
from guidetrace.guideline.formats import read_tree
from guidetrace.guideline.store_tree import store_tree
from guidetrace.reports.diagrams.dot import render_diagram
from guidetrace.reports.diagrams.make import make_diagram
from guidetrace.reports.responses.build import build_responses
from guidetrace.reports.responses.view import render_responses
from guidetrace.reports.site.build import build_site
from guidetrace.reports.site.pages import section_page
from guidetrace.trace.store import Store

from .conftest import FIXTURES
from .test_browser import browser_page  # noqa: F401 - the fixture

HOSTILE = FIXTURES / "hostile"


@pytest.fixture
def hostile(store: Store) -> Store:
    store_tree(store, read_tree(HOSTILE / "tree.yaml"))
    load_comments(store, HOSTILE / "comments.tsv", revision="1", round_key="evil")
    return store


def test_hostile_text_is_inert_in_the_browser(hostile: Store, tmp_path: Path, browser_page) -> None:  # noqa: F811
    page, problems = browser_page
    with hostile.sessions() as s:
        index = build_site(s, tmp_path / "site")
    for name in ("index.html", section_page("1", "1.1"), section_page("1", "悪意1-1"), section_page("1", "general")):
        page.goto((index.parent / name).as_uri())
        active = page.evaluate("""() => document.querySelectorAll(
            'img, iframe, textarea, [onerror], [onload], [onmouseover], a[href^="javascript:"], svg script').length""")
        scripts = page.evaluate("() => Array.from(document.scripts).map(s => s.getAttribute('src'))")
        assert active == 0 and scripts == ["assets/site.js"], name
    page.goto((index.parent / section_page("1", "1.1")).as_uri())
    text = page.locator("main").inner_text()
    assert '<a href="javascript:alert(5)">link</a> "quote\' <img src=x onerror=alert(6)> =1+1' not in text  # <a> is layout
    assert "<img src=x onerror=alert(6)>" in text and "<script>alert(4)</script>株式会社" in text
    assert problems == []


def test_hostile_text_is_escaped_in_svg_and_spreadsheets(hostile: Store) -> None:
    with hostile.sessions() as s:
        svg = render_diagram(make_diagram(s, "heat"), "svg").decode("utf-8")
        book = load_workbook(io.BytesIO(render_responses(build_responses(s, "evil"), "xlsx")))
    assert "<script" not in svg and "<img" not in svg and "&lt;/text&gt;&lt;script&gt;" in svg
    cells = [c.value for row in book.active.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert not any(v.startswith(("=", "+", "-", "@")) for v in cells)


def test_no_network_at_run_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The whole main job with every way out of the machine closed."""
    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError(f"network access attempted: {args[:2]}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    from guidetrace.api import run_demo

    index = run_demo(tmp_path / "demo", echo=lambda _line: None)
    assert index.exists() and os.path.getsize(index) > 10_000


def test_output_to_a_device_or_pipe_writes_through_and_never_replaces_it(tmp_path: Path) -> None:
    """`-o /dev/null` once renamed a temp file over /dev/null; a FIFO stands in for the device here."""
    import stat
    import threading

    from guidetrace.trace.output import write_atomic

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "全般\n")
    reader.join(timeout=10)
    assert received == ["全般\n".encode()]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"]


def test_every_field_of_an_opinion_is_escaped_in_its_article() -> None:
    """The opinion view builds its markup by hand: each value shown passes through the escaping."""
    from guidetrace.reports.site.pages import environment

    env = environment("ja")
    bad = '<x y="1">&'
    c = {"id": f"r/{bad}", "disposition": {"primary": "noted"}, "bulk": True,
         "review": {"disposition": {"by": bad, "at": bad}, "topics": [bad]},
         "submitter": {"name": bad, "kind": "individual"}, "topics": [bad], "location": bad, "body": bad,
         "reason": bad, "response": bad, "source": {"file": f"dir/{bad}", "page": bad, "line": bad},
         "citations": [{"revision": bad, "section": bad, "reviewed": None, "evidence": bad, "confidence": 1.0}] * 25,
         "unresolved": [{"text": bad}]}
    env.globals["opinion_href"][c["id"]] = bad
    env.globals["topic_labels"][bad] = bad
    try:
        html = str(env.globals["opinion"](c))
    finally:
        env.globals["opinion_href"].clear()
        env.globals["topic_labels"].clear()
        env.globals["opinion"].clear()
    assert bad not in html and "<x" not in html
    escaped = "&lt;x y=&#34;1&#34;&gt;&amp;"
    # the id (twice), its link, the reviewer and date, name, topic label, location, body, reason, answer, file, page,
    # line, the unresolved text, and the 20 citations listed (section and evidence each)
    assert html.count(escaped) == 15 + 40, html
