"""From the store to a diagram model, by kind (one function per record of `registry.DIAGRAMS`): the one place
the CLI and the site ask for diagrams."""

from __future__ import annotations

from sqlalchemy.orm import Session

from guidetrace.guideline.queries import find_revision, latest_revision
from guidetrace.reports.graph import build_graph

from ..names import round_labels
from ..sections.build import build_sections_report
from ..topics.build import build_topic_summary
from .common import UrlFor
from .heat import heat_diagram
from .impact import impact_diagram
from .lineage import lineage_diagram
from .model import Diagram
from .topic_map import topic_map_diagram


def make_diagram(session: Session, kind: str, *, root: str | None = None, depth: int | None = None,
                 round_key: str | None = None, revision: str | None = None, lang: str = "ja",
                 url_for: UrlFor = None, topic_url: UrlFor = None) -> Diagram:
    """The kind's record in `registry.DIAGRAMS` draws it."""
    from .registry import DIAGRAMS

    return DIAGRAMS.pick(kind).build(session, root=root, depth=depth, round_key=round_key,  # type: ignore[no-any-return]
                                     revision=revision, lang=lang, url_for=url_for, topic_url=topic_url)


def heat(session: Session, *, root: str | None, depth: int | None, round_key: str | None, lang: str,
         url_for: UrlFor, **_: object) -> Diagram:
    report = build_sections_report(session, round_key)
    return heat_diagram(report, root=root, depth=depth, url_for=url_for, lang=lang,
                        round_label=round_labels(session, lang).get(report.round))


def topics(session: Session, *, lang: str, url_for: UrlFor, topic_url: UrlFor, **_: object) -> Diagram:
    return topic_map_diagram(build_topic_summary(session), lang=lang, url_for=url_for, topic_url=topic_url,
                             titles=section_titles(session), revision_label=latest_revision(session).label)


def impact(session: Session, *, root: str | None, depth: int | None, revision: str | None, lang: str,
           url_for: UrlFor, **_: object) -> Diagram:
    rev = find_revision(session, revision) if revision else latest_revision(session)
    return impact_diagram(build_graph(session), rev.key, root or "", depth=depth or 2, url_for=url_for,
                          lang=lang, revision_label=rev.label)


def lineage(session: Session, *, root: str | None, depth: int | None, lang: str, **_: object) -> Diagram:
    return lineage_diagram(build_graph(session), root=root, depth=depth or 1, lang=lang)


def section_titles(session: Session) -> dict[str, str]:
    """Section titles of the latest revision, for labels in the topic map."""
    from sqlalchemy import select

    from guidetrace.guideline.queries import latest_revision
    from guidetrace.trace.models import Section

    rev = latest_revision(session)
    return {k: t for k, t in session.execute(select(Section.key, Section.title).where(Section.revision_id == rev.id)) if t}
