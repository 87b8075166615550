"""Which program draws the diagrams: the system's Graphviz when `dot` is on PATH, else the embedded
graphviz-pure that `pip install` brings; GUIDETRACE_DOT chooses. Each diagram's nodes are sized from their
labels, so a renderer without CJK metrics still draws boxes that hold Japanese text (tests/test_browser.py
measures that in Chromium)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from guidetrace.reports.diagrams.dot import dot_source, render_diagram
from guidetrace.reports.diagrams.model import Diagram, Node, label_size, text_width
from guidetrace.reports.diagrams.renderer import ENV, find_renderer, system_dot
from guidetrace.trace.errors import GuidetraceError

from .conftest import require

CLI = str(Path(sys.executable).with_name("guidetrace"))
SVG = "{http://www.w3.org/2000/svg}"


def test_without_dot_on_path_the_embedded_renderer_is_found_beside_python(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))  # neither dot nor graphviz-pure on PATH: found beside this Python
    found = find_renderer()
    assert found is not None and found.kind == "embedded" and Path(found.program).name == "graphviz-pure"
    assert found.formats == {"svg", "png"}
    assert find_renderer("system") is None
    monkeypatch.setenv(ENV, "system")
    assert find_renderer() is None
    monkeypatch.setenv(ENV, found.program)  # a path names the program itself
    assert find_renderer() == found.__class__("given", found.program, found.formats)
    monkeypatch.setenv(ENV, "graphviz")
    with pytest.raises(GuidetraceError, match=f"^{ENV}=graphviz: expected auto, system, embedded or the path"):
        find_renderer()


def test_the_system_graphviz_stays_first(monkeypatch: pytest.MonkeyPatch) -> None:
    require(system_dot() is not None, "Graphviz's dot (apt-get install graphviz)")
    monkeypatch.delenv(ENV, raising=False)
    assert find_renderer() == system_dot() and find_renderer("embedded").kind == "embedded"  # type: ignore[union-attr]
    svg = render_diagram(Diagram("t", nodes=[Node("a", "第1章")]), "svg").decode("utf-8")
    assert "graphviz-pure" not in svg
    monkeypatch.setenv(ENV, "embedded")
    assert "graphviz-pure" in render_diagram(Diagram("t", nodes=[Node("a", "第1章")]), "svg").decode("utf-8")


def test_pdf_without_the_system_graphviz_is_one_clear_line(run, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("guideline", "load", "--bundled").exit_code == 0
    monkeypatch.setenv(ENV, "embedded")
    result = run("diagram", "lineage", "--format", "pdf", "-o", str(tmp_path / "l.pdf"))
    assert result.exit_code == 2 and not (tmp_path / "l.pdf").exists()
    assert result.stderr == ("guidetrace: error: --format pdf needs the system's Graphviz (apt-get install graphviz "
                             "fonts-noto-cjk); the embedded renderer graphviz-pure writes png, svg and dot\n")
    for fmt, start in (("png", b"\x89PNG"), ("svg", b"<?xml")):
        assert run("diagram", "lineage", "--format", fmt, "-o", str(tmp_path / f"l.{fmt}")).exit_code == 0
        assert (tmp_path / f"l.{fmt}").read_bytes().startswith(start)


def test_demo_without_dot_on_path_draws_every_diagram(tmp_path: Path) -> None:
    """`make demo` on a machine without Graphviz: the command the Makefile runs, with a PATH that holds no
    program at all, so the renderer can only be the one installed beside the venv's Python."""
    env = {k: v for k, v in os.environ.items() if k != ENV} | {"PATH": str(tmp_path / "bin")}
    done = subprocess.run([CLI, "demo", str(tmp_path / "demo")], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "図は同梱の graphviz-pure で描きました" in done.stdout
    files = sorted((tmp_path / "demo" / "diagrams").iterdir())
    assert [f.name for f in files] == ["heat.svg", "impact-sbom.svg", "impact-サービス3-2.svg", "lineage.svg",
                                       "topics.svg"]
    for f in files:  # a drawing: an SVG with laid-out nodes, each with an outline and its text
        root = etree.parse(str(f)).getroot()
        nodes = root.findall(f".//{SVG}g[@class='node']")
        assert root.tag == f"{SVG}svg" and len(nodes) >= 2, f.name
        assert all(n.find(f".//{SVG}text") is not None for n in nodes), f.name
        assert "graphviz-pure" in f.read_text(encoding="utf-8"), f.name
    index = (tmp_path / "demo" / "site" / "index.html").read_text(encoding="utf-8")
    assert index.count("<svg") == 3 and 'class="notice"' not in index  # the heat tree, topic map and lineage


def test_nodes_are_sized_from_their_labels() -> None:
    source = dot_source(Diagram("t", nodes=[Node("a", "サービス3-2\n10 / 12"), Node("b", "x")]))
    assert 'n0 [label="サービス3-2\n10 / 12" ' in source and "fixedsize=true" in source
    width = float(re.search(r"n0 \[[^]]* width=([0-9.]+)", source)[1])  # type: ignore[index]
    assert width * 72 >= (4 + 3 * 0.6) * 11 + 20 > (width - 0.01) * 72  # four kana at an em, three narrow, the padding
    assert text_width("第３章ｱ́") == 3.5  # wide and full-width an em, half-width kana half, a combining mark nothing
    assert text_width("WAa1") == 0.95 + 0.75 + 0.6 + 0.6


@given(st.text(), st.text())
def test_a_longer_label_never_gets_a_smaller_box(head: str, tail: str) -> None:
    width, height = label_size(head, 11)
    longer = label_size(head + tail, 11)
    assert longer[0] >= width - 1e-9 and longer[1] >= height and height == 13.2 * (head.count("\n") + 1)
