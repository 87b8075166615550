"""Raw submissions and their clusters: every submission stays counted, clustering is deterministic."""

import random
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from guidetrace.comments.dedup import bands_for, cluster_texts, normalise
from guidetrace.comments.store_clusters import dedup_round
from guidetrace.comments.store_comments import load_raw
from guidetrace.guideline.bundled import load_bundled_trees
from guidetrace.trace.models import Cluster, Comment
from guidetrace.trace.store import Store

from .big_documents import write_tsv
from .conftest import FIXTURES

RAW = FIXTURES / "raw"


def campaign(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    base = "".join(rng.choice("安全対策管理運用設計情報通信機器連携認証監視記録保護") for _ in range(300))
    other = "".join(rng.choice("アイウエオカキクケコサシスセソタチツテト") for _ in range(300))
    texts = []
    for i in range(n):
        roll = rng.random()
        if roll < 0.5:
            texts.append(base)
        elif roll < 0.8:
            texts.append(f"お世話になります。{base}よろしく{i}")
        elif roll < 0.9:
            texts.append(other + "。")
        else:
            texts.append("".join(rng.choice("一二三四五六七八九十百千万") for _ in range(120)))
    return texts


def test_clusters_keep_every_submission_counted_and_are_deterministic() -> None:
    texts = campaign(3000, 1)
    first = cluster_texts(texts, threshold=0.8)
    assert first == cluster_texts(list(texts), threshold=0.8)
    members = [i for c in first for i in c.members]
    assert len(members) == len(set(members))  # a submission is in at most one cluster
    alone = len(texts) - len(members)
    assert sum(len(c.members) for c in first) + alone == len(texts)
    big = sorted(first, key=lambda c: -len(c.members))
    base = texts[big[0].representative]
    campaign_size = sum(t == base or t.startswith("お世話になります。" + base) for t in texts)
    assert big[0].kind == "near" and len(big[0].members) == campaign_size  # the template and its greeting variants
    assert big[1].kind == "exact" and {texts[i] for i in big[1].members} == {texts[big[1].representative]}
    exact_only = cluster_texts(texts, near=False)
    assert all(c.kind == "exact" for c in exact_only) and len(exact_only) >= len(first)


def test_normalisation_and_bands() -> None:
    assert normalise("ＳＢＯＭ、 を！使う") == normalise("sbomを使う")
    assert bands_for(0.8) == (21, 6) and bands_for(0.7) == (32, 4) and bands_for(0.5) == (42, 3)


@pytest.mark.parametrize("name", ["submissions.jsonl", "submissions.csv"])
def test_load_raw_round(store: Store, name: str) -> None:
    load_bundled_trees(store)
    summary, clusters = load_raw(store, RAW / name, revision="3.0-draft", round_key="raw")
    assert (summary.submissions, summary.unresolved, clusters.clusters, clusters.clustered, clusters.distinct) == (6, 0, 1, 4, 3)
    with store.sessions() as s:
        cluster = s.scalar(select(Cluster))
        keys = s.scalars(select(Comment.key).where(Comment.cluster_id == cluster.id).order_by(Comment.key)).all()
        rep = s.scalar(select(Comment.key).where(Comment.id == cluster.representative_id))
        dispositions = set(s.scalars(select(Comment.disposition)))
    assert keys == ["raw/R-S1", "raw/R-S2", "raw/R-S3", "raw/R-S4"] and rep == "raw/R-S1" and cluster.kind == "near"
    assert dispositions == {"unanswered"}
    again = dedup_round(store, "raw", near=False)
    assert (again.clusters, again.clustered) == (1, 3)  # S4's greeting keeps it out of the exact cluster
    reloaded, _ = load_raw(store, RAW / name, revision="3.0-draft", round_key="raw")
    with store.sessions() as s:
        assert s.scalar(select(func.count()).select_from(Comment)) == 6 and reloaded.added == 0


@pytest.mark.parametrize("grow", [False, True])
def test_streaming_ingest_keeps_memory_flat(tmp_path: Path, grow: bool) -> None:
    """Peak memory of a load barely grows when the document grows tenfold; `--grow-tree` too, since it
    reads the document twice rather than holding it."""
    def peak(rows: int) -> int:
        doc = write_tsv(tmp_path / f"d{rows}.tsv", rows)
        db = tmp_path / f"m{rows}.db"
        code = ("import resource, sys\n"
                "from pathlib import Path\n"
                "from guidetrace.trace.store import open_store\n"
                "from guidetrace.guideline.bundled import load_bundled_trees\n"
                "from guidetrace.comments.store_comments import load_comments\n"
                f"s = open_store({str(db)!r}); load_bundled_trees(s)\n"
                f"load_comments(s, Path({str(doc)!r}), revision='3.0-draft', round_key='m', grow={grow})\n"
                "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        return int(out.strip().splitlines()[-1])
    small, large = peak(2_000), peak(20_000)
    assert large - small < 60_000, (small, large)  # KiB: ten times the rows, under 60 MB more


@pytest.mark.parametrize(
    ("name", "content", "message", "line"),
    [
        ("no-text.csv", "id,submitter\nS1,A\n", "no text column in the header", 1),
        ("empty-text.csv", "id,text\nS1,ok\nS2,\n", "a submission with no text", 3),
        ("bad.jsonl", '{"id": "S1", "text": "ok"}\n{"id": "S2", "text": \n', "not a JSON object", 2),
        ("list.jsonl", '["S1", "ok"]\n', "expected one JSON object per line", 1),
        ("header-only.csv", "id,text\n", "no submissions in the file", None),
    ],
)
def test_raw_reader_errors(tmp_path: Path, name: str, content: str, message: str, line: int | None) -> None:
    from guidetrace.comments.readers.raw import read_raw
    from guidetrace.trace.errors import GuidetraceError

    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GuidetraceError, match=message) as err:
        list(read_raw(path).opinions)
    assert str(err.value).startswith(f"{path}:{line}: " if line else f"{path}: ")


def test_raw_round_is_not_a_result_round(store: Store) -> None:
    from guidetrace.comments.store_comments import load_comments
    from guidetrace.trace.errors import GuidetraceError

    load_bundled_trees(store)
    load_raw(store, RAW / "submissions.csv", revision="3.0-draft", round_key="raw")
    with pytest.raises(GuidetraceError, match="round 'raw' holds raw documents, not result"):
        load_comments(store, FIXTURES / "comments" / "numbered.md", revision="3.0-draft", round_key="raw")
