"""An opinion as the site shows it: one `<article>`, on section, topic, unresolved and opinion pages.

This was a Jinja macro. A site for 100,000 opinions renders it about 150,000 times, and the
macro's calls, lookups and per-expression escaping made it most of the rendering time; here it
is plain string building, every value escaped by the same `markupsafe.escape` Jinja's
autoescaping uses. The small parts (a disposition's badge, a citation's link, the reviewed
mark) are still the `_macros.html` macros, run once per distinct value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from markupsafe import Markup, escape


class OpinionView:
    """Renders with the globals of one environment (labels, links, the small macros)."""

    def __init__(self, globals_: Mapping[str, Any], filters: Mapping[str, Callable[..., Any]],
                 reviewed: Callable[[str], Markup]) -> None:
        self.g, self.docname, self.reviewed = globals_, filters["docname"], reviewed
        self.L = {k: str(escape(v)) for k, v in globals_["L"].items()}  # labels, escaped once
        self.sources: dict[str | None, str] = {}  # a document's name, escaped once

    def __call__(self, c: dict[str, Any], full: bool) -> Markup:
        g, L, reviewed = self.g, self.L, self.reviewed
        oid, review, shown = str(escape(c["id"])), c["review"], g["CITATIONS_SHOWN"]
        href = g["opinion_href"].get(c["id"])
        out = [f'<article class="opinion" id="{oid}" data-disposition="{escape(c["disposition"]["primary"])}">\n<h3>',
               f'<a class="oid" href="{escape(href)}">{oid}</a>' if href else oid,
               " ", g["disposition_badge"](c["disposition"]["primary"])]
        if review["disposition"]:
            mark = review["disposition"]  # a public record says when, not who (privacy/published.py)
            out += [" ", reviewed(" ".join(str(mark[k]) for k in ("by", "at") if mark.get(k)))]
        if c["bulk"]:
            out.append(f' <span class="bulk">{L["bulk"]}</span>')
        submitter = c["submitter"]
        out.append(f'</h3>\n<p class="meta">{L["submitter"]}: {escape(submitter["name"] or "—")} '
                   f'({L[submitter["kind"]]})\n · {L["section"]}: ')
        citations = c["citations"]
        link = g["citation_link"]
        out += [link(x) for x in (citations if full else citations[:shown])]
        if not full and len(citations) > shown:
            out.append(f'<a class="more" href="{escape(g["opinion_page"](c["id"]))}">+{len(citations) - shown}</a> ')
        out += [f'<span class="unresolved">{escape(u["text"])}?</span> ' for u in c["unresolved"]]
        if c["topics"]:
            labels, topic_page = g["topic_labels"], g["topic_page"]
            out.append(f' · {L["topics"]}: ')
            for t in c["topics"]:
                out.append(f'<a href="{escape(topic_page(t))}">{escape(labels.get(t, t))}</a>')
                if t in review["topics"]:
                    out += [" ", reviewed("")]
                out.append(" ")
        out.append("</p>\n")
        if c["location"]:
            out.append(f'<p class="location">{L["location"]}: <span class="text">{escape(c["location"])}</span></p>')
        out.append(f'<div class="body text">{escape(c["body"])}</div>\n')
        if c["reason"]:
            out.append(f'<div class="reason text"><b>{L["reason"]}</b> {escape(c["reason"])}</div>')
        source = c["source"]
        name = self.sources.get(source["file"])
        if name is None:
            name = self.sources[source["file"]] = str(escape(self.docname(source["file"])))
        out.append(f'<div class="answer text"><b>{L["answer"]}</b> {escape(c["response"] or "—")}</div>\n'
                   f'<p class="source">{L["source"]}: {name}')
        if source["page"]:
            out.append(f" p.{escape(source['page'])}")
        if source["line"]:
            out.append(f":{escape(source['line'])}")
        out.append("</p>\n</article>\n")
        return Markup("".join(out))
