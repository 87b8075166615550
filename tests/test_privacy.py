"""Issue 17: personal data found, decided and masked before anything is published."""

from __future__ import annotations

import json
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guidetrace.comments.privacy.detect import detect, my_number_valid

from .privacy_corpus import CLEAN, planted_docs

CLI = str(Path(sys.executable).with_name("guidetrace"))


def _hit(text: str, kind: str, value: str) -> bool:
    start = text.find(value)
    return any(f.kind == kind and f.start <= start + len(value) // 2 < f.end for f in detect(text))


def test_recall_and_precision_on_the_generated_corpus() -> None:
    docs = planted_docs()
    found, total = Counter(), Counter()
    true_positive = false_positive = 0
    for d in docs:
        planted = [p for p in d.planted if p.value in d.text]
        for p in planted:
            total[p.kind] += 1
            found[p.kind] += _hit(d.text, p.kind, p.value)
        for f in detect(d.text):
            if any(f.start < d.text.find(p.value) + len(p.value) and d.text.find(p.value) < f.end for p in planted):
                true_positive += 1
            else:
                false_positive += 1
    recall = {k: found[k] / total[k] for k in total}
    for kind in ("email", "phone", "postal_code", "my_number"):
        assert recall[kind] >= 0.98, (kind, recall)
    for kind in ("name", "address"):
        assert recall[kind] >= 0.90, (kind, recall)
    for kind in ("url", "sns", "birth_date"):
        assert recall[kind] >= 0.90, (kind, recall)
    clean_findings = [(t, f) for t in CLEAN for f in detect(t)]
    precision = true_positive / (true_positive + false_positive + len(clean_findings))
    assert precision >= 0.90 and not clean_findings, (precision, clean_findings)


def test_the_seed_holds_no_personal_data(loaded) -> None:  # type: ignore[no-untyped-def]
    from guidetrace.comments.privacy.store_findings import findings_of

    with loaded.sessions() as s:
        assert [(f.field, f.kind, f.text) for f in findings_of(s)] == []


PIECES = ["3.1.2", "サービス3-2", "について", "。", "\n", "山田", "太郎", "花子", "佐藤", "様", "さん", "氏名：", "私、",
          "より", "拝", "42歳", "東京都", "青葉市", "本町", "1丁目", "2番", "3号", "〒", "123-4567", "03-1234-5678",
          "09012345678", "1990年1月2日生まれ", "a@example.com", "https://x.example.com/a", "@handle", "Mr", " ",
          "Smith", "John", "Regards,", "my name is", "１２３", "０３－１２３４－５６７８", "ＤＲ", "DR", "令和5年"]


# Pieces with no other trigger: only the signature entry can let a text through.
SIGNATURE_PIECES = ["について", "。", "\n", "山田", "太郎", "花子", "佐藤", " ", "P.12", "3.1.2", "全般", "より", "拝",
                    "Smith", "イシカワ"]


# pieces whose NFKC form is shorter (ｶﾞ, e + combining acute), longer (㍿, ㍻, ﬁ) or the same
FOLDING = ["ｶﾞｽ", "ﾊﾟﾝ", "e\u0301", "㍿", "㍻", "ﬁ", "①", "ＡＢＣ", "意見", "、", " ", "\n", "ﾃﾞｰﾀ", "が\u3099"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FOLDING), max_size=10), st.lists(st.sampled_from(FOLDING), max_size=10),
       st.sampled_from(["090-1234-5678", "０９０－１２３４－５６７８", "taro@example.com", "〒１２３－４５６７"]))
def test_spans_map_to_the_characters_found_whatever_folding_does_before_them(
        before: list[str], after: list[str], value: str) -> None:
    """Lengths that shrink and grow and cancel out before a finding still mask exactly the finding."""
    text = "".join(before) + "\n私の連絡先 " + value + " " + "".join(after)  # a person's, not an office's
    found = [f for f in detect(text) if f.kind in ("phone", "email", "postal_code")]
    assert [f.text for f in found] == [value]
    assert text[found[0].start:found[0].end] == value


def test_the_folded_map_covers_whole_pieces() -> None:
    from guidetrace.comments.privacy.char_map import Folded

    f = Folded("ｶﾞ㍿")  # ガ + 株式会社
    assert f.text == "ガ株式会社"
    assert f.span(0, 1) == (0, 2) and f.span(1, 3) == (2, 3) and f.span(0, 5) == (0, 3)


def test_a_kind_alone_names_nobody() -> None:
    """個人 or 匿名 in the submitter column is not tokenized as a name; 個人（山田太郎）still is."""
    from guidetrace.comments.privacy.store_findings import Scanner
    from guidetrace.comments.submitter_kinds import only_a_kind

    assert only_a_kind("個人") and only_a_kind("匿名") and only_a_kind("一般個人")
    assert not only_a_kind("個人（山田太郎）") and not only_a_kind("個人 山田") and not only_a_kind("山田太郎")
    rows = Scanner().rows(1, {}, "個人（山田太郎）")
    assert [(r["field"], r["kind"]) for r in rows] == [("submitter", "name")]
    assert Scanner().rows(1, {}, "個人") == []


def test_my_number_check_digit() -> None:
    assert my_number_valid("123456789018") and not my_number_valid("123456789012")


def _write_corpus(path: Path) -> list[str]:
    import csv

    docs = planted_docs(200, seed=11)
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["番号", "提出者", "意見", "該当箇所"])
        for i, d in enumerate(docs, 1):
            w.writerow([f"S{i:04d}", d.submitter or "", d.text, "3.1.2"])
        for j, t in enumerate(CLEAN, len(docs) + 1):
            w.writerow([f"S{j:04d}", "株式会社テストシステムズ", t, "3.1.2"])
    return [p.value for d in docs for p in d.planted]


def test_no_planted_value_is_published_and_the_store_keeps_every_text(run, store_url: str, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    run("guideline", "load", "--bundled")
    raw = tmp_path / "raw.csv"
    planted = _write_corpus(raw)
    assert run("comments", "load-raw", str(raw), "--revision", "3.0-draft", "--round", "raw").exit_code == 0
    result = run("site", str(tmp_path / "site"))
    assert result.exit_code == 2 and "high-confidence personal-data finding(s) await review" in result.output
    queue = json.loads(run("review", "list", "--kind", "privacy", "--format", "json").stdout)
    assert queue and all(i["kind"] == "privacy" for i in queue)
    assert run("review", "accept", "--kind", "privacy", "--by", "screening").exit_code == 0
    assert run("site", str(tmp_path / "site")).exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    for name in ("sections", "responses", "topics", "plan", "campaigns"):
        for fmt in ("json", "csv", "xlsx", "md"):
            run("report", name, "--format", fmt, "-o", str(out / f"{name}.{fmt}"))
    run("export", "graph", "--format", "graphml", "-o", str(out / "graph.graphml"))
    run("export", "graph", "--format", "json", "-o", str(out / "graph.json"))
    run("comments", "list", "--format", "json", "-o", str(out / "comments.json"))
    files = [p for p in list((tmp_path / "site").rglob("*")) + list(out.iterdir()) if p.is_file()]
    assert len(files) > 10
    texts = []
    for p in files:
        if p.suffix == ".xlsx":
            with zipfile.ZipFile(p) as z:
                texts.append(" ".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()))
        else:
            texts.append(p.read_text(encoding="utf-8", errors="replace"))
    everything = "\n".join(texts)
    leaked = [v for v in planted if v in everything]
    assert leaked == []
    assert "［氏名］" in everything and "［電話番号］" in everything
    internal = run("comments", "list", "--round", "raw", "--format", "json").stdout
    assert planted[0] not in internal  # listings are published forms too
    from sqlalchemy import text

    from guidetrace.trace.store import open_store

    store = open_store(store_url)
    with store.engine.connect() as conn:
        bodies = "\n".join(conn.execute(text("SELECT body FROM comment")).scalars())
        names = "\n".join(conn.execute(text("SELECT name FROM submitter")).scalars())
    store.dispose()
    kept = [v for v in planted if v not in bodies and v not in names]
    assert kept == []  # the store still holds every original


def test_internal_site_says_so_on_every_page_and_keep_decisions_publish(run, tmp_path: Path) -> None:
    run("guideline", "load", "--bundled")
    doc = tmp_path / "doc.csv"
    doc.write_text("該当箇所,意見,考え方\n3.1.2,自宅の電話は 03-1234-5678 です。,御意見として承ります。\n", encoding="utf-8")
    assert run("comments", "load", str(doc), "--revision", "3.0-draft", "--round", "r").exit_code == 0
    site = tmp_path / "internal"
    assert run("site", str(site), "--internal").exit_code == 0
    pages = list(site.glob("*.html"))
    assert pages and all("internal-banner" in p.read_text(encoding="utf-8") for p in pages)
    assert any("03-1234-5678" in p.read_text(encoding="utf-8") for p in pages)
    scan = json.loads(run("privacy", "scan", "--format", "json").stdout)
    assert [(f["kind"], f["text"], f["state"]) for f in scan] == [("phone", "03-1234-5678", "pending")]
    assert run("review", "set", "r/A-01", "--keep", scan[0]["decide"], "--note", "a public helpline").exit_code == 0
    public = tmp_path / "public"
    assert run("site", str(public)).exit_code == 0
    assert any("03-1234-5678" in p.read_text(encoding="utf-8") for p in public.glob("*.html"))
    assert not any("internal-banner" in p.read_text(encoding="utf-8") for p in public.glob("*.html"))


def test_privacy_decisions_survive_a_reload(run, tmp_path: Path) -> None:
    run("guideline", "load", "--bundled")
    doc = tmp_path / "doc.csv"
    doc.write_text("該当箇所,意見,考え方\n3.1.2,私、山田太郎は反対です。電話は090-1111-2222。,御意見として承ります。\n"
                   "3.1.3,ログを残してほしい。,御意見として承ります。\n", encoding="utf-8")
    assert run("comments", "load", str(doc), "--revision", "3.0-draft", "--round", "r").exit_code == 0
    assert run("review", "accept", "--kind", "privacy").exit_code == 0
    assert run("site", str(tmp_path / "s1")).exit_code == 0
    assert run("comments", "load", str(doc), "--revision", "3.0-draft", "--round", "r").exit_code == 0
    states = {f["state"] for f in json.loads(run("privacy", "scan", "--format", "json").stdout)}
    assert states == {"mask"}
    assert run("site", str(tmp_path / "s2")).exit_code == 0
    pages = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "s2").glob("*.html"))
    assert "山田太郎" not in pages and "090-1111-2222" not in pages and "［氏名］" in pages
