"""Issue 28.5: Japanese first, everywhere a user reads.

Every report in every format it offers and the site, built with `--lang ja` on the seed demo
store, hold no English word, machine key, JSON or true/false in any cell or label — except what
the documents themselves hold (section keys and titles, submitter names, opinion and answer
text, ids, technical terms such as SBOM). JSON may keep machine keys and codes the catalogue
names (a program reads it), never English prose. `check` counts the same items `review list`
lists, and says so in Japanese.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from guidetrace.reports.labels import labels
from guidetrace.reports.registry import REPORTS
from guidetrace.trace.cli import cli

from .conftest import FIXTURES

WORD = re.compile(r"[A-Za-z][A-Za-z_\-]*[A-Za-z]|[A-Za-z]")
# Terms a Japanese reader meets as they are: file formats and the names of tools and commands.
TECHNICAL = {"CSV", "XLSX", "JSON", "SVG", "PDF", "Graphviz", "Jaccard", "guidetrace", "apt-get", "install", "graphviz",
             "fonts-noto-cjk", "Markdown", "TSV", "Word", "JSONL"}


def _words(text: str) -> set[str]:
    return set(WORD.findall(text))


def _data_words(db: Path) -> set[str]:
    """Words the documents and trees hold (keys, titles, opinions, answers, names, file names): data, not labels."""
    queries = ("SELECT key || ' ' || COALESCE(title, '') || ' ' || COALESCE(aliases, '') FROM section",
               "SELECT body || ' ' || COALESCE(response, '') || ' ' || COALESCE(location, '') || ' ' || key || ' ' ||"
               " COALESCE(label, '') || ' ' || COALESCE(part, '') FROM comment",
               "SELECT COALESCE(text, '') FROM citation",
               "SELECT name FROM submitter", "SELECT key || ' ' || COALESCE(json_extract(labels, '$.ja'), '') FROM topic",
               "SELECT key || ' ' || COALESCE(title, '') || ' ' || COALESCE(source_file, '') FROM consultation_round",
               "SELECT key || ' ' || COALESCE(label, '') FROM revision", "SELECT key || ' ' || title FROM guideline",
               "SELECT COALESCE(matched, '') FROM comment_topic")
    with sqlite3.connect(db) as con:
        return _words(" ".join(str(t) for q in queries for (t,) in con.execute(q)))


def _codes() -> set[str]:
    """Machine codes the catalogue has words for (`revised`, `chapter`, `low-confidence`), and the plan's key for
    the group no topic tags (`plan mark` takes it): JSON may carry them."""
    from guidetrace.reports.plan import NO_TOPIC

    keys = set(labels("ja"))
    return keys | {k.split("_", 1)[1] for k in keys if "_" in k} | {NO_TOPIC}


def _english(text: str, allowed: set[str]) -> set[str]:
    return {w for w in _words(text) if w not in allowed}


def _json_strings(value: Any, codes: set[str]) -> list[str]:
    """Every string a JSON document holds as a value, codes aside (its keys are machine keys; a field named
    for English, `label_en`, or a topic's `labels` keyed `en`, carries the lexicon's English label beside the
    Japanese one by design)."""
    if isinstance(value, dict):
        return [s for k, v in value.items() if not k.endswith("_en") and k != "en" for s in _json_strings(v, codes)]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v, codes)]
    if isinstance(value, str) and value not in codes:
        return [value]
    return []


def _cells(path: Path) -> list[str]:
    """What a person reads in a file: cells and labels (every cell of a CSV or workbook, the sheet names)."""
    data = path.read_bytes()
    if path.suffix == ".csv":
        return [c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for c in row]
    if path.suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data))
        return [*book.sheetnames, *(str(c) for s in book for row in s.iter_rows(values_only=True)
                                    for c in row if c is not None)]
    if path.suffix == ".html":
        return [_visible(data.decode("utf-8"))]
    return [data.decode("utf-8").replace("<br>", "\n")]  # Markdown: a cell's line break is the one tag it holds


def _visible(page: str) -> str:
    """A page's text and the tooltips a reader sees; scripts, styles and `<code>` (commands to type) aside."""
    titles = " ".join(html.unescape(t) for t in re.findall(r'\btitle="([^"]*)"', page))
    page = re.sub(r"<script.*?</script>|<style.*?</style>|<code>.*?</code>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page)) + " " + titles


def _json_in(cell: str) -> bool:
    return bool(re.search(r'[{\[]\s*"', cell))


LOADS: list[str] = []  # what the demo store's loads said


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed demo store (the bundled trees, the seed), plus a raw round so campaigns have rows and a numbered
    table whose opinions no topic tags and one cites no known section (the plan's and check's other cases)."""
    from guidetrace.comments.bundled import seed_path

    db = tmp_path_factory.mktemp("ja") / "guidetrace.db"
    for args in (("guideline", "load", "--bundled"), ("comments", "load", str(seed_path()), "--revision", "3.0-draft"),
                 ("comments", "load", str(FIXTURES / "comments" / "numbered.md"), "--revision", "3.0-draft", "--round",
                  "second"),
                 ("comments", "load-raw", str(FIXTURES / "raw" / "submissions.csv"), "--revision", "3.0-draft",
                  "--round", "raw"), ("review", "accept", "--kind", "privacy")):
        result = _run(db, *args)
        assert result.exit_code == 0, result.output
        LOADS.append(result.stderr)
    return db


def _run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--db", str(db), *args], catch_exceptions=False)


def _allowed(db: Path) -> set[str]:
    """The documents' own words and technical terms; not `general`: the whole guideline reads 全般."""
    return (_data_words(db) | TECHNICAL) - {"general"}


def test_every_report_format_and_the_site_speak_japanese(demo_store: Path, tmp_path: Path) -> None:
    allowed, codes = _allowed(demo_store), _codes()
    files = []
    for kind in REPORTS.values():
        for fmt in kind.formats:
            path = tmp_path / f"{kind.name}.{fmt}"
            result = _run(demo_store, "report", kind.name, "--format", fmt, "--lang", "ja", "-o", str(path))
            assert result.exit_code == 0, result.output
            files.append(path)
    assert {p.name for p in files} >= {f"{n}.{f}" for n in ("sections", "responses", "topics", "plan", "campaigns")
                                       for f in ("table", "md", "csv", "json", "xlsx")} | {"sections.html"}
    leaks: dict[str, set[str]] = {}
    for path in files:
        if path.suffix == ".json":
            strings = _json_strings(json.loads(path.read_text(encoding="utf-8")), codes)
        else:
            strings = _cells(path)
            assert not [c for c in strings if _json_in(c)], path.name  # no JSON in a cell
        found = set().union(*(_english(s, allowed) for s in strings)) if strings else set()
        if path.suffix == ".table":  # the terminal's table folds a long cell: a key may come in pieces
            found = {w for w in found if not any(w in a for a in allowed)}
        if found:
            leaks[path.name] = found
    assert leaks == {}


# PENDING THE SITE'S FIXES (issue 28, the site pages, another developer): English the site still shows, each
# with where it comes from. Remove an entry once its fix is merged; the test then holds the site to it too.
SITE_PENDING: dict[str, str] = {}  # words the site may still show in English (none left)


def test_the_site_speaks_japanese(demo_store: Path, tmp_path: Path) -> None:
    allowed = _allowed(demo_store)
    site = tmp_path / "site"
    result = _run(demo_store, "site", str(site), "--lang", "ja")
    assert result.exit_code == 0, result.output
    leaks = {}
    for page in sorted(site.glob("*.html")):
        found = _english(_visible(page.read_text(encoding="utf-8")), allowed) - set(SITE_PENDING)
        if found:
            leaks[page.name] = found
    assert leaks == {}


def test_what_the_command_line_says_is_japanese(demo_store: Path) -> None:
    """The load summaries, `check`, `rounds`, `review list` and their messages, on a Japanese store."""
    allowed = _allowed(demo_store)
    said = {"loads": "\n".join(LOADS)}
    for args in (("check",), ("rounds",), ("review", "list"), ("review", "list", "--format", "csv"),
                 ("review", "log"), ("topics", "list"), ("plan",), ("comments", "list"),
                 ("comments", "list", "--format", "csv"), ("guideline", "list")):
        result = _run(demo_store, *args)
        said[" ".join(args)] = result.stdout + result.stderr
    leaks = {}
    for name, text in said.items():
        found = {w for w in _english(text, allowed) if not any(w in a for a in allowed)}  # a table folds keys
        if found:
            leaks[name] = found
    assert leaks == {}
    assert not any(_json_in(text) for text in said.values())


def test_codes_are_typed_in_either_language(run, seed: Path) -> None:  # type: ignore[no-untyped-def]
    """`--disposition 修正` is `--disposition revised`; kinds and statuses likewise; an unknown name is one line."""
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    opinions = lambda *a: [c["id"] for c in json.loads(run("comments", "list", "--format", "json", *a).stdout)]  # noqa
    assert opinions("--disposition", "修正") == opinions("--disposition", "revised") != []
    assert opinions("--submitter-kind", "企業") == opinions("--submitter-kind", "corporation") != []
    assert run("review", "set", "scsg-3.0-draft/A-03", "--disposition", "修正").exit_code == 0
    assert run("review", "set", "scsg-3.0-draft/A-04", "--disposition", "Out of scope").exit_code == 0
    now = {c["id"]: c["disposition"]["primary"] for c in json.loads(run("comments", "list", "--format", "json").stdout)}
    assert now["scsg-3.0-draft/A-03"] == "revised" and now["scsg-3.0-draft/A-04"] == "out_of_scope"
    assert [e["value"] for e in json.loads(run("review", "log", "--format", "json").stdout)] == ["revised", "out_of_scope"]
    bad = run("review", "set", "scsg-3.0-draft/A-05", "--disposition", "修正済み")
    assert bad.exit_code == 2 and bad.output.count("\n") == 1 and "unknown disposition '修正済み'" in bad.output
    assert "修正 (revised)" in bad.output  # the names it takes, as the pages show them
    listed = lambda *a: json.loads(run("review", "list", "--format", "json", *a).stdout)  # noqa: E731
    assert listed("--kind", "確度が低い") == listed("--kind", "low-confidence") != []
    assert run("plan", "mark", "sbom", "2.3.2", "--status", "見送り").exit_code == 0
    entries = [e for g in json.loads(run("plan", "--format", "json").stdout)["groups"] for e in g["entries"]]
    assert any(e["section"] == "2.3.2" and e["status"] == "dropped" for e in entries)


def test_check_counts_what_review_list_lists_and_fails_while_any_waits(run, seed: Path) -> None:  # type: ignore[no-untyped-def]
    run("guideline", "load", "--bundled")
    run("comments", "load", str(seed), "--revision", "3.0-draft")
    listed = run("review", "list", "--format", "json")
    items = json.loads(listed.stdout)
    waiting = [i for i in items if i["kind"] != "topic"]
    topics = len(items) - len(waiting)
    assert waiting and topics
    found = json.loads(run("check", "--format", "json").stdout)
    assert sum(r["items"] for r in found["awaiting_review"]) == len(waiting)  # items, not kinds
    check = run("check")
    assert check.exit_code == 1
    assert f"確認待ち：{len(waiting)}件" in check.stdout
    assert f"確認待ち {len(waiting)}件（ほかにトピック候補 {topics}件）" in listed.stderr
    assert run("check", "--pending-ok").exit_code == 0  # nothing but pending items
    kinds = sorted({i["kind"] for i in waiting})
    assert run("review", "accept", *[a for k in kinds for a in ("--kind", k)]).exit_code == 0
    check = run("check")
    assert check.exit_code == 0 and "確認待ち：0件" in check.stdout, check.stdout
    left = json.loads(run("review", "list", "--format", "json").stdout)
    assert [i for i in left if i["kind"] != "topic"] == []


def test_the_review_workbook_speaks_japanese_and_reads_its_words_back(demo_store: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from guidetrace.comments.review.workbook_import import _requests
    from guidetrace.reports.review.words import code_of

    book_path = tmp_path / "review.xlsx"
    assert _run(demo_store, "review", "export", "-o", str(book_path)).exit_code == 0
    book = load_workbook(book_path)
    shown = [str(c) for s in book if s.sheet_state == "visible" for row in s.iter_rows(min_row=2, values_only=True)
             for c in row if c is not None]  # row 1 holds the hidden column keys the import reads
    found = set().union(*(_english(c, _allowed(demo_store)) for c in shown))
    assert found == set() and not [c for c in shown if _json_in(c)]
    lists = [str(c) for row in book["lists"].iter_rows(min_row=2, values_only=True) for c in row if c is not None]
    assert "修正" in lists and "（なし）" in lists and "全般" in lists and "revised" not in lists
    # what the drop-downs offer comes back as codes
    (req,) = _requests("r/1", "対応", "未分類", "修正", None, "cell K3", code_of)
    assert (req.action, req.value) == ("disposition", "revised")
    assert [(r.action, r.value) for r in _requests("r/1", "該当箇所", "全般", "3.1.3", None, "cell K4", code_of)] == [
        ("uncite", "general"), ("cite", "3.1.3")]
    assert [r.action for r in _requests("r/1", "該当箇所", "全般", "全般", None, "cell K5", code_of)] == ["accept"]
