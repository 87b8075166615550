"""Work a reading child can do ahead for the writer: personal-data findings and topic matches.

Both depend only on an opinion's texts, so the child that reads a large document (see
`read_ahead`) also scans and tags each batch, and the parent finds the answers waiting.
They are hints, keyed by the very text the writer will look at: a text the writer forms
differently (a cleaned NUL, say) is simply not found, and the writer works it out itself.
Topic matches go by position in the batch with the hash of the text they were found in
(the joined opinion text is as long as the opinion: sent again as a key, it made the
batches a third larger); the writer takes one only for a text of that hash.
The stored location (該当箇所 with the place named inside the opinion) is left to the
writer: every such two-line text passes the signature prefilter, and scanning it here made
the child the slower half (100k ministry layout: child CPU 12.4-13.9 -> 11.1-11.7 s).
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
    topics: list[tuple[int, list[tuple[str, str]]]] = field(default_factory=list)  # per opinion: (hash of its
    # text, [(topic key, matched)]): a forked child hashes a text as its parent does


def location_text(o: OpinionRecord) -> str | None:
    """The stored location: 該当箇所, with the place named inside the opinion below it."""
    return o.location if o.location_detail is None else "\n".join(filter(None, (o.location, o.location_detail)))


def batch_hints(batch: list[OpinionRecord], tagger: TopicMatcher) -> Hints:
    hints = Hints()
    for o in batch:
        body, reason, proposal = (clean(t) if t else t for t in (o.body, o.reason, o.proposal))
        for text in (body, reason, proposal, clean(o.response) if o.response else None):
            if text and text not in hints.findings:
                hints.findings[text] = detect(text)
        text = opinion_text(body, reason, proposal)
        hints.topics.append((hash(text), [(c.topic.key, matched) for c, matched in tagger.matches(fold(text))]))
    return hints
