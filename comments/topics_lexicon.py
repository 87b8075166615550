"""The topic lexicon: the shipped YAML merged with a user's file, compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from guidetrace.guideline.keys import canonical_key, normalize_chars, normalize_text
from guidetrace.trace.errors import GuidetraceError
from guidetrace.trace.languages import DEFAULT_LANG
from guidetrace.trace.rules import packaged_yaml
from guidetrace.trace.safe_yaml import LINE, load_yaml
from guidetrace.trace.textfile import read_text

_WORD = re.compile(r"^[0-9a-z][0-9a-z .\-]*$")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class TopicDef:
    key: str
    labels: dict[str, str] = field(hash=False)  # by language (trace.languages.label_for)
    description: str | None
    terms: tuple[str, ...]
    patterns: tuple[str, ...]
    hint_sections: tuple[str, ...]
    # everyday words (使い方) that tag only beside a specific term of their own (アプリ, 窓口)
    conditional: tuple[tuple[str, tuple[str, ...]], ...] = ()


PATTERN_SECONDS = 0.2  # a pattern that takes longer on one opinion backtracks catastrophically


@dataclass(frozen=True)
class CompiledTopic:
    topic: TopicDef
    regex: Any  # a `regex` pattern: searched with a time limit, so no user pattern can hang a load
    conditional: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()

    def first_match(self, text: str) -> str | None:
        try:
            m = self.regex.search(text, timeout=PATTERN_SECONDS) if self.regex is not None else None
        except TimeoutError:
            raise GuidetraceError(f"topic {self.topic.key!r}: a pattern took over {PATTERN_SECONDS} s on one opinion "
                                  "(catastrophic backtracking?): write it as literal terms or simplify it") from None
        if m:
            return m.group(0)
        for term, requires in self.conditional:
            if (t := term.search(text)) and requires.search(text):
                return t.group(0)
        return None


class TopicMatcher:
    """Every topic's matches in one pass: one Aho-Corasick automaton over all literal terms picks the
    candidate topics, and only those run their regex; topics with free patterns, which no automaton can
    screen, run theirs when one search of all those patterns together finds something. The regex still
    decides, so the result is the one each topic's regex alone gives."""

    def __init__(self, lexicon: list[CompiledTopic]) -> None:
        import ahocorasick

        self.lexicon = lexicon
        self.always = [i for i, c in enumerate(lexicon) if c.topic.patterns]
        self.patterns = _screen([p for i in self.always for p in lexicon[i].topic.patterns])
        self.automaton = ahocorasick.Automaton()
        owners: dict[str, set[int]] = {}
        for i, c in enumerate(lexicon):
            for term in (*c.topic.terms, *(t for t, _ in c.topic.conditional)):
                if folded := normalize_text(term).casefold():
                    owners.setdefault(folded, set()).add(i)
        for term, topics in owners.items():
            self.automaton.add_word(term, frozenset(topics))
        self.screened = bool(owners)
        if self.screened:
            self.automaton.make_automaton()

    def matches(self, folded: str) -> list[tuple[CompiledTopic, str]]:
        """(topic, the text that matched) for every topic that matches `folded` (see `fold`), in lexicon order."""
        candidates = set(self.always) if self.always and _hit(self.patterns, folded) else set()
        if self.screened:
            for _, topics in self.automaton.iter(folded):
                candidates |= topics
        found = []
        for i in sorted(candidates):
            if (matched := self.lexicon[i].first_match(folded)) is not None:
                found.append((self.lexicon[i], matched))
        return found


# group numbers change when patterns are joined: back references and calls to a group keep each search apart
_BACKREFERENCE = re.compile(r"\\[1-9]|\\g<|\(\?P[=>]|\(\?[&R0-9+\-]")


def _screen(patterns: list[str]) -> Any:
    """All free patterns as one alternation (None: search each topic's own, as when they cannot be joined)."""
    if not patterns or any(_BACKREFERENCE.search(p) for p in patterns):
        return None
    try:
        return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.M)
    except regex.error:
        return None


def _hit(screen: Any, folded: str) -> bool:
    """Whether some free pattern matches (True when unsure: each topic's own search then decides)."""
    if screen is None:
        return True
    try:
        return screen.search(folded, timeout=PATTERN_SECONDS) is not None
    except TimeoutError:
        return True  # the topic's own search names the pattern that hangs


def fold(text: str) -> str:
    """The form topics are matched in: NFKC, case-folded, line breaks kept (folded once for the whole text)."""
    return "\n".join(_SPACES.sub(" ", line).strip() for line in normalize_chars(text).casefold().split("\n"))


def _term_regex(term: str) -> str:
    folded = normalize_text(term).casefold()
    if _WORD.match(folded):
        return rf"(?<![0-9a-z]){re.escape(folded)}(?![0-9a-z])"
    return re.escape(folded)


def compile_topic(topic: TopicDef, *, file: str = "topics", line: int | None = None) -> CompiledTopic:
    parts = [_term_regex(t) for t in topic.terms] + [f"(?:{p})" for p in topic.patterns]
    if not parts and not topic.conditional:
        raise GuidetraceError(f"topic {topic.key!r} has no terms or patterns", file=file, line=line)
    try:
        conditional = tuple((re.compile(_term_regex(term)), re.compile("|".join(_term_regex(r) for r in requires)))
                            for term, requires in topic.conditional)
        return CompiledTopic(topic, regex.compile("|".join(parts), regex.M) if parts else None, conditional)
    except (re.error, regex.error) as exc:
        raise GuidetraceError(f"topic {topic.key!r}: bad pattern: {exc}", file=file, line=line) from None


def _topic_def(raw: dict[str, Any], *, file: str) -> TopicDef:
    line = raw.get(LINE)
    if not raw.get("key"):
        raise GuidetraceError("topic without a key", file=file, line=line)
    label = raw.get("label") or {}
    if not isinstance(label, dict):
        label = {DEFAULT_LANG: label}
    return TopicDef(
        key=str(raw["key"]),
        labels={str(lang): str(text) for lang, text in label.items() if text} or {DEFAULT_LANG: str(raw["key"])},
        description=str(raw["description"]) if raw.get("description") else None,
        terms=tuple(str(t) for t in raw.get("terms") or () if not isinstance(t, dict)),
        conditional=tuple(_conditional(t, file=file, line=line) for t in raw.get("terms") or () if isinstance(t, dict)),
        patterns=tuple(str(p) for p in raw.get("patterns") or ()),
        hint_sections=tuple(canonical_key(str(s)) for s in raw.get("hint_sections") or ()),
    )


def _conditional(entry: dict[str, Any], *, file: str, line: int | None) -> tuple[str, tuple[str, ...]]:
    """`{term: 使い方, requires: [アプリ, 窓口]}`: an everyday word that needs a specific one beside it."""
    requires = entry.get("requires")
    if not entry.get("term") or not isinstance(requires, list) or not requires:
        raise GuidetraceError("a term entry {term: …, requires: […]} needs both", file=file, line=entry.get(LINE, line))
    return str(entry["term"]), tuple(str(r) for r in requires)


def load_lexicon(user_file: Path | None = None, *, text: str | None = None, name: str = "topics") -> list[CompiledTopic]:
    """The shipped lexicon merged with a user's (a file, or the text a store keeps)."""
    shipped = packaged_yaml("guidetrace.comments", "topics.yaml")
    topics: dict[str, tuple[TopicDef, str, int | None]] = {}
    for raw in shipped["topics"]:
        topics[str(raw["key"])] = (_topic_def(raw, file="topics.yaml"), "topics.yaml", None)
    if user_file is not None:
        text, name = read_text(user_file).text, str(user_file)
    if text is not None:
        file = name
        doc = load_yaml(text, file=file)
        if not isinstance(doc, dict) or not isinstance(doc.get("topics"), list):
            raise GuidetraceError("expected a mapping with a list under topics:", file=file, line=1)
        for raw in doc["topics"]:
            if not isinstance(raw, dict):
                raise GuidetraceError("expected a topic mapping {key, terms, …}", file=file, line=1)
            if raw.get("remove"):
                topics.pop(str(raw.get("key")), None)
                continue
            topics[str(raw.get("key"))] = (_topic_def(raw, file=file), file, raw.get(LINE))
    return [compile_topic(t, file=f, line=line) for t, f, line in topics.values()]
