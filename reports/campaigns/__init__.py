"""Campaigns: clusters of identical or near-identical submissions, largest first."""
