"""Property-based tests: arbitrary text and mutations of the seed never raise anything but
the documented input error, and what is read keeps its text and its citations point somewhere."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guidetrace.comments.bundled import seed_path
from guidetrace.comments.classify_answer import default_classifier
from guidetrace.comments.vocabulary import UNCLASSIFIED
from guidetrace.comments.html_text import html_to_text
from guidetrace.comments.readers.mic import read_mic
from guidetrace.comments.readers.table import csv_rows, markdown_rows, read_table, tsv_rows
from guidetrace.comments.resolve_citations import CitationResolver
from guidetrace.comments.tree_index import TreeIndex
from guidetrace.guideline.bundled import bundled_tree_paths
from guidetrace.guideline.formats.yaml_tree import read_yaml_tree
from guidetrace.trace.errors import GuidetraceError

SEED = seed_path().read_text(encoding="utf-8")
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ALPHABET = st.sampled_from(list("\t\n |<>/#【】○・.．-－()（）①②P全般0123456789AB") + ["<p>", "</p>", "<li>", "該当箇所",
                                                                               "ご意見", "考え方", "サービス", "都市 OS", "付録", "コラム："])
TEXTISH = st.lists(ALPHABET, max_size=200).map("".join) | st.text(max_size=300)


def _tree() -> TreeIndex:
    tree = read_yaml_tree(bundled_tree_paths()[2])
    index = TreeIndex(revision="3.0-draft")
    for s in tree.sections:
        index.add(s.key, s.kind, s.parent, s.title, s.pages, s.aliases)
    return index


INDEX = _tree()
RESOLVER = CitationResolver(INDEX)


def mutate(text: str, rng: random.Random, steps: int) -> str:
    lines = text.split("\n")
    for _ in range(steps):
        op, i = rng.randrange(6), rng.randrange(len(lines)) if lines else 0
        if not lines:
            lines = [""]
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif op == 2:
            cut = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:cut]
        elif op == 3:
            pos = rng.randrange(len(lines[i]) + 1)
            lines[i] = lines[i][:pos] + rng.choice(["\t", "<", "#", "【", "】", "○該当箇所", "\u3000", "\x00", "</p>"]) + lines[i][pos:]
        elif op == 4:
            lines[i] = lines[i].replace("\t", "", 1)
        else:
            lines.insert(i, rng.choice(["# A. 見出し 9", "該当箇所\t提出されたご意見\tご意見に対する考え方", "", "\t\t"]))
    return "\n".join(lines)


def check_document(doc) -> None:  # type: ignore[no-untyped-def]
    for o in doc.opinions:
        assert o.body.strip(), "an opinion lost its text"


@SETTINGS
@given(st.randoms(use_true_random=False), st.integers(min_value=1, max_value=25))
def test_mic_reader_on_mutated_seed(rng: random.Random, steps: int) -> None:
    try:
        check_document(read_mic(mutate(SEED, rng, steps), file="seed"))
    except GuidetraceError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("seed")


@SETTINGS
@given(TEXTISH)
def test_mic_reader_on_arbitrary_text(text: str) -> None:
    try:
        check_document(read_mic(text, file="x"))
    except GuidetraceError:
        pass


@SETTINGS
@given(TEXTISH, st.sampled_from(["markdown", "tsv", "csv"]))
def test_table_readers_on_arbitrary_text(text: str, layout: str) -> None:
    rows = {"markdown": markdown_rows(text), "tsv": tsv_rows(text), "csv": csv_rows(text, file="x")}[layout]
    try:
        check_document(read_table(rows, file="x", layout=layout))
    except GuidetraceError:
        pass


@SETTINGS
@given(TEXTISH)
def test_resolver_cites_only_existing_sections(text: str) -> None:
    res = RESOLVER.resolve(text, origin="location")
    assert all(key in INDEX.ids for key in res.cited)
    assert all(u.text is not None and u.reason for u in res.unresolved)


@SETTINGS
@given(TEXTISH)
def test_classifier_always_answers(text: str) -> None:
    result = default_classifier().classify(text)
    assert result.primary in {"revised", "declined", "noted", "covered", "out_of_scope", "support", "answered", UNCLASSIFIED}


@SETTINGS
@given(TEXTISH)
def test_html_to_text_keeps_words(text: str) -> None:
    out = html_to_text(text)
    assert "\x00" not in out or "\x00" in text


@pytest.fixture(scope="module")
def tree_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from guidetrace.guideline.bundled import load_bundled_trees
    from guidetrace.trace.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("prop") / "p.db"))
    load_bundled_trees(store)
    yield store
    store.dispose()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(rng=st.randoms(use_true_random=False), steps=st.integers(min_value=1, max_value=15))
def test_stored_mutations_keep_text_and_point_somewhere(tree_store, tmp_path_factory, rng: random.Random, steps: int) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import func, select

    from guidetrace.comments.store_comments import load_comments
    from guidetrace.trace.models import Citation, Comment, Section

    path = tmp_path_factory.mktemp("m") / "mutated.md"
    text = mutate(SEED, rng, steps)
    path.write_text(text, encoding="utf-8")
    try:
        summary = load_comments(tree_store, path, revision="3.0-draft", round_key="mutated")
    except GuidetraceError:
        return
    with tree_store.sessions() as s:
        bodies = s.scalars(select(Comment.body)).all()
        dangling = s.scalar(select(func.count()).select_from(Citation).outerjoin(Section, Citation.section_id == Section.id)
                            .where(Citation.section_id.is_not(None), Section.id.is_(None)))
        unresolved_without_text = s.scalar(select(func.count()).select_from(Citation)
                                           .where(Citation.section_id.is_(None), Citation.note.is_(None)))
    assert summary.opinions == len(list(read_mic(text, file="x").opinions))
    assert all(b.strip() for b in bodies) and dangling == 0 and unresolved_without_text == 0


HTML_PIECES = ["<p>", "</p>", "<br>", "<br/>", "<p/>", "<b>", "</b>", '<p style="text-align: right;">', "<span>",
               "</span>", "<td>", "</td>", "<li>", "</ul>", "<script>", "</script>", "<img>", "<P>", "</p class=\"x\">",
               "<p hidden>", "&amp;", "&lt;b&gt;", "<", ">", "a < b", "意見", "○該当箇所 3.1.2", "【個人】", " ", "\n",
               "\u3000", "<!-- x -->", "<div>", "</div>", "<font color=\"red\">", "</font>", "x=\"1\"", "/"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(HTML_PIECES), max_size=30), st.integers(min_value=0, max_value=3))
def test_layout_fast_path_is_what_the_parser_makes(pieces: list[str], nesting: int) -> None:
    """The regex path for plain layout HTML gives what HTMLParser gives, or leaves the fragment to it."""
    from guidetrace.comments import html_text

    fragment = "<div>" * nesting + "".join(pieces)
    fast = html_text._layout_only(fragment)
    if fast is None:
        return
    collector = html_text._TextCollector()
    collector.feed(fragment)
    collector.close()
    assert fast == "".join(collector.parts)


def test_layout_fast_path_takes_the_usual_cell() -> None:
    from guidetrace.comments import html_text

    cell = '<p>○該当箇所 3.1.2</p> <p>○意見内容 本文</p> <p style="text-align: right;">【個人】</p>'
    assert html_text._layout_only(cell) == "\n○該当箇所 3.1.2\n \n○意見内容 本文\n \n【個人】\n"
    assert html_text._layout_only("<p>a &amp; b</p>") is None and html_text._layout_only("<x>") is None


@SETTINGS
@given(TEXTISH | st.lists(st.sampled_from(["\n", "\r", "\u3000", " ", "\u0301", "\u3099", "ｶ", "ﾞ", "①", "ﬁ", "Ａ", "\u1100",
                                           "\u1161", "é", "\u2028", "\x85"]), max_size=30).map("".join))
def test_normalize_lines_folds_the_whole_text_as_line_by_line(text: str) -> None:
    """NFKC of the whole text equals NFKC line by line: a line break never composes or is made."""
    import re
    import unicodedata

    from guidetrace.comments.locators import normalize_lines
    from guidetrace.guideline.keys import circled_to_paren

    by_line = "\n".join(re.sub(r"[ \t\u3000]+", " ", unicodedata.normalize("NFKC", circled_to_paren(line))).strip()
                        for line in text.split("\n"))
    assert normalize_lines(text) == by_line


@SETTINGS
@given(TEXTISH)
def test_compact_text_is_case_folded_and_holds_no_whitespace(text: str) -> None:
    """How header cells and labels are compared (headers, the raw reader): width, case and spacing do not count.
    (Not idempotent: NFKC can turn a spacing accent into a space and a combining one, which a second pass composes.)"""
    from guidetrace.guideline.keys import compact_text

    folded = compact_text(text)
    assert folded.casefold() == folded and not any(ch.isspace() for ch in folded)


def test_compact_text_matches_a_header_however_it_is_typed() -> None:
    from guidetrace.guideline.keys import compact_text

    assert compact_text("Ｓｕｂｍｉｔｔｅｄ　ｂｙ") == compact_text(" submitted\nBY ") == "submittedby"
    assert compact_text("意見 提出者") == compact_text("意見提出者")


def test_a_citation_copy_holds_every_field() -> None:
    """Cited.copy names its fields one by one (for speed): a field added later must be copied too."""
    import dataclasses

    from guidetrace.comments.resolution import Cited

    values = {f.name: f"v-{f.name}" for f in dataclasses.fields(Cited)}
    original = Cited(**values)  # type: ignore[arg-type]
    copied = original.copy()
    assert copied is not original and dataclasses.asdict(copied) == values
