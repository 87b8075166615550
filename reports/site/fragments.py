"""Each opinion rendered once: pages are assembled from the fragments.

An opinion is shown on every section page it cites, in up to two hundred "below" lists of
the sections above, on its topics' pages and on pages carried to later revisions; its view
(`opinion_view`) used to run for each. Its output depends only on the opinion, on whether
every citation is listed (`full`) and on where opinions are listed (`opinion_href`, filled
once the section pages are written, when the builder calls `clear`). The cache is bounded:
pages are written in document order, so an opinion comes back soon or not at all. A campaign's
block (`campaign_shown`), which stands in a listing for its copies, is its macro's, rendered each time.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from markupsafe import Markup

from .opinion_view import OpinionView

if TYPE_CHECKING:
    from ..campaigns.build import Campaign

KEPT = 5_000  # fragments: about 10 MB of HTML


@dataclass(frozen=True)
class CampaignBlock:
    """One campaign where a listing held its copies: `here` of them (None where the listing is cut short and
    cannot say), out of `campaign.size`. Made by `campaign_shown`, rendered here."""

    campaign: Campaign
    name: str  # the key its pages are named by: its representative's
    page: str  # its first page
    representative_href: str  # where its pages list the representative
    representative: dict[str, Any]  # the published record of the campaign's representative
    here: int | None


class OpinionFragments:
    def __init__(self, env: Environment) -> None:
        self.env = env
        self.kept: OrderedDict[tuple[str, bool], Markup] = OrderedDict()
        self.view: OpinionView | None = None  # made on first use: the environment's globals are complete then

    def __call__(self, c: dict[str, Any] | CampaignBlock, revision: str = "", full: bool = False) -> Markup:
        if not isinstance(c, dict):  # a campaign's block (CampaignBlock, made by campaign_shown), in place of its copies
            return self.env.get_template("_macros.html").module.campaign(c)  # type: ignore[attr-defined,no-any-return]
        key = (c["id"], full)
        html = self.kept.get(key)
        if html is not None:
            self.kept.move_to_end(key)
            return html
        if self.view is None:
            reviewed = self.env.get_template("_macros.html").module.reviewed  # type: ignore[attr-defined]
            self.view = OpinionView(self.env.globals, self.env.filters, reviewed)
        html = self.view(c, full)
        self.kept[key] = html
        if len(self.kept) > KEPT:
            self.kept.popitem(last=False)
        return html

    def clear(self) -> None:
        self.kept.clear()


class MacroFragments:
    """A small macro of `_macros.html` whose output depends on a few values only (a disposition's badge,
    a citation's link): run once per distinct value, from every opinion that shows it."""

    LIMIT = 50_000

    def __init__(self, env: Environment, name: str, key: Callable[..., Hashable] = lambda *args: args) -> None:
        self.env, self.name, self.key = env, name, key
        self.kept: dict[Hashable, Markup] = {}
        self.macro: Any = None

    def __call__(self, *args: Any) -> Markup:
        key = self.key(*args)
        html = self.kept.get(key)
        if html is None:
            if self.macro is None:
                self.macro = getattr(self.env.get_template("_macros.html").module, self.name)
            if len(self.kept) >= self.LIMIT:
                self.kept.clear()
            html = self.kept[key] = self.macro(*args)
        return html
