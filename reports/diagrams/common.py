"""Pieces every diagram builder shares: label shortening, the heat palette, URL hooks."""

from __future__ import annotations

from collections.abc import Callable

UrlFor = Callable[[str], str] | None
HEAT = ("#ffffff", "#fee5d9", "#fcbba1", "#fc9272", "#fb6a4a", "#de2d26", "#a50f15")
MAX_NODES = 120


def short(text: str | None, limit: int = 22) -> str:
    text = (text or "").replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def heat_colour(count: int, top: int) -> tuple[str, str]:
    """Fill and font colour for a count, on a scale where `top` is the darkest."""
    if count <= 0 or top <= 0:
        return HEAT[0], "#111111"
    step = 1 + min(len(HEAT) - 2, int((count / top) * (len(HEAT) - 2)))
    return HEAT[step], "#ffffff" if step >= 4 else "#111111"


def shown_key(key: str, lang: str) -> str:
    """The whole guideline's key, `general`, reads 全般 on a Japanese diagram."""
    from ..labels import label

    return label("root_key", lang) if key == "general" else key
