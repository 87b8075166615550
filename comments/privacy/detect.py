"""Finding personal data in one text: contact data by pattern, names by context (names.py).

Patterns (data/privacy.yaml) run on the NFKC-folded text, so full-width digits count; each
span is mapped back to the original characters piece by piece (char_map.py). A candidate
phone is kept only when its digits make a Japanese number; a URL only when it names a
person's own page (a platform account, a ~user path), not a news or public body's link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from guidetrace.trace.rules import packaged_yaml

from ..morphology import words
from .char_map import Folded
from .names import PUBLIC_PERSON, find_names, names_after


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int  # in the original text
    end: int
    confidence: float
    rule: str
    text: str


@dataclass(frozen=True)
class _Rules:
    patterns: tuple[tuple[str, str, float, re.Pattern[str]], ...]
    my_number: re.Pattern[str]
    not_my_number: re.Pattern[str]
    not_phone: re.Pattern[str]
    phone_digits: re.Pattern[str]
    age: re.Pattern[str]
    office: re.Pattern[str]
    mobile: re.Pattern[str]
    org_mailbox: re.Pattern[str]
    org_handle: re.Pattern[str]
    public_domain: re.Pattern[str]
    personal_hosts: tuple[str, ...]
    personal_paths: re.Pattern[str]
    hyphens: str
    high: float


@lru_cache(maxsize=1)
def rules() -> _Rules:
    data: dict[str, Any] = packaged_yaml("guidetrace.comments", "privacy.yaml")
    h = data["hyphen"]
    parts: dict[str, str] = {}
    for key, value in data["parts"].items():  # each may use the ones before it
        for k, v in parts.items():
            value = value.replace("{" + k + "}", v)
        parts[key] = value

    def rx(source: str, flags: int = 0) -> re.Pattern[str]:
        for k, v in parts.items():
            source = source.replace("{" + k + "}", v)
        return re.compile(source.replace("{H}", f"[{h}]").replace("{h}", h), flags)

    for key in parts:
        parts[key] = parts[key].replace("{H}", f"[{h}]").replace("{h}", h)
    return _Rules(
        patterns=tuple((p["kind"], p["rule"], float(p["confidence"]), rx(p["regex"])) for p in data["patterns"]),
        my_number=rx(data["my_number"]), not_my_number=re.compile(data["not_my_number"]),
        not_phone=re.compile(data["not_phone"]), phone_digits=re.compile(data["phone_digits"]), age=rx(data["age"]),
        office=re.compile(data["office_context"]), mobile=rx(data["mobile"]),
        org_mailbox=re.compile(data["org_mailboxes"], re.I), org_handle=re.compile(data["org_handles"], re.I),
        public_domain=re.compile(data["public_body_domains"], re.I),
        personal_hosts=tuple(data["url_personal"]["hosts"]), personal_paths=re.compile(data["url_personal"]["paths"]),
        high=float(data["high"]), hyphens=str(h),
    )


def my_number_valid(digits: str) -> bool:
    """The check digit of a 12-digit individual number (番号法施行令 第8条)."""
    if len(digits) != 12 or not digits.isdigit():
        return False
    body = [int(d) for d in digits[:11]][::-1]  # P1 is the digit next to the check digit
    total = sum(p * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(body, start=1))
    remainder = total % 11
    return int(digits[11]) == (0 if remainder <= 1 else 11 - remainder)


def _url_end(url: str) -> str:
    """A URL without the punctuation that closes the sentence around it (…/entry/1). or (…/1),"""
    while url and url[-1] in ".,;:!?)]'":
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def url_personal(url: str) -> float | None:
    """How surely a URL names one person's page, or None for a link to a news site, a public body, a company."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host, path = (parts.hostname or "").lower(), parts.path
    r = rules()
    for known in r.personal_hosts:
        if host == known or host.endswith("." + known):
            sub = host[:-len(known)].rstrip(".")
            if (sub and sub != "www") or path.strip("/"):
                return 0.9  # someone.hatenablog.com, note.com/someone
            return None
    return 0.7 if r.personal_paths.search(path) else None


def _phone(folded: str, m: re.Match[str]) -> tuple[int, int] | None:
    """The phone number a candidate run holds: its digits must make a Japanese number. A run that read on
    into a following number (090-1234-5678 1) is cut back group by group."""
    r = rules()
    if r.not_phone.search(folded[max(0, m.start() - 8):m.start()]):
        return None
    text = m.group()
    while text:
        text = text.rstrip(" .-(")
        digits = re.sub(r"\D", "", text)
        if text.startswith("+81"):
            digits = "0" + digits[2:].lstrip("0")
        if r.phone_digits.match(digits) and not re.fullmatch(r"\d{4}[.\-/]\d{1,2}[.\-/]\d{1,2}", text):
            return m.start(), m.start() + len(text)
        cut = max(text.rfind(c) for c in " .-()" + r.hyphens)
        if cut <= 0 or len(digits) < 10:
            return None
        text = text[:cut]
    return None


_CONTACT_LINE = re.compile(r"[\s>＞・■●]*(?:(?:TEL|Tel|tel|FAX|Fax|E-?mail|e-?mail|メール|電話|〒|住所|所在地|URL|HP|代表|内線|"
                           r"直通)[:：/]?|[\d\-‐－ー()（）.\s])*")


def _office(folded: str, start: int, end: int) -> bool:
    """Whose contact data: an office's when its clause names an office before it (総務課の代表電話 03-…), when
    its bracket does, before or inside it (市役所（〒… 青葉市本町5-18-6）, お客様相談室（代表 0120-…）), when
    （代表） follows it, or when it stands in a contact block under an office's name line
    (北陵市役所 介護保険課 / 〒… / TEL …)."""
    office = rules().office
    a = max(folded.rfind(c, 0, start) for c in "\n。(（「")
    before = folded[a + 1:start]
    after = ""
    if a >= 0 and folded[a] in "(（「":
        line_start = max(folded.rfind("\n", 0, a), folded.rfind("。", 0, a))
        before = folded[max(line_start + 1, a - 12):a] + "|" + before
        close = [i for i in (folded.find(c, end) for c in ")）」\n") if i >= 0]
        after = folded[end:min(close)] if close and folded[min(close)] != "\n" else ""
    if office.search(before[-20:]) or office.search(after[:30]) or re.match(r"\s?[(（]代表", folded[end:]):
        return True
    line_start = folded.rfind("\n", 0, start) + 1
    if not _CONTACT_LINE.fullmatch(folded[line_start:start]):
        return False  # words before it on its line that are not contact labels or data: not a contact block
    for _ in range(3):  # the block's lines above: the first that is not contact data names whose they are
        if line_start <= 0:
            return False
        above_start = folded.rfind("\n", 0, line_start - 1) + 1
        above = folded[above_start:line_start - 1].strip(" >＞")
        if office.search(above + "|"):
            return True
        if not re.match(r"[\s>＞・■●]*(?:TEL|Tel|tel|FAX|Fax|E-?mail|e-?mail|メール|電話|〒|住所|所在地|\d)", above):
            return False  # a line of words that names no office: the block is someone's
        line_start = above_start
    return False


def detect(text: str, *, offices: bool = True) -> list[Finding]:
    """Personal data in one text. `offices`: an office's own contact data (a city hall's 代表電話 in a
    sentence) is not a person's; the submitter column passes False, since there even an organisation's
    number is masked (it is published beside the organisation's name)."""
    if not text:
        return []
    r = rules()
    f = Folded(text)
    folded = f.text
    spans: list[tuple[str, int, int, float, str]] = []
    for m in r.my_number.finditer(folded):
        digits = re.sub(r"\D", "", m.group())
        if my_number_valid(digits) and not r.not_my_number.search(folded[max(0, m.start() - 10):m.start()]):
            spans.append(("my_number", m.start(), m.end(), 0.98, "my-number"))
    office_spans: list[tuple[int, int]] = []
    for kind, rule, confidence, pattern in r.patterns:
        for m in pattern.finditer(folded):
            value = next((g for g in ("v", "w") if g in pattern.groupindex and m.group(g) is not None), None)
            start, end = m.span(value) if value else m.span()
            if kind == "email":
                local = re.split(r"\s?(?:@|\(|\[|<|\s|アット|あっと|[●★☆◆■◎])", m.group("v"))[0]
                if r.org_mailbox.match(local) or (r.public_domain.search(m.group("domain"))
                                                  and re.fullmatch(r"[a-z]+", local)):
                    continue  # jimukyoku@, info@: an office's mailbox; kosodate@city.….lg.jp: a department's
            if kind == "sns" and r.org_handle.search(folded[start:end]):
                continue  # @city_aoba_official: an organisation's account
            if kind == "url":
                url = _url_end(m.group())
                sure = url_personal(url)
                if sure is None:
                    continue
                start, end, confidence = m.start(), m.start() + len(url), sure
            elif kind == "phone":
                found = _phone(folded, m)
                if found is None:
                    continue
                start, end = found
            if offices and kind in ("phone", "address", "postal_code") and (
                    any(a < end and start < b for a, b in office_spans) or _office(folded, start, end)) and not (
                    kind == "phone" and r.mobile.match(folded[start:end])):
                office_spans.append((start, end))
                continue  # 市役所（〒… 青葉市本町5-18-6）, 総務課の代表電話（03-…）: an office's (and any part of it)
            spans.append((kind, start, end, confidence, rule))
    for kind, start, end, *_ in list(spans):
        if kind == "address":
            spans += names_after(folded, end)
    spans += find_names(folded)
    if any(s[0] == "name" and s[4] != PUBLIC_PERSON for s in spans):
        spans += [("age", m.start(), m.end(), 0.8, "age-with-name") for m in r.age.finditer(folded)]
    kept: list[tuple[str, int, int, float, str]] = []
    for s in sorted(spans, key=lambda s: (-s[3], s[1], -(s[2] - s[1]))):
        if all(s[2] <= k[1] or s[1] >= k[2] for k in kept):
            kept.append(s)
    out = []
    for kind, start, end, confidence, rule in sorted(kept, key=lambda s: s[1]):
        a, b = f.span(start, end)
        out.append(Finding(kind, a, b, confidence, rule, text[a:b]))
    return out


@lru_cache(maxsize=4096)
def looks_like_person(name: str) -> bool:
    """A name made only of a surname and given names, as the dictionary knows them (山田 太郎, John Smith)."""
    folded = Folded(name).text.strip()
    if not folded or len(folded) > 30:
        return False
    if re.fullmatch(r"[A-Z][A-Za-z]+(?:\s+[A-Z]\.?)?\s+[A-Z][A-Za-z]+|[ァ-ヺー]{2,7}\s[ァ-ヺー]{2,7}", folded):
        return True  # John Smith, ANDO Chiyo, ウルシバラ サクラ
    ws = [w for w in words(folded) if w.surface.strip()]
    if len(ws) == 2 and re.fullmatch(r"[一-龯々〆ヶ]{1,4}", ws[0].surface) and ws[1].person and "名" in ws[1].pos:
        return True  # 日野原恵美: a given name after a surname the dictionary lacks
    # 小林悠斗 may be 小林 + 悠 + 斗: a one-character noun may finish a given name the dictionary lacks
    return (bool(ws) and any(w.surname for w in ws) and len(folded) <= 10
            and all(w.person or (w.noun and len(w.surface) == 1 and re.fullmatch(r"[一-龯々]", w.surface))
                    for w in ws))


@lru_cache(maxsize=4096)
def holds_person_name(name: str) -> bool:
    """個人（山田太郎）holds a name; 個人 alone does not."""
    folded = Folded(name).text.strip()
    return looks_like_person(folded) or any(w.person for w in words(folded[:60]))


def high_confidence() -> float:
    return rules().high


@lru_cache(maxsize=1)
def file_rules() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """How a file name is screened: the run of digits that withholds it, and what separates its words."""
    data = packaged_yaml("guidetrace.comments", "privacy_fields.yaml")["file_names"]
    digits = int(data["digit_run"])
    return re.compile(r"\d(?:[\s_\-.()（）]*\d){%d,}" % (digits - 1)), re.compile(data["separators"])


def person_left(text: str, found: list[Finding]) -> bool:
    """A word outside the findings that reads as a person's name (山田花子 of 山田花子 090-…)."""
    rest = list(text)
    for f in found:
        rest[f.start:f.end] = [" "] * (f.end - f.start)
    _, separators = file_rules()
    return any(looks_like_person(word) for word in separators.split("".join(rest)) if word)
