"""Every bad input gets one clear line (file, line or row, what was expected), exit 2,
bounded time and memory, and an unchanged store."""

import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import func, select

from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import Citation, Comment, Section, Topic
from guidetrace.trace.store import Store

BAD = Path(__file__).parent / "bad_inputs"
CLI = str(Path(sys.executable).with_name("guidetrace"))
MEMORY_LIMIT = 2 * 1024**3
TIME_LIMIT = 60


def generated(tmp: Path) -> dict[str, Path]:
    header = "番号\t該当箇所\tご意見\tご意見に対する考え方\n"
    files = {
        "10mb-line.tsv": header + "1\t3.1.2\t" + "長" * 10_000_000 + "\t考え方\n",
        "deep-html.tsv": header + "1\t3.1.2\t" + "<div>" * 5000 + "意見" + "</div>" * 5000 + "\t考え方\n",
        "wide.csv": ",".join(["番号", "ご意見", "ご意見に対する考え方"] + [f"c{i}" for i in range(5000)]) + "\n1,a,b\n",
    }
    out = {}
    for name, content in files.items():
        out[name] = tmp / name
        out[name].write_text(content, encoding="utf-8")
    bomb = tmp / "zip-bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            chunk = b"0" * (1024 * 1024)
            for _ in range(150):
                f.write(chunk)
    out["zip-bomb.xlsx"] = bomb
    return out


CASES = [
    # (file, extra args, what the one line must say, line in the message or None)
    ("empty.csv", [], "no recognisable table", None),
    ("binary.tsv", [], "binary data (NUL byte): expected a text file", 1),
    ("not-a-workbook.xlsx", [], "not an XLSX workbook", None),
    ("truncated-mid-row.md", [], "truncated or malformed row: 2 tab-separated cell(s) where the header has 3", 45),
    ("mixed-encodings.tsv", [], "cannot decode text as utf-8-sig or cp932", 2),
    ("utf8-declared-cp932.csv", ["--encoding", "cp932"], "cannot decode text as cp932 (byte 15): expected text in cp932, as declared", 1),
    ("no-table.md", [], "no recognisable table", None),
    ("answer-without-opinion.tsv", [], "row with an answer but no opinion text", 2),
    ("10mb-line.tsv", [], "a cell of 10000000 characters (at most 1000000 expected)", 2),
    ("deep-html.tsv", [], "HTML nested more than 200 levels deep", 2),
    ("wide.csv", [], "5003 cells in one row (at most 256 expected)", 1),
    ("zip-bomb.xlsx", [], "xl/worksheets/sheet1.xml unpacks to 157286400 bytes", None),
]


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def counts(store: Store) -> tuple[int, ...]:
    with store.sessions() as s:
        return tuple(s.scalar(select(func.count()).select_from(m)) for m in (Comment, Citation, Section, Topic))


@pytest.fixture(scope="module")
def big_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return generated(tmp_path_factory.mktemp("bad"))


@pytest.fixture(scope="module")
def sqlite_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One SQLite store with the seed for every case (readers are the same on both backends)."""
    from guidetrace.comments.bundled import seed_path
    from guidetrace.comments.store_comments import load_comments
    from guidetrace.guideline.bundled import load_bundled_trees
    from guidetrace.trace.store import open_store

    path = str(tmp_path_factory.mktemp("store") / "bad.db")
    store = open_store(path)
    load_bundled_trees(store)
    load_comments(store, seed_path(), revision="3.0-draft")
    store.dispose()
    return path


@pytest.mark.parametrize(("name", "args", "message", "line"), CASES, ids=[c[0] for c in CASES])
def test_bad_comment_documents(name: str, args: list[str], message: str, line: int | None, sqlite_store: str,
                               big_files: dict[str, Path]) -> None:
    from guidetrace.trace.store import open_store

    store = open_store(sqlite_store)
    try:
        run_case(store, sqlite_store, big_files.get(name, BAD / name), args, message, line)
    finally:
        store.dispose()


@pytest.mark.parametrize("name", ["truncated-mid-row.md", "deep-html.tsv"])
def test_bad_documents_leave_postgresql_unchanged_too(name: str, loaded: Store, store_url: str,
                                                      big_files: dict[str, Path]) -> None:
    case = next(c for c in CASES if c[0] == name)
    run_case(loaded, store_url, big_files.get(name, BAD / name), case[1], case[2], case[3])


def run_case(loaded: Store, store_url: str, path: Path, args: list[str], message: str, line: int | None) -> None:
    before = counts(loaded)
    result = subprocess.run([CLI, "--db", store_url, "comments", "load", str(path), "--revision", "3.0-draft", *args],
                            capture_output=True, text=True, timeout=TIME_LIMIT, preexec_fn=_limits)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and len(lines) == 1, result.stderr[-2000:]
    where = f"{path}:{line}: " if line else f"{path}: "
    assert lines[0] == f"guidetrace: error: {where}{lines[0].split(where, 1)[1]}" and message in lines[0]
    assert counts(loaded) == before


@pytest.mark.parametrize(("name", "command"), [("custom-tag-tree.yaml", ["guideline", "load"]),
                                               ("custom-tag-topics.yaml", ["topics", "retag", "--topics"])])
def test_yaml_custom_tags_are_refused(name: str, command: list[str], loaded: Store, store_url: str) -> None:
    before = counts(loaded)
    marker = Path("/tmp/pwned")
    marker.unlink(missing_ok=True)
    result = subprocess.run([CLI, "--db", store_url, *command, str(BAD / name)], capture_output=True, text=True,
                            timeout=TIME_LIMIT)
    assert result.returncode == 2 and "invalid YAML" in result.stderr and f"{BAD / name}:" in result.stderr
    assert not marker.exists() and counts(loaded) == before


def test_yaml_alias_bomb_and_deep_nesting_are_one_line(tmp_path: Path) -> None:
    from guidetrace.comments.topics_lexicon import load_lexicon
    from guidetrace.guideline.formats import read_tree

    bomb = tmp_path / "bomb.yaml"
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join(
        [f"*{chr(97 + i)}"] * 9) + "]" for i in range(20)]
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(GuidetraceError, match="alias bomb"):
        read_tree(bomb)
    deep = tmp_path / "deep.yaml"
    deep.write_text("topics: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    with pytest.raises(GuidetraceError, match="nested too deeply"):
        load_lexicon(deep)


def test_truncated_sheet_xml_is_one_line(tmp_path: Path) -> None:
    import zipfile

    from guidetrace.comments.readers import read_document

    good = Path(__file__).parent / "fixtures" / "documents" / "results.xlsx"
    bad = tmp_path / "cut.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = data[: len(data) * 2 // 3]
            dst.writestr(item, data)
    with pytest.raises(GuidetraceError, match="broken|cannot open workbook") as info:
        list(read_document(bad).opinions)
    assert "\n" not in str(info.value)


def test_a_catastrophic_lexicon_pattern_stops_with_one_line(tmp_path: Path) -> None:
    from guidetrace.comments.topics_lexicon import fold, load_lexicon

    lexicon = tmp_path / "lexicon.yaml"
    lexicon.write_text("topics:\n  - key: slow\n    patterns: ['(a|aa)+c']\n", encoding="utf-8")
    slow = next(c for c in load_lexicon(lexicon) if c.topic.key == "slow")
    with pytest.raises(GuidetraceError, match="catastrophic"):
        slow.first_match(fold("a" * 60))
