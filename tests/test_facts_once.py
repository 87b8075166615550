"""Each fact once (issue 33): a disposition or submitter-kind key is spelled only in comments/vocabulary.py
(its constants, checked against the rule files there), labels only in the catalogue, languages only in
trace/languages.py, and a topic's labels are keyed by language in the models, never a column per language.

The scan reads every module's string literals (the AST, so a docstring or comment mentioning `revised`
is prose, not a key). Modules that are the registry or the catalogue are exempt, as are migrations
(history: they must keep the schema they had)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from guidetrace.comments import vocabulary
from guidetrace.trace.languages import LANGS, label_for
from guidetrace.trace.rules import packaged_yaml

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = ("trace", "guideline", "comments", "reports", "api", "benchmarks")
REGISTRY = {"comments/vocabulary.py", "trace/tally.py"}  # trace/tally: the unknown kind, below comments/
# A word that is a key elsewhere, meaning something else here (each still found, so the list cannot rot).
OTHER_MEANING = {
    ("comments/headers.py", "revised"): "the 修正の有無 column's field name",
    ("comments/readers/table_stream.py", "revised"): "the 修正の有無 column's field name",
    ("comments/review/kinds.py", "unclassified"): "a review-queue kind (the queue's registry)",
    ("comments/review/queue.py", "unclassified"): "a review-queue kind",
    ("comments/review/check.py", "unclassified"): "a section of `check`'s report, and its queue kind",
    ("comments/review/decisions.py", "unknown"): "the reviewer when the OS names none",
    ("trace/cli/load_echo.py", "unknown"): "the catalogue's word for a language not detected",
    ("api/demo.py", "unclassified"): "a section of `check`'s report",
}


def _keys() -> set[str]:
    return {*vocabulary.disposition_choices(), *vocabulary.submitter_kind_choices()}


def key_literals(root: Path, keys: set[str]) -> list[tuple[str, str, int]]:
    """(path, key, line) of every string literal that is exactly a key, outside the registry, the
    migrations and the docstrings."""
    found = []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            if rel in REGISTRY or "/migrations/" in rel:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                          if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                          and n.body and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
            found += [(rel, node.value, node.lineno) for node in ast.walk(tree)
                      if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in keys
                      and id(node) not in docstrings]
    return found


def test_no_disposition_or_kind_key_is_typed_outside_the_registry() -> None:
    found = key_literals(ROOT, _keys())
    stray = [f"{p}:{line} {key!r}" for p, key, line in found if (p, key) not in OTHER_MEANING]
    assert stray == [], "use the constants of comments/vocabulary.py"
    assert {(p, key) for p, key, _ in found} == set(OTHER_MEANING)  # every exemption still needed


def test_the_scan_finds_a_typed_key(tmp_path: Path) -> None:
    (tmp_path / "reports" / "plan").mkdir(parents=True)
    (tmp_path / "comments").mkdir()
    (tmp_path / "reports" / "plan" / "x.py").write_text(
        '"""revised answers"""\n\ndef f(d):\n    """declined"""\n    return d == "declined"\n', encoding="utf-8")
    (tmp_path / "comments" / "vocabulary.py").write_text('DECLINED = "declined"\n', encoding="utf-8")
    assert key_literals(tmp_path, {"revised", "declined"}) == [("reports/plan/x.py", "declined", 5)]


def test_the_constants_are_the_rule_files_keys() -> None:
    dispositions = [d["key"] for d in packaged_yaml("guidetrace.comments", "dispositions.yaml")["dispositions"]]
    kinds = [k["key"] for k in packaged_yaml("guidetrace.comments", "submitter_kinds.yaml")["kinds"]]
    named = {value for name, value in vars(vocabulary).items() if name.isupper() and isinstance(value, str)}
    assert set(dispositions) | set(kinds) <= named
    assert vocabulary.disposition_choices() == (*dispositions, vocabulary.UNCLASSIFIED, vocabulary.UNANSWERED)
    with pytest.raises(ValueError, match="dispositions.yaml: the code names approved"):
        vocabulary._named(tuple(dispositions), "dispositions.yaml", vocabulary.REVISED, "approved")


def test_labels_only_in_the_catalogue_and_in_every_language() -> None:
    data = packaged_yaml("guidetrace.comments", "dispositions.yaml")
    assert not any("label" in d for d in data["dispositions"])  # the catalogue's alone
    catalogue = packaged_yaml("guidetrace.reports", "labels.yaml")
    for key in _keys():
        assert set(catalogue[key]) == set(LANGS), key
    assert all(set(v) == set(LANGS) for v in catalogue.values() if isinstance(v, dict))


def test_the_models_hold_no_column_per_language() -> None:
    text = (ROOT / "trace" / "models.py").read_text(encoding="utf-8")
    assert "label_ja" not in text and "label_en" not in text
    from guidetrace.trace.models import Topic

    assert "labels" in Topic.__table__.columns


def test_label_for_falls_back_japanese_first() -> None:
    assert label_for({"ja": "部品表", "en": "SBOM"}, "en") == "SBOM"
    assert label_for({"ja": "部品表"}, "en") == "部品表"
    assert label_for({"en": "SBOM"}, "ja") == "SBOM"
    assert label_for({"fr": "nomenclature"}, "ja") == "nomenclature"  # a language not listed yet still shows


def test_one_language_list_and_one_store_default() -> None:
    for folder in ("trace", "comments", "reports", "guideline", "api"):
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            text = path.read_text(encoding="utf-8")
            if rel != "trace/languages.py":
                assert '("ja", "en")' not in text and '["ja", "en"]' not in text, rel
            if rel != "trace/store_location.py" and "/migrations/" not in rel:
                assert '"guidetrace.db"' not in text and '"GUIDETRACE_DB"' not in text, rel
            if rel != "trace/child_process.py":
                assert "cpu_count(" not in text and "get_all_start_methods" not in text, rel


def test_the_catalogue_says_each_label_once() -> None:
    """YAML keeps the last of a repeated key silently: a label written twice is a fact that can drift."""
    import re
    from collections import Counter

    text = (ROOT / "reports" / "data" / "labels.yaml").read_text(encoding="utf-8")
    keys = Counter(m.group(1) for m in re.finditer(r"^([A-Za-z0-9_\-]+):", text, re.M))
    assert [k for k, n in keys.items() if n > 1] == []
