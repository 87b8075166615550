"""The site's search index: opinion text, answers, submitters and section titles, in script shards.

Pages open from file://, where a browser will not fetch a JSON file; each shard is a
script that hands its rows to the page (`GT_SEARCH_SHARD(n, rows)`), loaded only when
someone searches. Rows are [link, label, folded text] and, when folding changed it, the text as written (the
page shows a hit's snippet in the original's own characters, never the folded form); texts are
cut so that 100,000 opinions stay a few dozen megabytes, read shard by shard until enough hits
are found. Folding (NFKC) is most of the cost, so it happens as each shard is written, shards in
parallel while the builder goes on with its last pages. Sections read as pages show them: 全般,
not `general`, and the revision by its label. A campaign is one row, linking to its page: its
representative's text once, then its members' ids and senders, so any of them finds it.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guidetrace.trace.child_process import forked, forks
from guidetrace.trace.models import Revision, Section

from ..diagrams.common import shown_key
from ..labels import say
from .campaign_shown import CampaignsShown
from .pages import section_page

PARALLEL_SHARDS = 8  # below this, forking costs more than folding
SHARD = 2000  # rows per script
BODY, ANSWER = 300, 150  # characters of an opinion and of its answer that are searched


def fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def search_rows(session: Session, comments: list[dict[str, Any]], href: dict[str, str],
                revisions: Iterable[str], lang: str = "ja", campaigns: CampaignsShown | None = None) -> list[list[str]]:
    rows = []
    for rev, rev_label, key, title in session.execute(
            select(Revision.key, Revision.label, Section.key, Section.title).join(Revision)
            .where(Revision.key.in_(list(revisions))).order_by(Revision.key, Section.position)):
        shown = shown_key(key, lang)
        text = shown if title in (None, "", shown) else f"{shown} {title}"  # the root reads 全般, not 全般 全般
        rows.append([section_page(rev, key), f"{text} ({rev_label or rev})", text])
    of = campaigns.of if campaigns else {}
    done: set[int] = set()
    for c in comments:
        cluster = of.get(c["id"])
        if cluster is not None:
            if cluster not in done and campaigns is not None:
                done.add(cluster)
                rows.append(_campaign_row(campaigns, cluster, lang))
        elif c["id"] in href:
            who = c["submitter"]["name"] or ""
            text = f"{c['id']} {who} {(c['body'] or '')[:BODY]} {(c['response'] or '')[:ANSWER]}"
            rows.append([href[c["id"]], f"{c['id']} {who}".strip(), text])
    return rows


def _campaign_row(campaigns: CampaignsShown, cluster: int, lang: str) -> list[str]:
    block, members = campaigns.block(cluster, None), campaigns.members[cluster]
    rep, by_id = block.representative, campaigns.by_id
    label = f"{say('campaign_search', lang, block.campaign.size)} {block.name}"
    senders = dict.fromkeys(by_id[k]["submitter"]["name"] or "" for k in members)
    text = " ".join((label, (rep["body"] or "")[:BODY], (rep["response"] or "")[:ANSWER], *members, *senders))
    return [block.page, label, text]


def _row(link: str, label: str, text: str) -> list[str]:
    """The text as written, its spaces collapsed as folding collapses them, only where it differs."""
    folded, written = fold(text), " ".join(text.split())
    return [link, label, folded] if folded == written else [link, label, folded, written]


@contextmanager
def search_shards(write_asset: Any, rows: list[list[str]]) -> Iterator[Callable[[], int]]:
    """Writes rows as `search_rows` gives them, their text folded here, in forked workers; the caller may
    go on meanwhile, then calls what this yields, which waits for the shards and returns their number."""
    count, shards = len(rows), max(1, -(-len(rows) // SHARD))
    held = [rows]  # workers fork with their own copy; this process lets go of it meanwhile (see below)
    del rows

    def shard(n: int) -> int:
        data = json.dumps([_row(*row) for row in held[0][n * SHARD:(n + 1) * SHARD]], ensure_ascii=False)
        write_asset(f"search-{n}.js", f"GT_SEARCH_SHARD({n},{data});\n")
        return n

    parallel = shards >= PARALLEL_SHARDS
    with forked(shard, range(shards), parallel=parallel) as written:
        if forks(shards, parallel):
            held.clear()  # the rows of 100,000 opinions (about 30 MB) stay only in the workers

        def finished() -> int:
            written()
            write_asset("search-meta.js", f"GT_SEARCH_META({json.dumps({'shards': shards, 'rows': count})});\n")
            return shards

        yield finished
