"""The sections report: which sections drew comments, and which drew none."""
