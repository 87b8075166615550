import pytest

from guidetrace.guideline.keys import canonical_key, implied_parent, kind_for_key, normalize_text


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("3.1.2", "3.1.2"), ("3.1.2.", "3.1.2"), ("3. 1. 2.", "3.1.2"), ("３．１．２", "3.1.2"), ("３. １. ２.", "3.1.2"),
        ("サービス2-6", "サービス2-6"), ("サービス 2-6", "サービス2-6"), ("都市 OS 2-2", "都市OS2-2"),
        ("都市ＯＳ２－２", "都市OS2-2"), ("サプライチェーン 1", "サプライチェーン1"), ("【Appendix】 B", "Appendix B"),
        ("付録B", "Appendix B"), ("appendix b", "Appendix B"), ("全般", "general"), ("3.1.2(4)", "3.1.2(4)"),
        ("3.1.2①", "3.1.2(1)"),
    ],
)
def test_canonical_key(raw: str, key: str) -> None:
    assert canonical_key(raw) == key


def test_implied_structure() -> None:
    assert implied_parent("3.1.2") == "3.1"
    assert implied_parent("3") == "general"
    assert implied_parent("3.1.2(4)") == "3.1.2"
    assert implied_parent("サービス2-6") is None
    assert [kind_for_key(k) for k in ("3", "3.1", "3.1.2", "3.1.2.1", "Appendix B", "サービス2-6", "3.1.2(4)", "general")] == [
        "chapter", "section", "subsection", "subsection", "appendix", "measure", "item", "root"]


def test_normalize_text_keeps_circled_numbers_as_items() -> None:
    assert normalize_text("② インシデント　対応") == "(2) インシデント 対応"
