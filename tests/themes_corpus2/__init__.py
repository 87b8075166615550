"""A second invented raw consultation (a city's condominium repair-fund guideline) with gold themes (GOLD.md), held out."""
