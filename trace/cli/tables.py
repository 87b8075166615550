"""A command's rows as a person reads them: the catalogue's headers, codes as words, no JSON in a cell.

JSON stays as the program wrote it (machine keys and codes); an English CSV keeps its column keys as
headers, as `report sections` does, so scripts can name them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..output import render


def labelled(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, lang: str, *, heads: str = "",
             codes: Mapping[str, str] | None = None, title: str | None = None) -> str:
    """`heads`: the catalogue prefix of the column labels (`check_`, `review_`); `codes`: column → the
    prefix of the labels its values are codes of (`kind` → `queue_`)."""
    from guidetrace.reports.labels import label
    from guidetrace.reports.tabular import to_csv, to_table

    if fmt == "json":
        return render(list(rows), "json")
    codes = codes or {}
    shown = [{**r, **{c: label(f"{p}{r[c]}", lang) for c, p in codes.items() if r.get(c) not in (None, "")}}
             for r in rows]
    headers = [label(f"{heads}{c}", lang) for c in columns]
    if fmt == "csv":
        return to_csv(shown, columns, headers if lang != "en" else columns, lang)
    return to_table(shown, columns, headers, lang, title=title)
