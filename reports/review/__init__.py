"""The review queue as a workbook editors fill in (the import is comments/review/workbook_import.py)."""
