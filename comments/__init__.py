"""guidetrace.comments"""
