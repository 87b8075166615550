"""Issue 13.4: a Japanese page or workbook shows no untranslated label, and the site no machine path."""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path

from click.testing import CliRunner

from guidetrace.reports.labels import labels
from guidetrace.trace.cli import cli

from .conftest import FIXTURES

CODES = ("number", "measure", "implicit", "heading", "succeeds", "renumbered", "refers_to", "merged", "bulk", "near",
         "exact", "general", "true", "false", "corporation", "association", "individual", "unclassified", "noted",
         "covered", "declined", "revised", "out_of_scope")


def _english_labels() -> set[str]:
    """Every English label that differs from its Japanese one, as words, and the codes the data uses."""
    en, ja = labels("en"), labels("ja")
    words = {w for k, v in en.items() if v != ja.get(k) for w in re.findall(r"[A-Za-z][a-z]{3,}(?:_[a-z]+)?", v)}
    return (words | set(CODES)) - {"guidetrace", "Search"}


def _visible(page: str) -> str:
    page = re.sub(r"<script.*?</script>|<style.*?</style>|<code>.*?</code>", " ", page, flags=re.S)  # commands are code
    page = re.sub(r"<[^>]+>", " ", page)
    return html.unescape(page)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z_]{3,}", text))


def _data_words(db: Path) -> set[str]:
    """Words the documents and trees themselves hold (section keys, titles, opinions): data, not labels."""
    import sqlite3

    with sqlite3.connect(db) as con:
        texts = [t for q in ("SELECT key || ' ' || COALESCE(title, '') FROM section", "SELECT body || ' ' ||"
                             " COALESCE(response, '') || ' ' || COALESCE(location, '') || ' ' || key FROM comment",
                             "SELECT name FROM submitter", "SELECT key FROM topic", "SELECT key || ' ' || COALESCE(title, '') || ' ' ||"
                             " COALESCE(source_file, '') FROM consultation_round", "SELECT key FROM revision")
                 for (t,) in con.execute(q)]
    return _words(" ".join(texts))


def test_japanese_site_and_workbooks_hold_no_untranslated_label_and_no_machine_path(seed: Path, tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    run = lambda *a: CliRunner().invoke(cli, ["--db", str(db), *a], catch_exceptions=False)  # noqa: E731
    assert run("guideline", "load", "--bundled").exit_code == 0
    assert run("comments", "load", str(seed), "--revision", "3.0-draft").exit_code == 0
    assert run("comments", "load", str(FIXTURES / "comments" / "numbered.md"), "--revision", "3.0-draft",
               "--round", "second").exit_code == 0
    assert run("site", str(tmp_path / "site"), "--lang", "ja").exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    for name in ("sections", "responses", "topics", "plan", "campaigns"):
        assert run("report", name, "--format", "xlsx", "--lang", "ja", "-o", str(out / f"{name}.xlsx")).exit_code == 0
    english, data = _english_labels(), _data_words(db)
    leaks: dict[str, set[str]] = {}
    for page in (tmp_path / "site").glob("*.html"):
        found = (_words(_visible(page.read_text(encoding="utf-8"))) - data) & english
        if found:
            leaks[page.name] = found
    for book in out.glob("*.xlsx"):
        with zipfile.ZipFile(book) as z:
            cells = " ".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/") and
                             (n.endswith("sharedStrings.xml") or "worksheets/sheet" in n))
        text = html.unescape(re.sub(r"<[^>]+>", " ", cells))
        found = (_words(text) - data) & english
        assert "{" not in text, book.name  # no JSON in a cell
        if found:
            leaks[book.name] = found
    assert leaks == {}
    machine_paths = [str(seed.parent), str(FIXTURES), str(tmp_path), "/home/", "/root/", "/work/"]
    for page in (tmp_path / "site").rglob("*"):
        if page.is_file():
            text = page.read_text(encoding="utf-8", errors="replace")
            assert not any(p in text for p in machine_paths), page.name


def test_csv_for_excel_carries_a_bom_for_japanese(loaded, store_url: str) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    ja = runner.invoke(cli, ["--db", store_url, "report", "sections", "--format", "csv", "--lang", "ja"]).stdout
    en = runner.invoke(cli, ["--db", store_url, "report", "sections", "--format", "csv", "--lang", "en"]).stdout
    off = runner.invoke(cli, ["--db", store_url, "report", "sections", "--format", "csv", "--no-excel"]).stdout
    assert ja.startswith("\ufeff") and not en.startswith("\ufeff") and not off.startswith("\ufeff")
