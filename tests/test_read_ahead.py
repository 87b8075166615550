"""A large document is read in a forked child: the store it gives is the one reading in-process gives.

`FROM_BYTES` is set to 0 so the seed (and a small broken copy) take the child's path, and
`BATCH` to 7 (and `FIRST` to 3) so its 26 opinions cross the pipe in several batches.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from guidetrace.comments import read_ahead, store_comments
from guidetrace.comments.bundled import SEED_REVISION
from guidetrace.comments.listing import list_comments
from guidetrace.comments.rounds import round_rows
from guidetrace.comments.store_comments import load_comments
from guidetrace.guideline.bundled import load_bundled_trees
from guidetrace.reports.sections.build import build_sections_report
from guidetrace.reports.sections.view import render_sections
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.models import ConsultationRound, PrivacyFinding
from guidetrace.trace.store import open_store


def _load(tmp_path: Path, name: str, seed: Path) -> tuple[str, str, str, str]:
    store = open_store(str(tmp_path / f"{name}.db"))
    load_bundled_trees(store)
    summary = load_comments(store, seed, revision=SEED_REVISION)
    with store.sessions() as s:
        opinions = json.dumps(list_comments(s, public=False), ensure_ascii=False, sort_keys=True)
        rounds = json.dumps(round_rows(s), ensure_ascii=False, sort_keys=True)
        sections = render_sections(build_sections_report(s), "json")
        title = s.scalar(select(ConsultationRound.title))
        findings = s.execute(select(PrivacyFinding.comment_id, PrivacyFinding.field, PrivacyFinding.start,
                                    PrivacyFinding.kind).order_by(PrivacyFinding.id)).all()
    store.dispose()
    assert isinstance(sections, str)
    return opinions, rounds, sections, f"{title}|{summary.columns}|{summary.opinions}|{findings}"


def test_reading_in_a_child_gives_the_same_store(tmp_path: Path, seed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    here = _load(tmp_path, "here", seed)
    forked: list[int] = []
    child = read_ahead._from_child

    def counted(document, size, prepare):  # type: ignore[no-untyped-def]
        for batch, hints in child(document, size, prepare):
            forked.append(len(batch))
            assert hints is not None and hints.findings and hints.topics  # the child did its share
            yield batch, hints

    monkeypatch.setattr(read_ahead, "FROM_BYTES", 0)
    monkeypatch.setattr(store_comments, "BATCH", 7)
    monkeypatch.setattr(read_ahead, "FIRST", 3)
    monkeypatch.setattr(read_ahead, "_from_child", counted)
    there = _load(tmp_path, "there", seed)
    assert forked == [3, 7, 7, 7, 2]  # the child's path was taken: a short first batch, then BATCH at a time
    assert there == here  # opinions, citations, topics, findings, front matter, columns and counts alike
    assert '"topics": ["sbom"' in here[0]  # tags came through the child's matches
    assert '"by_kind": {"corporation": 3' in here[1] and '"period"' in here[1]  # the front matter came back


def test_an_error_in_the_child_is_the_same_one_line(tmp_path: Path, seed: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_ahead, "FROM_BYTES", 0)
    lines = seed.read_text(encoding="utf-8").split("\n")
    lines[44] = lines[44].split("\t")[0] + "\t" + lines[44].split("\t")[1][:40]  # cut mid-row
    broken = tmp_path / "broken.md"
    broken.write_text("\n".join(lines), encoding="utf-8")
    store = open_store(str(tmp_path / "b.db"))
    load_bundled_trees(store)
    with pytest.raises(GuidetraceError, match=r"broken.md:45: truncated or malformed row") as err:
        load_comments(store, broken, revision=SEED_REVISION)
    assert err.value.line == 45 and err.value.file is not None and err.value.file.endswith("broken.md")
    with store.sessions() as s:
        assert s.scalar(select(ConsultationRound.id)) is None  # nothing was written
    store.dispose()


def test_the_child_sends_ahead_in_order_and_stops_when_the_parent_is_gone() -> None:
    """Batches queue (AHEAD of them) while the pipe is full; all arrive, in order; a reader that went away
    is the same OSError the pipe itself gives; a message that cannot be pickled fails in the sender."""
    import multiprocessing
    import threading

    receiver, connection = multiprocessing.Pipe(duplex=False)
    sender = read_ahead._Ahead(connection)
    big = "x" * 300_000  # far more than the pipe holds
    got: list[object] = []
    reader = threading.Thread(target=lambda: got.extend(receiver.recv() for _ in range(6)))
    for n in range(6):
        sender.send((n, big))  # returns before the parent reads: at most AHEAD wait, pickled
        if n == read_ahead.AHEAD:
            reader.start()
    with pytest.raises(Exception, match="pickle"):
        sender.send(lambda: None)
    sender.close()
    reader.join()
    assert [m[0] for m in got] == list(range(6))  # type: ignore[index]

    receiver, connection = multiprocessing.Pipe(duplex=False)
    sender = read_ahead._Ahead(connection)
    receiver.close()  # the parent is gone
    with pytest.raises(OSError):
        for _ in range(10):
            sender.send(big)
    sender.close()


def test_topic_hints_are_taken_only_for_the_text_they_were_found_in() -> None:
    """The child's matches travel by position with their text's hash (not the text): the writer takes one
    only when its own text at that position hashes the same."""
    from guidetrace.comments.tag_topics import topic_rows
    from guidetrace.comments.topics_lexicon import TopicMatcher, load_lexicon

    lexicon = load_lexicon()
    matcher, ids = TopicMatcher(lexicon), {c.topic.key: n for n, c in enumerate(lexicon)}
    text = "納入時にSBOMの提出を求めるべきです。"
    alone = topic_rows(matcher, ids, [(1, text)])
    assert [r["topic_id"] for r in alone] == [ids["sbom"]]
    assert topic_rows(matcher, ids, [(1, text)], [(hash(text), [])]) == []  # the hint is taken as it is
    assert topic_rows(matcher, ids, [(1, text)], [(hash(text + "。"), [])]) == alone  # another text's: matched here
    assert topic_rows(matcher, ids, [(1, text), (2, text)], [(hash(text), [])]) == [dict(alone[0], comment_id=2)]
