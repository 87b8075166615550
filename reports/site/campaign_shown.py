"""A campaign shown once: where section, topic and unresolved pages would list every copy of one letter,
they list one block (its representative's text, its copies and senders, a link to its own page).

The store's clusters are read once (`campaigns_and_members`, one query for the members); each listing is
then folded in one pass, after a pass that counts each campaign's copies in it. A listing with no
campaign member comes back as it was, so a store without campaigns is paged as before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from ..campaigns.build import CampaignsReport
from .fragments import CampaignBlock
from .pages import campaign_page

MEMBERS_PER_PAGE = 200  # members listed per campaign page (as many as opinions per section page)


class CampaignsShown:
    def __init__(self, report: CampaignsReport, members: dict[int, list[str]],
                 by_id: dict[str, dict[str, Any]]) -> None:
        self.campaigns = {c.cluster: c for c in report.campaigns if members.get(c.cluster)}
        self.members = members
        self.of = {key: cluster for cluster, keys in members.items() if cluster in self.campaigns for key in keys}
        self.by_id = by_id
        self.named = {cluster: c.representative or members[cluster][0] for cluster, c in self.campaigns.items()}
        self.listed_at = {cluster: self._href(name, members[cluster].index(name) if name in members[cluster] else 0)
                          for cluster, name in self.named.items()}

    def block(self, cluster: int, here: int | None) -> CampaignBlock:
        c = self.campaigns[cluster]
        rep = self.by_id.get(c.representative or "") or self.by_id[self.members[cluster][0]]
        name = self.named[cluster]
        return CampaignBlock(c, name, campaign_page(name), self.listed_at[cluster], rep, here)

    @staticmethod
    def _href(name: str, position: int, key: str | None = None) -> str:
        """The `position`-th member's place on the pages of the campaign named `name`."""
        return f"{campaign_page(name, position // MEMBERS_PER_PAGE + 1)}#{key or name}"

    def fold(self, listed: list[Any], seen: set[int] | None = None, *, count: bool = True,
             record: Callable[[Any], dict[str, Any]] = lambda c: c,
             wrap: Callable[[Any, CampaignBlock], Any] = lambda c, b: b) -> list[Any]:
        """The listing with each campaign's first copy replaced by its block and the other copies left out;
        a campaign already in `seen` (shown higher on the same page) is left out whole. `record` finds the
        opinion in an entry, `wrap` puts the block back into such an entry."""
        of = self.of
        if not of:
            return listed
        seen = set() if seen is None else seen
        here = Counter(of[c["id"]] for c in map(record, listed) if c["id"] in of) if count else Counter()
        out = []
        for entry in listed:
            cluster = of.get(record(entry)["id"])
            if cluster is None:
                out.append(entry)
            elif cluster not in seen:
                seen.add(cluster)
                out.append(wrap(entry, self.block(cluster, here[cluster] if count else None)))
        return out

    def key(self, c: dict[str, Any]) -> str:
        """What a listing shows an opinion as: its campaign, or itself."""
        cluster = self.of.get(c["id"])
        return c["id"] if cluster is None else f"\0campaign {cluster}"

    def clusters(self, shown: Iterable[Any]) -> set[int]:
        return {b.campaign.cluster for b in shown if isinstance(b, CampaignBlock)}

    def hrefs(self) -> dict[str, str]:
        """Each member is listed on its campaign's page (page by page, MEMBERS_PER_PAGE members each)."""
        out: dict[str, str] = {}
        for cluster, keys in self.members.items():
            if cluster in self.campaigns:
                name = self.named[cluster]
                out.update((key, self._href(name, i, key)) for i, key in enumerate(keys))
        return out

    def page_jobs(self) -> list[tuple[str, str, dict[str, Any]]]:
        """Each campaign's pages: its representative, then its members with what each changed."""
        jobs = []
        for cluster in self.campaigns:
            keys = self.members[cluster]
            block = self.block(cluster, None)
            pages = max(1, -(-len(keys) // MEMBERS_PER_PAGE))
            for n in range(1, pages + 1):
                jobs.append((campaign_page(block.name, n), "campaign.html", dict(
                    b=block, members=[self.by_id[k] for k in keys[(n - 1) * MEMBERS_PER_PAGE:n * MEMBERS_PER_PAGE]],
                    pages=pages, page_number=n, assets="", standalone=False)))
        return jobs
