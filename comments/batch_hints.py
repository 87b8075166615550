"""Work a reading child can do ahead for the writer: personal-data findings and topic matches.

Both depend only on an opinion's texts, so the child that reads a large document (see
`read_ahead`) also scans and tags each batch, and the parent finds the answers waiting.
They are hints, keyed by the very text the writer will look at: a text the writer forms
differently (a cleaned NUL, say) is simply not found, and the writer works it out itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from guidetrace.trace.fit import clean

from .privacy.detect import Finding, detect
from .records import OpinionRecord
from .tag_topics import opinion_text
from .topics_lexicon import TopicMatcher, fold


@dataclass
class Hints:
    findings: dict[str, list[Finding]] = field(default_factory=dict)  # field text -> what `detect` finds in it
    topics: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # opinion text -> (topic key, matched)


def location_text(o: OpinionRecord) -> str | None:
    """The stored location: 該当箇所, with the place named inside the opinion below it."""
    return o.location if o.location_detail is None else "\n".join(filter(None, (o.location, o.location_detail)))


def batch_hints(batch: list[OpinionRecord], tagger: TopicMatcher) -> Hints:
    hints = Hints()
    for o in batch:
        body, reason, proposal = (clean(t) if t else t for t in (o.body, o.reason, o.proposal))
        for text in (body, reason, proposal, clean(o.response) if o.response else None,
                     clean(t) if (t := location_text(o)) else None):
            if text and text not in hints.findings:
                hints.findings[text] = detect(text)
        text = opinion_text(body, reason, proposal)
        if text not in hints.topics:
            hints.topics[text] = [(c.topic.key, matched) for c, matched in tagger.matches(fold(text))]
    return hints
