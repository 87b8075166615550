"""A realistic, blind corpus of Japanese public-comment submissions to measure a personal-data screen.

Written without looking at the screen's rules: the planted part holds private data the way people really
put it into a submission (self-introductions, signatures with readings, pasted forms, numbers inside
sentences, the submitter column, the file name); the clean part holds none, but is full of what a naive
screen flags wrongly (作家さん, お疲れ様, 〇〇議員, 『〇〇さんの…』, news URLs, 12-digit document numbers, 60歳以上).
The gold is written alongside the text: each `Plant` is an exact substring of its field, each `Public` a
name that may be listed at low confidence but never high. Everything is invented; see PRIVACY-REALISTIC.md.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from .privacy_realistic_clean import CLEAN_SUBMITTERS, EMPTY_LABELS, FAMILIES, org_signature, self_intro
from .privacy_realistic_planted import planted_submission
from .privacy_realistic_prose import CLOSINGS, GREETINGS, TOPICS, one_liner, opinion_lines

KINDS = ("name", "phone", "email", "sns", "address", "postal_code", "url", "my_number", "birth_date")
MINIMUM = {kind: (220 if kind == "name" else 30) for kind in KINDS}
MIN_PLANTED_SUBS = 300
PLANTED_TARGET = 340


@dataclass(frozen=True)
class Plant:
    """One piece of private personal data that must be found and masked."""
    kind: str
    value: str
    field: str
    style: str


@dataclass(frozen=True)
class Public:
    """A name that is not private (public figure, cited author, a character in a title)."""
    value: str


@dataclass(frozen=True)
class Sub:
    body: str
    submitter: str | None
    file: str | None
    plants: tuple[Plant, ...]
    public: tuple[Public, ...]


def _clean_submission(rng: random.Random, idx: int) -> tuple[Sub, list[str]]:
    """A submission without personal data, and the false-alarm families written into it."""
    topic = rng.choice(TOPICS)
    k = rng.choice([1, 2, 2, 3, 3, 4])
    families: list[str] = []
    while len(families) < k:  # office contacts are rarer than the other families
        fam = rng.choices(list(FAMILIES), weights=[0.4 if f == "office-contact" else 1.0 for f in FAMILIES])[0]
        if fam not in families:
            families.append(fam)
    used: list[str] = list(families)
    head: list[str] = []
    if rng.random() < 0.08:
        head += rng.sample(EMPTY_LABELS, k=rng.randint(1, 3))
        used.append("empty-label")
    if rng.random() < 0.45:
        head.append(rng.choice(GREETINGS))
    if rng.random() < 0.35:
        head.append(self_intro(rng))
        used.append("intro-no-name")
    if rng.random() < 0.1:  # a one- or two-line note
        text, names = FAMILIES[families[0]](rng)
        lines = [one_liner(rng, topic) + (text if rng.random() < 0.6 else "")]
        if rng.random() < 0.4:
            lines.append(rng.choice(CLOSINGS))
        return Sub("\n".join(lines), rng.choice(CLEAN_SUBMITTERS + (None,) * 8), None, (),
                   tuple(Public(n) for n in names if n in lines[0])), families[:1] if text in lines[0] else []
    body = [one_liner(rng, topic)] if rng.random() < 0.08 else opinion_lines(rng, topic)
    public: list[str] = []
    for fam in families:
        text, names = FAMILIES[fam](rng)
        public += names
        spot = rng.randrange(len(body))
        if body[spot] and rng.random() < 0.5:
            body[spot] += text
        else:
            body.insert(spot + rng.randint(0, 1), text)
    tail: list[str] = []
    if rng.random() < 0.7:
        tail.append(rng.choice(CLOSINGS))
    if rng.random() < 0.15:
        tail += ["", org_signature(rng)]
        used.append("org-signature")
    text = "\n".join(head + body + tail).strip("\n")
    submitter = rng.choice(CLEAN_SUBMITTERS + (None,) * 8)
    file = rng.choice([f"意見_{idx:04d}.txt", f"pubcom_2024_{idx:04d}.docx", f"No.{idx}.txt", None, None, None])
    return Sub(text, submitter, file, (), tuple(Public(n) for n in dict.fromkeys(public))), used


def _planted(rng: random.Random) -> list[Sub]:
    subs: list[Sub] = []
    counts: Counter[str] = Counter()
    while len(subs) < PLANTED_TARGET or any(counts[k] < MINIMUM[k] for k in KINDS):
        if len(subs) > 3 * PLANTED_TARGET:
            raise RuntimeError(f"planted corpus cannot reach its minimums: {dict(counts)}")
        body, submitter, file, raw, public = planted_submission(rng, len(subs) + 1)
        plants = tuple(Plant(*r) for r in raw)
        counts.update(p.kind for p in plants)
        subs.append(Sub(body, submitter, file, plants, tuple(Public(n) for n in public)))
    return subs


def build(n_clean: int = 2000, seed: int = 30) -> tuple[list[Sub], list[Sub], Counter[str]]:
    """The corpus and how often each false-alarm family was written into the clean part."""
    planted = _planted(random.Random(seed))
    rng = random.Random(seed + 1_000_003)  # its own stream: n_clean does not change the planted part
    clean: list[Sub] = []
    families: Counter[str] = Counter()
    for i in range(n_clean):
        sub, used = _clean_submission(rng, i + 1)
        clean.append(sub)
        families.update(used)
    return planted, clean, families


def realistic_corpus(n_clean: int = 2000, seed: int = 30) -> tuple[list[Sub], list[Sub]]:
    """(planted, clean): submissions holding private data, and submissions holding none."""
    planted, clean, _ = build(n_clean, seed)
    return planted, clean


def field_text(sub: Sub, field: str) -> str:
    return {"body": sub.body, "submitter": sub.submitter or "", "file": sub.file or ""}[field]


def summary(planted: list[Sub], clean: list[Sub], families: Counter[str]) -> str:
    """The counts PRIVACY-REALISTIC.md reports: plants per kind and field, per style, clean families."""
    lines = [f"planted submissions {len(planted)}, clean submissions {len(clean)}", "", "kind: plants (body/submitter/file)"]
    for kind in KINDS:
        fields = Counter(p.field for s in planted for p in s.plants if p.kind == kind)
        lines.append(f"  {kind}: {sum(fields.values())} ({fields['body']}/{fields['submitter']}/{fields['file']})")
    lines += ["", "style: plants"]
    styles = Counter((p.kind, p.style) for s in planted for p in s.plants)
    lines += [f"  {kind} {style}: {n}" for (kind, style), n in sorted(styles.items())]
    lines += ["", "clean family: submissions"] + [f"  {fam}: {n}" for fam, n in families.most_common()]
    with_public = sum(1 for s in clean if s.public), sum(1 for s in planted if s.public)
    lines.append(f"  (with public names: {with_public[0]} clean, {with_public[1]} planted)")
    return "\n".join(lines)


if __name__ == "__main__":  # python -m tests.privacy_realistic
    print(summary(*build()))
