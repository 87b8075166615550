"""A submission being written, with its gold written alongside: every planted value is placed through a marker.

Templates hold markers instead of the private values, so after rendering we know exactly where each value
sits. A draft whose value also turns up elsewhere (a surname 林 inside 森林, a given name さくら inside a
company name) would make the gold ambiguous; `finish` refuses it with `Clash` and the caller draws again.
Builders may write all their alternatives and let `rng.choice` keep one: only markers that end up in a
rendered field become plants, the others are dropped.
"""

from __future__ import annotations

import random
import re

from .privacy_heldout_people import Person, landline, mobile
from .privacy_realistic import Plant, Public, Sub

_MARK = re.compile("\x00(\\d+)\x00")
_KANJI_FORMS = {"full", "full-space", "full-wide", "surname"}


class Clash(Exception):
    """A planted value also occurs outside its own place: draw this submission again."""


class Draft:
    def __init__(self) -> None:
        self._plants: list[Plant] = []
        self._public: list[str] = []
        self._placed: list[int] = []

    def put(self, kind: str, value: str, style: str, field: str = "body") -> str:
        """Record a planted value and return the marker that stands for it in the template."""
        assert value and "\x00" not in value
        self._plants.append(Plant(kind, value, field, style))
        return f"\x00{len(self._plants) - 1}\x00"

    def name(self, p: Person, form: str, position: str, field: str = "body") -> str:
        style = f"{position}/{form}" + ("/old-kanji" if p.old_style and form in _KANJI_FORMS else "")
        return self.put("name", p.name(form), style, field)

    def raw_name(self, value: str, position: str, form: str, field: str = "body") -> str:
        return self.put("name", value, f"{position}/{form}", field)

    def pub(self, value: str) -> str:
        self._public.append(value)
        return value

    def _render(self, template: str | None, field: str) -> str | None:
        if template is None:
            return None
        out, spans, pos = [], [], 0
        for i, piece in enumerate(_MARK.split(template)):
            if i % 2:
                plant = self._plants[int(piece)]
                if plant.field != field:
                    raise AssertionError(f"marker for {plant.field} used in {field}")
                spans.append((pos, pos + len(plant.value), plant.kind))
                piece = plant.value
            out.append(piece)
            pos += len(piece)
        text = "".join(out)
        for plant in (self._plants[i] for i in self._placed):
            if plant.field != field:
                continue
            for m in re.finditer(re.escape(plant.value), text):
                inside = any(a <= m.start() and m.end() <= b and (plant.kind != "name" or k == "name") for a, b, k in spans)
                if not inside:
                    raise Clash(f"{plant.value!r} also occurs outside its place in {field}")
        return text

    def finish(self, body: str, submitter: str | None = None, file: str | None = None) -> Sub:
        self._placed = sorted({int(i) for t in (body, submitter, file) if t for i in _MARK.findall(t)})
        rendered = {"body": self._render(body, "body"), "submitter": self._render(submitter, "submitter"),
                    "file": self._render(file, "file")}
        seen: set[tuple[str, str, str]] = set()
        plants = []
        for p in (self._plants[i] for i in self._placed):
            if (p.kind, p.value, p.field) not in seen:
                seen.add((p.kind, p.value, p.field))
                plants.append(p)
        for p in plants:
            if p.value not in (rendered[p.field] or ""):
                raise AssertionError(f"planted value never placed: {p}")
        texts = "\n".join(t for t in rendered.values() if t)
        public = tuple(Public(v) for v in dict.fromkeys(self._public) if v in texts)
        if any(pub.value in p.value or p.value in pub.value for pub in public for p in plants):
            raise Clash("a public name overlaps a planted value")
        body_text = rendered["body"]
        assert body_text is not None
        return Sub(body_text, rendered["submitter"], rendered["file"], tuple(plants), public)


# ---- words the planted builders share -----------------------------------------------------------------------

JOBS = {  # by age: what a writer of that age calls themselves
    "young": ["大学生", "高校生", "アルバイト", "専門学校生", "会社員", "派遣社員", "看護師", "保育士"],
    "working": ["会社員", "主婦", "パート勤務", "自営業", "看護師", "農業", "保育士", "介護職員", "教員", "専業主夫", "派遣社員",
                "個人事業主", "薬剤師", "タクシー運転手", "シングルマザー"],
    "old": ["年金生活者", "無職", "農業", "自営業", "主婦", "元教員", "シルバー人材センター会員"],
}


def job_for(rng: random.Random, age: int) -> str:
    return rng.choice(JOBS["young" if age < 26 else "working" if age < 68 else "old"])
RESIDENCES = ["青葉区", "市内", "港北区", "川越市", "旭川市", "浜松市", "那覇市", "上田市", "当市", "市の北部", "駅の近く",
              "郊外の団地", "倉敷市", "練馬区", "つくば市"]


def phone_plant(d: Draft, rng: random.Random, position: str, kind: str = "any", labelled: bool = True) -> str:
    """A phone number with the label people put before it; the value planted is the number alone."""
    if kind == "any":
        kind = rng.choice(["mobile", "mobile", "home", "fax"])
    if kind == "mobile":
        form = rng.choice(["hyphen", "space", "plain", "wide", "paren"])
        label = rng.choice(["携帯：", "携帯 ", "TEL ", "連絡先 ", "☎", "電話は", "ケータイ ", "Tel: ", "(携帯) "])
        return (label if labelled else "") + d.put("phone", mobile(rng, form), f"{position}/mobile-{form}")
    form = rng.choice(["hyphen", "paren", "space", "wide", "plain"])
    if kind == "fax":
        label = rng.choice(["FAX ", "ＦＡＸ：", "Fax: ", "ファックス "])
        return (label if labelled else "") + d.put("phone", landline(rng, form), f"{position}/fax-{form}")
    label = rng.choice(["自宅 ", "TEL：", "電話 ", "℡", "お電話は "])
    return (label if labelled else "") + d.put("phone", landline(rng, form), f"{position}/home-{form}")
