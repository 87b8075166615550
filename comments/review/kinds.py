"""The review queue's vocabulary, apart from the queue itself so the command line can offer it cheaply."""

KINDS = ("privacy", "unresolved", "low-confidence", "title-only", "outdated", "unclassified", "conflict", "topic")
CONFIDENCE = 0.75  # citations below this are queued
