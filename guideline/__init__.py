"""guidetrace.guideline"""
