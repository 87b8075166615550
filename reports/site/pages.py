"""The Jinja2 environment (autoescaping every template) and page file names."""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..campaigns.differences import Differences, differences
from ..labels import labels, reason
from .fragments import MacroFragments, OpinionFragments

_ASCII = re.compile(r"[^A-Za-z0-9.\-]+")

if TYPE_CHECKING:
    from ..sections.build import SectionsReport


@lru_cache(maxsize=65536)  # a section's name is asked for by every opinion citing it
def slug(*parts: str) -> str:
    """A file-name-safe, stable, injective name: an ASCII hint plus the full SHA-256 of an unambiguous
    encoding of the parts (JSON, so `a/b` + `c` and `a` + `b/c` differ), never a path."""
    hint = _ASCII.sub("", "".join(parts)).strip(".")[:40] or "s"
    return f"{hint}-{hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode('utf-8')).hexdigest()}"


def section_page(revision: str, key: str) -> str:
    return f"section-{slug(revision, key)}.html"


def topic_page(key: str, number: int = 1) -> str:
    return f"topic-{slug(key)}.html" if number == 1 else f"topic-{slug(key)}-p{number}.html"


def campaign_page(key: str, number: int = 1) -> str:
    """A campaign's pages, named by its representative's key: its members and what each changed."""
    return f"campaign-{slug(key)}.html" if number == 1 else f"campaign-{slug(key)}-p{number}.html"


def opinion_page(key: str) -> str:
    """An opinion's own page: only opinions citing more sections than a page lists get one."""
    return f"opinion-{slug(key)}.html"


CITATIONS_SHOWN = 20  # an opinion lists this many citations; the rest are a count linking to its own page


@lru_cache(maxsize=4)
def environment(lang: str = "ja") -> Environment:
    """One environment per language: labels are globals, so imported macros need no context
    (a `with context` import re-runs the macro module on every page)."""
    env = Environment(loader=PackageLoader("guidetrace.reports.site", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(section_page=section_page, topic_page=topic_page, opinion_page=opinion_page,
                       campaign_page=campaign_page, differences=_differences,
                       CITATIONS_SHOWN=CITATIONS_SHOWN, lang=lang, L=labels(lang), opinion_href={})
    env.filters["docname"] = document_name
    catalogue = labels(lang)
    env.filters["lbl"] = lambda value, prefix="": catalogue.get(f"{prefix}{value}", value)  # a code, as words
    env.filters["sk"] = lambda key: catalogue["root_key"] if key == "general" else key  # 全般, not `general`
    env.globals["topic_labels"] = {}
    names: dict[str, dict[str, str]] = {"round": {}, "revision": {}}  # filled by the site's build (`name_rounds`)
    env.globals["names"] = names
    env.filters["rl"] = lambda key: names["round"].get(key, key)  # a round by its label, not its key
    env.filters["vl"] = lambda key: names["revision"].get(key, key)  # a revision likewise
    env.filters["why"] = lambda changes: "; ".join(reason(c, lang) for c in changes)  # why a citation is outdated
    env.globals["opinion"] = OpinionFragments(env)  # an opinion's view, run once per opinion
    env.globals["disposition_badge"] = MacroFragments(env, "disposition")
    env.globals["citation_link"] = MacroFragments(env, "citation", key=lambda x: (
        x["revision"], x["section"], x["reviewed"], x["evidence"], x["confidence"]))
    return env


@lru_cache(maxsize=4096)  # copies of a campaign often share one text: compared once
def _differences(representative: str, text: str) -> Differences:
    return differences(representative, text)


def document_name(path: str | None) -> str:
    """A source document by its name only: the site never shows the folders of the machine that built it."""
    return re.split(r"[\\/]", path or "")[-1]


def render_page(template: str, lang: str, **context: Any) -> str:
    from ..diagrams.dot import graphviz_available

    if "no_graphviz" not in context:  # a single page asks; the site asks once per build
        context["no_graphviz"] = not graphviz_available()
    return environment(lang).get_template(template).render(**context)


def standalone_sections_page(report: SectionsReport, lang: str) -> str:
    return render_page("sections_report.html", lang, report=report, assets="", standalone=True, heat=None)
