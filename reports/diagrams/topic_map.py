"""The topic map: topics on one side, sections on the other, edge width = opinions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .common import UrlFor, short, shown_key
from .model import Diagram, Edge, Node, Style

if TYPE_CHECKING:
    from ..topics.build import TopicSummary

PER_TOPIC = 6  # sections drawn per topic (those with most opinions): a map of hundreds of sections reads as none


def topic_map_diagram(topics: list[TopicSummary], *, lang: str = "ja", url_for: UrlFor = None,
                      topic_url: UrlFor = None, limit: int = 25, titles: dict[str, str] | None = None,
                      per_topic: int = PER_TOPIC, revision_label: str | None = None) -> Diagram:
    from ..labels import label

    shown = [t for t in topics if t.section_counts][:limit]
    revision = shown[0].revision if shown else ""
    diagram = Diagram(title=f"{label('topic_map', lang)} ({revision_label or revision})", direction="LR")
    sections: dict[str, int] = {}
    for t in shown:
        style = Style(shape="ellipse", fill="#e8f0fe" if t.open else "#e6f4ea", bold=t.recurring)
        counts = list(t.section_counts.items())
        drawn = sorted(counts, key=lambda kv: -kv[1])[:per_topic]  # stable: ties keep the report's order
        more = f"\n{label('topic_map_more', lang).format(len(counts) - len(drawn))}" if len(drawn) < len(counts) else ""
        diagram.nodes.append(Node(id=f"topic:{t.topic}", label=f"{short(t.label(lang), 24)}\n{t.opinions}{more}",
                                  style=style, url=topic_url(t.topic) if topic_url else None))
        for key, n in [kv for kv in counts if kv in drawn]:
            sections[key] = sections.get(key, 0) + n
            diagram.edges.append(Edge(f"topic:{t.topic}", f"section:{key}", label=str(n),
                                      style=Style(shape="normal", width=min(1 + n, 6), color="#5f6368")))
    for key in sections:
        key_text = shown_key(key, lang)
        title = (titles or {}).get(key)
        diagram.nodes.append(Node(id=f"section:{key}", label=f"{key_text}\n{short(title, 20)}" if title else key_text,
                                  url=url_for(key) if url_for else None))
    return diagram
