"""Issue 32.3: a campaign is shown once. Section, topic, unresolved and search pages show one block for a
campaign's copies (its representative's text, its copies and senders, a link to its page, which lists
every member and what each changed); opinions in no campaign are shown as before, and counts are of
opinions, as before."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import delete, update

from guidetrace.reports.campaigns.differences import differences
from guidetrace.reports.site.pages import section_page, topic_page
from guidetrace.trace.models import Cluster, Comment
from guidetrace.trace.store import open_store

CORE = "導入の手順や費用の支援がないまま求めるのは現実的ではありません"  # in every copy, edited or not
BASE = ("SBOM（ソフトウェア部品表）の提出をすべての事業者に義務付ける記載に反対します。中小の事業者には負担が大きく、"
        f"{CORE}。段階的な導入とし、その旨を明記してください。")
ALONE = {  # opinions in no campaign, and where they cite
    "I1": ("3.1.3の記載について、SBOMの更新頻度の目安を示してほしい。", "3.1.3"),
    "I2": ("サプライチェーン管理の対象に委託先の再委託先も含めるべきです。", "3.2.1"),
    "I3": ("用語集の並びを五十音順にしてほしい。", ""),
}


def copies() -> list[tuple[str, str, str, str]]:
    """Twenty copies as campaign mail arrives: some as sent, some with a greeting, a word added, a comma's width
    changed, a closing; twelve cite 3.1.3 and eight 3.2.1; two senders sent it twice."""
    rows = []
    for i in range(1, 21):
        text = BASE
        if i % 5 == 1:
            text = "お世話になります。" + text
        elif i % 5 == 2:
            text = text.replace("反対します", "強く反対します")
        elif i % 5 == 3:
            text = text.replace("、", "，")
        elif i % 5 == 4:
            text += "以上です。"
        sender = f"団体{i if i <= 18 else i - 18}"  # 19 and 20 are 団体1 and 団体2 again
        rows.append((f"C{i:02d}", sender, text, "3.1.3" if i <= 12 else "3.2.1"))
    return rows


def write_raw(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["番号", "氏名", "ご意見", "該当箇所"])
        w.writerows(rows)
    return path


def shards(site: Path) -> list[list[str]]:
    rows: list[list[str]] = []
    for shard in sorted((site / "assets").glob("search-[0-9]*.js")):
        found = re.fullmatch(r"GT_SEARCH_SHARD\(\d+,(.*)\);\n", shard.read_text(encoding="utf-8"), re.S)
        assert found is not None
        rows += json.loads(found[1])
    return rows


def blocks(page: str) -> list[str]:
    return re.findall(r'<article class="opinion campaign".*?</article>', page, re.S)


def article(page: str, oid: str) -> str:
    found = re.search(rf'<article class="opinion" id="{re.escape(oid)}".*?</article>', page, re.S)
    assert found is not None, oid
    return found[0]


def anchors_resolve(site: Path) -> None:
    """Every link of every page names a file of the site, and an anchor it names is an id on that page."""
    ids: dict[str, set[str]] = {}
    for page in site.glob("*.html"):
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r'href="([^"]+)"', text):
            name, _, anchor = html.unescape(target).partition("#")
            name = name or page.name
            assert (site / name).is_file(), (page.name, target)
            if anchor:
                if name not in ids:
                    ids[name] = set(map(html.unescape, re.findall(r'\bid="([^"]+)"', (site / name).read_text("utf-8"))))
                assert anchor in ids[name], (page.name, target)


def test_a_campaign_is_shown_once_per_page_with_its_count_and_a_link(run, store_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    raw = write_raw(tmp_path / "raw.csv", copies() + [(k, f"個人{k}", text, where) for k, (text, where) in ALONE.items()])
    assert run("guideline", "load", "--bundled").exit_code == 0
    loaded = run("comments", "load-raw", str(raw), "--revision", "3.0-draft", "--round", "raw")
    assert loaded.exit_code == 0, loaded.output
    assert run("review", "accept", "--kind", "privacy").exit_code == 0
    (campaign,) = json.loads(run("report", "campaigns", "--format", "json").stdout)["campaigns"]
    members = [f"raw/R-C{i:02d}" for i in range(1, 21)]
    assert campaign["size"] == 20 and campaign["submitters"] == 18 and campaign["members"] == members
    site = tmp_path / "site"
    assert run("site", str(site)).exit_code == 0

    pages = {p.name: p.read_text(encoding="utf-8") for p in site.glob("*.html")}
    assert {n: t.count(CORE) for n, t in pages.items() if t.count(CORE) > 1} == {}  # never twice on one page
    first, second = section_page("3.0-draft", "3.1.3"), section_page("3.0-draft", "3.2.1")
    chapter, whole, sbom = section_page("3.0-draft", "3"), section_page("3.0-draft", "general"), topic_page("sbom")
    for name in (first, second, chapter, whole, sbom):
        assert pages[name].count(CORE) == 1 and len(blocks(pages[name])) == 1, name
    (block,) = blocks(pages[first])
    assert "20件（提出者 18者）" in block and "うちこの一覧に 12件" in block
    assert "うちこの一覧に 8件" in blocks(pages[second])[0]
    assert "この一覧に" not in blocks(pages[chapter])[0]  # below a section, copies are not all counted: no claim
    # counts are of opinions, as before: twelve copies and I1, eight and I2, both below chapter 3
    assert '<span id="direct-count">13</span>' in pages[first] and '<span id="direct-count">9</span>' in pages[second]
    assert '<span id="subtree-count">22</span>' in pages[chapter]

    link = re.search(r'<p class="members"><a href="([^"]+)">全20件と代表意見との違い</a>', block)
    assert link is not None and (site / link[1]).is_file()
    listed = pages[link[1]]
    assert re.findall(r'<tr id="([^"]+)"', listed) == members and listed.count(CORE) == 1
    assert "<ins" in listed and "強く" in listed and "お世話になります。" in listed and "，" in listed
    row = re.search(r'<tr id="raw/R-C02">.*?</tr>', listed, re.S)
    assert row is not None and re.search(r"<ins[^>]*>強く</ins>", row[0])  # the word a copy added
    texts = {f"raw/R-{k}": text for k, _, text, _ in copies()}
    same = [m for m in members if texts[m] == texts[campaign["representative"]]]  # the representative too
    assert len(same) == 4 and listed.count("代表意見と同じ文言") == 4

    rows = shards(site)
    with_text = [r for r in rows if CORE in (r[3] if len(r) > 3 else r[2])]
    assert len(with_text) == 1 and with_text[0][0] == link[1]  # the campaign: one row, linking to its page
    assert all(m.casefold() in with_text[0][2] for m in members)  # a member's id finds it (folded, as searched)
    assert not any(r[0].startswith(f"{first}#raw/R-C") for r in rows)
    assert [r[0] for r in rows if r[1].startswith("raw/R-I1")] == [f"{first}#raw/R-I1"]  # the others as before

    for key in ALONE:  # each opinion in no campaign has its article, as before
        assert f'id="raw/R-{key}"' in pages[whole] + pages[first] + pages[second]
    anchors_resolve(site)

    # The same store without its clusters: every copy listed in full (what this fixes), the others unchanged.
    store = open_store(store_url)
    try:
        with store.transaction() as session:
            session.execute(update(Comment).values(cluster_id=None))
            session.execute(delete(Cluster))
    finally:
        store.dispose()
    plain = tmp_path / "plain"
    assert run("site", str(plain)).exit_code == 0
    before = (plain / first).read_text(encoding="utf-8")
    assert before.count(CORE) == 12 and not blocks(before)
    assert article(before, "raw/R-I1") == article(pages[first], "raw/R-I1")
    i2 = (plain / second).read_text(encoding="utf-8")
    assert article(i2, "raw/R-I2") == article(pages[second], "raw/R-I2")


EN_CORE = "mandatory SBOM delivery would overwhelm small vendors without funding or guidance"
EN_BASE = f"We oppose the new requirement in 3.1.3: {EN_CORE}. Please phase it in and say so in the guideline."


def test_an_english_campaign_gets_english_labels(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rows = []
    for i in range(1, 9):
        text = EN_BASE if i % 2 else "Dear team, " + EN_BASE.replace("oppose", "strongly oppose")
        rows.append((f"E{i}", f"Vendor {i}", text, "3.1.3"))
    path = tmp_path / "raw.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "submitter", "text", "location"])
        w.writerows(rows + [("E9", "Vendor 9", "Section 3.2.1 should cover subcontractors of subcontractors.", "3.2.1")])
    assert run("guideline", "load", "--bundled").exit_code == 0
    assert run("comments", "load-raw", str(path), "--revision", "3.0-draft", "--round", "raw-en").exit_code == 0
    assert run("review", "accept", "--kind", "privacy").exit_code == 0
    site = tmp_path / "site"
    assert run("site", str(site)).exit_code == 0  # the documents' language: English
    page = (site / section_page("3.0-draft", "3.1.3")).read_text(encoding="utf-8")
    (block,) = blocks(page)
    assert page.count(EN_CORE) == 1 and "8 copies from 8 submitters" in block and ">campaign</a>" in block
    link = re.search(r'<p class="members"><a href="([^"]+)">all 8 copies and how each differs</a>', block)
    assert link is not None
    listed = (site / link[1]).read_text(encoding="utf-8")
    assert "<th>differences from the representative</th>" in listed and "same words as the representative" in listed
    assert len(re.findall(r'<tr id="raw-en/', listed)) == 8
    for text in (block, listed):
        assert not re.search(r"同趣旨|代表意見|件（", text)  # no Japanese label


@given(st.text(max_size=80), st.text(max_size=80))
def test_differences_name_only_words_each_text_has(representative: str, text: str) -> None:
    found = differences(representative, text)
    for change in found.changes:
        assert change.removed in representative and change.added in text and (change.removed + change.added).strip()
        assert (change.before + change.removed + change.after) in representative
    if not found.changes and not found.more:
        assert "".join(representative.split()) == "".join(text.split())  # nothing listed: the words are the same


BODY_CHARS, AROUND_CHARS = "カード利用反対しますSBOM。、 ", "お世話になり以上（）0123456789\n"  # no character in both


@given(st.text(BODY_CHARS, min_size=1, max_size=40), st.text(AROUND_CHARS, max_size=20),
       st.text(AROUND_CHARS, max_size=20))
def test_a_copy_with_words_around_it_shows_just_those(body: str, greeting: str, closing: str) -> None:
    found = differences(body, greeting + body + closing)
    assert "".join(c.added for c in found.changes) == "".join(p for p in (greeting, closing) if p.strip())
    assert not any(c.removed for c in found.changes)


def test_a_campaigns_words_and_edits_are_escaped_on_every_page(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The block and the campaign page show comment text (and each copy's changed words, inside <del>/<ins>)
    escaped: a copy whose edit adds markup shows it as text, never as an element."""
    rows = copies()
    rows[1] = (rows[1][0], rows[1][1], rows[1][2].replace("反対します", "<i onclick=a()>強く</i>反対します"), rows[1][3])
    rows[2] = (rows[2][0], '<b onmouseover=b()>団体</b>', rows[2][2], rows[2][3])
    raw = write_raw(tmp_path / "raw.csv", rows)
    assert run("guideline", "load", "--bundled").exit_code == 0
    assert run("comments", "load-raw", str(raw), "--revision", "3.0-draft", "--round", "raw").exit_code == 0
    (campaign,) = json.loads(run("report", "campaigns", "--format", "json").stdout)["campaigns"]
    assert "raw/R-C02" in campaign["members"]  # the edited copy stays in the campaign
    site = tmp_path / "site"
    assert run("site", str(site)).exit_code == 0
    pages = {p.name: p.read_text(encoding="utf-8") for p in site.glob("*.html")}
    for name, text in pages.items():
        assert "<i onclick" not in text and "<b onmouseover" not in text, name
    changes = [t for t in pages.values() if "<ins" in t]
    assert changes and any("&lt;i onclick=a()&gt;" in t for t in changes)  # the change, shown as text
