"""The languages guidetrace speaks, listed once: the catalogue (reports/data/labels.yaml) gives every
label in each, and `--lang`, project files and masks accept only these. A third language is one more
entry here and in the catalogue's files (tests/test_facts_once.py checks that they agree)."""

LANGS = ("ja", "en")
DEFAULT_LANG = LANGS[0]  # Japanese first
