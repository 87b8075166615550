"""The held-out privacy corpus keeps its promises: the gold is exact, the kinds are all there in many forms, the
clean part holds no private value, and the numbers in PRIVACY-HELDOUT.md are the generator's. The detector is
never called here: this file checks the yardstick, not what it measures.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from . import privacy_realistic
from .privacy_heldout import FIELDS, KINDS, MINIMUM, counts, realistic_corpus
from .privacy_heldout_people import FOREIGNERS, OLD_STYLE_SURNAMES, SURNAMES
from .privacy_heldout_public import AUTHORS, CELEBRITIES, EXPERTS, HISTORICAL, JOB_SAN, OFFICIALS, TITLE_CHARACTERS

DOC = Path(__file__).with_name("PRIVACY-HELDOUT.md")
ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925, "大正": 1911, "R": 2018, "H": 1988, "S": 1925, "T": 1911}
KANJI = {c: i for i, c in enumerate("〇一二三四五六七八九")}


@pytest.fixture(scope="module")
def corpus() -> tuple[list[privacy_realistic.Sub], list[privacy_realistic.Sub]]:
    return realistic_corpus()


def _field(sub: privacy_realistic.Sub, field: str) -> str:
    return {"body": sub.body, "submitter": sub.submitter, "file": sub.file}[field] or ""


def _texts(sub: privacy_realistic.Sub) -> str:
    return "\n".join(t for t in (sub.body, sub.submitter, sub.file) if t)


def _check_gold(planted: list[privacy_realistic.Sub], clean: list[privacy_realistic.Sub]) -> None:
    for sub in planted:
        assert sub.plants
        for p in sub.plants:
            assert p.kind in KINDS and p.field in FIELDS, p
            assert p.value and p.value == p.value.strip(), p
            assert p.value in _field(sub, p.field), (p, _field(sub, p.field))
        for pub in sub.public:
            assert pub.value in _texts(sub)
    for sub in clean:
        assert sub.plants == ()
        for pub in sub.public:
            assert pub.value in _texts(sub)
    c = counts(planted)
    assert all(c[k] >= MINIMUM[k] for k in KINDS), c


def test_same_api_and_records_as_the_first_corpus() -> None:
    sig = inspect.signature(realistic_corpus)
    assert list(sig.parameters) == ["n_clean", "seed"]
    assert sig.parameters["n_clean"].default == 1000 and sig.parameters["seed"].default == 77
    planted, clean = realistic_corpus(n_clean=7, seed=3)
    assert len(clean) == 7
    assert all(isinstance(s, privacy_realistic.Sub) for s in planted + clean)
    assert all(isinstance(p, privacy_realistic.Plant) for s in planted for p in s.plants)


def test_every_planted_value_is_in_its_field_and_every_kind_reaches_its_minimum(corpus) -> None:
    planted, clean = corpus
    _check_gold(planted, clean)
    c = counts(planted)
    assert c["name"] >= 150 and min(c[k] for k in KINDS) >= 20
    fields = Counter(p.field for s in planted for p in s.plants)
    assert fields["submitter"] >= 10 and fields["file"] >= 8


@settings(max_examples=12, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32 - 1), n_clean=st.integers(min_value=0, max_value=40))
def test_any_seed_gives_exact_gold(seed: int, n_clean: int) -> None:
    planted, clean = realistic_corpus(n_clean=n_clean, seed=seed)
    assert len(clean) == n_clean
    _check_gold(planted, clean)


def test_the_same_seed_gives_the_same_corpus_and_another_seed_another() -> None:
    a, b, c = realistic_corpus(50, 5), realistic_corpus(50, 5), realistic_corpus(50, 6)
    assert a == b
    assert [s.body for s in a[0]] != [s.body for s in c[0]]


def test_names_stand_in_many_places_and_forms(corpus) -> None:
    planted, _ = corpus
    names = [p for s in planted for p in s.plants if p.kind == "name"]
    positions = Counter(p.style.split("/")[0] for p in names)
    forms = Counter(p.style.split("/")[1] for p in names)
    assert len(positions) >= 30, positions
    for where in ("intro", "signature", "header-from", "header-to", "quote-sama", "address-block-宛", "letter-sign",
                  "company-sig", "company-sig-reading", "family-spouse", "family-child", "submitter", "file", "fax-sender",
                  "handwritten-intro", "foreigner-intro", "english-intro", "joint-list", "form-label"):
        assert positions[where] >= 1, where
    assert any(positions[w] for w in ("address-block-様", "address-block-行"))
    assert forms["hiragana"] + forms["katakana"] + forms["katakana-tight"] >= 20
    assert forms["romaji"] + forms["romaji-upper"] + forms["romaji-lower"] + forms["romaji-underscore"] >= 15
    assert forms["surname"] >= 20 and forms["given"] >= 10
    assert sum(p.style.endswith("/old-kanji") for p in names) >= 20
    assert any(re.search("[髙﨑邊邉𠮷]", p.value) for p in names)
    latin = {f[0] for f in FOREIGNERS}
    assert sum(p.value in latin for p in names) >= 8


def _my_number_ok(digits: str) -> bool:
    body, check = [int(c) for c in digits[:11]], int(digits[11])
    total = sum(d * (n + 1 if n <= 6 else n - 5) for n, d in enumerate(reversed(body), start=1))
    return check == (0 if total % 11 <= 1 else 11 - total % 11)


def _birth(value: str) -> dt.date:
    """Read a planted birth date back, whatever form it was written in (wareki, kanji numerals, full width)."""
    v = unicodedata.normalize("NFKC", value).replace("元年", "一年")
    era = next((e for e in sorted(ERAS, key=len, reverse=True) if v.startswith(e)), "")
    v = v[len(era):]
    if any(c in KANJI or c == "十" for c in v):
        def num(k: str) -> int:
            tens, _, ones = k.rpartition("十")
            return (KANJI.get(tens, 1) * 10 if "十" in k else 0) + (KANJI[ones] if ones else 0)
        y, m, d = (num(x) for x in re.split("[年月日]", v)[:3])
    else:
        y, m, d = (int(x) for x in re.findall(r"\d+", v)[:3])
    return dt.date(y + ERAS[era] if era else y, m, d)


def test_each_kind_looks_like_what_it_is(corpus) -> None:
    planted, _ = corpus
    for p in (p for s in planted for p in s.plants):
        flat = unicodedata.normalize("NFKC", p.value)
        digits = re.sub(r"\D", "", flat)
        if p.kind == "my_number":
            assert len(digits) == 12 and _my_number_ok(digits), p
        elif p.kind == "phone":
            assert len(digits) in (10, 11) and digits.startswith("0"), p
        elif p.kind == "postal_code":
            assert len(digits) == 7 and re.fullmatch(r"\d{3}-?\d{4}", flat), p
        elif p.kind == "email":
            assert re.search(r"@|\(at\)|\[at\]|★", flat), p
        elif p.kind == "url":
            assert flat.startswith(("http://", "https://")), p
        elif p.kind == "sns":
            assert re.fullmatch(r"@?[\w.\-]+|https://[\w./@\-]+", flat), p
        elif p.kind == "birth_date":
            assert dt.date(1920, 1, 1) < _birth(p.value) < dt.date(2020, 1, 1), p
        elif p.kind == "address":
            assert re.search(r"[都道府県市区町]", flat) and re.search(r"\d|[一二三四五六七八九十]", flat), p
    styles = Counter(p.style for s in planted for p in s.plants if p.kind == "phone")
    assert any("extension" in s for s in styles) and any("fax" in s for s in styles) and any("mobile-space" in s for s in styles)
    email_forms = {p.style.split("/")[-1] for s in planted for p in s.plants if p.kind == "email"}
    assert {"plain", "at"} <= email_forms


def test_clean_part_holds_no_private_value(corpus) -> None:
    planted, clean = corpus
    # a given name alone (さくら) may be a word or a company name (さくら物流); surnames are checked from the list
    private = {p.value for s in planted for p in s.plants if p.kind != "name" or p.style.split("/")[1] not in ("given",
                                                                                                               "surname")}
    surnames = {s[0] for s in SURNAMES + OLD_STYLE_SURNAMES}
    for sub in clean:
        text = _texts(sub)
        assert not [v for v in private if v in text], text
        assert not [n for n in surnames if n in text], text
        assert not re.search(r"(?<!\d)0[789]0[-\s]?\d{4}[-\s]?\d{4}(?!\d)", text), text  # no mobile number in a clean text


def test_clean_part_is_full_of_what_a_screen_must_leave_alone(corpus) -> None:
    _, clean = corpus
    text = "\n".join(_texts(s) for s in clean)
    jobs = {j for j in JOB_SAN if f"{j}さん" in text}
    assert len(jobs) >= 30, sorted(jobs)
    assert len(re.findall(r"(?:さん|様)(?:から|のような|が運行|の説明)", text)) >= 20  # companies with さん / 様
    assert text.count("代表") >= 30 and len(re.findall(r"\b(?:info|soudan|kouhou|pubcom|webmaster)@", text)) >= 15
    assert len(re.findall(r"https://www[3]?\.", text)) >= 50
    assert len(re.findall(r"\d+", text)) >= 3000
    public = Counter(p.value for s in clean for p in s.public)
    listed = {n for n, _ in OFFICIALS + EXPERTS + AUTHORS + CELEBRITIES}
    assert len(public) >= 25 and sum(public.values()) >= 300
    assert len(set(public) & listed) >= 20


def test_public_and_private_people_never_share_a_surname() -> None:
    private = {s[0] for s in SURNAMES + OLD_STYLE_SURNAMES}
    for name in [n for n, _ in OFFICIALS + EXPERTS + AUTHORS + CELEBRITIES + TITLE_CHARACTERS] + HISTORICAL:
        assert not any(s in name for s in private), name


def test_the_counts_in_the_note_are_the_generators(corpus) -> None:
    planted, clean = corpus
    rows = dict(re.findall(r"^\| `?(\w+)`? \| (\d+) \|", DOC.read_text(encoding="utf-8"), re.M))
    c = counts(planted)
    assert {k: int(rows[k]) for k in KINDS} == {k: c[k] for k in KINDS}
    assert int(rows["submissions"]) == len(planted)
