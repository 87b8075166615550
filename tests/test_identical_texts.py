"""Two opinions with the same text at two places: a decision stays with its own opinion across reloads, or is
reported orphaned when its opinion is gone, never moved to the other copy (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROUND = "r"
FIRST, COPY = 34, 68  # the seed's lines of A-01 (2.3.1) and A-12 (3.2.2)


def variant(seed: Path, out: Path, *, drop: int | None = None) -> Path:
    """The seed with A-12's opinion replaced by A-01's (its place kept), and a line dropped if asked."""
    lines = seed.read_text(encoding="utf-8").split("\n")
    first, copy = lines[FIRST - 1].split("\t"), lines[COPY - 1].split("\t")
    assert first[0].startswith("2.3.1") and copy[0].startswith("3.2.2")
    lines[COPY - 1] = "\t".join([copy[0], first[1], copy[2]])
    if drop is not None:
        del lines[drop - 1]
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def load(run: Any, path: Path) -> str:  # type: ignore[no-untyped-def]
    result = run("comments", "load", str(path), "--revision", "3.0-draft", "--round", ROUND)
    assert result.exit_code == 0, result.output
    return str(result.stderr)


def state(run: Any) -> dict[str, tuple[str, bool, list[str]]]:  # type: ignore[no-untyped-def]
    """opinion -> (disposition, tagged sbom, cited sections)"""
    listed = json.loads(run("comments", "list", "--round", ROUND, "--format", "json").stdout)
    return {c["id"].split("/")[1]: (c["disposition"]["primary"], "sbom" in c["topics"],
                                    [x["section"] for x in c["citations"]]) for c in listed}


def test_a_decision_stays_with_its_copy_or_is_orphaned(run, seed: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("guideline", "load", "--bundled").exit_code == 0
    whole = variant(seed, tmp_path / "whole.md")
    load(run, whole)
    machine = state(run)
    assert machine["A-01"][2][0] == "2.3.1" and machine["A-12"][2][0] == "3.2.2"
    assert run("review", "set", f"{ROUND}/A-12", "--disposition", "revised", "--by", "t").exit_code == 0
    assert run("review", "set", f"{ROUND}/A-12", "--tag", "sbom", "--by", "t").exit_code == 0
    decided = state(run)
    assert decided["A-12"][:2] == ("revised", True) and decided["A-01"] == machine["A-01"]

    # the copy the decisions were made on is removed: they are orphaned, A-01 is untouched
    said = load(run, variant(seed, tmp_path / "no-a12.md", drop=COPY))
    now = state(run)
    assert "A-12" not in now and now["A-01"] == machine["A-01"]
    assert "に引き継ぎ" not in said and said.count("を付け直せません") == 2
    assert f"{ROUND}/A-12" in said.split("削除（1件）：")[1].split("\n")[0]
    log = json.loads(run("review", "log", "--format", "json").stdout)
    assert {e["opinion"] for e in log} == {f"{ROUND}/A-12"} and len(log) == 2
    load(run, variant(seed, tmp_path / "no-a12-again.md", drop=COPY))  # and again: still not re-homed
    assert state(run)["A-01"] == machine["A-01"]

    # the opinion comes back: so do its decisions, on it alone
    said = load(run, whole)
    now = state(run)
    assert now["A-12"][:2] == ("revised", True) and now["A-01"] == machine["A-01"]
    assert "に引き継ぎ" not in said and "を付け直せません" not in said

    # the other copy (the first) is removed: the survivor keeps its id and its decisions
    said = load(run, variant(seed, tmp_path / "no-a01.md", drop=FIRST))
    now = state(run)
    assert "A-01" not in now and now["A-12"][:2] == ("revised", True) and now["A-12"][2][0] == "3.2.2"
    assert "削除（1件）：r/A-01" in said and "に引き継ぎ" not in said
    assert "を付け直せません" not in said


def test_decisions_restored_from_a_file_find_their_own_copy(run, seed: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`rounds remove` then a load of the corrected document with its decisions: the place tells the copies apart."""
    assert run("guideline", "load", "--bundled").exit_code == 0
    load(run, variant(seed, tmp_path / "whole.md"))
    machine = state(run)
    assert run("review", "set", f"{ROUND}/A-12", "--disposition", "revised", "--by", "t").exit_code == 0
    kept = tmp_path / "kept.json"
    assert run("rounds", "remove", ROUND, "--yes", "--decisions-out", str(kept)).exit_code == 0
    result = run("comments", "load", str(variant(seed, tmp_path / "no-a12.md", drop=COPY)), "--revision",
                 "3.0-draft", "--round", ROUND, "--decisions", str(kept))
    assert result.exit_code == 0 and "を付け直せません" in result.stderr
    assert state(run)["A-01"] == machine["A-01"]
    assert run("rounds", "remove", ROUND, "--yes", "--decisions-out", str(tmp_path / "kept2.json")).exit_code == 0
    result = run("comments", "load", str(variant(seed, tmp_path / "no-a01.md", drop=FIRST)), "--revision",
                 "3.0-draft", "--round", ROUND, "--decisions", str(tmp_path / "kept2.json"))
    assert result.exit_code == 0 and "を付け直せません" not in result.stderr
    now = state(run)
    survivor = next(k for k, v in now.items() if v[2][0] == "3.2.2")
    assert now[survivor][0] == "revised" and sum(v[0] == "revised" for v in now.values()) == \
        sum(v[0] == "revised" for v in machine.values()) + 1
