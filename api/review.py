"""The main review actions — the queue, decisions on one opinion, accepting the machine's values, undoing an
edit — as `guidetrace review list|set|accept|undo` make them. A decision is kept in the store and
re-applied after every reload of its round.

Each action that writes returns the edits it made, as `review log` lists them (one dict per edit: id,
opinion, decisions, by, …), read while its transaction is open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from guidetrace.comments.review.kinds import CONFIDENCE, KINDS
from guidetrace.trace.errors import GuidetraceError

if TYPE_CHECKING:
    from guidetrace.comments.review.decisions import DecisionRequest
    from guidetrace.comments.review.queue import ReviewItem
    from guidetrace.trace.models import ReviewDecision
    from guidetrace.trace.store import Store

Edit = dict[str, Any]


@dataclass(frozen=True)
class QueueOptions:
    """Which items of the queue: a round's (default: every round's), of these kinds, citations below `below`."""

    round: str | None = None
    kinds: tuple[str, ...] = KINDS
    below: float = CONFIDENCE


@dataclass(frozen=True)
class Decisions:
    """What a person decides on one opinion (each value a section key, topic key or finding as `review list`
    shows it; `disposition` a disposition key), with why (`note`) and who (`by`, default: the OS user)."""

    cite: tuple[str, ...] = ()
    uncite: tuple[str, ...] = ()
    disposition: str | None = None
    tag: tuple[str, ...] = ()
    untag: tuple[str, ...] = ()
    mask: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    note: str | None = None
    by: str | None = None

    def __post_init__(self) -> None:  # refused before any store is opened
        if not (self.cite or self.uncite or self.disposition or self.tag or self.untag or self.mask or self.keep):
            raise GuidetraceError("give at least one of --cite, --uncite, --disposition, --tag, --untag")

    def requests(self, opinion: str) -> list[DecisionRequest]:
        """In the order they apply: a citation dropped before one added, a tag likewise."""
        from guidetrace.comments.review.decisions import DecisionRequest

        values = {"uncite": self.uncite, "cite": self.cite, "disposition": (self.disposition,) if self.disposition
                  else (), "untag": self.untag, "tag": self.tag, "mask": self.mask, "keep": self.keep}
        return [DecisionRequest(opinion, action, v, self.note) for action, vs in values.items() for v in vs]


@dataclass(frozen=True)
class AcceptOptions:
    """The machine's values accepted as they stand: these opinions, and every queued item of these kinds (in
    `round`, citations at or above `above`); a privacy item is accepted by masking its finding."""

    opinions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    round: str | None = None
    above: float | None = None
    note: str | None = None
    by: str | None = None

    def __post_init__(self) -> None:
        if not self.opinions and not self.kinds:
            raise GuidetraceError("give OPINION ids or --kind")


def queue(store: Store, options: QueueOptions = QueueOptions()) -> list[ReviewItem]:
    """What awaits a person, the opinions standing for most submissions first (then suggested topics)."""
    from guidetrace.comments.review.queue import review_queue

    with store.sessions() as session:
        return review_queue(session, round_key=options.round, kinds=options.kinds, below=options.below)


def decide(store: Store, opinion: str, decisions: Decisions) -> list[Edit]:
    """Every decision checked first, then all recorded and applied in one transaction."""
    from guidetrace.comments.review.record import decide as record

    with store.transaction() as session:
        return _edits(record(session, decisions.requests(opinion), by=decisions.by))


def accept(store: Store, options: AcceptOptions) -> list[ReviewDecision]:
    """The items leave the queue (and return if the machine's value changes). Returns the decisions made."""
    from guidetrace.comments.review.decisions import DecisionRequest
    from guidetrace.comments.review.queue import review_queue
    from guidetrace.comments.review.record import decide as record

    with store.transaction() as session:
        keys = list(options.opinions)
        masks: list[DecisionRequest] = []
        if options.kinds:
            items = [i for i in review_queue(session, round_key=options.round, kinds=options.kinds)
                     if options.above is None or (i.confidence or 0) >= options.above]
            keys += [i.opinion for i in items if i.kind != "privacy"]
            masks = [DecisionRequest(i.opinion, "mask", i.machine, options.note) for i in items if i.kind == "privacy"]
        return record(session, [DecisionRequest(k, "accept", None, options.note) for k in dict.fromkeys(keys)] + masks,
                      by=options.by)


def undo(store: Store, target: str) -> list[Edit]:
    """An edit (its number in `review log`) undone whole, or every edit on an opinion: the machine's values
    return."""
    from guidetrace.comments.review.decisions import undo as undo_in

    with store.transaction() as session:
        return _edits(undo_in(session, target))


def _edits(made: list[ReviewDecision]) -> list[Edit]:
    from guidetrace.comments.review.log import step_entry, steps_of

    return [step_entry(ds) for ds in steps_of(made)]
