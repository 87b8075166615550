"""The Jinja2 environment (autoescaping every template) and page file names."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..labels import labels

_ASCII = re.compile(r"[^A-Za-z0-9.\-]+")


def slug(key: str) -> str:
    """A file-name-safe, stable name for a key: ASCII hints plus a hash, never a path."""
    hint = _ASCII.sub("", key).strip(".")[:40] or "s"
    return f"{hint}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"


def section_page(revision: str, key: str) -> str:
    return f"section-{slug(revision + '/' + key)}.html"


def topic_page(key: str) -> str:
    return f"topic-{slug(key)}.html"


@lru_cache(maxsize=4)
def environment(lang: str = "ja") -> Environment:
    """One environment per language: labels are globals, so imported macros need no context
    (a `with context` import re-runs the macro module on every page)."""
    env = Environment(loader=PackageLoader("guidetrace.reports.site", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(section_page=section_page, topic_page=topic_page, lang=lang, L=labels(lang))
    return env


def render_page(template: str, lang: str, **context: Any) -> str:
    return environment(lang).get_template(template).render(**context)


def standalone_sections_page(report: dict[str, Any], lang: str) -> str:
    return render_page("sections_report.html", lang, report=report, assets="", standalone=True, heat=None)
